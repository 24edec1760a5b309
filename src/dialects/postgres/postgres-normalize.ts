import type { Column, ColumnType, DefaultValue, EnumType, ForeignKey, SchemaModel, Table } from '../../schema/model.js';
import { freezeDeep, isUnsigned, qualifiedName, tableOptions, withUnsigned } from '../../schema/model.js';
import { truncateUtf8 } from '../../schema/naming.js';
import { exactNumber } from '../../schema/numeric-text.js';
import { duplicatesPrimaryKey } from '../../schema/primary-key-duplicates.js';
import { POSTGRES_IDENTIFIER_LIMIT } from './postgres-adapter.js';
import { parseDefault } from './postgres-default.js';
import { inlineEnumError, NUMERIC_KINDS, parsePostgresType, SERIAL_TYPES, STRING_KINDS } from './postgres-types.js';

/**
 * Rewrites a model into the form PostgreSQL reads it back in, so that the
 * model built from the DSL and the one `introspect` returns compare equal
 * when they mean the same thing. Applied to both sides; idempotent.
 *
 * - `public` is the default schema and becomes null (the introspector reports
 *   the connection's current schema as null).
 * - Identifiers longer than 63 bytes are cut as the server cuts them.
 * - Raw types are read as the server would name them (`int4` → integer,
 *   `serial` → integer + autoIncrement); numeric(p) is numeric(p, 0).
 * - Defaults are read through the same parser as the server's echo, then
 *   literals are coerced to the column's type (`'-1'` on an integer is -1;
 *   digits a JavaScript number would lose stay text).
 * - SQL expressions (defaults, checks, partial-index predicates) stay as
 *   written: a revision must say what the user wrote (`ARRAY[]::text[]` needs
 *   its cast). They are compared in canonical spelling (postgres-comparison.ts).
 * - A unique constraint repeating the primary key is left out (the server
 *   drops it inside CREATE TABLE).
 * - An empty comment is no comment (`COMMENT … IS ''` removes it).
 *
 * @example normalizePostgresModel(buildSchemaModel([schema])) // compare with normalize(introspected)
 */
export function normalizePostgresModel(model: SchemaModel): SchemaModel {
  const tables = model.tables.map(normalizeTable).sort(byQualifiedName);
  const enums = model.enums.map(normalizeEnum).sort(byQualifiedName);
  return freezeDeep({ tables, enums });
}

/** The server's default schema, spelled as the model spells it. */
export function normalizeSchemaName(schema: string | null): string | null {
  return schema === null || schema === 'public' ? null : identifier(schema);
}

/** Cuts a name to 63 bytes on a character boundary, as PostgreSQL does (with a NOTICE). */
export function identifier(name: string): string {
  return truncateUtf8(name, POSTGRES_IDENTIFIER_LIMIT.max);
}

function byQualifiedName(a: { schema: string | null; name: string }, b: typeof a): number {
  return compareText(qualifiedName(a), qualifiedName(b));
}

function byName(a: { name: string }, b: { name: string }): number {
  return compareText(a.name, b.name);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function normalizeEnum(e: EnumType): EnumType {
  return { schema: normalizeSchemaName(e.schema), name: identifier(e.name), values: [...e.values] };
}

function normalizeTable(table: Table): Table {
  const pk = table.primaryKey;
  const pkColumns = new Set(pk?.columns ?? []);
  return {
    schema: normalizeSchemaName(table.schema),
    name: identifier(table.name),
    columns: table.columns.map((c) => {
      const element = c.type.kind === 'array' ? c.type.element : c.type;
      // Refused here, before a revision is written, as well as by the compiler.
      if (element.kind === 'enum' && element.name === null) throw inlineEnumError(qualifiedName(table), c.name);
      return normalizeColumn(c, pkColumns.has(c.name));
    }),
    primaryKey: pk === null ? null : { name: identifier(pk.name), columns: pk.columns.map(identifier) },
    uniques: table.uniques
      .filter((u) => !duplicatesPrimaryKey(u, pk))
      .map((u) => ({ name: identifier(u.name), columns: u.columns.map(identifier) }))
      .sort(byName),
    indexes: table.indexes
      .map((i) => ({
        name: identifier(i.name),
        columns: i.columns.map((c) => (typeof c === 'string' ? identifier(c) : { expression: c.expression.trim() })),
        unique: i.unique,
        where: i.where === null ? null : i.where.trim(),
        ...(i.method === undefined || i.method.toLowerCase() === 'btree' ? {} : { method: i.method.toLowerCase() }),
        ...(i.opclasses === undefined || i.opclasses.every((o) => o === null) ? {} : { opclasses: [...i.opclasses] }),
      }))
      .sort(byName),
    foreignKeys: table.foreignKeys.map(normalizeForeignKey).sort(byName),
    checks: table.checks.map((c) => ({ name: identifier(c.name), expression: c.expression.trim() })).sort(byName),
    comment: normalizeComment(table.comment),
    // Kept so that the compiler refuses them by name rather than the differ dropping them.
    ...tableOptions(table),
  };
}

function normalizeForeignKey(fk: ForeignKey): ForeignKey {
  return {
    name: identifier(fk.name),
    columns: fk.columns.map(identifier),
    referencedSchema: normalizeSchemaName(fk.referencedSchema),
    referencedTable: identifier(fk.referencedTable),
    referencedColumns: fk.referencedColumns.map(identifier),
    onDelete: fk.onDelete,
    onUpdate: fk.onUpdate,
  };
}

function normalizeComment(comment: string | null): string | null {
  return comment === null || comment === '' ? null : comment;
}

function normalizeColumn(column: Column, inPrimaryKey: boolean): Column {
  const serial = column.type.kind === 'raw' ? SERIAL_TYPES[column.type.sql.trim().toLowerCase()] : undefined;
  const type = serial ?? normalizeType(column.type);
  const parsed = column.default === null ? null : normalizeDefault(column.default, type);
  const autoIncrement = column.autoIncrement || serial !== undefined || parsed?.autoIncrement === true;
  return {
    name: identifier(column.name),
    type,
    // Identity columns and primary-key columns are NOT NULL whatever was written.
    nullable: column.nullable && !autoIncrement && !inPrimaryKey,
    default: autoIncrement ? null : (parsed?.default ?? null),
    autoIncrement,
    comment: normalizeComment(column.comment),
    ...(autoIncrement && column.identity === 'always' ? { identity: column.identity } : {}),
    ...(column.generated === undefined
      ? {}
      : {
          generated: { expression: column.generated.expression.trim(), stored: column.generated.stored },
        }),
  };
}

function normalizeType(type: ColumnType): ColumnType {
  switch (type.kind) {
    case 'raw':
      return parsePostgresType(type.sql);
    case 'array':
      return { kind: 'array', element: normalizeType(type.element) };
    case 'enum':
      return {
        ...type,
        name: type.name === null ? null : identifier(type.name),
        schema: normalizeSchemaName(type.schema),
        values: [...type.values],
      };
    // Stored as the next wider type; `unsigned` is kept so that the compiler refuses it by name.
    case 'tinyint':
      return withUnsigned({ kind: 'smallint' }, isUnsigned(type));
    case 'mediumint':
      return withUnsigned({ kind: 'integer' }, isUnsigned(type));
    case 'numeric':
      // numeric(p) is numeric(p, 0); a scale without a precision cannot be written.
      return type.precision === null
        ? { kind: 'numeric', precision: null, scale: null }
        : { kind: 'numeric', precision: type.precision, scale: type.scale ?? 0 };
    default:
      return type;
  }
}

interface NormalizedDefault {
  readonly default: DefaultValue | null;
  readonly autoIncrement: boolean;
}

function normalizeDefault(value: DefaultValue, type: ColumnType): NormalizedDefault {
  const parsed = value.kind === 'sql' ? parseDefault(value.sql) : { default: value, autoIncrement: false };
  const result = parsed.default;
  if (result === null || result.kind === 'sql') return parsed;
  return { default: { kind: 'literal', value: coerceLiteral(result.value, type) }, autoIncrement: false };
}

const NUMBER = /^\s*-?\d+(?:\.\d+)?(?:e[+-]?\d+)?\s*$/i;
const BOOLEAN_WORDS: Readonly<Record<string, boolean>> = {
  true: true,
  t: true,
  yes: true,
  y: true,
  on: true,
  '1': true,
  false: false,
  f: false,
  no: false,
  n: false,
  off: false,
  '0': false,
};

/** A literal as the server stores it for a column of `type`. */
function coerceLiteral(value: string | number | boolean, type: ColumnType): string | number | boolean {
  if (NUMERIC_KINDS.has(type.kind)) {
    return typeof value === 'string' && NUMBER.test(value) ? exactNumber(value) : value;
  }
  if (type.kind === 'boolean') {
    return typeof value === 'string' ? (BOOLEAN_WORDS[value.trim().toLowerCase()] ?? value) : value;
  }
  if (!STRING_KINDS.has(type.kind)) return value;
  return canonicalText(String(value), type);
}

/** The text the server prints back for a literal of a string-like type. */
function canonicalText(text: string, type: ColumnType): string {
  switch (type.kind) {
    case 'uuid':
      return text.toLowerCase();
    case 'binary':
      return /^\\x[0-9a-f]*$/i.test(text) ? text.toLowerCase() : text;
    case 'json':
      return jsonbText(text);
    case 'time':
      return /^\d{2}:\d{2}$/.test(text) ? `${text}:00` : text;
    case 'timestamp': {
      // A timestamptz default is stored as an instant and printed in the session's zone with its
      // offset ('2024-01-02 03:04:05+00'); written without one it meant that same zone, so the
      // wall-clock time is what both sides have in common.
      const local = type.withTimezone
        ? text.replace(/^(\d{4}-\d{2}-\d{2}[ T][\d:.]+)[+-]\d{2}(?::?\d{2})?$/, '$1')
        : text;
      if (/^\d{4}-\d{2}-\d{2}$/.test(local)) return `${local} 00:00:00`;
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(local) ? local.replace('T', ' ') : local;
    }
    default:
      return text;
  }
}

/** JSON text as `jsonb` prints it: keys by length then bytes, `", "` and `": "` separators. */
function jsonbText(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  return printJsonb(parsed);
}

function printJsonb(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(printJsonb).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => {
      const ba = Buffer.from(a);
      const bb = Buffer.from(b);
      return ba.length - bb.length || Buffer.compare(ba, bb);
    });
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${printJsonb(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}
