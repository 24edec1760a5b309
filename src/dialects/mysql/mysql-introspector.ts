import {
  type CheckConstraint,
  type Column,
  type DefaultValue,
  type ForeignKey,
  type Index,
  type IndexPart,
  type PrimaryKey,
  type ReferentialAction,
  type SchemaModel,
  type Table,
  type UniqueConstraint,
  withCollation,
} from '../../schema/model.js';
import type { IntrospectOptions, QueryExecutor, Row } from '../dialect.js';
import { type MysqlServer, parseServerVersion, serverAtLeast } from './mysql-adapter.js';
import { canonicalExpression } from './mysql-expression.js';
import { normalizeMysqlModel } from './mysql-normalize.js';
import { parseStringLiteral } from './mysql-sql.js';
import { parseColumnType } from './mysql-types.js';

/**
 * Reads the current database through `information_schema` with the same
 * seven queries whatever the number of tables: server, tables, columns,
 * index statistics, foreign-key columns, referential rules, checks. The
 * result is normalised (see mysql-normalize.ts).
 */
export async function introspectMysql(executor: QueryExecutor, options: IntrospectOptions): Promise<SchemaModel> {
  const [info] = await executor.query(
    'SELECT VERSION() AS version, DATABASE() AS db, @@character_set_database AS charset, @@collation_database AS collation',
  );
  const databaseDefaults = { charset: text(info?.charset) ?? '', collation: text(info?.collation) ?? '' };
  const server = parseServerVersion(text(info?.version) ?? '');
  const database = text(info?.db) ?? '';
  const excluded = new Set(options.exclude);
  const keep = (row: Row) => !excluded.has(text(row.table_name) ?? '');
  const tables = (await executor.query(TABLES_SQL)).filter(keep);
  const columns = (await executor.query(COLUMNS_SQL)).filter(keep);
  const statistics = (await executor.query(statisticsSql(server))).filter(keep);
  const keyColumns = (await executor.query(KEY_COLUMNS_SQL)).filter(keep);
  const rules = (await executor.query(REFERENTIAL_SQL)).filter(keep);
  const checks = (await executor.query(checksSql(server))).filter(keep);

  const jsonColumns = new Set<string>();
  const userChecks = groupBy(checks, (row) => text(row.table_name) ?? '').map(([table, rows]) => {
    const found = rows.filter((row) => !isJsonCheck(row, jsonColumns, table));
    return [table, found] as const;
  });
  const checksByTable = new Map(userChecks);
  const columnsByTable = new Map(groupBy(columns, (row) => text(row.table_name) ?? ''));
  const indexesByTable = new Map(groupBy(statistics, (row) => text(row.table_name) ?? ''));
  const fksByTable = new Map(groupBy(keyColumns, (row) => text(row.table_name) ?? ''));
  const rulesByName = new Map(rules.map((row) => [`${text(row.table_name)}.${text(row.constraint_name)}`, row]));

  const model: Table[] = tables.map((row) => {
    const name = text(row.table_name) ?? '';
    const indexes = readIndexes(indexesByTable.get(name) ?? [], server);
    return {
      schema: null,
      name,
      columns: (columnsByTable.get(name) ?? []).map((c) => readColumn(c, server, jsonColumns)),
      primaryKey: indexes.primaryKey,
      uniques: indexes.uniques,
      indexes: indexes.indexes,
      foreignKeys: readForeignKeys(fksByTable.get(name) ?? [], rulesByName, database),
      checks: (checksByTable.get(name) ?? []).map(
        (c): CheckConstraint => ({
          name: text(c.constraint_name) ?? '',
          expression: echoed(text(c.check_clause) ?? '', server),
        }),
      ),
      comment: text(row.table_comment) || null,
      // Reported only where they are not the database's defaults (as SHOW CREATE DATABASE has them).
      ...unlessDefault('collation', text(row.table_collation), databaseDefaults.collation),
      ...unlessDefault('charset', text(row.table_charset), databaseDefaults.charset),
    };
  });
  return normalizeMysqlModel({ tables: model, enums: [], databaseDefaults });
}

const TABLES_SQL = `SELECT t.TABLE_NAME AS table_name, t.TABLE_COMMENT AS table_comment,
  t.TABLE_COLLATION AS table_collation, c.CHARACTER_SET_NAME AS table_charset
FROM information_schema.TABLES t
LEFT JOIN information_schema.COLLATIONS c ON c.COLLATION_NAME = t.TABLE_COLLATION
WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE'
ORDER BY t.TABLE_NAME`;

// A column's collation is reported only where it is not its table's (the default it would follow).
const COLUMNS_SQL = `SELECT c.TABLE_NAME AS table_name, c.COLUMN_NAME AS column_name, c.COLUMN_TYPE AS column_type,
  c.DATA_TYPE AS data_type, c.IS_NULLABLE AS is_nullable, c.COLUMN_DEFAULT AS column_default,
  c.EXTRA AS extra, c.COLUMN_COMMENT AS column_comment, c.GENERATION_EXPRESSION AS generation_expression,
  CASE WHEN c.COLLATION_NAME <> t.TABLE_COLLATION THEN c.COLLATION_NAME END AS collation_name
FROM information_schema.COLUMNS c
JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
WHERE c.TABLE_SCHEMA = DATABASE()
ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION`;

/** Index parts; MySQL 8.0.13+ reports a functional key part's EXPRESSION (MariaDB has neither). */
function statisticsSql(server: MysqlServer): string {
  const expression = server.flavour === 'mysql' && serverAtLeast(server, 8, 0, 13) ? 'EXPRESSION' : 'NULL';
  return `SELECT TABLE_NAME AS table_name, INDEX_NAME AS index_name, NON_UNIQUE AS non_unique,
  COLUMN_NAME AS column_name, ${expression} AS expression
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA = DATABASE()
ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`;
}

const KEY_COLUMNS_SQL = `SELECT TABLE_NAME AS table_name, CONSTRAINT_NAME AS constraint_name, COLUMN_NAME AS column_name,
  REFERENCED_TABLE_SCHEMA AS referenced_schema, REFERENCED_TABLE_NAME AS referenced_table,
  REFERENCED_COLUMN_NAME AS referenced_column
FROM information_schema.KEY_COLUMN_USAGE
WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL
ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`;

const REFERENTIAL_SQL = `SELECT TABLE_NAME AS table_name, CONSTRAINT_NAME AS constraint_name,
  UPDATE_RULE AS update_rule, DELETE_RULE AS delete_rule
FROM information_schema.REFERENTIAL_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = DATABASE()`;

/**
 * MariaDB's CHECK_CONSTRAINTS has TABLE_NAME (check names are per table
 * there); MySQL's does not (names are per schema), so it is joined with
 * TABLE_CONSTRAINTS. MySQL before 8.0.16 has no checks at all.
 */
function checksSql(server: MysqlServer): string {
  if (server.flavour === 'mariadb') {
    return `SELECT TABLE_NAME AS table_name, CONSTRAINT_NAME AS constraint_name, CHECK_CLAUSE AS check_clause
FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = DATABASE()
ORDER BY TABLE_NAME, CONSTRAINT_NAME`;
  }
  if (!serverAtLeast(server, 8, 0, 16)) {
    return 'SELECT NULL AS table_name, NULL AS constraint_name, NULL AS check_clause FROM DUAL WHERE FALSE';
  }
  return `SELECT tc.TABLE_NAME AS table_name, cc.CONSTRAINT_NAME AS constraint_name, cc.CHECK_CLAUSE AS check_clause
FROM information_schema.CHECK_CONSTRAINTS cc
JOIN information_schema.TABLE_CONSTRAINTS tc
  ON tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA AND tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME
  AND tc.CONSTRAINT_TYPE = 'CHECK'
WHERE cc.CONSTRAINT_SCHEMA = DATABASE()
ORDER BY tc.TABLE_NAME, cc.CONSTRAINT_NAME`;
}

function unlessDefault(key: 'collation' | 'charset', value: string | null, fallback: string): Partial<Table> {
  return value === null || value === fallback ? {} : { [key]: value };
}

/** information_schema text may come back as a Buffer (binary collations on MySQL 8). */
function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return String(value);
}

function groupBy(rows: readonly Row[], key: (row: Row) => string): [string, Row[]][] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [row]);
    else group.push(row);
  }
  return [...groups];
}

/**
 * MariaDB's JSON is LONGTEXT plus a column check `json_valid(`col`)` named
 * after the column: the column reads back as json and the check is not the user's.
 */
function isJsonCheck(row: Row, jsonColumns: Set<string>, table: string): boolean {
  const name = text(row.constraint_name) ?? '';
  const clause = canonicalExpression(text(row.check_clause) ?? '');
  if (clause !== `json_valid(\`${name.toLowerCase()}\`)`) return false;
  jsonColumns.add(`${table}.${name}`);
  return true;
}

function readColumn(row: Row, server: MysqlServer, jsonColumns: ReadonlySet<string>): Column {
  const table = text(row.table_name) ?? '';
  const name = text(row.column_name) ?? '';
  const dataType = (text(row.data_type) ?? '').toLowerCase();
  const isJson = dataType === 'longtext' && jsonColumns.has(`${table}.${name}`);
  const extra = (text(row.extra) ?? '').toLowerCase();
  return {
    name,
    type: isJson
      ? { kind: 'json' }
      : withCollation(parseColumnType(text(row.column_type) ?? ''), text(row.collation_name)),
    nullable: text(row.is_nullable) === 'YES',
    default: readDefault(text(row.column_default), extra, server),
    autoIncrement: extra.includes('auto_increment'),
    comment: text(row.column_comment) || null,
    ...readGenerated(text(row.generation_expression), extra, server),
  };
}

/** EXTRA says `STORED GENERATED` / `VIRTUAL GENERATED`; the expression is in GENERATION_EXPRESSION. */
function readGenerated(expression: string | null, extra: string, server: MysqlServer): Partial<Column> {
  const stored = extra.includes('stored generated') || extra.includes('persistent generated');
  if (expression === null || expression === '' || !(stored || extra.includes('virtual generated'))) return {};
  return { generated: { expression: echoed(expression, server), stored } };
}

/**
 * MariaDB (10.2.7+) prints literals quoted (`'x'`), expressions bare and a
 * NULL default as the text `NULL`; MySQL prints literals bare and flags
 * expressions with `DEFAULT_GENERATED` in EXTRA.
 */
function readDefault(value: string | null, extra: string, server: MysqlServer): DefaultValue | null {
  if (value === null) return null;
  if (server.flavour === 'mariadb') {
    if (value === 'NULL') return null;
    const quoted = value.startsWith("'") ? parseStringLiteral(value) : null;
    if (quoted !== null) return { kind: 'literal', value: quoted };
    if (/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value)) return { kind: 'literal', value };
    return { kind: 'sql', sql: value };
  }
  if (extra.includes('default_generated') || /^current_timestamp(\(\d*\))?$/i.test(value)) {
    return { kind: 'sql', sql: echoed(value, server) };
  }
  return { kind: 'literal', value };
}

/**
 * MySQL 8 prints expressions (check clauses, expression defaults) with the
 * quotes of their string literals backslash-escaped (`_utf8mb4\'x\'`);
 * MariaDB prints them as written.
 */
function echoed(expression: string, server: MysqlServer): string {
  if (server.flavour === 'mariadb' || !expression.includes("\\'")) return expression;
  return expression.replace(/\\(['\\])/g, '$1');
}

interface IndexSet {
  readonly primaryKey: PrimaryKey | null;
  readonly uniques: UniqueConstraint[];
  readonly indexes: Index[];
}

function readIndexes(rows: readonly Row[], server: MysqlServer): IndexSet {
  let primaryKey: PrimaryKey | null = null;
  const uniques: UniqueConstraint[] = [];
  const indexes: Index[] = [];
  for (const [name, parts] of groupBy(rows, (row) => text(row.index_name) ?? '')) {
    // A functional key part (MySQL 8.0.13+) has no column name, only its expression.
    const columns = parts.map((p): IndexPart => {
      const column = text(p.column_name);
      return column ?? { expression: echoed(text(p.expression) ?? '', server) };
    });
    const unique = Number(parts[0]?.non_unique) === 0;
    const names = columns.filter((c): c is string => typeof c === 'string');
    if (name === 'PRIMARY') primaryKey = { name, columns: names };
    else if (unique && names.length === columns.length) uniques.push({ name, columns: names });
    else indexes.push({ name, columns, unique, where: null });
  }
  return { primaryKey, uniques, indexes };
}

const ACTIONS: Readonly<Record<string, ReferentialAction>> = {
  CASCADE: 'cascade',
  RESTRICT: 'restrict',
  'NO ACTION': 'no action',
  'SET NULL': 'set null',
  'SET DEFAULT': 'set default',
};

function readForeignKeys(rows: readonly Row[], rules: ReadonlyMap<string, Row>, database: string): ForeignKey[] {
  return groupBy(rows, (row) => text(row.constraint_name) ?? '').map(([name, parts]) => {
    const first = parts[0];
    const rule = rules.get(`${text(first?.table_name)}.${name}`);
    const referencedSchema = text(first?.referenced_schema);
    return {
      name,
      columns: parts.map((p) => text(p.column_name) ?? ''),
      referencedSchema: referencedSchema === null || referencedSchema === database ? null : referencedSchema,
      referencedTable: text(first?.referenced_table) ?? '',
      referencedColumns: parts.map((p) => text(p.referenced_column) ?? ''),
      onDelete: ACTIONS[text(rule?.delete_rule) ?? ''] ?? 'no action',
      onUpdate: ACTIONS[text(rule?.update_rule) ?? ''] ?? 'no action',
    };
  });
}
