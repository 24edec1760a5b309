import { EXACT_COMPARISON, type ModelComparison } from '../../schema/comparison.js';
import type { Index } from '../../schema/model.js';
import { comparableExpression } from './sqlite-sql-text.js';

/**
 * How SQLite models are compared. SQLite keeps an index's SQL as it was
 * written and has no rendering of its own to ask for, so an indexed
 * expression is compared in `comparableExpression`'s spelling (case and
 * spacing of names and words ignored): `LOWER( email )` made by hand and
 * `lower(email)` in a model are the same index.
 */
export const SQLITE_COMPARISON: ModelComparison = Object.freeze({
  ...EXACT_COMPARISON,
  index(index: Index): Index {
    if (index.columns.every((c) => typeof c === 'string')) return index;
    const columns = index.columns.map((c) =>
      typeof c === 'string' ? c : { expression: comparableExpression(c.expression) },
    );
    return { ...index, columns };
  },
});
