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

/** Options of `table()`. */
export interface TableOptions {
  /** PostgreSQL schema (namespace). Default: null, the connection's default (`public`). */
  readonly schema?: string;
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

/** What `table()` recorded; read by the model builder. */
export interface TableSpec {
  readonly name: string;
  readonly schema: string | null;
  readonly comment: string | null;
  /** MySQL table options; null = the database's default. */
  readonly collation: string | null;
  readonly charset: string | null;
  readonly columns: ColumnMap;
  /** Called when the model is built, so extras may reference tables declared later. */
  readonly extras: ExtrasCallback | null;
}

/** A table as declared by `table()`: its columns as ColumnRefs, plus the hidden declaration. */
export type TableDefinition<C extends ColumnMap = ColumnMap> = ColumnRefs<C> & {
  readonly [TABLE_SPEC]: TableSpec;
};

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
export function table<C extends ColumnMap>(
  name: string,
  columns: C,
  extras?: ExtrasCallback<C> | null,
  options?: TableOptions,
): TableDefinition<C>;
export function table<C extends ColumnMap>(name: string, columns: C, options: TableOptions): TableDefinition<C>;
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

/** `table()` and `enumType()` bound to one PostgreSQL schema. */
export interface SchemaBuilder {
  readonly name: string;
  /** Like `table()`, in this schema. @example app.table('account', { id: serial().primaryKey() }) */
  table<C extends ColumnMap>(
    name: string,
    columns: C,
    extras?: ExtrasCallback<C> | null,
    options?: Omit<TableOptions, 'schema'>,
  ): TableDefinition<C>;
  table<C extends ColumnMap>(name: string, columns: C, options: Omit<TableOptions, 'schema'>): TableDefinition<C>;
  /** Like `enumType()`, in this schema. @example app.enumType('mood', ['happy', 'sad']) */
  enumType(name: string, values: readonly string[]): EnumTypeBuilder;
}

/**
 * Declares tables and enum types in a schema (namespace), a PostgreSQL
 * feature: the same as passing `{ schema: name }` to `table()`/`enumType()`.
 *
 * @example
 * const app = schema('app');
 * export const accounts = app.table('account', { id: serial().primaryKey() });
 */
export function schema(name: string): SchemaBuilder {
  return Object.freeze({
    name,
    table<C extends ColumnMap>(
      tableName: string,
      columns: C,
      extrasOrOptions?: ExtrasCallback<C> | Omit<TableOptions, 'schema'> | null,
      maybeOptions?: Omit<TableOptions, 'schema'>,
    ): TableDefinition<C> {
      const extras = typeof extrasOrOptions === 'function' ? extrasOrOptions : null;
      const options =
        typeof extrasOrOptions === 'object' && extrasOrOptions !== null ? extrasOrOptions : (maybeOptions ?? {});
      return table(tableName, columns, extras, { ...options, schema: name });
    },
    enumType(enumName: string, values: readonly string[]): EnumTypeBuilder {
      return enumType(enumName, values, { schema: name });
    },
  });
}
