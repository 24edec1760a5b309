/**
 * The JavaScript types each driver gives for kiln's column types, with its
 * default settings, as Kysely passes them through: what a query reads
 * (`select`) and what an insert or update may bind (`insert`). Facts about the
 * drivers (node-postgres, mysql2, better-sqlite3), checked by
 * test/integration/kysely-queries.test.ts against the real databases; the
 * README's "Typed queries" table says the same in words.
 */
import type { ColumnTraits } from '../dsl/column-traits.js';

/**
 * The driver a row type is for: node-postgres, mysql2 (MySQL and MariaDB
 * alike) or better-sqlite3.
 */
export type QueryDriver = 'postgres' | 'mysql' | 'sqlite';

interface Value<Select, Insert = Select> {
  readonly select: Select;
  readonly insert: Insert;
}

/** node-postgres: int8 and numeric as strings (exact), dates as Date, json parsed. */
interface PostgresValues<D> {
  integer: Value<number>;
  smallint: Value<number>;
  tinyint: Value<number>;
  mediumint: Value<number>;
  bigint: Value<string, string | number | bigint>;
  numeric: Value<string, string | number>;
  real: Value<number>;
  double: Value<number>;
  varchar: Value<string>;
  char: Value<string>;
  text: Value<string>;
  uuid: Value<string>;
  // PostgreSQL reads '1' and '0' as booleans, so 0/1 bind too (what SQLite needs).
  boolean: Value<boolean, boolean | 0 | 1>;
  date: Value<Date, Date | string>;
  time: Value<string>;
  timestamp: Value<Date, Date | string>;
  // Bound parameters that are objects are sent as JSON, but arrays would be sent as SQL arrays: text is safe.
  json: Value<D, string>;
  binary: Value<Buffer>;
  enum: Value<D>;
  raw: Value<unknown>;
  custom: Value<D>;
  array: ArrayOf<D>;
}

/**
 * mysql2: BIGINT as a (possibly rounded) number, DECIMAL as a string, BOOLEAN
 * (TINYINT(1)) as 0/1, JSON parsed (MariaDB too: 10.5 and later mark its
 * JSON columns, which are LONGTEXT, and mysql2 parses them).
 */
interface MysqlValues<D> {
  integer: Value<number>;
  smallint: Value<number>;
  tinyint: Value<number>;
  mediumint: Value<number>;
  bigint: Value<number, number | string>;
  numeric: Value<string, string | number>;
  real: Value<number>;
  double: Value<number>;
  varchar: Value<string>;
  char: Value<string>;
  text: Value<string>;
  uuid: Value<string>;
  boolean: Value<number, boolean | number>;
  date: Value<Date, Date | string>;
  time: Value<string>;
  timestamp: Value<Date, Date | string>;
  json: Value<D, string>;
  binary: Value<Buffer>;
  enum: Value<D>;
  raw: Value<unknown>;
  custom: Value<D>;
  // The model refuses arrays on MySQL; PostgreSQL's type keeps a schema written for several drivers usable.
  array: ArrayOf<D>;
}

/**
 * better-sqlite3: values as stored. NUMERIC-affinity columns (kiln's
 * `numeric`) store numbers; dates and JSON are text; booleans are 0/1 and
 * cannot be bound as `true`/`false` (nor can a Date).
 */
interface SqliteValues<D> {
  integer: Value<number>;
  smallint: Value<number>;
  tinyint: Value<number>;
  mediumint: Value<number>;
  bigint: Value<number, number | bigint | string>;
  numeric: Value<number, number | string>;
  real: Value<number>;
  double: Value<number>;
  varchar: Value<string>;
  char: Value<string>;
  text: Value<string>;
  uuid: Value<string>;
  boolean: Value<number>;
  date: Value<string>;
  time: Value<string>;
  timestamp: Value<string>;
  json: Value<string>;
  binary: Value<Buffer>;
  enum: Value<D>;
  raw: Value<unknown>;
  custom: Value<D>;
  array: ArrayOf<D>;
}

/**
 * An array column's values on PostgreSQL, the one database with arrays: the
 * elements as node-postgres parses and binds them. It parses arrays of
 * built-in types only, so an array of an enum reads as the array's text
 * (`'{happy,sad}'`); it binds a JavaScript array of any type.
 */
type ArrayOf<E> = E extends ColumnTraits
  ? E['kind'] extends 'enum'
    ? Value<string, string | ValueOf<E, 'postgres'>['insert'][]>
    : Value<ValueOf<E, 'postgres'>['select'][], ValueOf<E, 'postgres'>['insert'][]>
  : never;

interface DriverValues<D> {
  postgres: PostgresValues<D>;
  mysql: MysqlValues<D>;
  sqlite: SqliteValues<D>;
}

/** The select and insert types of a column with traits `T` on one driver `R`. */
export type ValueOf<T extends ColumnTraits, R extends QueryDriver> = DriverValues<T['data']>[R][T['kind']];

/** What a query reads from the column (nullability aside): on several drivers, any of theirs. */
export type SelectValue<T extends ColumnTraits, R extends QueryDriver> = R extends QueryDriver
  ? ValueOf<T, R>['select']
  : never;

/** The members of `A` and `B` that both take (`Date | string` and `string`: `string`; `number` and `0 | 1`: `0 | 1`). */
type Meet<A, B> = A extends unknown
  ? B extends unknown
    ? [A] extends [B]
      ? A
      : [B] extends [A]
        ? B
        : never
    : never
  : never;

/** Driver `D`'s insert type when `D` is among `R`, else `unknown` (which `Meet` leaves out). */
type InsertOn<T extends ColumnTraits, D extends QueryDriver, R extends QueryDriver> = D extends R
  ? ValueOf<T, D>['insert']
  : unknown;

/**
 * What an insert or update may bind (nullability aside): on several drivers,
 * the values every one of them binds (a timestamp: `string`, since
 * better-sqlite3 cannot bind a Date; a boolean: `0 | 1`).
 */
export type InsertValue<T extends ColumnTraits, R extends QueryDriver> = Meet<
  Meet<InsertOn<T, 'postgres', R>, InsertOn<T, 'mysql', R>>,
  InsertOn<T, 'sqlite', R>
>;
