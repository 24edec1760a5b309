/**
 * Column type builders. Each returns a fresh, nullable ColumnBuilder. The
 * property key in `table()` is the column name unless a name string is given
 * as the first argument: `userId: integer('user_id')`.
 */
import type { ColumnType } from '../model.js';
import { type ColumnBuilder, columnOfType } from './column-builder.js';
import type { ColumnTraits, NewColumn } from './column-traits.js';

/** The traits of a serial column: NOT NULL, filled in by the database. */
interface SerialColumn<K extends 'integer' | 'bigint', N extends string | null> extends ColumnTraits {
  readonly kind: K;
  readonly data: unknown;
  readonly name: N;
  readonly notNull: true;
  readonly hasDefault: true;
  readonly generated: false;
}

/** Options of `timestamp()`. */
export interface TimestampOptions {
  /** TIMESTAMP WITH TIME ZONE (timestamptz). Default: false. */
  readonly withTimezone?: boolean;
  /**
   * Fractional-second digits, 0–6: `timestamp(3)`, MySQL `DATETIME(3)`.
   * Default: none, the database's default (PostgreSQL 6, MySQL 0).
   */
  readonly precision?: number;
}

/** Options of `time()`. */
export interface TimeOptions {
  /** Fractional-second digits, 0–6: `time(6)`. Default: none, the database's default. */
  readonly precision?: number;
}

/** `{ precision }` when given (validated when the model is built), else nothing. */
function precisionEntry(precision: unknown): { precision?: number } {
  return precision === undefined || precision === null ? {} : { precision: precision as number };
}

/** Splits an optional leading column name off a builder's arguments. */
function splitName(args: readonly unknown[]): { name: string | null; rest: readonly unknown[] } {
  if (typeof args[0] === 'string') return { name: args[0], rest: args.slice(1) };
  return { name: null, rest: args };
}

/** A length/precision argument as given (validated when the model is built). */
function optionalNumber(value: unknown): number | null {
  return value === undefined || value === null ? null : (value as number);
}

/** INTEGER (32-bit). @example id: integer().primaryKey() */
export function integer(): ColumnBuilder<NewColumn<'integer', null>>;
export function integer<N extends string>(name: N): ColumnBuilder<NewColumn<'integer', N>>;
export function integer(name?: string): ColumnBuilder {
  return columnOfType({ kind: 'integer' }, name ?? null);
}

/** BIGINT (64-bit). @example views: bigint().notNull().default(0) */
export function bigint(): ColumnBuilder<NewColumn<'bigint', null>>;
export function bigint<N extends string>(name: N): ColumnBuilder<NewColumn<'bigint', N>>;
export function bigint(name?: string): ColumnBuilder {
  return columnOfType({ kind: 'bigint' }, name ?? null);
}

/** SMALLINT (16-bit). @example rank: smallint() */
export function smallint(): ColumnBuilder<NewColumn<'smallint', null>>;
export function smallint<N extends string>(name: N): ColumnBuilder<NewColumn<'smallint', N>>;
export function smallint(name?: string): ColumnBuilder {
  return columnOfType({ kind: 'smallint' }, name ?? null);
}

/**
 * TINYINT (8-bit), MySQL/MariaDB's; SQLite declares it as written,
 * PostgreSQL stores it as smallint (it has no 8-bit integer).
 * @example level: tinyint().unsigned().notNull().default(0)
 */
export function tinyint(): ColumnBuilder<NewColumn<'tinyint', null>>;
export function tinyint<N extends string>(name: N): ColumnBuilder<NewColumn<'tinyint', N>>;
export function tinyint(name?: string): ColumnBuilder {
  return columnOfType({ kind: 'tinyint' }, name ?? null);
}

/**
 * MEDIUMINT (24-bit), MySQL/MariaDB's; SQLite declares it as written,
 * PostgreSQL stores it as integer.
 * @example views: mediumint().unsigned()
 */
export function mediumint(): ColumnBuilder<NewColumn<'mediumint', null>>;
export function mediumint<N extends string>(name: N): ColumnBuilder<NewColumn<'mediumint', N>>;
export function mediumint(name?: string): ColumnBuilder {
  return columnOfType({ kind: 'mediumint' }, name ?? null);
}

/**
 * An auto-incrementing, NOT NULL INTEGER (SERIAL / identity / AUTO_INCREMENT).
 * @example id: serial().primaryKey()
 */
export function serial(): ColumnBuilder<SerialColumn<'integer', null>>;
export function serial<N extends string>(name: N): ColumnBuilder<SerialColumn<'integer', N>>;
export function serial(name?: string): ColumnBuilder {
  return columnOfType({ kind: 'integer' }, name ?? null, { autoIncrement: true, notNull: true });
}

/**
 * An auto-incrementing, NOT NULL BIGINT (BIGSERIAL / identity / AUTO_INCREMENT).
 * @example id: bigserial().primaryKey()
 */
export function bigserial(): ColumnBuilder<SerialColumn<'bigint', null>>;
export function bigserial<N extends string>(name: N): ColumnBuilder<SerialColumn<'bigint', N>>;
export function bigserial(name?: string): ColumnBuilder {
  return columnOfType({ kind: 'bigint' }, name ?? null, { autoIncrement: true, notNull: true });
}

/**
 * VARCHAR(length); without a length, an unbounded VARCHAR where the database
 * allows it (PostgreSQL, SQLite).
 * @example name: varchar(30)   title: varchar('title', 200)
 */
export function varchar(length?: number): ColumnBuilder<NewColumn<'varchar', null>>;
export function varchar<N extends string>(name: N, length?: number): ColumnBuilder<NewColumn<'varchar', N>>;
export function varchar(...args: unknown[]): ColumnBuilder {
  const { name, rest } = splitName(args);
  return columnOfType({ kind: 'varchar', length: optionalNumber(rest[0]) }, name);
}

/**
 * CHAR(length), fixed width. Default length: 1 (as in SQL).
 * @example code: char(2)   country: char('country_code', 2)
 */
export function char(length?: number): ColumnBuilder<NewColumn<'char', null>>;
export function char<N extends string>(name: N, length?: number): ColumnBuilder<NewColumn<'char', N>>;
export function char(...args: unknown[]): ColumnBuilder {
  const { name, rest } = splitName(args);
  return columnOfType({ kind: 'char', length: optionalNumber(rest[0]) ?? 1 }, name);
}

/** TEXT, unbounded. @example body: text() */
export function text(): ColumnBuilder<NewColumn<'text', null>>;
export function text<N extends string>(name: N): ColumnBuilder<NewColumn<'text', N>>;
export function text(name?: string): ColumnBuilder {
  return columnOfType({ kind: 'text' }, name ?? null);
}

/** BOOLEAN (TINYINT(1) on MySQL, INTEGER 0/1 on SQLite). @example status: boolean() */
export function boolean(): ColumnBuilder<NewColumn<'boolean', null>>;
export function boolean<N extends string>(name: N): ColumnBuilder<NewColumn<'boolean', N>>;
export function boolean(name?: string): ColumnBuilder {
  return columnOfType({ kind: 'boolean' }, name ?? null);
}

/** DATE (no time of day). @example birthday: date() */
export function date(): ColumnBuilder<NewColumn<'date', null>>;
export function date<N extends string>(name: N): ColumnBuilder<NewColumn<'date', N>>;
export function date(name?: string): ColumnBuilder {
  return columnOfType({ kind: 'date' }, name ?? null);
}

/**
 * TIME (time of day, no date), optionally with fractional seconds.
 * @example opensAt: time('opens_at')   lap: time({ precision: 3 })
 */
export function time(options?: TimeOptions): ColumnBuilder<NewColumn<'time', null>>;
export function time<N extends string>(name: N, options?: TimeOptions): ColumnBuilder<NewColumn<'time', N>>;
export function time(...args: unknown[]): ColumnBuilder {
  const { name, rest } = splitName(args);
  const options = (rest[0] ?? {}) as TimeOptions;
  return columnOfType({ kind: 'time', ...precisionEntry(options.precision) }, name);
}

/**
 * TIMESTAMP, by default without time zone (MySQL: DATETIME), optionally with
 * fractional seconds.
 * @example createdAt: timestamp('created_at', { withTimezone: true }).notNull()
 * updatedAt: timestamp('updated_at', { precision: 3 }) // MySQL DATETIME(3)
 */
export function timestamp(options?: TimestampOptions): ColumnBuilder<NewColumn<'timestamp', null>>;
export function timestamp<N extends string>(
  name: N,
  options?: TimestampOptions,
): ColumnBuilder<NewColumn<'timestamp', N>>;
export function timestamp(...args: unknown[]): ColumnBuilder {
  const { name, rest } = splitName(args);
  const options = (rest[0] ?? {}) as TimestampOptions;
  const type = { kind: 'timestamp' as const, withTimezone: options.withTimezone === true };
  return columnOfType({ ...type, ...precisionEntry(options.precision) }, name);
}

/**
 * NUMERIC(precision, scale), exact decimal. Both are optional.
 * @example price: numeric(10, 2)   total: numeric('total', 12, 2)
 */
export function numeric(precision?: number, scale?: number): ColumnBuilder<NewColumn<'numeric', null>>;
export function numeric<N extends string>(
  name: N,
  precision?: number,
  scale?: number,
): ColumnBuilder<NewColumn<'numeric', N>>;
export function numeric(...args: unknown[]): ColumnBuilder {
  const { name, rest } = splitName(args);
  return columnOfType({ kind: 'numeric', precision: optionalNumber(rest[0]), scale: optionalNumber(rest[1]) }, name);
}

/** REAL, single-precision float. @example ratio: real() */
export function real(): ColumnBuilder<NewColumn<'real', null>>;
export function real<N extends string>(name: N): ColumnBuilder<NewColumn<'real', N>>;
export function real(name?: string): ColumnBuilder {
  return columnOfType({ kind: 'real' }, name ?? null);
}

/** DOUBLE PRECISION. @example latitude: double() */
export function double(): ColumnBuilder<NewColumn<'double', null>>;
export function double<N extends string>(name: N): ColumnBuilder<NewColumn<'double', N>>;
export function double(name?: string): ColumnBuilder {
  return columnOfType({ kind: 'double' }, name ?? null);
}

/** JSON (jsonb on PostgreSQL, TEXT on SQLite). @example settings: json() */
export function json(): ColumnBuilder<NewColumn<'json', null>>;
export function json<N extends string>(name: N): ColumnBuilder<NewColumn<'json', N>>;
export function json(name?: string): ColumnBuilder {
  return columnOfType({ kind: 'json' }, name ?? null);
}

/** UUID (CHAR(36) where the database has no uuid type). @example publicId: uuid('public_id') */
export function uuid(): ColumnBuilder<NewColumn<'uuid', null>>;
export function uuid<N extends string>(name: N): ColumnBuilder<NewColumn<'uuid', N>>;
export function uuid(name?: string): ColumnBuilder {
  return columnOfType({ kind: 'uuid' }, name ?? null);
}

/** Binary data (BYTEA / BLOB / LONGBLOB). @example avatar: binary() */
export function binary(): ColumnBuilder<NewColumn<'binary', null>>;
export function binary<N extends string>(name: N): ColumnBuilder<NewColumn<'binary', N>>;
export function binary(name?: string): ColumnBuilder {
  return columnOfType({ kind: 'binary' }, name ?? null);
}

/**
 * A database type kiln has no portable name for, written verbatim in DDL.
 * Give the column name first when it differs from the property key.
 * @example location: rawType('geometry(Point, 4326)')   ip: rawType('ip_addr', 'inet')
 */
export function rawType(sqlType: string): ColumnBuilder<NewColumn<'raw', null>>;
export function rawType<N extends string>(name: N, sqlType: string): ColumnBuilder<NewColumn<'raw', N>>;
export function rawType(first: string, second?: string): ColumnBuilder {
  const type: ColumnType = { kind: 'raw', sql: second ?? first };
  return columnOfType(type, second === undefined ? null : first);
}
