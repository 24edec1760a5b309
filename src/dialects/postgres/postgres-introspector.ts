import type {
  CheckConstraint,
  Column,
  ColumnType,
  EnumType,
  ForeignKey,
  Index,
  IndexPart,
  PrimaryKey,
  ReferentialAction,
  SchemaModel,
  Table,
  UniqueConstraint,
} from '../../schema/model.js';
import { freezeDeep, withCollation } from '../../schema/model.js';
import type { IntrospectOptions, QueryExecutor } from '../dialect.js';
import { parseDefault } from './postgres-default.js';
import { parsePostgresType } from './postgres-types.js';

/**
 * Reads the live schema from `pg_catalog` in exactly five queries whatever
 * the number of tables (tables, columns, constraints, indexes, enums): each
 * query covers every table in scope, never one table at a time.
 *
 * Scope: the schemas in `options.schemas`, by default the connection's
 * `current_schema()`, which is reported as schema null, plus
 * `options.extraSchemas`. Exclusion constraints have no place in the model
 * and are left out.
 *
 * The model holds what the server prints (`pg_get_expr(…, true)`); pass it
 * through `normalizePostgresModel` before comparing with a DSL model.
 */
export async function introspectPostgres(executor: QueryExecutor, options: IntrospectOptions): Promise<SchemaModel> {
  const params = [
    options.schemas === undefined ? null : [...options.schemas],
    [...options.exclude],
    [...(options.extraSchemas ?? [])],
  ];
  // One after another: a connection runs one query at a time anyway, and pg 9 will refuse overlap.
  const tableRows = await executor.query<TableRow>(TABLES_SQL, params);
  const columnRows = await executor.query<ColumnRow>(COLUMNS_SQL, params);
  const constraintRows = await executor.query<ConstraintRow>(CONSTRAINTS_SQL, params);
  const indexRows = await executor.query<IndexRow>(INDEXES_SQL, params);
  const enumRows = await executor.query<EnumRow>(ENUMS_SQL, params);
  const tables = new Map<string, TableBuilder>();
  for (const row of tableRows) tables.set(key(row.schema, row.name), newBuilder(row));
  const builderOf = (row: { schema: string | null; table: string }) => tables.get(key(row.schema, row.table));
  for (const row of columnRows) builderOf(row)?.columns.push(toColumn(row));
  for (const row of constraintRows) {
    const builder = builderOf(row);
    if (builder !== undefined) addConstraint(builder, row);
  }
  for (const row of indexRows) builderOf(row)?.indexes.push(toIndex(row));
  const enums: EnumType[] = enumRows.map((r) => ({ schema: r.schema, name: r.name, values: r.values }));
  return freezeDeep({ tables: [...tables.values()].map(toTable), enums });
}

/** Whether a table exists in `schema` (null: the connection's current schema): one cheap query. */
export async function postgresTableExists(
  executor: QueryExecutor,
  name: string,
  schema: string | null,
): Promise<boolean> {
  const rows = await executor.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relname = $1 AND n.nspname = COALESCE($2, current_schema()) AND c.relkind IN ('r', 'p')) AS found`,
    [name, schema],
  );
  return rows[0]?.found === true;
}

// Row shapes are type aliases, not interfaces: QueryExecutor's Row needs an index signature.
// $1: schemas (text[] or null for current_schema()), $2: excluded table names, $3: extra schemas.
const SCOPE = `WITH scope AS (
  SELECT c.oid, NULLIF(n.nspname, current_schema()) AS schema, c.relname AS name
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
    AND n.nspname = ANY (COALESCE($1::text[], ARRAY[current_schema()::text]) || $3::text[])
    AND NOT (c.relname = ANY ($2::text[])))`;

const TABLES_SQL = `${SCOPE}
SELECT s.schema, s.name, obj_description(s.oid, 'pg_class') AS comment
FROM scope s ORDER BY s.schema NULLS FIRST, s.name`;

const COLUMNS_SQL = `${SCOPE}
SELECT s.schema, s.name AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
  et.typtype = 'e' AS is_enum, et.typname AS type_name, NULLIF(etn.nspname, current_schema()) AS type_schema,
  ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = et.oid ORDER BY e.enumsortorder) AS enum_values,
  t.typcategory = 'A' AND t.typelem <> 0 AS is_array,
  a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid, true) AS default_sql,
  a.attidentity <> '' AS identity, a.attidentity::text AS identity_kind, a.attgenerated <> '' AS generated, a.attgenerated::text AS generated_kind,
  col_description(a.attrelid, a.attnum) AS comment,
  CASE WHEN a.attcollation <> t.typcollation THEN co.collname END AS collation
FROM scope s
JOIN pg_catalog.pg_attribute a ON a.attrelid = s.oid
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
-- et: the element type of an array column (an enum array's enum), else the column's own type.
JOIN pg_catalog.pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END
JOIN pg_catalog.pg_namespace etn ON etn.oid = et.typnamespace
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
WHERE a.attnum > 0 AND NOT a.attisdropped
ORDER BY s.schema NULLS FIRST, s.name, a.attnum`;

/** Column names of an attnum array, in array order. */
const attnames = (keys: string, rel: string) =>
  `ARRAY(SELECT a.attname::text FROM unnest(${keys}) WITH ORDINALITY k(num, ord)
     JOIN pg_catalog.pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.num ORDER BY k.ord)`;

const CONSTRAINTS_SQL = `${SCOPE}
SELECT s.schema, s.name AS table, con.conname AS name, con.contype AS type,
  ${attnames('con.conkey', 'con.conrelid')} AS columns,
  NULLIF(fn.nspname, current_schema()) AS ref_schema, fc.relname AS ref_table,
  ${attnames('con.confkey', 'con.confrelid')} AS ref_columns,
  con.confdeltype AS on_delete, con.confupdtype AS on_update,
  pg_get_constraintdef(con.oid, true) AS definition
FROM scope s
JOIN pg_catalog.pg_constraint con ON con.conrelid = s.oid
LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
WHERE con.contype IN ('p', 'u', 'f', 'c')
ORDER BY s.schema NULLS FIRST, s.name, con.conname`;

// Indexes that back a constraint belong to the constraint. An expression key part (attnum 0) is
// read as the server prints it (pg_get_indexdef of that column); a column part as its name.
const INDEXES_SQL = `${SCOPE}
SELECT s.schema, s.name AS table, ic.relname AS name, i.indisunique AS unique,
  ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, ord)
     LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num AND k.num <> 0
     WHERE k.ord <= i.indnkeyatts ORDER BY k.ord) AS columns,
  ARRAY(SELECT CASE WHEN k.num = 0 THEN pg_get_indexdef(i.indexrelid, k.ord::int, true) END
     FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, ord)
     WHERE k.ord <= i.indnkeyatts ORDER BY k.ord) AS expressions,
  pg_get_expr(i.indpred, i.indrelid, true) AS predicate, am.amname AS method,
  ARRAY(SELECT CASE WHEN oc.opcdefault THEN NULL ELSE oc.opcname::text END
     FROM unnest(i.indclass::oid[]) WITH ORDINALITY k(oid, ord)
     JOIN pg_catalog.pg_opclass oc ON oc.oid = k.oid
     WHERE k.ord <= i.indnkeyatts ORDER BY k.ord) AS opclasses
FROM scope s
JOIN pg_catalog.pg_index i ON i.indrelid = s.oid
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
WHERE NOT EXISTS (
  SELECT 1 FROM pg_catalog.pg_constraint con
  WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))
ORDER BY s.schema NULLS FIRST, s.name, ic.relname`;

// Enums of the schemas in scope, plus any enum a table in scope uses from elsewhere.
const ENUMS_SQL = `${SCOPE}
SELECT NULLIF(n.nspname, current_schema()) AS schema, t.typname AS name,
  ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS values
FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND (n.nspname = ANY (COALESCE($1::text[], ARRAY[current_schema()::text]) || $3::text[])
  OR t.oid IN (SELECT a.atttypid FROM pg_catalog.pg_attribute a JOIN scope s ON a.attrelid = s.oid)
  OR t.oid IN (SELECT at.typelem FROM pg_catalog.pg_attribute a JOIN scope s ON a.attrelid = s.oid
    JOIN pg_catalog.pg_type at ON at.oid = a.atttypid))
ORDER BY 1 NULLS FIRST, 2`;

type TableRow = {
  schema: string | null;
  name: string;
  comment: string | null;
};

type ColumnRow = {
  schema: string | null;
  table: string;
  name: string;
  type: string;
  is_enum: boolean;
  is_array: boolean;
  type_name: string;
  type_schema: string | null;
  enum_values: string[];
  not_null: boolean;
  default_sql: string | null;
  identity: boolean;
  /** 'a' GENERATED ALWAYS, 'd' BY DEFAULT, '' none. */
  identity_kind: string;
  generated: boolean;
  /** 's' stored, 'v' virtual (PostgreSQL 18), '' not generated. */
  generated_kind: string;
  comment: string | null;
  /** Only when it is not the type's default collation. */
  collation: string | null;
};

type ConstraintRow = {
  schema: string | null;
  table: string;
  name: string;
  type: 'p' | 'u' | 'f' | 'c';
  columns: string[];
  ref_schema: string | null;
  ref_table: string | null;
  ref_columns: string[];
  on_delete: string;
  on_update: string;
  definition: string;
};

type IndexRow = {
  schema: string | null;
  table: string;
  name: string;
  unique: boolean;
  /** Per key part: the column's name, or null for an expression. */
  columns: (string | null)[];
  /** Per key part: the expression as the server prints it, or null for a column. */
  expressions: (string | null)[];
  predicate: string | null;
  method: string;
  /** Per key column; null = the type's default operator class. */
  opclasses: (string | null)[];
};

type EnumRow = {
  schema: string | null;
  name: string;
  values: string[];
};

interface TableBuilder {
  readonly row: TableRow;
  readonly columns: Column[];
  primaryKey: PrimaryKey | null;
  readonly uniques: UniqueConstraint[];
  readonly indexes: Index[];
  readonly foreignKeys: ForeignKey[];
  readonly checks: CheckConstraint[];
}

function key(schema: string | null, name: string): string {
  return `${schema ?? ''}\u0000${name}`;
}

function newBuilder(row: TableRow): TableBuilder {
  return { row, columns: [], primaryKey: null, uniques: [], indexes: [], foreignKeys: [], checks: [] };
}

function toTable(b: TableBuilder): Table {
  const { schema, name, comment } = b.row;
  const { columns, primaryKey, uniques, indexes, foreignKeys, checks } = b;
  return { schema, name, columns, primaryKey, uniques, indexes, foreignKeys, checks, comment };
}

function toColumn(row: ColumnRow): Column {
  // A generated column's pg_attrdef entry is its generation expression, not a default.
  const parsed = row.default_sql === null || row.generated ? null : parseDefault(row.default_sql);
  // Literals are read into values; expressions keep the server's spelling (normalize canonicalises).
  const defaultValue =
    parsed?.default?.kind === 'sql' && row.default_sql !== null
      ? { kind: 'sql' as const, sql: row.default_sql }
      : (parsed?.default ?? null);
  return {
    name: row.name,
    type: columnType(row),
    nullable: !row.not_null,
    default: defaultValue,
    autoIncrement: row.identity || parsed?.autoIncrement === true,
    comment: row.comment,
    ...(row.identity_kind === 'a' ? { identity: 'always' as const } : {}),
    ...(row.generated && row.default_sql !== null
      ? { generated: { expression: row.default_sql, stored: row.generated_kind === 's' } }
      : {}),
  };
}

function columnType(row: ColumnRow): ColumnType {
  if (!row.is_enum) return withCollation(parsePostgresType(row.type), row.collation);
  const enumType: ColumnType = { kind: 'enum', name: row.type_name, values: row.enum_values, schema: row.type_schema };
  return row.is_array ? { kind: 'array', element: enumType } : enumType;
}

const ACTIONS: Readonly<Record<string, ReferentialAction>> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

function addConstraint(b: TableBuilder, row: ConstraintRow): void {
  switch (row.type) {
    case 'p':
      b.primaryKey = { name: row.name, columns: row.columns };
      return;
    case 'u':
      b.uniques.push({ name: row.name, columns: row.columns });
      return;
    case 'f':
      b.foreignKeys.push({
        name: row.name,
        columns: row.columns,
        referencedSchema: row.ref_schema,
        referencedTable: row.ref_table ?? '',
        referencedColumns: row.ref_columns,
        onDelete: ACTIONS[row.on_delete] ?? 'no action',
        onUpdate: ACTIONS[row.on_update] ?? 'no action',
      });
      return;
    case 'c':
      b.checks.push({ name: row.name, expression: checkExpression(row.definition) });
      return;
  }
}

/** `CHECK (expr) [NO INHERIT] [NOT VALID]` → `expr`. */
export function checkExpression(definition: string): string {
  const match = /^CHECK \((.*)\)(?: NO INHERIT)?(?: NOT VALID)?$/s.exec(definition.trim());
  return match?.[1] ?? definition;
}

function toIndex(row: IndexRow): Index {
  const method = row.method === 'btree' ? {} : { method: row.method };
  const opclasses = row.opclasses.some((o) => o !== null) ? { opclasses: row.opclasses } : {};
  // An expression stays as printed (`(a + b)`): the comparison's canonical spelling drops the parentheses.
  const columns = row.columns.map((column, i): IndexPart => column ?? { expression: row.expressions[i] ?? '' });
  return { name: row.name, columns, unique: row.unique, where: row.predicate, ...method, ...opclasses };
}
