import type { ColumnType, Table } from '../schema/model.js';
import { tableLabel } from './apply-table.js';
import type { TableOperation } from './apply-table.js';
import type { AlterColumnOp, Operation, TableRef } from './operation.js';
import { renderType } from './render-column.js';
import { isNarrowing } from './type-narrowing.js';

/**
 * The stable codes of `kiln lint` findings (documented in the README's
 * "Reviewing a migration"); a revision silences one with
 * `export const lintAllow = ['drop-column'];`.
 */
export const LINT_CODES = [
  'drop-table',
  'drop-column',
  'not-null-without-default',
  'not-null-with-nulls',
  'type-narrowing',
  'enum-value-removal',
  'table-rewrite',
  'index-without-concurrently',
  'rename-table',
  'rename-column',
  'raw-sql',
  'not-linted',
] as const;

export type LintCode = (typeof LINT_CODES)[number];

/** `error`: loses data or fails on the rows there; `warning`: locks or breaks running code; `info`: worth a look. */
export type LintSeverity = 'error' | 'warning' | 'info';

/** The codes whose operations destroy stored values: also marked by a comment in rendered revisions. */
export const DATA_LOSS_CODES: ReadonlySet<LintCode> = new Set([
  'drop-table',
  'drop-column',
  'type-narrowing',
  'enum-value-removal',
]);

/**
 * Rows of a table at which a locked rewrite or a blocking index build
 * counts as a warning (below it: info). 100,000 rows take about a second to
 * copy or index on common hardware, long enough for writers to queue.
 */
export const BIG_TABLE_ROWS = 100_000;

/** What a finding says, once the rows it depends on are counted. */
export interface FindingText {
  readonly severity: LintSeverity;
  readonly message: string;
  readonly hint: string;
}

/**
 * One rule matching one operation, before rows are counted. `count` says
 * which rows its wording depends on: all of the table's, those holding NULL
 * in `column`, or none; `describe` gets that number (null: unknown, no
 * database) and returns the finding, or null when the rows make it harmless.
 */
export interface RuleHit {
  readonly code: LintCode;
  readonly table: TableRef | null;
  readonly column: string | null;
  readonly count: 'rows' | 'nulls' | null;
  describe(rows: number | null): FindingText | null;
}

/** What the database's dialect says about an operation (see `Dialect.lintRules`); absent: nothing dialect-specific. */
export interface DialectLintFacts {
  /** Whether `op` copies every row of `table` while holding a lock (PostgreSQL ALTER TYPE, MySQL COPY, SQLite rebuild). */
  rewrites(op: TableOperation, table: Table): boolean;
  /** CREATE INDEX blocks writes unless built CONCURRENTLY, which the database has (PostgreSQL). */
  readonly concurrentIndexes: boolean;
}

/** The table an operation works on, as it is right before it (null: unknown), and the dialect's facts. */
export interface RuleContext {
  readonly table: Table | null;
  readonly dialect: DialectLintFacts | null;
}

const rowsText = (rows: number | null) => (rows === null ? 'an unknown number of' : String(rows));

/** Severity of a lock held while every row is copied or indexed: none on an empty table. */
function lockSeverity(rows: number | null): LintSeverity | null {
  if (rows === 0) return null;
  return rows !== null && rows >= BIG_TABLE_ROWS ? 'warning' : 'info';
}

function typeLabel(type: ColumnType): string {
  return renderType(type, new Set()).replace(/\(\)$/, '');
}

function hit(
  code: LintCode,
  table: TableRef | null,
  column: string | null,
  count: RuleHit['count'],
  describe: (rows: number | null) => FindingText | null,
): RuleHit {
  return { code, table, column, count, describe };
}

/**
 * The rules one operation matches, in a fixed order. Pure: `context` (the
 * table before the operation, the dialect's facts) is given; `null` context
 * gives the rules that need neither (the data-loss comments of a rendered
 * revision).
 *
 * @example ruleHits(dropColumnOp, null)[0].describe(null).message // 'dropping column con_user.email discards its values'
 */
export function ruleHits(op: Operation, context: RuleContext | null): RuleHit[] {
  switch (op.kind) {
    case 'dropTable':
      return [
        hit('drop-table', op, null, 'rows', (rows) => ({
          severity: 'error',
          message: `dropping table ${tableLabel(op)} discards its ${rows === null ? '' : `${rows} `}rows`,
          hint: 'stop the app using it first and keep a backup; if intended, allow drop-table in the revision',
        })),
      ];
    case 'dropColumn':
      return [
        hit('drop-column', op, op.column, null, () => ({
          severity: 'error',
          message: `dropping column ${tableLabel(op)}.${op.column} discards its values`,
          hint: 'deploy code that no longer reads the column first; if intended, allow drop-column in the revision',
        })),
      ];
    case 'renameTable':
      return [
        hit('rename-table', op, null, null, () => ({
          severity: 'warning',
          message: `renaming table ${tableLabel(op)} to ${op.newName} breaks app code still using the old name`,
          hint: 'deploy code that reads both names (or a view under the old name) before this revision',
        })),
      ];
    case 'addColumn':
      return addColumnHits(op, context);
    case 'alterColumn':
      return alterColumnHits(op, context);
    case 'alterEnum': {
      const removed = (op.removeValues ?? []).filter((v) => !op.addValues.includes(v));
      if (removed.length === 0) return [];
      const values = removed.map((v) => `'${v}'`).join(', ');
      const name = `${op.schema === null ? '' : `${op.schema}.`}${op.name}`;
      return [
        hit('enum-value-removal', null, null, null, () => ({
          severity: 'error',
          message: `removing ${values} from enum ${name} fails while rows hold them`,
          hint: 'update the rows holding them in a data step first (op.execute(UPDATE …))',
        })),
      ];
    }
    case 'createIndex':
      return indexHits(op, context);
    case 'execute':
      return [
        hit('raw-sql', null, null, null, () => ({
          severity: 'info',
          message: 'raw SQL (op.execute) is not linted',
          hint: 'review the statement by hand',
        })),
      ];
    default:
      return rewriteHits(op, context);
  }
}

function addColumnHits(op: Extract<Operation, { kind: 'addColumn' }>, context: RuleContext | null): RuleHit[] {
  const { column } = op;
  const needsValue = !column.nullable && column.default === null && !column.autoIncrement && column.generated == null;
  const hits = rewriteHits(op, context);
  if (!needsValue) return hits;
  return [
    hit('not-null-without-default', op, column.name, 'rows', (rows) =>
      rows === 0
        ? null
        : {
            severity: rows === null ? 'warning' : 'error',
            message: `table ${tableLabel(op)} has ${rowsText(rows)} row(s): column ${column.name} is added NOT NULL without a default, so the upgrade fails (or, on MySQL, fills an implicit value)`,
            hint: NOT_NULL_HINT,
          },
    ),
    ...hits,
  ];
}

const NOT_NULL_HINT =
  'add a default, or a data step in the revision (fill the column with op.execute(UPDATE …)) before it';

function alterColumnHits(op: AlterColumnOp, context: RuleContext | null): RuleHit[] {
  const hits: RuleHit[] = [];
  const label = `${tableLabel(op)}.${op.column}`;
  if (op.name !== undefined && op.name.to !== op.column) {
    hits.push(
      hit('rename-column', op, op.column, null, () => ({
        severity: 'warning',
        message: `renaming column ${label} to ${op.name?.to} breaks app code still using the old name`,
        hint: 'deploy code that reads both names first, or add the new column, copy, and drop the old one later',
      })),
    );
  }
  const from = op.type?.from ?? context?.table?.columns.find((c) => c.name === op.column)?.type;
  if (op.type !== undefined && from !== undefined && isNarrowing(from, op.type.to)) {
    const to = op.type.to;
    hits.push(
      hit('type-narrowing', op, op.column, null, () => ({
        severity: 'error',
        message: `changing ${label} from ${typeLabel(from)} to ${typeLabel(to)} may truncate or reject its values`,
        hint: 'check the longest/largest stored value first; if intended, allow type-narrowing in the revision',
      })),
    );
  }
  if (op.nullable?.to === false && op.nullable.from !== false) {
    hits.push(
      hit('not-null-with-nulls', op, op.column, 'nulls', (rows) =>
        rows === 0
          ? null
          : {
              severity: rows === null ? 'warning' : 'error',
              message:
                rows === null
                  ? `column ${label} is made NOT NULL: the upgrade fails if it holds NULL`
                  : `column ${label} holds NULL in ${rows} row(s): making it NOT NULL fails at upgrade`,
              hint: NOT_NULL_HINT,
            },
      ),
    );
  }
  return [...hits, ...rewriteHits(op, context)];
}

function indexHits(op: Extract<Operation, { kind: 'createIndex' }>, context: RuleContext | null): RuleHit[] {
  if (context?.dialect?.concurrentIndexes !== true || context.table === null) return [];
  return [
    hit('index-without-concurrently', op, null, 'rows', (rows) => {
      const severity = lockSeverity(rows);
      if (severity === null) return null;
      return {
        severity,
        message: `index ${op.index.name} is built on ${tableLabel(op)} (${rowsText(rows)} rows) without CONCURRENTLY, blocking writes while it builds`,
        hint: "in a revision with `export const transactional = false`, use op.execute('CREATE INDEX CONCURRENTLY …')",
      };
    }),
  ];
}

/** A full-table rewrite the dialect reports for a change to an existing table. */
function rewriteHits(op: Operation, context: RuleContext | null): RuleHit[] {
  const table = context?.table ?? null;
  const facts = context?.dialect ?? null;
  if (table === null || facts === null || !isTableOperation(op) || !facts.rewrites(op, table)) return [];
  return [
    hit('table-rewrite', op, null, 'rows', (rows) => {
      const severity = lockSeverity(rows);
      if (severity === null) return null;
      return {
        severity,
        message: `${op.kind} rewrites table ${tableLabel(op)} (${rowsText(rows)} rows) while holding a lock`,
        hint: 'run it when writes can wait, or add a new column, backfill it in batches and swap',
      };
    }),
  ];
}

const TABLE_OPERATION_KINDS: ReadonlySet<Operation['kind']> = new Set([
  'addColumn',
  'dropColumn',
  'alterColumn',
  'createIndex',
  'dropIndex',
  'createUniqueConstraint',
  'createForeignKey',
  'createCheckConstraint',
  'createPrimaryKey',
  'dropConstraint',
]);

function isTableOperation(op: Operation): op is TableOperation {
  return TABLE_OPERATION_KINDS.has(op.kind);
}
