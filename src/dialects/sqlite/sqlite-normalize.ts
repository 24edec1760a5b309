import {
  type Column,
  type ColumnType,
  type DefaultValue,
  type EnumType,
  type SchemaModel,
  type Table,
  tableOptions,
} from '../../schema/model.js';
import { namedEnumOf } from '../../schema/model.js';
import { exactNumber } from '../../schema/numeric-text.js';
import { duplicatesPrimaryKey } from '../../schema/primary-key-duplicates.js';
import { autoIncrementKey } from './sqlite-ddl-compiler.js';
import { normalizeExpression, tokenize, withoutOuterParens } from './sqlite-sql-text.js';
import { normalizeSqliteType } from './sqlite-types.js';

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * A default as SQLite reports it (`PRAGMA table_info.dflt_value`: the text
 * of the DEFAULT clause, outer parentheses removed) back in the model:
 * a quoted string → literal string, a number → literal number, TRUE/FALSE
 * (and 1/0 on a BOOLEAN column) → literal boolean, NULL → no default,
 * anything else → a SQL expression.
 */
export function parseSqliteDefault(text: string | null, type: ColumnType): DefaultValue | null {
  if (text === null) return null;
  const trimmed = text.trim();
  const upper = trimmed.toUpperCase();
  if (upper === 'NULL') return null;
  if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'literal', value: upper === 'TRUE' };
  if (type.kind === 'boolean' && (trimmed === '1' || trimmed === '0'))
    return { kind: 'literal', value: trimmed === '1' };
  if (DECIMAL.test(trimmed)) return { kind: 'literal', value: exactNumber(trimmed) };
  const tokens = tokenize(trimmed);
  const only = tokens[0];
  if (tokens.length === 1 && only?.kind === 'string' && only.end === trimmed.length) {
    return { kind: 'literal', value: only.value };
  }
  return { kind: 'sql', sql: trimmed };
}

/** How kiln's SQLite compiler writes a default, as `dflt_value` will show it. */
function defaultText(value: DefaultValue): string {
  if (value.kind === 'sql') return value.sql;
  if (typeof value.value === 'boolean') return value.value ? 'TRUE' : 'FALSE';
  if (typeof value.value === 'number') return String(value.value);
  return `'${value.value.replaceAll("'", "''")}'`;
}

function normalizeColumn(column: Column, table: Table, keyColumn: Column | null): Column {
  const inPrimaryKey = table.primaryKey?.columns.includes(column.name) ?? false;
  const isKey = column === keyColumn;
  const type: ColumnType = isKey ? { kind: 'integer' } : normalizeSqliteType(column.type);
  return {
    name: column.name,
    type,
    nullable: column.nullable && !inPrimaryKey,
    default: column.default === null ? null : parseSqliteDefault(defaultText(column.default), type),
    autoIncrement: isKey,
    comment: null,
    // Kept so that the compiler refuses it by name.
    ...(column.autoIncrement && column.identity === 'always' ? { identity: column.identity } : {}),
    ...(column.generated === undefined
      ? {}
      : {
          generated: { expression: normalizeExpression(column.generated.expression), stored: column.generated.stored },
        }),
  };
}

function byName<T extends { readonly name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** One table in the form SQLite reads it back in. */
export function normalizeSqliteTable(table: Table): Table {
  const keyColumn = autoIncrementKey(table.columns, table.primaryKey);
  return {
    schema: null,
    name: table.name,
    columns: table.columns.map((c) => normalizeColumn(c, table, keyColumn)),
    primaryKey: table.primaryKey,
    uniques: byName(table.uniques.filter((u) => !duplicatesPrimaryKey(u, table.primaryKey))),
    indexes: byName(
      table.indexes.map((i) => ({
        ...i,
        columns: i.columns.map((c) =>
          typeof c === 'string' ? c : { expression: normalizeExpression(withoutOuterParens(c.expression)) },
        ),
        where: i.where === null ? null : normalizeExpression(i.where),
      })),
    ),
    foreignKeys: byName(table.foreignKeys.map((fk) => ({ ...fk, referencedSchema: null }))),
    checks: byName(table.checks.map((c) => ({ ...c, expression: normalizeExpression(c.expression) }))),
    comment: null,
    // Kept so that the compiler refuses them by name rather than the differ dropping them.
    ...tableOptions(table),
  };
}

/** The enum types the tables' columns use, once each, sorted by name (SQLite keeps no others). */
export function enumsOfTables(tables: readonly Table[]): EnumType[] {
  const found = new Map<string, EnumType>();
  for (const table of tables) {
    for (const column of table.columns) {
      const type = namedEnumOf(column.type);
      if (type !== null && !found.has(type.name)) {
        found.set(type.name, { schema: null, name: type.name, values: type.values });
      }
    }
  }
  return byName([...found.values()]);
}

/**
 * The model as SQLite reads it back: no schemas or comments; declared types
 * through their text (`int` → integer, varchar() stays VARCHAR); the
 * AUTOINCREMENT flag only on a single-column integer primary key (declared
 * INTEGER there); primary-key columns NOT NULL; defaults as `dflt_value`
 * parses; check and partial-index expressions with normalised spacing;
 * constraints and indexes sorted by name; enums derived from the columns.
 * Idempotent.
 */
export function normalizeSqliteModel(model: SchemaModel): SchemaModel {
  const tables = [...model.tables]
    .map(normalizeSqliteTable)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { tables, enums: enumsOfTables(tables) };
}
