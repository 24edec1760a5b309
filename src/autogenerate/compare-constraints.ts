import type { ExistingConstraint, Operation, TableRef } from '../operations/operation.js';
import type { ForeignKey } from '../schema/model.js';
import { deepEqual, diffByName, type TableComparison } from './diff.js';
import type { ChangeSet } from './order.js';

function dropOp(ref: TableRef, existing: ExistingConstraint): Operation {
  return {
    kind: 'dropConstraint',
    schema: ref.schema,
    table: ref.table,
    name: existing.constraint.name,
    type: existing.type,
    existing,
  };
}

/** The definition as the database has it before any operation (column renames not yet applied). */
function original<T extends { readonly name: string }>(list: readonly T[], item: T): T {
  return list.find((other) => other.name === item.name) ?? item;
}

/** A foreign key dropped with its definition, so the downgrade can create it again. */
export function dropForeignKeyOp(ref: TableRef, fk: ForeignKey): Operation {
  return dropOp(ref, { type: 'foreignKey', constraint: fk });
}

/** Primary key: any difference (columns, name) is a drop of the old one and a create of the new. */
function comparePrimaryKey({ ref, from, current, to }: TableComparison, changes: ChangeSet): void {
  if (deepEqual(current.primaryKey, to.primaryKey)) return;
  if (from.primaryKey !== null)
    changes.add('dropConstraint', dropOp(ref, { type: 'primaryKey', constraint: from.primaryKey }));
  if (to.primaryKey !== null) {
    changes.add('createConstraint', {
      kind: 'createPrimaryKey',
      schema: ref.schema,
      table: ref.table,
      primaryKey: to.primaryKey,
    });
  }
}

/** Unique constraints by name; a changed one is dropped and created again. */
function compareUniques({ ref, from, current, to }: TableComparison, changes: ChangeSet): void {
  const diff = diffByName(current.uniques, to.uniques);
  for (const unique of [...diff.removed, ...diff.changed.map(([before]) => before)]) {
    changes.add('dropConstraint', dropOp(ref, { type: 'unique', constraint: original(from.uniques, unique) }));
  }
  for (const constraint of [...diff.changed.map(([, after]) => after), ...diff.added]) {
    changes.add('createConstraint', {
      kind: 'createUniqueConstraint',
      schema: ref.schema,
      table: ref.table,
      constraint,
    });
  }
}

/**
 * Checks by name and expression, the expression in the form the dialect
 * compares it in (PostgreSQL: the server's own rendering; MySQL: the
 * CHECK_CLAUSE spelling; SQLite: the text with spacing and parentheses
 * normalised). A changed check is dropped and created again.
 */
function compareChecks({ ref, from, current, to, comparison }: TableComparison, changes: ChangeSet): void {
  const diff = diffByName(current.checks, to.checks, (a, b) =>
    deepEqual(comparison.check(a, current), comparison.check(b, to)),
  );
  for (const check of [...diff.removed, ...diff.changed.map(([before]) => before)]) {
    changes.add('dropConstraint', dropOp(ref, { type: 'check', constraint: original(from.checks, check) }));
  }
  for (const check of [...diff.changed.map(([, after]) => after), ...diff.added]) {
    changes.add('createConstraint', { kind: 'createCheckConstraint', schema: ref.schema, table: ref.table, check });
  }
}

/** Foreign keys by name; a changed one is dropped (first stage) and created again (last). */
function compareForeignKeys({ ref, from, current, to }: TableComparison, changes: ChangeSet): void {
  const diff = diffByName(current.foreignKeys, to.foreignKeys);
  for (const fk of [...diff.removed, ...diff.changed.map(([before]) => before)]) {
    changes.add('dropForeignKey', dropForeignKeyOp(ref, original(from.foreignKeys, fk)));
  }
  for (const foreignKey of [...diff.changed.map(([, after]) => after), ...diff.added]) {
    changes.add('createForeignKey', { kind: 'createForeignKey', schema: ref.schema, table: ref.table, foreignKey });
  }
}

/** Primary key, uniques, checks and foreign keys of a table present on both sides. */
export function compareConstraints(table: TableComparison, changes: ChangeSet): void {
  compareForeignKeys(table, changes);
  comparePrimaryKey(table, changes);
  compareUniques(table, changes);
  compareChecks(table, changes);
}
