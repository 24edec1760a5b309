import { OperationError } from '../errors.js';
import type { AlterColumnOp, Change, TableRef } from '../operations/operation.js';
import { EXACT_COMPARISON, type ModelComparison } from '../schema/comparison.js';
import { type Column, qualifiedName, type Table } from '../schema/model.js';
import { deepEqual, diffByName, type TableComparison } from './diff.js';
import type { ChangeSet } from './order.js';
import type { RenameResolver } from './rename-resolver.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The alterColumn turning `from` into `to` (name included), or null when they
 * are equal in the forms `comparison` gives them. Every change records its
 * `from` and the op its `existing` column (as the models hold them, not the
 * compared forms), so the op can be reversed.
 */
export function columnChanges(
  ref: TableRef,
  from: Column,
  to: Column,
  comparison: ModelComparison = EXACT_COMPARISON,
): AlterColumnOp | null {
  const op: Mutable<AlterColumnOp> = {
    kind: 'alterColumn',
    schema: ref.schema,
    table: ref.table,
    column: from.name,
    existing: from,
  };
  const [a, b] = [comparison.column(from), comparison.column(to)];
  const change = <K extends keyof Column>(key: K): Change<Column[K]> | undefined =>
    deepEqual(a[key], b[key]) ? undefined : { from: from[key], to: to[key] };
  const entries = {
    name: change('name'),
    type: change('type'),
    nullable: change('nullable'),
    default: change('default'),
    comment: change('comment'),
    autoIncrement: change('autoIncrement'),
  };
  let changed = false;
  for (const [key, value] of Object.entries(entries)) {
    if (value === undefined) continue;
    (op as Record<string, unknown>)[key] = value;
    changed = true;
  }
  return changed ? op : null;
}

/**
 * Asks the resolver which removed+added column pairs of a table are renames,
 * and returns one alterColumn per rename (carrying every other change too).
 *
 * @throws OperationError when the resolver names a column that is not a candidate, or one twice.
 */
export function resolveColumnRenames(
  ref: TableRef,
  from: Table,
  to: Table,
  resolver: RenameResolver,
  comparison: ModelComparison = EXACT_COMPARISON,
): AlterColumnOp[] {
  const { removed, added } = diffByName(from.columns, to.columns);
  if (removed.length === 0 || added.length === 0) return [];
  const renames = resolver.resolveColumns({ table: ref, removed, added });
  const used = new Set<string>();
  return renames.map((rename) => {
    const source = removed.find((c) => c.name === rename.from);
    const target = added.find((c) => c.name === rename.to);
    if (source === undefined || target === undefined || used.has(`-${rename.from}`) || used.has(`+${rename.to}`)) {
      throw new OperationError(
        'autogenerate.rename',
        `rename resolver: ${qualifiedName(from)}.${rename.from} → ${rename.to} is not a dropped/added column pair`,
        { hint: 'return each removed and each added column at most once', data: { table: from.name, ...rename } },
      );
    }
    used.add(`-${rename.from}`).add(`+${rename.to}`);
    return columnChanges(ref, source, target, comparison) as AlterColumnOp;
  });
}

/**
 * Columns of a kept table: added, dropped (with their definition), altered
 * (type by deep equality after normalisation, nullability, default, comment,
 * auto-increment). `renames` are emitted first in the alter stage.
 */
export function compareColumns(table: TableComparison, renames: readonly AlterColumnOp[], changes: ChangeSet): void {
  const { ref, current, to, comparison } = table;
  const diff = diffByName(current.columns, to.columns, (a, b) => deepEqual(comparison.column(a), comparison.column(b)));
  const position = (name: string) => to.columns.findIndex((c) => c.name === name);
  for (const column of [...diff.added].sort((a, b) => position(a.name) - position(b.name))) {
    changes.add('addColumn', { kind: 'addColumn', schema: ref.schema, table: ref.table, column });
  }
  changes.add('alterColumn', ...renames);
  for (const [before, after] of diff.changed) {
    if (deepEqual(before.generated, after.generated)) alterColumn(ref, before, after, changes, comparison);
    else regenerate(ref, before, after, changes);
  }
  for (const column of diff.removed) {
    changes.add('dropColumn', {
      kind: 'dropColumn',
      schema: ref.schema,
      table: ref.table,
      column: column.name,
      existing: column,
    });
  }
}

/**
 * A column whose generation changed (expression, stored/virtual, or becoming
 * or ceasing to be generated): no database alters that in place everywhere,
 * so it is dropped and added again, in one stage so the name is free. A
 * generated column's values come from its expression, so none are lost; a
 * plain column made generated loses its own values, as it must.
 */
function regenerate(ref: TableRef, before: Column, after: Column, changes: ChangeSet): void {
  changes.add(
    'alterColumn',
    { kind: 'dropColumn', schema: ref.schema, table: ref.table, column: before.name, existing: before },
    { kind: 'addColumn', schema: ref.schema, table: ref.table, column: after },
  );
}

/**
 * One changed column. A change of auto-increment is an op of its own, in the
 * stage that has the primary key it needs: switched off before keys are
 * dropped, on after they are created (see order.ts); the other changes sit
 * in between, on the column as it is at that point.
 */
function alterColumn(
  ref: TableRef,
  before: Column,
  after: Column,
  changes: ChangeSet,
  comparison: ModelComparison,
): void {
  // A change of identity kind (ALWAYS ↔ BY DEFAULT) is identity off, then on again.
  if (before.autoIncrement === after.autoIncrement && before.identity === after.identity) {
    const op = columnChanges(ref, before, after, comparison);
    if (op !== null) changes.add('alterColumn', op);
    return;
  }
  const plain = { autoIncrement: false };
  const middle = columnChanges(ref, { ...before, ...plain }, { ...after, ...plain }, comparison);
  if (before.autoIncrement)
    changes.add('autoIncrementOff', columnChanges(ref, before, { ...before, ...plain }) as AlterColumnOp);
  if (middle !== null) changes.add('alterColumn', middle);
  if (after.autoIncrement) {
    const on = columnChanges(ref, { ...after, ...plain }, after) as AlterColumnOp;
    changes.add('autoIncrementOn', after.identity === 'always' ? { ...on, identity: 'always' } : on);
  }
}
