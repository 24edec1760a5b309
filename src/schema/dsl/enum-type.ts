import type { EnumType } from '../model.js';
import { type ColumnBuilder, columnOfType } from './column-builder.js';
import type { NewColumn } from './column-traits.js';

const ENUM_BRAND = Symbol.for('kiln.enumType');

/** Options of `enumType()`. */
export interface EnumTypeOptions {
  /** PostgreSQL schema of the type. Default: null (the connection's default). */
  readonly schema?: string;
}

/**
 * A named enum type, used like a column type builder: call it to get a
 * column (optionally naming the column). On PostgreSQL it is a `CREATE TYPE`;
 * MySQL and SQLite spell it inline. `V`: the values, as a union of string
 * literal types (what `InferRow` gives its columns).
 */
export interface EnumTypeBuilder<V extends string = string> {
  (): ColumnBuilder<NewColumn<'enum', null, V>>;
  <N extends string>(columnName: N): ColumnBuilder<NewColumn<'enum', N, V>>;
  /** The type's name in the database. */
  readonly name: string;
  readonly values: readonly V[];
  readonly schema: string | null;
}

/**
 * Declares an enum type. Export it from a schema module if it should exist
 * even while no column uses it; types used by columns are collected anyway.
 *
 * @example
 * export const mood = enumType('mood', ['happy', 'sad']);
 * export const people = table('person', { id: integer().primaryKey(), feeling: mood() });
 */
export function enumType<const V extends string>(
  name: string,
  values: readonly V[],
  options: EnumTypeOptions = {},
): EnumTypeBuilder<V> {
  const frozenValues = Object.freeze([...values]);
  const schema = options.schema ?? null;
  const builder = (columnName?: string | null): ColumnBuilder =>
    columnOfType({ kind: 'enum', name, values: frozenValues, schema }, columnName ?? null);
  // A function's own `name` is configurable, so the builder can carry the type's name.
  Object.defineProperty(builder, 'name', { value: name, enumerable: true });
  Object.defineProperty(builder, 'values', { value: frozenValues, enumerable: true });
  Object.defineProperty(builder, 'schema', { value: schema, enumerable: true });
  Object.defineProperty(builder, ENUM_BRAND, { value: true });
  return Object.freeze(builder) as EnumTypeBuilder<V>;
}

/**
 * An enum column with no type of its own: MySQL/MariaDB's inline
 * `ENUM('a', 'b')` (drizzle's `mysqlEnum`), SQLite's TEXT with a CHECK.
 * PostgreSQL has no inline enum and refuses it, naming the column: declare
 * a named type with `enumType()` for a model that runs there too. The
 * column name may come first, as with the other column types.
 *
 * @example feeling: inlineEnum(['happy', 'sad'])   mood: inlineEnum('mood', ['happy', 'sad'])
 */
export function inlineEnum<const V extends string>(values: readonly V[]): ColumnBuilder<NewColumn<'enum', null, V>>;
export function inlineEnum<N extends string, const V extends string>(
  name: N,
  values: readonly V[],
): ColumnBuilder<NewColumn<'enum', N, V>>;
export function inlineEnum(nameOrValues: string | readonly string[], maybeValues?: readonly string[]): ColumnBuilder {
  const named = typeof nameOrValues === 'string';
  const values = Object.freeze([...((named ? maybeValues : nameOrValues) ?? [])]);
  return columnOfType({ kind: 'enum', name: null, values, schema: null }, named ? nameOrValues : null);
}

/** True for values made by `enumType()`. */
export function isEnumTypeBuilder(value: unknown): value is EnumTypeBuilder {
  return typeof value === 'function' && (value as unknown as Record<symbol, unknown>)[ENUM_BRAND] === true;
}

/** The model value of an enum type builder. */
export function enumTypeOf(builder: EnumTypeBuilder): EnumType {
  return { schema: builder.schema, name: builder.name, values: builder.values };
}
