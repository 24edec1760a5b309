import type { PrimaryKey, UniqueConstraint } from './model.js';

/**
 * Whether a unique constraint says no more than the primary key: the same
 * columns in the same order (Prisma's `@id @unique`, `text().primaryKey().unique()`).
 * PostgreSQL drops such a UNIQUE inside CREATE TABLE, SQLite keeps an index
 * kiln does not read back, MySQL keeps a second index: every dialect's
 * normalize leaves it out on both sides, so it never shows as a difference
 * and no revision creates or drops it.
 *
 * @example duplicatesPrimaryKey({ name: 'uq_t_id', columns: ['id'] }, { name: 'pk_t', columns: ['id'] }) // true
 */
export function duplicatesPrimaryKey(
  unique: Pick<UniqueConstraint, 'columns'>,
  primaryKey: PrimaryKey | null,
): boolean {
  return (
    primaryKey !== null &&
    unique.columns.length === primaryKey.columns.length &&
    unique.columns.every((column, i) => primaryKey.columns[i] === column)
  );
}
