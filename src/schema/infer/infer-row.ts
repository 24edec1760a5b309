/**
 * Row types from a table definition, keyed by the table's property keys (as
 * drizzle's `InferSelectModel`): `InferRow<typeof users>` is what a query
 * reads, `InferInsert<typeof users>` what an insert takes. For a query
 * builder keyed by column names, see `KyselyDatabase` (kysely-database.ts).
 */
import type { ColumnBuilder } from '../dsl/column-builder.js';
import type { ColumnTraits } from '../dsl/column-traits.js';
import type { ColumnMap, TableDefinition } from '../dsl/table.js';
import type { InsertValue, QueryDriver, SelectValue } from './driver-values.js';

/** The traits a column builder carries. */
export type TraitsOf<B> = B extends ColumnBuilder<infer T> ? T : never;

/** The column builders of a table definition, by property key. */
export type ColumnsOf<T extends TableDefinition> = T extends TableDefinition<infer C> ? C : never;

/** The value a query reads from a column: its driver's type, `| null` when the column is nullable. */
export type SelectedValue<T extends ColumnTraits, R extends QueryDriver> = T['notNull'] extends true
  ? SelectValue<T, R>
  : SelectValue<T, R> | null;

/** The value an insert or update may write to a column: its driver's type, `| null` when nullable. */
export type InsertedValue<T extends ColumnTraits, R extends QueryDriver> = T['notNull'] extends true
  ? InsertValue<T, R>
  : InsertValue<T, R> | null;

/** Columns an insert must give: NOT NULL, no default, not generated. */
type RequiredKeys<C extends ColumnMap> = {
  [K in keyof C]: TraitsOf<C[K]> extends {
    readonly notNull: true;
    readonly hasDefault: false;
    readonly generated: false;
  }
    ? K
    : never;
}[keyof C];

/** Columns an insert may leave out: nullable or with a default, not generated. */
type OptionalKeys<C extends ColumnMap> = {
  [K in keyof C]: TraitsOf<C[K]>['generated'] extends true
    ? never
    : TraitsOf<C[K]> extends { readonly notNull: true; readonly hasDefault: false }
      ? never
      : K;
}[keyof C];

/** Flattens an intersection so that editors show one object type. */
type Flatten<T> = { [K in keyof T]: T[K] } & {};

/**
 * A row as a query reads it, keyed by property key. Nullable columns are
 * `T | null`. `R` picks the driver whose JavaScript types it uses
 * (`'postgres'`, `'mysql'` for MySQL and MariaDB, `'sqlite'`); by default any of them,
 * so a value is the union of theirs (e.g. a boolean column is `boolean | number`
 * since MySQL and SQLite return 0/1).
 *
 * @example
 * type User = InferRow<typeof users, 'postgres'>;
 * // { id: number; name: string | null; status: boolean | null; … }
 */
export type InferRow<T extends TableDefinition, R extends QueryDriver = QueryDriver> = Flatten<{
  -readonly [K in keyof ColumnsOf<T>]: SelectedValue<TraitsOf<ColumnsOf<T>[K]>, R>;
}>;

/**
 * What an insert takes, keyed by property key: NOT NULL columns without a
 * default are required; nullable ones and those with a default,
 * auto-increment or identity are optional; generated columns (computed, or
 * `GENERATED ALWAYS AS IDENTITY`) are left out. `R` as for `InferRow`; by
 * default a value every driver binds (e.g. a timestamp is a string, since
 * better-sqlite3 cannot bind a Date).
 *
 * @example
 * const row: InferInsert<typeof posts, 'postgres'> = { userId: 1, title: 'Hello' };
 */
export type InferInsert<T extends TableDefinition, R extends QueryDriver = QueryDriver> = Flatten<
  {
    -readonly [K in RequiredKeys<ColumnsOf<T>>]: InsertedValue<TraitsOf<ColumnsOf<T>[K]>, R>;
  } & {
    -readonly [K in OptionalKeys<ColumnsOf<T>>]?: InsertedValue<TraitsOf<ColumnsOf<T>[K]>, R>;
  }
>;
