import { qualifiedName } from '../schema/model.js';
import { type Operation, type OperationHandlers, type TableRef, dispatchOperation } from './operation.js';

const at = (ref: TableRef) => qualifiedName({ schema: ref.schema, name: ref.table });

const describers: OperationHandlers<string> = {
  createTable: (op) => `create table ${qualifiedName(op.table)}`,
  dropTable: (op) => `drop table ${at(op)}`,
  renameTable: (op) => `rename table ${at(op)} to ${op.newName}`,
  alterTable: (op) => {
    const parts = [
      ...(op.comment === undefined ? [] : [`${op.comment.to === null ? 'drop' : 'set'} comment`]),
      ...(op.collation === undefined ? [] : [`collation ${op.collation.to ?? 'default'}`]),
      ...(op.charset === undefined ? [] : [`charset ${op.charset.to ?? 'default'}`]),
    ];
    return `${parts.join(', ')} on table ${at(op)}`;
  },
  addColumn: (op) => `add column ${at(op)}.${op.column.name}`,
  dropColumn: (op) => `drop column ${at(op)}.${op.column}`,
  alterColumn: (op) => {
    const changed = (['type', 'nullable', 'default', 'name', 'comment', 'autoIncrement'] as const).filter(
      (key) => op[key] !== undefined,
    );
    return `alter column ${at(op)}.${op.column} (${changed.join(', ')})`;
  },
  createIndex: (op) => `create ${op.index.unique ? 'unique ' : ''}index ${op.index.name} on ${at(op)}`,
  dropIndex: (op) => `drop index ${op.name} on ${at(op)}`,
  createUniqueConstraint: (op) => `add unique constraint ${op.constraint.name} on ${at(op)}`,
  createForeignKey: (op) => `add foreign key ${op.foreignKey.name} on ${at(op)}`,
  createCheckConstraint: (op) => `add check constraint ${op.check.name} on ${at(op)}`,
  createPrimaryKey: (op) => `add primary key ${op.primaryKey.name} on ${at(op)}`,
  dropConstraint: (op) => `drop constraint ${op.name} on ${at(op)}`,
  createEnum: (op) => `create enum ${qualifiedName(op.enum)}`,
  alterEnum: (op) => {
    const changes = [
      op.addValues.length > 0 ? `add values ${op.addValues.join(', ')}` : null,
      (op.removeValues ?? []).length > 0 ? `remove values ${(op.removeValues ?? []).join(', ')}` : null,
    ].filter((change) => change !== null);
    return `${changes.join(' and ')} in enum ${qualifiedName(op)}`;
  },
  dropEnum: (op) => `drop enum ${qualifiedName(op)}`,
  createSchema: (op) => `create schema ${op.name}`,
  dropSchema: (op) => `drop schema ${op.name} (if kiln created it and it is empty)`,
  execute: (op) => `execute ${op.sql.split('\n')[0] ?? ''}`,
  bulkInsert: (op) => `insert ${op.rows.length} row(s) into ${at(op)}`,
};

/** One short line per operation, for `kiln check`, `kiln migrate` and logs. */
export function describeOperation(op: Operation): string {
  return dispatchOperation(op, describers);
}
