import { isDeepStrictEqual } from 'node:util';
import type { ModelComparison } from '../../schema/comparison.js';
import type { CheckConstraint, Column, Index, SchemaModel, Table } from '../../schema/model.js';
import { qualifiedName } from '../../schema/model.js';
import type { QueryExecutor } from '../dialect.js';
import { canonicalExpression } from './postgres-expression.js';
import { checkExpression } from './postgres-introspector.js';
import { parsePostgresType, postgresColumnType } from './postgres-types.js';

/**
 * How PostgreSQL models are compared. The introspected side holds what the
 * server prints (`format_type`, `pg_get_constraintdef`, `pg_get_expr`).
 * Defaults, check expressions and partial-index predicates are compared in
 * kiln's canonical spelling (`canonicalExpression`: casts removed, `IN`
 * and `BETWEEN` spelled as the server spells them, words and spacing fixed).
 * Where that spelling cannot settle it (a check whose two texts still
 * differ, a raw type written otherwise than `format_type` prints it), the
 * server decides: the model's side is created in temporary tables, inside
 * a transaction that is rolled back, and read back through the same
 * catalogue functions as the database's side. All of that is one round trip
 * (one multi-statement query), whatever the number of tables; a table or
 * type the server refuses (an enum type not created yet, an invalid
 * expression) is left to kiln's spelling, as everything is offline.
 */
export interface SqlSpelling {
  quote(name: string): string;
  literal(value: string): string;
}

interface ServerSpellings {
  /** Raw type as written → `format_type` of it. */
  readonly types: ReadonlyMap<string, string>;
  /** `checkKey` → `pg_get_constraintdef` of it, without `CHECK (…)`. */
  readonly checks: ReadonlyMap<string, string>;
}

const NONE: ServerSpellings = { types: new Map(), checks: new Map() };
const SCRATCH = 'kiln_cmp_';

const checkKey = (table: Table, check: CheckConstraint) =>
  `${qualifiedName(table)}\u0000${check.name}\u0000${check.expression}`;

/** See the module comment. `executor` null: offline, nothing is asked. */
export async function postgresComparison(
  database: SchemaModel,
  target: SchemaModel,
  executor: QueryExecutor | null,
  spelling: SqlSpelling,
): Promise<ModelComparison> {
  const server = executor === null ? NONE : await serverSpellings(database, target, executor, spelling);
  return {
    column(column: Column): Column {
      // An array is compared as its spelling read back, as a raw type is: `rawType('"Role"[]')` and the
      // enum array the catalogue reports are then the same type.
      const type =
        column.type.kind === 'raw'
          ? parsePostgresType(server.types.get(column.type.sql) ?? column.type.sql)
          : column.type.kind === 'array'
            ? parsePostgresType(postgresColumnType(column.type, spelling.quote))
            : column.type;
      const value = column.default;
      const canonical = value?.kind === 'sql' ? { kind: 'sql' as const, sql: canonicalExpression(value.sql) } : value;
      const { generated } = column;
      return {
        ...column,
        type,
        default: canonical,
        ...(generated === undefined
          ? {}
          : { generated: { ...generated, expression: canonicalExpression(generated.expression) } }),
      };
    },
    check(check: CheckConstraint, table: Table): CheckConstraint {
      const rendered = server.checks.get(checkKey(table, check)) ?? check.expression;
      return { name: check.name, expression: canonicalExpression(rendered) };
    },
    index(index: Index): Index {
      const columns = index.columns.map((c) =>
        typeof c === 'string' ? c : { expression: canonicalExpression(c.expression) },
      );
      return { ...index, columns, where: index.where === null ? null : canonicalExpression(index.where) };
    },
  };
}

/** What kiln's own spelling cannot settle: the model's checks and raw types whose texts still differ. */
interface Questions {
  /** Per model table: the checks to render (others need no scratch table). */
  readonly checks: ReadonlyArray<readonly [Table, readonly CheckConstraint[]]>;
  readonly types: readonly string[];
}

function questions(database: SchemaModel, target: SchemaModel): Questions {
  const live = new Map(database.tables.map((t) => [qualifiedName(t), t]));
  const checks: [Table, CheckConstraint[]][] = [];
  const types = new Set<string>();
  for (const table of target.tables) {
    const current = live.get(qualifiedName(table));
    if (current === undefined) continue;
    const differing = table.checks.filter((check) => {
      const other = current.checks.find((c) => c.name === check.name);
      return other !== undefined && canonicalExpression(other.expression) !== canonicalExpression(check.expression);
    });
    if (differing.length > 0) checks.push([table, differing]);
    for (const column of table.columns) {
      if (column.type.kind !== 'raw') continue;
      const other = current.columns.find((c) => c.name === column.name);
      if (other !== undefined && !isDeepStrictEqual(parsePostgresType(column.type.sql), other.type))
        types.add(column.type.sql);
    }
  }
  return { checks, types: [...types] };
}

/** A temporary table with `table`'s columns and the given checks. */
function checkScratch(table: Table, checks: readonly CheckConstraint[], name: string, spelling: SqlSpelling): string {
  const quote = (n: string) => spelling.quote(n);
  const elements = [
    ...table.columns.map((c) => `${quote(c.name)} ${postgresColumnType(c.type, quote)}`),
    ...checks.map((c) => `CONSTRAINT ${quote(c.name)} CHECK (${c.expression})`),
  ];
  return `CREATE TEMPORARY TABLE ${quote(name)} (${elements.join(', ')})`;
}

/** A dollar-quote tag that the text does not contain, so that nothing in a model can end the block. */
function dollarTag(text: string): string {
  let n = 0;
  while (text.includes(`$kiln${n}$`)) n++;
  return `$kiln${n}$`;
}

const READ_BACK = `SELECT c.relname AS scratch, 'type' AS kind, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS spelling
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relnamespace = pg_my_temp_schema() AND c.relname LIKE '${SCRATCH}t%'
UNION ALL
SELECT c.relname, 'check', con.conname, pg_get_constraintdef(con.oid, true)
FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
WHERE c.relnamespace = pg_my_temp_schema() AND c.relname LIKE '${SCRATCH}c%' AND con.contype = 'c'`;

interface SpellingRow {
  readonly scratch: string;
  readonly kind: 'type' | 'check';
  readonly name: string;
  readonly spelling: string;
}

async function serverSpellings(
  database: SchemaModel,
  target: SchemaModel,
  executor: QueryExecutor,
  spelling: SqlSpelling,
): Promise<ServerSpellings> {
  const asked = questions(database, target);
  if (asked.checks.length === 0 && asked.types.length === 0) return NONE;
  const creates = [
    ...asked.checks.map(([table, checks], i) => checkScratch(table, checks, `${SCRATCH}c${i}`, spelling)),
    ...asked.types.map((type, i) => `CREATE TEMPORARY TABLE ${spelling.quote(`${SCRATCH}t${i}`)} (c ${type})`),
  ];
  // Each CREATE runs in its own exception block (a subtransaction): one the server refuses skips only itself.
  const body = creates
    .map((sql) => `BEGIN EXECUTE ${spelling.literal(sql)}; EXCEPTION WHEN others THEN NULL; END;`)
    .join('\n');
  const tag = dollarTag(body);
  const batch = `BEGIN;\nDO ${tag} BEGIN\n${body}\nEND ${tag};\n${READ_BACK};\nROLLBACK`;
  let rows: SpellingRow[];
  try {
    rows = await executor.query<SpellingRow & Record<string, unknown>>(batch);
  } catch {
    // Not fatal: compare in kiln's own spelling. The failed batch left its transaction open.
    await executor.query('ROLLBACK').catch(() => undefined);
    return NONE;
  }
  return collect(asked, rows);
}

function collect(asked: Questions, rows: readonly SpellingRow[]): ServerSpellings {
  const types = new Map<string, string>();
  const checks = new Map<string, string>();
  for (const row of rows) {
    const which = row.scratch.slice(SCRATCH.length);
    const index = Number(which.slice(1));
    if (which.startsWith('t') && row.kind === 'type') {
      const type = asked.types[index];
      if (type !== undefined) types.set(type, row.spelling);
    } else if (which.startsWith('c') && row.kind === 'check') {
      const [table, list] = asked.checks[index] ?? [];
      const check = list?.find((c) => c.name === row.name);
      if (table !== undefined && check !== undefined) checks.set(checkKey(table, check), checkExpression(row.spelling));
    }
  }
  return { types, checks };
}
