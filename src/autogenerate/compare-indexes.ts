import type { Index } from '../schema/model.js';
import { deepEqual, diffByName, type TableComparison } from './diff.js';
import type { ChangeSet } from './order.js';

/**
 * Indexes of a kept table, matched by name: a changed index (columns,
 * uniqueness, predicate) is dropped and created again, as Alembic does.
 */
export function compareIndexes(table: TableComparison, changes: ChangeSet): void {
  const { ref, from, current, to, comparison } = table;
  const diff = diffByName(current.indexes, to.indexes, (a, b) => deepEqual(comparison.index(a), comparison.index(b)));
  const original = (index: Index) => from.indexes.find((i) => i.name === index.name) ?? index;
  for (const index of [...diff.removed, ...diff.changed.map(([before]) => before)]) {
    changes.add('dropConstraint', {
      kind: 'dropIndex',
      schema: ref.schema,
      table: ref.table,
      name: index.name,
      existing: original(index),
    });
  }
  for (const index of [...diff.changed.map(([, after]) => after), ...diff.added]) {
    changes.add('createConstraint', { kind: 'createIndex', schema: ref.schema, table: ref.table, index });
  }
}
