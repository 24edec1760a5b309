import {
  type ColumnType,
  isIntegerType,
  isTextType,
  isUnsigned,
  withCollation,
  withUnsigned,
} from '../../schema/model.js';
import { isKeyword, type Token, tokenize } from './sqlite-sql-text.js';
import { assertNever } from '../../util/assert-never.js';
import { OperationError } from '../../errors.js';

/**
 * SQLite keeps a column's declared type text verbatim (`PRAGMA table_info`
 * returns it as written) and derives only an affinity from it, so kiln
 * declares the portable type names and reads them back exactly:
 *
 * | model                 | declared type                 | affinity |
 * | --------------------- | ----------------------------- | -------- |
 * | integer/bigint/smallint | INTEGER / BIGINT / SMALLINT | INTEGER  |
 * | varchar(n) / varchar() | VARCHAR(n) / VARCHAR         | TEXT     |
 * | char(n), text         | CHAR(n), TEXT                 | TEXT     |
 * | boolean               | BOOLEAN                       | NUMERIC  |
 * | date, time            | DATE, TIME                    | NUMERIC  |
 * | timestamp             | TIMESTAMP / TIMESTAMP WITH TIME ZONE | NUMERIC |
 * | numeric(p, s)         | NUMERIC(p,s) / NUMERIC(p) / NUMERIC | NUMERIC |
 * | real, double          | REAL, DOUBLE                  | REAL     |
 * | json, uuid            | JSON, UUID                    | NUMERIC  |
 * | binary                | BLOB                          | BLOB     |
 * | enum                  | TEXT + CONSTRAINT "enum_<name>" CHECK (col IN (…)) | TEXT |
 * | enum, inline          | TEXT + CONSTRAINT "enum" CHECK (col IN (…)) | TEXT |
 * | raw                   | the text as given             |          |
 *
 * Enums: SQLite has no enum type and a declared type cannot carry a list of
 * strings, so an enum column is declared `TEXT` with a column-level check
 * named `enum_<enum name>` whose expression is `"col" IN ('a', 'b')`; the
 * introspector turns exactly that shape back into the enum type (name and
 * values) and leaves it out of the table's checks. An inline enum (no type
 * name) has the same check named just `enum`.
 */

/** Prefix of the column-level check that carries an enum's name. */
export const ENUM_CHECK_PREFIX = 'enum_';

/** The name of the column-level check of an inline enum (one with no type name). */
export const INLINE_ENUM_CHECK = 'enum';

/** The name of the column-level check that carries an enum (named or inline, `name` null). */
export function enumCheckName(name: string | null): string {
  return name === null ? INLINE_ENUM_CHECK : `${ENUM_CHECK_PREFIX}${name}`;
}

/** The declared type text for a model type (enums: `TEXT`, their check is separate). */
export function sqliteDeclaredType(type: ColumnType): string {
  // SQLite keeps `UNSIGNED` in the declared text (affinity INTEGER) but does not enforce it.
  return isUnsigned(type) ? `${declaredBase(type)} UNSIGNED` : declaredBase(type);
}

function declaredBase(type: ColumnType): string {
  switch (type.kind) {
    case 'integer':
    case 'bigint':
    case 'smallint':
    case 'tinyint':
    case 'mediumint':
    case 'text':
    case 'boolean':
    case 'date':
    case 'real':
    case 'double':
    case 'json':
    case 'uuid':
      return type.kind.toUpperCase();
    case 'varchar':
      return type.length === null ? 'VARCHAR' : `VARCHAR(${type.length})`;
    case 'char':
      return `CHAR(${type.length})`;
    case 'time':
      return type.precision === undefined ? 'TIME' : `TIME(${type.precision})`;
    case 'timestamp': {
      // SQLite's grammar puts the parenthesised part of a type name last.
      const name = type.withTimezone ? 'TIMESTAMP WITH TIME ZONE' : 'TIMESTAMP';
      return type.precision === undefined ? name : `${name}(${type.precision})`;
    }
    case 'numeric':
      if (type.precision === null) return 'NUMERIC';
      return type.scale === null ? `NUMERIC(${type.precision})` : `NUMERIC(${type.precision},${type.scale})`;
    case 'binary':
      return 'BLOB';
    case 'enum':
      return 'TEXT';
    case 'array':
      // Refused with the column's name by the compiler before it gets here.
      throw new OperationError('operation.unsupported', 'SQLite has no array types', {
        hint: 'use json() for a list of values',
      });
    case 'raw':
      return type.sql;
    default:
      return assertNever(type, 'column type');
  }
}

const SIMPLE: Readonly<Record<string, ColumnType>> = {
  INTEGER: { kind: 'integer' },
  INT: { kind: 'integer' },
  BIGINT: { kind: 'bigint' },
  SMALLINT: { kind: 'smallint' },
  TINYINT: { kind: 'tinyint' },
  MEDIUMINT: { kind: 'mediumint' },
  VARCHAR: { kind: 'varchar', length: null },
  TEXT: { kind: 'text' },
  BOOLEAN: { kind: 'boolean' },
  BOOL: { kind: 'boolean' },
  DATE: { kind: 'date' },
  TIME: { kind: 'time' },
  TIMESTAMP: { kind: 'timestamp', withTimezone: false },
  'TIMESTAMP WITH TIME ZONE': { kind: 'timestamp', withTimezone: true },
  TIMESTAMPTZ: { kind: 'timestamp', withTimezone: true },
  NUMERIC: { kind: 'numeric', precision: null, scale: null },
  DECIMAL: { kind: 'numeric', precision: null, scale: null },
  REAL: { kind: 'real' },
  DOUBLE: { kind: 'double' },
  'DOUBLE PRECISION': { kind: 'double' },
  JSON: { kind: 'json' },
  UUID: { kind: 'uuid' },
  BLOB: { kind: 'binary' },
};

/**
 * The model type of a declared type, e.g. `VARCHAR(30)` → varchar(30). Case
 * and spacing do not matter; anything else is kept as a raw type.
 */
export function parseSqliteType(declared: string): ColumnType {
  const temporal = /^\s*(TIMESTAMP(?:\s+WITH\s+TIME\s+ZONE)?|TIME)\s*\(\s*(\d+)\s*\)\s*$/i.exec(declared);
  if (temporal !== null) {
    const precision = Number(temporal[2]);
    const name = (temporal[1] ?? '').toUpperCase();
    if (name === 'TIME') return { kind: 'time', precision };
    return { kind: 'timestamp', withTimezone: name !== 'TIMESTAMP', precision };
  }
  const tokens = tokenize(declared);
  const open = tokens.findIndex((t) => t.kind === 'punct' && t.value === '(');
  const nameTokens = open === -1 ? tokens : tokens.slice(0, open);
  const name = nameTokens.map((t) => t.value.toUpperCase()).join(' ');
  const args = open === -1 ? [] : numberArgs(tokens.slice(open));
  if (args === null || !nameTokens.every((t) => t.kind === 'word')) return { kind: 'raw', sql: declared };
  if (args.length === 0 && SIMPLE[name] !== undefined) return SIMPLE[name];
  const signed = SIMPLE[name.replace(/ UNSIGNED$/, '')];
  if (args.length === 0 && name.endsWith(' UNSIGNED') && signed !== undefined && isIntegerType(signed))
    return withUnsigned(signed, true);
  const [first, second] = args;
  if ((name === 'VARCHAR' || name === 'CHARACTER VARYING') && args.length === 1 && first !== undefined) {
    return { kind: 'varchar', length: first };
  }
  if ((name === 'CHAR' || name === 'CHARACTER') && args.length === 1 && first !== undefined) {
    return { kind: 'char', length: first };
  }
  if ((name === 'NUMERIC' || name === 'DECIMAL') && args.length <= 2 && first !== undefined) {
    return { kind: 'numeric', precision: first, scale: second ?? null };
  }
  return { kind: 'raw', sql: declared };
}

/** `(10, 2)` → [10, 2]; null when the parenthesised part is not plain integers. */
function numberArgs(tokens: readonly Token[]): number[] | null {
  const last = tokens[tokens.length - 1];
  if (last === undefined || last.value !== ')') return null;
  const values: number[] = [];
  for (let i = 1; i < tokens.length - 1; i += 1) {
    const token = tokens[i] as Token;
    if (i % 2 === 1 && token.kind === 'number' && /^\d+$/.test(token.value)) values.push(Number(token.value));
    else if (i % 2 === 0 && token.value === ',') continue;
    else return null;
  }
  return values;
}

/**
 * The model type SQLite reads back for `type`: what declaring it and parsing
 * the declaration gives (raw `int` → integer, numeric(null, 2) → numeric).
 */
export function normalizeSqliteType(type: ColumnType): ColumnType {
  if (type.kind === 'enum') return { ...type, schema: null };
  if (type.kind === 'array') return type; // kept for the compiler to refuse by name
  // The collation is a column constraint (`COLLATE NOCASE`), not part of the declared type.
  return withCollation(parseSqliteType(sqliteDeclaredType(type)), isTextType(type) ? type.collation : undefined);
}

/**
 * The enum a column-level check encodes (its name null for an inline one),
 * or null when the check is not the `enum_<name>` (or `enum`) /
 * `"col" IN ('a', …)` shape kiln writes.
 */
export function parseEnumCheck(
  name: string | null,
  expression: string,
  column: string,
): { readonly name: string | null; readonly values: readonly string[] } | null {
  if (name === null) return null;
  const inline = name === INLINE_ENUM_CHECK;
  if (!inline && (!name.startsWith(ENUM_CHECK_PREFIX) || name.length === ENUM_CHECK_PREFIX.length)) return null;
  const tokens = tokenize(expression);
  const [subject, inWord, open] = tokens;
  if (subject === undefined || subject.value !== column || subject.kind === 'string') return null;
  if (!isKeyword(inWord, 'IN') || open?.value !== '(' || tokens[tokens.length - 1]?.value !== ')') return null;
  const values: string[] = [];
  for (let i = 3; i < tokens.length - 1; i += 1) {
    const token = tokens[i] as Token;
    if ((i - 3) % 2 === 0 && token.kind === 'string') values.push(token.value);
    else if ((i - 3) % 2 === 1 && token.value === ',') continue;
    else return null;
  }
  if (values.length === 0) return null;
  return { name: inline ? null : name.slice(ENUM_CHECK_PREFIX.length), values };
}
