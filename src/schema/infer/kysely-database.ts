/**
 * A Kysely database type from a schema module, with no code generation:
 *
 *   import * as schema from './schema.js';
 *   type DB = KyselyDatabase<typeof schema, 'postgres'>;
 *   const db = new Kysely<DB>({ dialect });
 *
 * Tables are keyed by their name in the database (`'schema.table'` for a
 * table in a PostgreSQL schema, as Kysely expects), columns by their column
 * name. Each column is a `ColumnType<Select, Insert, Update>` as Kysely
 * defines it, so `insertInto` requires exactly the NOT NULL columns without a
 * default and refuses generated ones. kiln does not import Kysely: the types
 * below have Kysely's shape (Kysely tells them apart by shape alone), so
 * Kysely is needed only by the application that queries.
 */
import type { ColumnTraits } from '../dsl/column-traits.js';
import type { ColumnMap, TableDefinition } from '../dsl/table.js';
import type { QueryDriver } from './driver-values.js';
import type { ColumnsOf, InsertedValue, SelectedValue, TraitsOf } from './infer-row.js';

/**
 * Kysely's `ColumnType`, by shape: a column read as `S`, inserted as `I`
 * (`never`: not insertable; including `undefined`: optional), updated as `U`.
 */
export interface KyselyColumnType<S, I = S, U = S> {
  readonly __select__: S;
  readonly __insert__: I;
  readonly __update__: U;
}

/** A column as Kysely sees it: generated ones read-only, ones with a default optional on insert. */
export type KyselyColumn<T extends ColumnTraits, R extends QueryDriver> = T['generated'] extends true
  ? KyselyColumnType<SelectedValue<T, R>, never, never>
  : T['hasDefault'] extends true
    ? KyselyColumnType<SelectedValue<T, R>, InsertedValue<T, R> | undefined, InsertedValue<T, R>>
    : KyselyColumnType<SelectedValue<T, R>, InsertedValue<T, R>, InsertedValue<T, R>>;

/** The column name of the builder under property key `K`: the one it was given, else `K`. */
type ColumnName<C extends ColumnMap, K extends keyof C> = TraitsOf<C[K]>['name'] extends string
  ? TraitsOf<C[K]>['name']
  : K;

/**
 * One table's columns for Kysely, keyed by column name (`user_id`, not the
 * property key `userId`). `Selectable<KyselyTable<typeof posts>>` (Kysely's)
 * is a row as Kysely returns it.
 */
export type KyselyTable<T extends TableDefinition, R extends QueryDriver = QueryDriver> = {
  -readonly [K in keyof ColumnsOf<T> as ColumnName<ColumnsOf<T>, K>]: KyselyColumn<TraitsOf<ColumnsOf<T>[K]>, R>;
};

/** The name Kysely knows a table by: `'schema.table'` when it has a schema, else its name. */
export type KyselyTableName<T extends TableDefinition> =
  T extends TableDefinition<ColumnMap, infer N, infer S> ? (S extends string ? `${S}.${N}` : N) : never;

/**
 * The Kysely database type of a schema module (`typeof import('./schema')`,
 * or any object whose values include table definitions). `R` picks the
 * driver, as for `InferRow` (default: a value type every driver agrees to).
 *
 * @example
 * import * as schema from './schema.js';
 * type DB = KyselyDatabase<typeof schema, 'sqlite'>;
 * const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: new Database('app.db') }) });
 * const users = await db.selectFrom('con_user').select(['id', 'name']).execute();
 */
export type KyselyDatabase<M, R extends QueryDriver = QueryDriver> = {
  // Values that are not tables (enums, helpers a schema module also exports) are left out.
  -readonly [K in keyof M as M[K] extends TableDefinition ? KyselyTableName<M[K]> : never]: M[K] extends TableDefinition
    ? KyselyTable<M[K], R>
    : never;
};
