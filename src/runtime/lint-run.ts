import type { Dialect, QueryExecutor } from '../dialects/dialect.js';
import { applyOperation } from '../operations/apply.js';
import { type LintCode, type LintSeverity, ruleHits, type RuleHit } from '../operations/lint-rules.js';
import { Operations } from '../operations/op.js';
import type { Operation, TableRef } from '../operations/operation.js';
import { findTable, qualifiedName, type SchemaModel, type Table } from '../schema/model.js';
import type { NamingConvention } from '../schema/naming.js';
import type { LoadedRevision } from './revision-module.js';

/** One `kiln lint` finding: a stable code, a severity, what and where, and how to fix it. */
export interface LintFinding {
  readonly code: LintCode;
  readonly severity: LintSeverity;
  /** The revision whose upgrade has the operation. */
  readonly revision: string;
  /** Qualified table name, when the finding is about one. */
  readonly table: string | null;
  readonly column: string | null;
  /** The rows the finding counted (the table's, or those holding NULL); null: not counted or unknown. */
  readonly rows: number | null;
  readonly message: string;
  readonly hint: string;
}

/** One revision's upgrade as recorded, and the codes it silences (`export const lintAllow = [...]`). */
export interface RecordedRevision {
  readonly revision: string;
  readonly operations: readonly Operation[];
  readonly allow: ReadonlySet<string>;
  /** Why recording stopped early (the upgrade threw, e.g. on a data step's empty answer); null: it ran through. */
  readonly stopped?: string | null;
}

/**
 * Runs a revision's upgrade against a sink that records the operations
 * instead of executing them (as `--sql` runs revisions without a
 * connection). `op.query` stops the recording, as it stops `--sql`: code
 * that acts on what a query returns must not run on invented rows, so the
 * operations after a data step are not linted; `queries` counts the reads
 * it stopped at (a data step `kiln squash` would lose).
 */
export async function recordUpgrade(
  revision: LoadedRevision,
  naming: Partial<NamingConvention>,
): Promise<{ operations: Operation[]; stopped: string | null; queries: number }> {
  const operations: Operation[] = [];
  let queries = 0;
  try {
    await revision.upgrade(
      new Operations(
        {
          run: async (op) => {
            operations.push(op);
          },
          query: async (sql) => {
            queries += 1;
            throw new Error(`op.query needs the database (${sql.split('\n')[0]})`);
          },
        },
        { naming },
      ),
    );
  } catch (error) {
    return { operations, stopped: error instanceof Error ? error.message : String(error), queries };
  }
  return { operations, stopped: null, queries };
}

/** Counts rows in the live database; absent when there is none to ask. */
export interface RowCounter {
  rows(ref: TableRef): Promise<number>;
  nulls(ref: TableRef, column: string): Promise<number>;
}

/**
 * COUNT(*) through `executor`, once per table (and per column for NULLs):
 * only tables with a row-dependent finding are counted.
 */
export function liveRowCounter(executor: QueryExecutor, dialect: Dialect): RowCounter {
  const cache = new Map<string, Promise<number>>();
  const name = (ref: TableRef) =>
    `${ref.schema === null ? '' : `${dialect.quoteIdentifier(ref.schema)}.`}${dialect.quoteIdentifier(ref.table)}`;
  const count = (key: string, sql: string) => {
    let result = cache.get(key);
    if (result === undefined) {
      result = executor.query<{ n: unknown }>(sql).then((rows) => Number(rows[0]?.n ?? 0));
      cache.set(key, result);
    }
    return result;
  };
  return {
    rows: (ref) => count(`${ref.schema}.${ref.table}`, `SELECT COUNT(*) AS n FROM ${name(ref)}`),
    nulls: (ref, column) =>
      count(
        `${ref.schema}.${ref.table}.${column}`,
        `SELECT COUNT(*) AS n FROM ${name(ref)} WHERE ${dialect.quoteIdentifier(column)} IS NULL`,
      ),
  };
}

/**
 * Where each table of the tracked model came from: its name in the live
 * database at the start, or null when a revision in the run created it (it
 * starts empty).
 */
class TableOrigins {
  private readonly origins = new Map<string, TableRef | null>();

  origin(ref: TableRef): TableRef | null {
    const key = qualifiedName({ schema: ref.schema, name: ref.table });
    return this.origins.has(key) ? (this.origins.get(key) ?? null) : ref;
  }

  follow(op: Operation): void {
    if (op.kind === 'createTable') this.origins.set(qualifiedName(op.table), null);
    if (op.kind === 'renameTable') {
      const from = this.origin(op);
      this.origins.set(qualifiedName({ schema: op.schema, name: op.newName }), from);
    }
  }
}

/** Applies `op` to the tracked model; an operation the model cannot follow (after raw SQL) leaves it as it was. */
function advance(model: SchemaModel, op: Operation, dialect: Dialect): SchemaModel {
  try {
    return applyOperation(model, op, dialect.simulation);
  } catch {
    return model;
  }
}

/**
 * Lints recorded revisions in order, from the schema `start` (the live
 * database's, or replayed from the revision files). `counter` null: row
 * counts are unknown and row-dependent findings say so. Also returns the
 * schema the revisions leave.
 */
export async function lintRevisions(
  revisions: readonly RecordedRevision[],
  start: SchemaModel,
  dialect: Dialect,
  counter: RowCounter | null,
): Promise<{ findings: LintFinding[]; silenced: number; model: SchemaModel }> {
  const findings: LintFinding[] = [];
  let silenced = 0;
  let model = start;
  const origins = new TableOrigins();
  for (const { revision, operations, allow, stopped } of revisions) {
    if (stopped != null && !allow.has('not-linted')) {
      findings.push({
        code: 'not-linted',
        severity: 'info',
        revision,
        table: null,
        column: null,
        rows: null,
        message: `the upgrade stopped while being recorded (${stopped.split('\n')[0]}); the operations after that point are not linted`,
        hint: 'lint does not run queries (op.query); review the steps after the data step by hand',
      });
    }
    for (const op of operations) {
      const ref = tableOf(op);
      const table = ref === null ? null : (findTable(model, ref.table, ref.schema) ?? null);
      for (const hit of ruleHits(op, { table, dialect: dialect.lintRules ?? null })) {
        const rows = await countFor(hit, start, origins, counter);
        const text = hit.describe(rows);
        if (text === null) continue;
        if (allow.has(hit.code)) {
          silenced += 1;
          continue;
        }
        findings.push({
          code: hit.code,
          revision,
          table: hit.table === null ? null : qualifiedName({ schema: hit.table.schema, name: hit.table.table }),
          column: hit.column,
          rows: hit.count === null ? null : rows,
          ...text,
        });
      }
      origins.follow(op);
      model = advance(model, op, dialect);
    }
  }
  return { findings, silenced, model };
}

function tableOf(op: Operation): TableRef | null {
  if (op.kind === 'createTable') return null;
  return 'table' in op && typeof op.table === 'string' ? { schema: op.schema ?? null, table: op.table } : null;
}

/** The rows a hit depends on: 0 for a table made in the run, counted in the live table otherwise, null when unknown. */
async function countFor(
  hit: RuleHit,
  start: SchemaModel,
  origins: TableOrigins,
  counter: RowCounter | null,
): Promise<number | null> {
  if (hit.count === null || hit.table === null) return null;
  const origin = origins.origin(hit.table);
  if (origin === null) return 0;
  if (counter === null) return null;
  const live: Table | undefined = findTable(start, origin.table, origin.schema);
  if (live === undefined) return null;
  if (hit.count === 'rows') return counter.rows(origin);
  const column = hit.column ?? '';
  // A column added (or renamed) in this run has no live values to count.
  if (!live.columns.some((c) => c.name === column)) return null;
  return counter.nulls(origin, column);
}
