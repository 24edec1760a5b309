import { type ColumnBuilder, isColumnBuilder } from './column-builder.js';
import { type ColumnRef, makeColumnRef } from './column-ref.js';
import type { TableExtra } from './constraints.js';
import { type EnumTypeBuilder, enumType } from './enum-type.js';

/** The hidden key under which a table definition keeps its declaration. */
export const TABLE_SPEC: unique symbol = Symbol.for('kiln.tableSpec');

/** Column builders by property key. */
export type ColumnMap = Readonly<Record<string, ColumnBuilder>>;

/** One ColumnRef per property key: `users.id`, and the `t` of the extras callback. */
export type ColumnRefs<C extends ColumnMap> = { readonly [K in keyof C]: ColumnRef };

/** The third argument of `table()`: indexes and constraints over the table's columns. */
export type ExtrasCallback<C extends ColumnMap = ColumnMap> = (t: ColumnRefs<C>) => readonly TableExtra[];

/** Options of `table()`. `S`: the schema's name as a type (for `KyselyDatabase`'s `'schema.table'` keys). */
export interface TableOptions<S extends string = string> {
  /** PostgreSQL schema (namespace). Default: null, the connection's default (`public`). */
  readonly schema?: S;
  /** Table comment (COMMENT ON TABLE / MySQL COMMENT; ignored by SQLite). */
  readonly comment?: string;
  /**
   * Default collation of the table's character columns, MySQL/MariaDB only
   * (`COLLATE=utf8mb4_bin`); other databases refuse it. Default: none, the
   * database's default, never reported as a difference.
   */
  readonly collation?: string;
  /** Default character set, MySQL/MariaDB only (`DEFAULT CHARSET=utf8mb4`). Default: the database's. */
  readonly charset?: string;
}

/**
 * What `table()` recorded; read by the model builder. The type parameters
 * keep the columns, the name and the schema as types, for `InferRow` and
 * `KyselyDatabase`.
 */
export interface TableSpec<
  C extends ColumnMap = ColumnMap,
  N extends string = string,
  S extends string | null = string | null,
> {
  readonly name: N;
  readonly schema: S;
  readonly comment: string | null;
  /** MySQL table options; null = the database's default. */
  readonly collation: string | null;
  readonly charset: string | null;
  readonly columns: C;
  /** Called when the model is built, so extras may reference tables declared later. */
  readonly extras: ExtrasCallback | null;
}

/**
 * A table as declared by `table()`: its columns as ColumnRefs, plus the hidden
 * declaration. `N` and `S` are the table's name and schema (null: none given).
 */
export type TableDefinition<
  C extends ColumnMap = ColumnMap,
  N extends string = string,
  S extends string | null = string | null,
> = ColumnRefs<C> & {
  readonly [TABLE_SPEC]: TableSpec<C, N, S>;
};

/** The schema of a table definition's type: `S` when the options named one, else null. */
type SchemaOf<S extends string> = [S] extends [never] ? null : S;

/**
 * Declares a table. Export it from a schema module to make it part of the
 * model. Property keys are column names unless a builder names its column.
 * Indexes and constraints go in the optional extras callback; `schema` and
 * `comment` in the options (which may also be the third argument).
 *
 * @example
 * export const posts = table('post', {
 *   id: integer().primaryKey({ autoIncrement: true }),
 *   userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
 *   title: varchar(200).notNull(),
 * }, (t) => [index('ix_post_user_id').on(t.userId)], { comment: 'blog posts' });
 */
export function table<N extends string, C extends ColumnMap, S extends string = never>(
  name: N,
  columns: C,
  extras?: ExtrasCallback<C> | null,
  options?: TableOptions<S>,
): TableDefinition<C, N, SchemaOf<S>>;
export function table<N extends string, C extends ColumnMap, S extends string = never>(
  name: N,
  columns: C,
  options: TableOptions<S>,
): TableDefinition<C, N, SchemaOf<S>>;
export function table<C extends ColumnMap>(
  name: string,
  columns: C,
  extrasOrOptions?: ExtrasCallback<C> | TableOptions | null,
  maybeOptions?: TableOptions,
): TableDefinition<C> {
  const extras = typeof extrasOrOptions === 'function' ? extrasOrOptions : null;
  const options =
    typeof extrasOrOptions === 'object' && extrasOrOptions !== null ? extrasOrOptions : (maybeOptions ?? {});
  const spec: TableSpec = Object.freeze({
    name,
    schema: options.schema ?? null,
    comment: options.comment ?? null,
    collation: options.collation ?? null,
    charset: options.charset ?? null,
    columns: Object.freeze({ ...columns }),
    extras: extras as ExtrasCallback | null,
  });
  const definition: Record<string | symbol, unknown> = {};
  for (const [key, builder] of Object.entries(columns)) {
    // A non-builder value is reported when the model is built, with its table and key.
    const columnName = isColumnBuilder(builder) ? (builder.spec.name ?? key) : key;
    definition[key] = makeColumnRef(spec.schema, name, columnName, key);
  }
  Object.defineProperty(definition, TABLE_SPEC, { value: spec, enumerable: false });
  return Object.freeze(definition) as TableDefinition<C>;
}

/** True for values made by `table()`. */
export function isTableDefinition(value: unknown): value is TableDefinition {
  return (
    typeof value === 'object' && value !== null && typeof (value as Record<symbol, unknown>)[TABLE_SPEC] === 'object'
  );
}

/** The declaration behind a table definition. */
export function tableSpecOf(definition: TableDefinition): TableSpec {
  return definition[TABLE_SPEC];
}

/** `table()` and `enumType()` bound to one PostgreSQL schema, named `S`. */
export interface SchemaBuilder<S extends string = string> {
  readonly name: S;
  /** Like `table()`, in this schema. @example app.table('account', { id: serial().primaryKey() }) */
  table<N extends string, C extends ColumnMap>(
    name: N,
    columns: C,
    extras?: ExtrasCallback<C> | null,
    options?: Omit<TableOptions, 'schema'>,
  ): TableDefinition<C, N, S>;
  table<N extends string, C extends ColumnMap>(
    name: N,
    columns: C,
    options: Omit<TableOptions, 'schema'>,
  ): TableDefinition<C, N, S>;
  /** Like `enumType()`, in this schema. @example app.enumType('mood', ['happy', 'sad']) */
  enumType<const V extends string>(name: string, values: readonly V[]): EnumTypeBuilder<V>;
}

/**
 * Declares tables and enum types in a schema (namespace), a PostgreSQL
 * feature: the same as passing `{ schema: name }` to `table()`/`enumType()`.
 *
 * @example
 * const app = schema('app');
 * export const accounts = app.table('account', { id: serial().primaryKey() });
 */
export function schema<S extends string>(name: S): SchemaBuilder<S> {
  return Object.freeze({
    name,
    table<N extends string, C extends ColumnMap>(
      tableName: N,
      columns: C,
      extrasOrOptions?: ExtrasCallback<C> | Omit<TableOptions, 'schema'> | null,
      maybeOptions?: Omit<TableOptions, 'schema'>,
    ): TableDefinition<C, N, S> {
      const extras = typeof extrasOrOptions === 'function' ? extrasOrOptions : null;
      const options =
        typeof extrasOrOptions === 'object' && extrasOrOptions !== null ? extrasOrOptions : (maybeOptions ?? {});
      return table(tableName, columns, extras, { ...options, schema: name }) as TableDefinition<C, N, S>;
    },
    enumType<const V extends string>(enumName: string, values: readonly V[]): EnumTypeBuilder<V> {
      return enumType(enumName, values, { schema: name });
    },
  });
}
