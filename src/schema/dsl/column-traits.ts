/**
 * What a column builder knows at the type level, for `InferRow`,
 * `InferInsert` and `KyselyDatabase` (src/schema/infer/). Nothing here exists
 * at run time: the builders carry these traits as a type parameter, and each
 * method that changes one (`.notNull()`, `.default()`, `.primaryKey()`, …)
 * returns a builder with the trait narrowed.
 */
import type { ColumnType } from '../model.js';

/**
 * The kind of value a column holds: a DSL type kind (the driver decides the
 * JavaScript type, see src/schema/infer/driver-values.ts), `'array'` for a
 * PostgreSQL array (its `data` holds the element's traits), or `'custom'`
 * for a type given with `.$type<T>()`.
 */
export type ValueKind = ColumnType['kind'] | 'custom';

/** A column's traits: everything the inferred row types depend on. */
export interface ColumnTraits {
  readonly kind: ValueKind;
  /**
   * The value type where the kind alone does not tell it: an enum's values
   * (`'happy' | 'sad'`), an array's element traits, `.$type<T>()`'s `T`, a JSON
   * column's parsed value (`unknown`). `unknown` for the other kinds.
   */
  readonly data: unknown;
  /** The column name given to the builder (`integer('user_id')`), or null: the property key is the name. */
  readonly name: string | null;
  readonly notNull: boolean;
  /** A default, auto-increment or identity: an insert may leave it out. */
  readonly hasDefault: boolean;
  /** A computed column or `GENERATED ALWAYS AS IDENTITY`: inserts and updates never write it. */
  readonly generated: boolean;
}

/** The traits of a fresh builder of kind `K`: nullable, no default, named `N` (null: the property key). */
export interface NewColumn<K extends ValueKind, N extends string | null, D = unknown> extends ColumnTraits {
  readonly kind: K;
  readonly data: D;
  readonly name: N;
  readonly notNull: false;
  readonly hasDefault: false;
  readonly generated: false;
}

/** `T` with the traits in `C` replaced; what a narrowing builder method returns. */
export type Refine<T extends ColumnTraits, C extends Partial<ColumnTraits>> = {
  readonly [K in keyof ColumnTraits]: K extends keyof C ? Exclude<C[K], undefined> : T[K];
};

/** The column name (`N` of `integer('N')`, else the property key) as a type. */
export type ColumnNameOf<T extends ColumnTraits, Key> = T['name'] extends string ? T['name'] : Key;
