import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OperationError } from '../../src/errors.js';
import type { Operation, OperationKind } from '../../src/operations/operation.js';
import { reverseOperation, reverseOperations } from '../../src/operations/reverse.js';
import { column, conUser, post, types } from '../support/model-fixtures.js';

const ref = { schema: null, table: 'con_user' };
const email = column('email', types.varchar(120), { nullable: false, default: { kind: 'literal', value: '' } });
const fk = post.foreignKeys[0]!;
const index = post.indexes[0]!;

/** One operation of every reversible kind, with its `existing` information. */
const reversibleSamples: Record<Exclude<OperationKind, 'execute' | 'bulkInsert'>, Operation> = {
  createTable: { kind: 'createTable', table: conUser },
  dropTable: { kind: 'dropTable', schema: null, table: 'post', existing: post },
  renameTable: { kind: 'renameTable', ...ref, newName: 'app_user' },
  alterTable: { kind: 'alterTable', ...ref, comment: { from: null, to: 'people' } },
  addColumn: { kind: 'addColumn', ...ref, column: email },
  dropColumn: { kind: 'dropColumn', ...ref, column: 'email', existing: email },
  alterColumn: {
    kind: 'alterColumn',
    ...ref,
    column: 'name',
    type: { from: types.varchar(30), to: types.varchar(60) },
    nullable: { from: true, to: false },
    default: { from: null, to: { kind: 'sql', sql: "'x'" } },
    name: { from: 'name', to: 'full_name' },
    comment: { from: null, to: 'shown' },
    autoIncrement: { from: false, to: false },
    existing: conUser.columns[1]!,
  },
  createIndex: { kind: 'createIndex', schema: null, table: 'post', index },
  dropIndex: { kind: 'dropIndex', schema: null, table: 'post', name: index.name, existing: index },
  createUniqueConstraint: {
    kind: 'createUniqueConstraint',
    ...ref,
    constraint: { name: 'uq_con_user_name', columns: ['name'] },
  },
  createForeignKey: { kind: 'createForeignKey', schema: null, table: 'post', foreignKey: fk },
  createCheckConstraint: {
    kind: 'createCheckConstraint',
    ...ref,
    check: { name: 'ck_name', expression: 'length(name) > 0' },
  },
  createPrimaryKey: { kind: 'createPrimaryKey', ...ref, primaryKey: { name: 'pk_con_user', columns: ['id'] } },
  dropConstraint: {
    kind: 'dropConstraint',
    schema: null,
    table: 'post',
    name: fk.name,
    type: 'foreignKey',
    existing: { type: 'foreignKey', constraint: fk },
  },
  createEnum: { kind: 'createEnum', enum: { schema: null, name: 'mood', values: ['happy', 'sad'] } },
  alterEnum: {
    kind: 'alterEnum',
    schema: null,
    name: 'mood',
    addValues: ['meh'],
    existing: { schema: null, name: 'mood', values: ['happy', 'sad'] },
  },
  dropEnum: {
    kind: 'dropEnum',
    schema: null,
    name: 'mood',
    existing: { schema: null, name: 'mood', values: ['happy'] },
  },
  createSchema: { kind: 'createSchema', name: 'billing' },
  dropSchema: { kind: 'dropSchema', name: 'billing' },
};

describe('reverseOperation', () => {
  for (const [kind, op] of Object.entries(reversibleSamples)) {
    it(`reverse(reverse(${kind})) is the same operation`, () => {
      const reversed = reverseOperation(op);
      assert.notDeepEqual(reversed, op);
      assert.deepEqual(reverseOperation(reversed), op);
    });
  }

  it('undoes an enum change that removes and appends values', () => {
    const op: Operation = {
      kind: 'alterEnum',
      schema: null,
      name: 'mood',
      addValues: ['c2'],
      removeValues: ['b', 'c'],
      existing: { schema: null, name: 'mood', values: ['a', 'b', 'c'] },
    };
    const reversed = reverseOperation(op);
    assert.deepEqual(reversed, {
      kind: 'alterEnum',
      schema: null,
      name: 'mood',
      addValues: ['b', 'c'],
      removeValues: ['c2'],
      existing: { schema: null, name: 'mood', values: ['a', 'c2'] },
    });
    assert.deepEqual(reverseOperation(reversed), op);
  });

  it('turns each unique/check/primary-key create into a typed dropConstraint', () => {
    const dropped = reverseOperation(reversibleSamples.createPrimaryKey);
    assert.equal(dropped.kind, 'dropConstraint');
    assert.equal(dropped.kind === 'dropConstraint' && dropped.type, 'primaryKey');
  });

  it('refuses a dropColumn without its definition, naming table and column', () => {
    const op: Operation = { kind: 'dropColumn', ...ref, column: 'email', existing: null };
    assert.throws(
      () => reverseOperation(op),
      (error: unknown) =>
        error instanceof OperationError &&
        error.code === 'operation.irreversible' &&
        error.message ===
          "op.dropColumn('con_user','email') cannot be reversed: the column's definition is unknown; write the downgrade by hand",
    );
  });

  it('refuses drops without existing, alterColumn without from, execute and bulkInsert', () => {
    const refused: Operation[] = [
      { kind: 'dropTable', ...ref, existing: null },
      { kind: 'dropIndex', ...ref, name: 'ix', existing: null },
      { kind: 'dropConstraint', ...ref, name: 'uq', type: 'unique', existing: null },
      { kind: 'dropEnum', schema: null, name: 'mood', existing: null },
      { kind: 'alterColumn', ...ref, column: 'name', type: { from: undefined, to: types.text }, existing: null },
      { kind: 'execute', sql: 'UPDATE con_user SET status = true' },
      { kind: 'bulkInsert', ...ref, rows: [{ id: 1 }] },
    ];
    for (const op of refused) {
      assert.throws(() => reverseOperation(op), OperationError, op.kind);
    }
    assert.throws(() => reverseOperation(refused[4]!), /con_user','name'.*previous type is unknown/);
  });
});

describe('reverseOperations', () => {
  it('reverses the order and each operation', () => {
    const ops = [reversibleSamples.createEnum, reversibleSamples.createTable, reversibleSamples.addColumn];
    const reversed = reverseOperations(ops);
    assert.deepEqual(
      reversed.map((op) => op.kind),
      ['dropColumn', 'dropTable', 'dropEnum'],
    );
    assert.deepEqual(reverseOperations(reversed), ops);
  });
});
