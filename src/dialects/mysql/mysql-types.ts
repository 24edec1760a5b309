import { OperationError } from '../../errors.js';
import { assertNever } from '../../util/assert-never.js';
import { type ColumnType, isTextType, isUnsigned, withPrecision, withUnsigned } from '../../schema/model.js';
import { parseEnumValues, quoteIdentifier, quoteString } from './mysql-sql.js';

/**
 * Portable column types ↔ MySQL/MariaDB spellings.
 *
 * Writing (`columnTypeSql`): boolean → TINYINT(1), uuid → CHAR(36),
 * timestamp → DATETIME, timestamp({ withTimezone }) → TIMESTAMP (stored as
 * UTC, converted through the session time zone: MySQL's closest thing to
 * `timestamptz`), real → FLOAT, binary → BLOB, varchar without a length →
 * VARCHAR(255), numeric without precision → DECIMAL (10,0), enum → inline
 * ENUM('a','b').
 *
 * Reading (`parseColumnType`): the reverse, from `COLUMN_TYPE` as either
 * server prints it (`int(11)` on MariaDB and MySQL 5.7, `int` on MySQL 8).
 * Anything else is kept as `{ kind: 'raw' }` in a canonical lower-case form.
 */

/** Length MySQL requires for VARCHAR; kiln writes it when the model gives none. */
export const DEFAULT_VARCHAR_LENGTH = 255;
/** DECIMAL's defaults on both servers: DECIMAL = DECIMAL(10,0). */
export const DEFAULT_DECIMAL_PRECISION = 10;

/**
 * The DDL spelling of a type, e.g. `VARCHAR(30)`, `TINYINT(1)`, `ENUM('a','b')`,
 * `VARCHAR(30) COLLATE \`utf8mb4_bin\``.
 */
export function columnTypeSql(type: ColumnType): string {
  const base = isUnsigned(type) ? `${baseTypeSql(type)} UNSIGNED` : baseTypeSql(type);
  return isTextType(type) && type.collation !== undefined ? `${base} COLLATE ${quoteIdentifier(type.collation)}` : base;
}

function baseTypeSql(type: ColumnType): string {
  switch (type.kind) {
    case 'integer':
      return 'INT';
    case 'bigint':
      return 'BIGINT';
    case 'smallint':
      return 'SMALLINT';
    case 'tinyint':
      return 'TINYINT';
    case 'mediumint':
      return 'MEDIUMINT';
    case 'varchar':
      return `VARCHAR(${type.length ?? DEFAULT_VARCHAR_LENGTH})`;
    case 'char':
      return `CHAR(${type.length})`;
    case 'text':
      return 'TEXT';
    case 'boolean':
      return 'TINYINT(1)';
    case 'date':
      return 'DATE';
    case 'time':
      return withFraction('TIME', type.precision);
    case 'timestamp':
      return withFraction(type.withTimezone ? 'TIMESTAMP' : 'DATETIME', type.precision);
    case 'numeric':
      return numericSql(type.precision, type.scale);
    case 'real':
      return 'FLOAT';
    case 'double':
      return 'DOUBLE';
    case 'json':
      return 'JSON';
    case 'uuid':
      return 'CHAR(36)';
    case 'binary':
      return 'BLOB';
    case 'enum':
      return `ENUM(${type.values.map(quoteString).join(', ')})`;
    case 'array':
      // Refused with the column's name by the compiler before it gets here.
      throw new OperationError('operation.unsupported', 'MySQL/MariaDB has no array types', {
        hint: 'use json() for a list of values',
      });
    case 'raw':
      return type.sql;
    default:
      return assertNever(type, 'column type');
  }
}

function withFraction(name: string, precision: number | undefined): string {
  return precision === undefined ? name : `${name}(${precision})`;
}

function numericSql(precision: number | null, scale: number | null): string {
  if (precision === null) return 'DECIMAL';
  return scale === null ? `DECIMAL(${precision})` : `DECIMAL(${precision}, ${scale})`;
}

const INTEGER_KINDS: Readonly<Record<string, ColumnType>> = {
  int: { kind: 'integer' },
  integer: { kind: 'integer' },
  bigint: { kind: 'bigint' },
  smallint: { kind: 'smallint' },
  tinyint: { kind: 'tinyint' },
  mediumint: { kind: 'mediumint' },
};

const PLAIN_TYPES: Readonly<Record<string, ColumnType>> = {
  text: { kind: 'text' },
  date: { kind: 'date' },
  time: { kind: 'time' },
  datetime: { kind: 'timestamp', withTimezone: false },
  timestamp: { kind: 'timestamp', withTimezone: true },
  float: { kind: 'real' },
  double: { kind: 'double' },
  'double precision': { kind: 'double' },
  real: { kind: 'double' },
  json: { kind: 'json' },
  blob: { kind: 'binary' },
  bool: { kind: 'boolean' },
  boolean: { kind: 'boolean' },
};

/** `int(11) unsigned` → `int unsigned`: display widths mean nothing (MySQL 8 drops them), except TINYINT(1). */
function stripDisplayWidth(sql: string): string {
  return sql.replace(/\b(tinyint|smallint|mediumint|int|integer|bigint)\s*\(\s*\d+\s*\)/g, (all, base: string) =>
    base === 'tinyint' && /\(\s*1\s*\)/.test(all) ? 'tinyint(1)' : base,
  );
}

/**
 * The portable type for a `COLUMN_TYPE` as the server prints it (or as a user
 * wrote a raw type). An ENUM is inline (name null): the server keeps no
 * enum name, and the models give it one where they declare a named type.
 *
 * @example parseColumnType('int(11)') // { kind: 'integer' }
 */
export function parseColumnType(columnType: string): ColumnType {
  const sql = stripDisplayWidth(columnType.trim().replace(/\s+/g, ' ').toLowerCase());
  if (sql === 'tinyint(1)') return { kind: 'boolean' };
  const integer = INTEGER_KINDS[sql];
  if (integer !== undefined) return integer;
  const unsigned = INTEGER_KINDS[sql.replace(/ unsigned$/, '')];
  if (unsigned !== undefined && sql.endsWith(' unsigned')) return withUnsigned(unsigned, true);
  const plain = PLAIN_TYPES[sql];
  if (plain !== undefined) return plain;
  const temporal = /^(datetime|timestamp|time)\s*\(\s*(\d+)\s*\)$/.exec(sql);
  const base = temporal === null ? undefined : PLAIN_TYPES[temporal[1] ?? ''];
  if (temporal !== null && base !== undefined) return withPrecision(base, Number(temporal[2]));
  const sized = /^(varchar|char|decimal|numeric)\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)$/.exec(sql);
  if (sized !== null)
    return sizedType(sized[1] ?? '', Number(sized[2]), sized[3] === undefined ? null : Number(sized[3]));
  if (sql === 'decimal' || sql === 'numeric')
    return { kind: 'numeric', precision: DEFAULT_DECIMAL_PRECISION, scale: 0 };
  if (/^enum\s*\(/.test(sql)) {
    // Values keep their case: re-read them from the original spelling.
    const values = parseEnumValues(columnType.trim());
    if (values !== null) return { kind: 'enum', name: null, values, schema: null };
  }
  return { kind: 'raw', sql: rawSpelling(columnType) };
}

function sizedType(base: string, size: number, scale: number | null): ColumnType {
  if (base === 'varchar') return { kind: 'varchar', length: size };
  if (base === 'char') return { kind: 'char', length: size };
  return { kind: 'numeric', precision: size, scale: scale ?? 0 };
}

/** Lower-case outside quotes, single spaces, display widths dropped: one spelling per raw type. */
function rawSpelling(columnType: string): string {
  const parts = columnType.trim().split(/('(?:[^'\\]|\\.|'')*')/);
  const lowered = parts.map((part, i) => (i % 2 === 1 ? part : part.replace(/\s+/g, ' ').toLowerCase()));
  return stripDisplayWidth(lowered.join(''));
}

/** Types whose literal defaults read back as numbers. */
export function isNumericType(type: ColumnType): boolean {
  switch (type.kind) {
    case 'integer':
    case 'bigint':
    case 'smallint':
    case 'tinyint':
    case 'mediumint':
    case 'numeric':
    case 'real':
    case 'double':
      return true;
    case 'raw':
      return /^(tinyint|smallint|mediumint|int|integer|bigint|decimal|numeric|float|double|real|bit)\b/.test(type.sql);
    default:
      return false;
  }
}

/**
 * Types whose literal defaults MySQL 8 only accepts as expressions
 * (`DEFAULT ('x')`); MariaDB accepts both and reads them back as literals.
 */
export function needsExpressionDefault(type: ColumnType): boolean {
  if (type.kind === 'text' || type.kind === 'binary' || type.kind === 'json') return true;
  return (
    type.kind === 'raw' && /^(tiny|medium|long)?(text|blob)\b|^json\b|^geometry|^point/.test(type.sql.toLowerCase())
  );
}
