import {
  type CheckConstraint,
  type Column,
  type ForeignKey,
  type Index,
  type PrimaryKey,
  type ReferentialAction,
  type SchemaModel,
  type Table,
  type UniqueConstraint,
  withCollation,
} from '../../schema/model.js';
import { resolveName } from '../../schema/naming.js';
import type { IntrospectOptions, QueryExecutor } from '../dialect.js';
import {
  type ParsedColumn,
  type ParsedConstraint,
  type ParsedTable,
  parseCreateIndex,
  parseCreateTable,
} from './sqlite-create-table-parser.js';
import { normalizeSqliteModel, parseSqliteDefault } from './sqlite-normalize.js';
import { parseEnumCheck, parseSqliteType } from './sqlite-types.js';
import { withoutOuterParens } from './sqlite-sql-text.js';

/**
 * Reads a SQLite database into the model with four queries whatever the
 * number of tables: the pragmas are table-valued functions, joined with
 * `sqlite_master`. Names of constraints and CHECK expressions exist only in
 * the CREATE TABLE text, which `sqlite-create-table-parser.ts` reads; an
 * unnamed constraint gets the naming convention's name (checks: `ck_<table>_<n>`).
 */

const TABLES_SQL = `SELECT name, sql FROM sqlite_master
 WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`;
// table_xinfo, not table_info: generated columns are hidden (2 virtual, 3 stored) from the latter.
const COLUMNS_SQL = `SELECT m.name AS tbl, p.name, p.type, p."notnull" AS not_null, p.dflt_value, p.pk
 FROM sqlite_master AS m JOIN pragma_table_xinfo(m.name) AS p
 WHERE m.type = 'table' AND p.hidden IN (0, 2, 3) ORDER BY m.name, p.cid`;
const INDEXES_SQL = `SELECT m.name AS tbl, il.name AS idx, il."unique" AS is_unique, il.origin, ii.seqno, ii.name AS col, s.sql
 FROM sqlite_master AS m JOIN pragma_index_list(m.name) AS il JOIN pragma_index_info(il.name) AS ii
 LEFT JOIN sqlite_master AS s ON s.type = 'index' AND s.name = il.name
 WHERE m.type = 'table' ORDER BY m.name, il.name, ii.seqno`;
const FOREIGN_KEYS_SQL = `SELECT m.name AS tbl, f.id, f."table" AS ref, f."from" AS col, f."to" AS ref_col, f.on_update, f.on_delete
 FROM sqlite_master AS m JOIN pragma_foreign_key_list(m.name) AS f
 WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq`;

interface TableRow {
  name: string;
  sql: string;
}
interface ColumnRow {
  tbl: string;
  name: string;
  type: string;
  not_null: number;
  dflt_value: string | null;
  pk: number;
}
interface IndexRow {
  tbl: string;
  idx: string;
  is_unique: number;
  origin: string;
  seqno: number;
  col: string | null;
  sql: string | null;
}
interface ForeignKeyRow {
  tbl: string;
  id: number;
  ref: string;
  col: string;
  ref_col: string | null;
  on_update: string;
  on_delete: string;
}

/** Groups rows by a key, keeping their order. */
function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [row]);
    else group.push(row);
  }
  return groups;
}

/** Reads every table but SQLite's own and `options.exclude`; the result is normalized. */
export async function introspectSqlite(executor: QueryExecutor, options: IntrospectOptions): Promise<SchemaModel> {
  const excluded = new Set(options.exclude);
  const tableRows = (await executor.query<TableRow & Record<string, unknown>>(TABLES_SQL)).filter(
    (t) => !excluded.has(t.name),
  );
  const columns = groupBy(await executor.query<ColumnRow & Record<string, unknown>>(COLUMNS_SQL), (r) => r.tbl);
  const indexes = groupBy(await executor.query<IndexRow & Record<string, unknown>>(INDEXES_SQL), (r) => r.tbl);
  const foreignKeys = groupBy(
    await executor.query<ForeignKeyRow & Record<string, unknown>>(FOREIGN_KEYS_SQL),
    (r) => r.tbl,
  );
  // `REFERENCES parent` without a column list means the parent's primary key; the pragma then reports no column.
  const primaryKeyOf = (table: string): string[] =>
    (columns.get(table) ?? [])
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
  const tables = tableRows.map((row) =>
    readTable(
      row,
      columns.get(row.name) ?? [],
      indexes.get(row.name) ?? [],
      foreignKeys.get(row.name) ?? [],
      primaryKeyOf,
    ),
  );
  return normalizeSqliteModel({ tables, enums: [] });
}

/** Whether a table of that name exists (schemas do not apply to SQLite). */
export async function sqliteTableExists(executor: QueryExecutor, name: string): Promise<boolean> {
  const rows = await executor.query("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ?", [name]);
  return rows.length > 0;
}

function readTable(
  row: TableRow,
  columnRows: ColumnRow[],
  indexRows: IndexRow[],
  fkRows: ForeignKeyRow[],
  primaryKeyOf: (table: string) => string[],
): Table {
  const parsed = parseCreateTable(row.sql);
  const indexGroups = [...groupBy(indexRows, (r) => r.idx).values()];
  const enumChecks = new Map<string, ParsedConstraint>();
  for (const column of columnRows) {
    const check = column.type.toUpperCase() === 'TEXT' ? findEnumCheck(column.name, parsed) : null;
    if (check !== null) enumChecks.set(column.name, check);
  }
  return {
    schema: null,
    name: row.name,
    columns: columnRows.map((c) => readColumn(c, parsed, enumChecks.get(c.name) ?? null)),
    primaryKey: readPrimaryKey(row.name, columnRows, parsed),
    uniques: indexGroups.filter((g) => g[0]?.origin === 'u').map((g) => readUnique(row.name, g, parsed)),
    indexes: indexGroups.filter((g) => g[0]?.origin === 'c').map(readIndex),
    foreignKeys: [...groupBy(fkRows, (r) => String(r.id)).values()].map((g) =>
      readForeignKey(row.name, g, parsed, primaryKeyOf),
    ),
    checks: readChecks(row.name, parsed, new Set(enumChecks.values())),
    comment: null,
  };
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function parsedColumn(parsed: ParsedTable, name: string): ParsedColumn | undefined {
  return parsed.columns.find((c) => sameName(c.name, name));
}

/** Table- and column-level constraints of one kind. */
function allConstraints(parsed: ParsedTable, kind: ParsedConstraint['kind']): ParsedConstraint[] {
  return [...parsed.constraints, ...parsed.columns.flatMap((c) => c.constraints)].filter((c) => c.kind === kind);
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, i) => sameName(name, b[i] ?? ''));
}

function readColumn(row: ColumnRow, parsed: ParsedTable, enumCheck: ParsedConstraint | null): Column {
  const column = parsedColumn(parsed, row.name);
  const constraints = column?.constraints ?? [];
  const enumType = enumCheck === null ? null : parseEnumCheck(enumCheck.name, enumCheck.expression ?? '', row.name);
  const type =
    enumType === null
      ? withCollation(parseSqliteType(row.type), column?.collation)
      : { kind: 'enum' as const, ...enumType, schema: null };
  return {
    name: row.name,
    type,
    // SQLite lets NULL into a non-INTEGER primary key unless NOT NULL is said; kiln's model says keys are not null.
    nullable: row.not_null === 0 && row.pk === 0,
    default: parseSqliteDefault(row.dflt_value, type),
    autoIncrement: constraints.some((c) => c.kind === 'primaryKey' && c.autoIncrement),
    comment: null,
    ...(column?.generated == null ? {} : { generated: { ...column.generated } }),
  };
}

/** The column-level check that encodes the column's enum type (see sqlite-types.ts), if any. */
function findEnumCheck(column: string, parsed: ParsedTable): ParsedConstraint | null {
  const constraints = parsedColumn(parsed, column)?.constraints ?? [];
  const found = constraints.find(
    (c) => c.kind === 'check' && c.expression !== null && parseEnumCheck(c.name, c.expression, column) !== null,
  );
  return found ?? null;
}

function readPrimaryKey(table: string, columnRows: ColumnRow[], parsed: ParsedTable): PrimaryKey | null {
  const columns = columnRows
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
  if (columns.length === 0) return null;
  const named = allConstraints(parsed, 'primaryKey').find((c) => c.name !== null);
  return { name: named?.name ?? resolveName('pk', { table, columns, referredTable: null }), columns };
}

function readUnique(table: string, rows: IndexRow[], parsed: ParsedTable): UniqueConstraint {
  const columns = rows.map((r) => r.col ?? '');
  const named = allConstraints(parsed, 'unique').find((c) => c.name !== null && sameColumns(c.columns, columns));
  return { name: named?.name ?? resolveName('unique', { table, columns, referredTable: null }), columns };
}

function readIndex(rows: IndexRow[]): Index {
  const first = rows[0] as IndexRow;
  const text = first.sql === null ? null : parseCreateIndex(first.sql);
  return {
    name: first.idx,
    // An expression item (cid -2) has no column name: its text comes from the CREATE INDEX.
    columns: rows.map((r, i) => r.col ?? { expression: withoutOuterParens(text?.items[i] ?? '') }),
    unique: first.is_unique === 1,
    where: text?.where ?? null,
  };
}

function action(text: string): ReferentialAction {
  const lower = text.toLowerCase();
  return lower === 'cascade' || lower === 'restrict' || lower === 'set null' || lower === 'set default'
    ? lower
    : 'no action';
}

function readForeignKey(
  table: string,
  rows: ForeignKeyRow[],
  parsed: ParsedTable,
  primaryKeyOf: (table: string) => string[],
): ForeignKey {
  const first = rows[0] as ForeignKeyRow;
  const columns = rows.map((r) => r.col);
  const named = allConstraints(parsed, 'foreignKey').find(
    (c) => c.name !== null && sameColumns(c.columns, columns) && sameName(c.referencedTable ?? '', first.ref),
  );
  return {
    name: named?.name ?? resolveName('foreignKey', { table, columns, referredTable: first.ref }),
    columns,
    referencedSchema: null,
    referencedTable: first.ref,
    referencedColumns: rows.every((r) => r.ref_col !== null)
      ? rows.map((r) => r.ref_col ?? '')
      : primaryKeyOf(first.ref),
    onDelete: action(first.on_delete),
    onUpdate: action(first.on_update),
  };
}

function readChecks(table: string, parsed: ParsedTable, enumChecks: ReadonlySet<ParsedConstraint>): CheckConstraint[] {
  return allConstraints(parsed, 'check')
    .filter((c) => !enumChecks.has(c) && c.expression !== null)
    .map((c, i) => ({ name: c.name ?? `ck_${table}_${i + 1}`, expression: c.expression ?? '' }));
}
