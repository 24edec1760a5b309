import { OperationError } from '../../errors.js';
import { assertNever } from '../../util/assert-never.js';
import { type ColumnType, isTextType } from '../../schema/model.js';

/**
 * PostgreSQL spellings of kiln's portable column types, both ways.
 *
 * Decisions (documented in the README's PostgreSQL section):
 * - `json` is stored as `jsonb`: it is what people index and compare, and it
 *   reads back as kiln's `json`. A column of the older text-preserving `json`
 *   type reads back as `rawType('json')`.
 * - `binary` is `bytea`; `double` is `double precision`; `time` is `time
 *   without time zone`.
 * - serial/bigserial are not types here: they are integer/bigint columns with
 *   `autoIncrement`, written as identity columns by the DDL compiler.
 */

/**
 * The SQL type name for a column, e.g. `character varying(30)`; enum and
 * collation names quoted with `quote`. A collation follows the type
 * (`text COLLATE "C"`), which is also valid after a cast in `USING`.
 */
export function postgresColumnType(type: ColumnType, quote: (name: string) => string): string {
  const base = baseType(type, quote);
  return isTextType(type) && type.collation !== undefined ? `${base} COLLATE ${quote(type.collation)}` : base;
}

function baseType(type: ColumnType, quote: (name: string) => string): string {
  switch (type.kind) {
    case 'integer':
    case 'bigint':
    case 'smallint':
    case 'text':
    case 'boolean':
    case 'date':
    case 'real':
    case 'uuid':
      return type.kind;
    case 'time':
      return type.precision === undefined ? 'time' : `time(${type.precision})`;
    // No 8- or 24-bit integers: the next wider type (normalize reads them back so).
    case 'tinyint':
      return 'smallint';
    case 'mediumint':
      return 'integer';
    case 'varchar':
      return type.length === null ? 'varchar' : `varchar(${type.length})`;
    case 'char':
      return `char(${type.length})`;
    case 'timestamp': {
      const name = type.withTimezone ? 'timestamptz' : 'timestamp';
      return type.precision === undefined ? name : `${name}(${type.precision})`;
    }
    case 'numeric':
      if (type.precision === null) return 'numeric';
      return `numeric(${type.precision}, ${type.scale ?? 0})`;
    case 'double':
      return 'double precision';
    case 'json':
      return 'jsonb';
    case 'binary':
      return 'bytea';
    case 'enum':
      if (type.name === null) throw inlineEnumError(null, null);
      return type.schema === null ? quote(type.name) : `${quote(type.schema)}.${quote(type.name)}`;
    case 'array':
      return `${postgresColumnType(type.element, quote)}[]`;
    case 'raw':
      return type.sql;
    default:
      return assertNever(type, 'column type');
  }
}

/** Names PostgreSQL accepts for one type, lower-cased, without modifiers. */
const SIMPLE_TYPES: Readonly<Record<string, ColumnType>> = {
  integer: { kind: 'integer' },
  int: { kind: 'integer' },
  int4: { kind: 'integer' },
  bigint: { kind: 'bigint' },
  int8: { kind: 'bigint' },
  smallint: { kind: 'smallint' },
  int2: { kind: 'smallint' },
  text: { kind: 'text' },
  boolean: { kind: 'boolean' },
  bool: { kind: 'boolean' },
  date: { kind: 'date' },
  time: { kind: 'time' },
  'time without time zone': { kind: 'time' },
  timestamp: { kind: 'timestamp', withTimezone: false },
  'timestamp without time zone': { kind: 'timestamp', withTimezone: false },
  timestamptz: { kind: 'timestamp', withTimezone: true },
  'timestamp with time zone': { kind: 'timestamp', withTimezone: true },
  real: { kind: 'real' },
  float4: { kind: 'real' },
  'double precision': { kind: 'double' },
  float8: { kind: 'double' },
  float: { kind: 'double' },
  jsonb: { kind: 'json' },
  uuid: { kind: 'uuid' },
  bytea: { kind: 'binary' },
  varchar: { kind: 'varchar', length: null },
  'character varying': { kind: 'varchar', length: null },
  numeric: { kind: 'numeric', precision: null, scale: null },
  decimal: { kind: 'numeric', precision: null, scale: null },
  // `char` without a length means char(1) in PostgreSQL.
  char: { kind: 'char', length: 1 },
  character: { kind: 'char', length: 1 },
  bpchar: { kind: 'char', length: 1 },
};

/** `timestamp(3) without time zone`, `timestamptz(3)`, `time(6)`: as format_type prints them, or as written. */
const TEMPORAL = /^(timestamptz|timestamp|time) ?\( ?(\d+) ?\)(?: (with|without) time zone)?$/;

const MODIFIED = /^([a-z ]+?)\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)$/;

/**
 * Reads a type as `format_type()` prints it (or as a user wrote it in
 * `rawType`) back into kiln's portable form; unknown types stay `raw`.
 *
 * @example parsePostgresType('character varying(30)') // { kind: 'varchar', length: 30 }
 */
export function parsePostgresType(sql: string): ColumnType {
  const text = sql.trim().replace(/\s+/g, ' ').toLowerCase();
  // `text[]`, `character varying(30)[]`, `integer[][]` (PostgreSQL does not enforce dimensions).
  const array = /^(.*?)(?: ?\[\d*\])+$/.exec(sql.trim());
  if (array !== null && array[1] !== undefined) {
    const element = parsePostgresType(array[1]);
    if (element.kind !== 'raw') return { kind: 'array', element };
  }
  const simple = SIMPLE_TYPES[text];
  if (simple !== undefined) return simple;
  const temporal = TEMPORAL.exec(text);
  if (temporal !== null) {
    const [, name = '', digits = '', zone] = temporal;
    const precision = Number(digits);
    if (name === 'timestamptz' || name === 'timestamp')
      return { kind: 'timestamp', withTimezone: name === 'timestamptz' || zone === 'with', precision };
    if (zone !== 'with') return { kind: 'time', precision };
  }
  const match = MODIFIED.exec(text);
  if (match !== null) {
    const [, name = '', first = '', second] = match;
    const a = Number(first);
    const b = second === undefined ? null : Number(second);
    switch (name) {
      case 'varchar':
      case 'character varying':
        if (b === null) return { kind: 'varchar', length: a };
        break;
      case 'char':
      case 'character':
      case 'bpchar':
        if (b === null) return { kind: 'char', length: a };
        break;
      case 'numeric':
      case 'decimal':
        // numeric(p) is numeric(p, 0): the server reports it so.
        return { kind: 'numeric', precision: a, scale: b ?? 0 };
    }
  }
  return { kind: 'raw', sql: sql.trim() };
}

/** Serial pseudo-types a `rawType()` may name: they mean an integer type with autoIncrement. */
export const SERIAL_TYPES: Readonly<Record<string, ColumnType>> = {
  serial: { kind: 'integer' },
  serial4: { kind: 'integer' },
  bigserial: { kind: 'bigint' },
  serial8: { kind: 'bigint' },
  smallserial: { kind: 'smallint' },
  serial2: { kind: 'smallint' },
};

/** Kinds whose literals are numbers. */
export const NUMERIC_KINDS: ReadonlySet<ColumnType['kind']> = new Set([
  'tinyint',
  'mediumint',
  'integer',
  'bigint',
  'smallint',
  'numeric',
  'real',
  'double',
]);

/** Kinds whose literals are written and read back as quoted strings. */
export const STRING_KINDS: ReadonlySet<ColumnType['kind']> = new Set([
  'varchar',
  'char',
  'text',
  'enum',
  'date',
  'time',
  'timestamp',
  'json',
  'uuid',
  'binary',
]);

/**
 * PostgreSQL has no inline enum (an enum is a type of its own): refused,
 * naming the column where it is known, rather than made a type kiln would
 * have to invent a name for.
 */
export function inlineEnumError(table: string | null, column: string | null): OperationError {
  const where =
    table === null || column === null ? 'an inline enum column' : `column '${table}.${column}' is an inline enum`;
  return new OperationError(
    'operation.unsupported',
    `${where}, and PostgreSQL has no inline enums (an enum is a named type there)`,
    {
      hint: "declare a named type and use it: const feeling = enumType('feeling', ['happy', 'sad']); … feeling: feeling()",
      data: { table, column },
    },
  );
}
