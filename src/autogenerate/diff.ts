import { isDeepStrictEqual } from 'node:util';
import type { TableRef } from '../operations/operation.js';
import type { ModelComparison } from '../schema/comparison.js';
import type { Table } from '../schema/model.js';

/** Items of two lists matched by name. */
export interface NamedDiff<T> {
  /** Only in `from`. */
  readonly removed: readonly T[];
  /** Only in `to`. */
  readonly added: readonly T[];
  /** In both, different: `[from, to]`. */
  readonly changed: readonly (readonly [T, T])[];
}

/**
 * Matches `from` and `to` by name and sorts them into removed, added and
 * changed (by deep equality unless `equal` says otherwise). Output follows
 * name order, so operations come out the same on every run.
 */
export function diffByName<T extends { readonly name: string }>(
  from: readonly T[],
  to: readonly T[],
  equal: (a: T, b: T) => boolean = isDeepStrictEqual,
): NamedDiff<T> {
  const byName = (a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const toByName = new Map(to.map((item) => [item.name, item]));
  const fromNames = new Set(from.map((item) => item.name));
  const changed: [T, T][] = [];
  for (const item of [...from].sort(byName)) {
    const other = toByName.get(item.name);
    if (other !== undefined && !equal(item, other)) changed.push([item, other]);
  }
  return {
    removed: from.filter((item) => !toByName.has(item.name)).sort(byName),
    added: to.filter((item) => !fromNames.has(item.name)).sort(byName),
    changed,
  };
}

export { isDeepStrictEqual as deepEqual };

/** One table present on both sides, as the per-kind comparators see it. */
export interface TableComparison {
  readonly ref: TableRef;
  /** The table in the database, as it is before any operation: `existing` values come from here. */
  readonly from: Table;
  /** `from` after the resolved column renames: what indexes and constraints are matched against. */
  readonly current: Table;
  /** The table in the models. */
  readonly to: Table;
  /** The forms in which parts are compared (the dialect's; see `ModelComparison`). */
  readonly comparison: ModelComparison;
}
