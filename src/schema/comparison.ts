import type { CheckConstraint, Column, Index, Table } from './model.js';

/**
 * How the differ compares two normalised models: each part is mapped to the
 * form in which it is compared, and two parts whose forms are equal are the
 * same. The operations a comparison produces carry the parts themselves,
 * never these forms: a revision says what the user wrote (a default with its
 * casts, a check as written), while the forms may be lossy (casts removed,
 * words re-cased) or come from the server (`format_type`,
 * `pg_get_constraintdef`). Each map must give equal forms to equal inputs.
 *
 * @example compareSchemas(database, models, { comparison: await dialect.comparison?.(database, models, connection) })
 */
export interface ModelComparison {
  /** A column as compared (its type and default in their canonical spelling). */
  column(column: Column): Column;
  /** A check constraint of `table` as compared (its expression in canonical spelling). */
  check(check: CheckConstraint, table: Table): CheckConstraint;
  /** An index as compared (its predicate in canonical spelling). */
  index(index: Index): Index;
}

/** The default comparison: parts are compared exactly as the normalised models hold them. */
export const EXACT_COMPARISON: ModelComparison = Object.freeze({
  column: (column: Column) => column,
  check: (check: CheckConstraint) => check,
  index: (index: Index) => index,
});
