/**
 * A reference to one column of a table definition: what `users.id` is, and
 * what the `t` argument of a table's extras callback holds. Constraints,
 * indexes and foreign keys point at columns through these.
 */

const COLUMN_REF_BRAND = Symbol.for('kiln.columnRef');

export interface ColumnRef {
  /** The table's schema (PostgreSQL namespace); null = the connection's default. */
  readonly schema: string | null;
  /** The table's name in the database. */
  readonly table: string;
  /** The column's name in the database (`user_id` for `userId: integer('user_id')`). */
  readonly column: string;
  /** The property key in the table definition (`userId`). */
  readonly key: string;
}

/** Makes a frozen, branded ColumnRef. */
export function makeColumnRef(schema: string | null, table: string, column: string, key: string): ColumnRef {
  const ref = { schema, table, column, key };
  Object.defineProperty(ref, COLUMN_REF_BRAND, { value: true, enumerable: false });
  return Object.freeze(ref);
}

/** True for a ColumnRef made by `table()` (checked by brand, so it works across module copies). */
export function isColumnRef(value: unknown): value is ColumnRef {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[COLUMN_REF_BRAND] === true;
}

/** `schema.table.column` or `table.column`, for messages. */
export function describeColumnRef(ref: ColumnRef): string {
  return ref.schema === null ? `${ref.table}.${ref.column}` : `${ref.schema}.${ref.table}.${ref.column}`;
}
