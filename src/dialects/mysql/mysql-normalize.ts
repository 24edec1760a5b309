import type {
  Column,
  ColumnType,
  DefaultValue,
  ForeignKey,
  Index,
  ReferentialAction,
  SchemaModel,
  Table,
  UniqueConstraint,
} from '../../schema/model.js';
import {
  freezeDeep,
  hasIndexExpression,
  indexColumnNames,
  tableOptions,
  withCollation,
  withPrecision,
} from '../../schema/model.js';
import { exactNumber } from '../../schema/numeric-text.js';
import { duplicatesPrimaryKey } from '../../schema/primary-key-duplicates.js';
import { canonicalExpression, canonicalExpressionTokens } from './mysql-expression.js';
import { DEFAULT_DECIMAL_PRECISION, DEFAULT_VARCHAR_LENGTH, isNumericType, parseColumnType } from './mysql-types.js';

/**
 * Rewrites a model into the form MySQL/MariaDB read it back in, so that the
 * DSL's model and the introspected one compare equal when they mean the same
 * (see `Dialect.normalize`). Idempotent. What it does, and why:
 *
 * - types: uuid → char(36), varchar() → varchar(255), numeric() → numeric(10,0),
 *   raw types re-read as the server would print them; enums are inline and
 *   named `<table>_<column>` (the server keeps no enum name), `enums` is empty;
 * - defaults: literals typed by column (the server echoes `'1'`, `1.50`),
 *   `now()`/`current_timestamp()` → `CURRENT_TIMESTAMP`, SQL literals → literals,
 *   expressions in canonical spelling; none on AUTO_INCREMENT columns;
 * - primary keys are named `PRIMARY` and their columns NOT NULL;
 * - unique indexes are unique constraints (MySQL cannot tell them apart);
 * - the index InnoDB creates for a foreign key no other index serves (named
 *   after the constraint, on its columns) is left out: it comes and goes with
 *   the key (the compiler drops it with the key), so a model never lists it
 *   and autogenerate never writes createIndex/dropIndex for it;
 * - RESTRICT is NO ACTION (InnoDB treats them alike; MariaDB reports an
 *   unspecified action as RESTRICT);
 * - '' comments are no comment; everything sorted by name.
 */
export function normalizeMysqlModel(model: SchemaModel): SchemaModel {
  const tables = model.tables.map(normalizeTable).sort((a, b) => compare(a.name, b.name));
  const defaults = model.databaseDefaults;
  return freezeDeep({ tables, enums: [], ...(defaults === undefined ? {} : { databaseDefaults: defaults }) });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byName<T extends { readonly name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compare(a.name, b.name));
}

function normalizeTable(table: Table): Table {
  const pkColumns = new Set(table.primaryKey?.columns ?? []);
  const names = new Set(table.columns.map((c) => c.name.toLowerCase()));
  const columns = table.columns.map((c) => normalizeColumn(table.name, c, pkColumns.has(c.name), names));
  // A unique index on an expression stays an index: a unique constraint has columns only.
  const uniqueIndexes = table.indexes.filter((i) => i.unique && i.where === null && !hasIndexExpression(i));
  const uniques: UniqueConstraint[] = byName(
    [
      ...table.uniques.map((u) => ({ name: u.name, columns: [...u.columns] })),
      ...uniqueIndexes.map((i) => ({ name: i.name, columns: indexColumnNames(i) })),
    ].filter((u) => !duplicatesPrimaryKey(u, table.primaryKey)),
  );
  const indexes = table.indexes
    .filter((i) => !uniqueIndexes.includes(i) && !isImplicitForeignKeyIndex(i, table.foreignKeys))
    .map((i) => ({
      ...i,
      columns: i.columns.map((c) =>
        typeof c === 'string' ? c : { expression: canonicalExpression(c.expression, names) },
      ),
      where: i.where === null ? null : canonicalExpression(i.where, names),
    }));
  const primaryKey = table.primaryKey === null ? null : { name: 'PRIMARY', columns: [...table.primaryKey.columns] };
  const foreignKeys = byName(table.foreignKeys.map(normalizeForeignKey));
  return {
    schema: table.schema,
    name: table.name,
    columns,
    primaryKey,
    uniques,
    indexes: byName(indexes),
    foreignKeys,
    checks: byName(table.checks.map((c) => ({ name: c.name, expression: canonicalExpression(c.expression, names) }))),
    comment: emptyToNull(table.comment),
    // Charset and collation names are case-insensitive; the server reports them in lower case.
    ...tableOptions(table, (name) => name.toLowerCase()),
  };
}

/** InnoDB treats RESTRICT and NO ACTION alike, and MariaDB reports an unspecified action as RESTRICT. */
function normalizeAction(action: ReferentialAction): ReferentialAction {
  return action === 'restrict' ? 'no action' : action;
}

function normalizeForeignKey(fk: ForeignKey): ForeignKey {
  return {
    ...fk,
    columns: [...fk.columns],
    referencedColumns: [...fk.referencedColumns],
    onDelete: normalizeAction(fk.onDelete),
    onUpdate: normalizeAction(fk.onUpdate),
  };
}

/**
 * InnoDB needs an index whose leading columns are a foreign key's columns;
 * when none exists it creates one named after the constraint, on exactly its
 * columns (and drops it again once another index can serve).
 */
function isImplicitForeignKeyIndex(index: Index, foreignKeys: readonly ForeignKey[]): boolean {
  if (index.unique || index.where !== null) return false;
  return foreignKeys.some(
    (fk) =>
      fk.name === index.name &&
      fk.columns.length === index.columns.length &&
      fk.columns.every((c, i) => index.columns[i] === c),
  );
}

function emptyToNull(text: string | null): string | null {
  return text === null || text === '' ? null : text;
}

function normalizeColumn(table: string, column: Column, inPrimaryKey: boolean, names: ReadonlySet<string>): Column {
  const type = normalizeType(table, column.name, column.type);
  return {
    name: column.name,
    type,
    nullable: column.nullable && !inPrimaryKey && !column.autoIncrement,
    default: column.autoIncrement ? null : normalizeDefault(column.default, type, names),
    autoIncrement: column.autoIncrement,
    comment: emptyToNull(column.comment),
    // Kept so that the compiler refuses it by name.
    ...(column.autoIncrement && column.identity === 'always' ? { identity: column.identity } : {}),
    ...(column.generated === undefined
      ? {}
      : {
          generated: {
            expression: canonicalExpression(column.generated.expression, names),
            stored: column.generated.stored,
          },
        }),
  };
}

/** The type as the server reads it back (see the module comment). */
export function normalizeType(table: string, column: string, type: ColumnType): ColumnType {
  switch (type.kind) {
    case 'uuid':
      return { kind: 'char', length: 36 };
    case 'varchar':
      return withCollation({ kind: 'varchar', length: type.length ?? DEFAULT_VARCHAR_LENGTH }, lower(type.collation));
    case 'time':
    case 'timestamp':
      // MySQL's default precision is 0, and DATETIME(0) reads back as DATETIME.
      return type.precision === 0 ? withPrecision(type, null) : type;
    case 'char':
    case 'text':
      // Collation names are case-insensitive; the server reports them in lower case.
      return withCollation(type, lower(type.collation));
    case 'numeric':
      return { kind: 'numeric', precision: type.precision ?? DEFAULT_DECIMAL_PRECISION, scale: type.scale ?? 0 };
    case 'enum':
      // Compared without a name: the server keeps none (declared.ts gives revisions the models' names).
      return { kind: 'enum', name: null, values: [...type.values], schema: null };
    case 'raw':
      return normalizeRaw(table, column, type.sql);
    default:
      return type;
  }
}

function lower(name: string | undefined): string | undefined {
  return name?.toLowerCase();
}

function normalizeRaw(table: string, column: string, sql: string): ColumnType {
  const parsed = parseColumnType(sql);
  return parsed.kind === 'raw' || parsed.kind === 'enum' ? parsed : normalizeType(table, column, parsed);
}

const CURRENT_TIMESTAMP = /^(current_timestamp|now|localtime|localtimestamp)$/;

/**
 * A default as the server echoes it: NULL is no default, SQL literals become
 * literals, literals are typed by the column, expressions canonical.
 */
export function normalizeDefault(
  value: DefaultValue | null,
  type: ColumnType,
  columns: ReadonlySet<string>,
): DefaultValue | null {
  if (value === null) return null;
  if (value.kind === 'literal') return { kind: 'literal', value: coerceLiteral(value.value, type) };
  const tokens = canonicalExpressionTokens(value.sql, columns);
  if (tokens === null) return { kind: 'sql', sql: value.sql.trim() };
  const [first, second, third] = tokens;
  const simple = sqlLiteralValue(tokens);
  if (simple === null) return null;
  if (simple !== undefined) return { kind: 'literal', value: coerceLiteral(simple, type) };
  const isCurrentTimestamp =
    first?.kind === 'word' &&
    CURRENT_TIMESTAMP.test(first.value) &&
    (tokens.length === 1 || (tokens.length === 3 && second?.value === '(' && third?.value === ')'));
  if (isCurrentTimestamp) return { kind: 'sql', sql: 'CURRENT_TIMESTAMP' };
  return { kind: 'sql', sql: canonicalExpression(value.sql, columns) };
}

/** The value of an expression that is just a literal (null for NULL), or undefined when it is not one. */
function sqlLiteralValue(
  tokens: ReturnType<typeof canonicalExpressionTokens> & object,
): string | number | null | undefined {
  const [first, second] = tokens;
  if (tokens.length === 1 && first?.kind === 'word' && first.value === 'null') return null;
  if (tokens.length === 1 && first?.kind === 'string') return first.value;
  // Numbers stay text here: `coerceLiteral` makes them numbers only where that keeps every digit.
  if (tokens.length === 1 && first?.kind === 'number') return first.value;
  if (tokens.length === 2 && first?.kind === 'op' && first.value === '-' && second?.kind === 'number') {
    return `-${second.value}`;
  }
  return undefined;
}

const NUMBER_TEXT = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A literal default in the JavaScript type the server's echo maps to for this column type. */
export function coerceLiteral(value: string | number | boolean, type: ColumnType): string | number | boolean {
  if (type.kind === 'boolean') {
    if (value === 1 || value === '1' || value === 'true') return true;
    if (value === 0 || value === '0' || value === 'false') return false;
    return typeof value === 'string' && NUMBER_TEXT.test(value) ? exactNumber(value) : value;
  }
  if (isNumericType(type)) {
    if (typeof value === 'boolean') return value ? 1 : 0;
    // A number only where it holds every digit (past 2^53, or a long decimal, the text stays).
    return typeof value === 'string' && NUMBER_TEXT.test(value.trim()) ? exactNumber(value) : value;
  }
  const text = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
  if (type.kind === 'time' && /^\d{1,2}:\d{2}$/.test(text)) return `${text}:00`;
  if (type.kind === 'timestamp' && /^\d{4}-\d{2}-\d{2}$/.test(text)) return `${text} 00:00:00`;
  return text;
}
