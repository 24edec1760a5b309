import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OperationError } from '../../src/errors.js';
import { applyOperation, applyOperations, applyToTable } from '../../src/operations/apply.js';
import type { Operation } from '../../src/operations/operation.js';
import { EMPTY_SCHEMA, findTable, type SchemaModel } from '../../src/schema/model.js';
import { column, conUser, model, post, types } from '../support/model-fixtures.js';

const users = { schema: null, table: 'con_user' };
const posts = { schema: null, table: 'post' };
const base = model([conUser, post]);

function tableOf(m: SchemaModel, name: string) {
  const found = findTable(m, name);
  assert.ok(found, `table ${name}`);
  return found;
}

describe('applyOperations', () => {
  it('creates tables in name order and drops them', () => {
    const created = applyOperations(EMPTY_SCHEMA, [
      { kind: 'createTable', table: conUser },
      { kind: 'createTable', table: post },
    ]);
    assert.deepEqual(created, base);
    const dropped = applyOperations(created, [{ kind: 'dropTable', ...posts, existing: null }]);
    assert.deepEqual(dropped, model([conUser]));
  });

  it('adds, alters and drops a column', () => {
    const email = column('email', types.varchar(120));
    let m = applyOperation(base, { kind: 'addColumn', ...users, column: email });
    assert.deepEqual(tableOf(m, 'con_user').columns.at(-1), email);
    m = applyOperation(m, {
      kind: 'alterColumn',
      ...users,
      column: 'email',
      type: { from: undefined, to: types.text },
      nullable: { from: undefined, to: false },
      existing: null,
    });
    assert.deepEqual(tableOf(m, 'con_user').columns.at(-1), { ...email, type: types.text, nullable: false });
    m = applyOperation(m, { kind: 'dropColumn', ...users, column: 'email', existing: null });
    assert.deepEqual(m, base);
  });

  it('renaming a column carries its key, indexes and the foreign keys pointing at it', () => {
    const m = applyOperation(base, {
      kind: 'alterColumn',
      ...users,
      column: 'id',
      name: { from: 'id', to: 'user_id' },
      existing: null,
    });
    assert.deepEqual(tableOf(m, 'con_user').primaryKey?.columns, ['user_id']);
    assert.deepEqual(tableOf(m, 'post').foreignKeys[0]?.referencedColumns, ['user_id']);
  });

  it('renaming a table re-points foreign keys', () => {
    const m = applyOperation(base, { kind: 'renameTable', ...users, newName: 'account' });
    assert.deepEqual(
      m.tables.map((t) => t.name),
      ['account', 'post'],
    );
    assert.equal(tableOf(m, 'post').foreignKeys[0]?.referencedTable, 'account');
  });

  it('creates and drops indexes and every kind of constraint', () => {
    const ops: Operation[] = [
      { kind: 'createIndex', ...users, index: { name: 'ix_name', columns: ['name'], unique: true, where: 'status' } },
      { kind: 'createUniqueConstraint', ...users, constraint: { name: 'uq_name', columns: ['name'] } },
      { kind: 'createCheckConstraint', ...users, check: { name: 'ck_name', expression: 'length(name) > 0' } },
      { kind: 'dropConstraint', ...users, name: 'pk_con_user', type: 'primaryKey', existing: null },
      { kind: 'createPrimaryKey', ...users, primaryKey: { name: 'pk_two', columns: ['id', 'name'] } },
    ];
    const t = tableOf(applyOperations(base, ops), 'con_user');
    assert.equal(t.indexes.length, 1);
    assert.equal(t.uniques.length, 1);
    assert.equal(t.checks.length, 1);
    assert.deepEqual(t.primaryKey, { name: 'pk_two', columns: ['id', 'name'] });
    const undone = applyOperations(base, [
      ...ops,
      { kind: 'dropIndex', ...users, name: 'ix_name', existing: null },
      { kind: 'dropConstraint', ...users, name: 'uq_name', type: null, existing: null },
      { kind: 'dropConstraint', ...users, name: 'ck_name', type: 'check', existing: null },
      { kind: 'dropConstraint', ...users, name: 'pk_two', type: 'primaryKey', existing: null },
      { kind: 'createPrimaryKey', ...users, primaryKey: { name: 'pk_con_user', columns: ['id'] } },
    ]);
    assert.deepEqual(undone, base);
  });

  it('alters an enum and the columns of that type', () => {
    const person = { ...conUser, name: 'person', columns: [column('feeling', types.mood())], primaryKey: null };
    const m = model([person], [{ schema: null, name: 'mood', values: ['happy', 'sad'] }]);
    const altered = applyOperation(m, {
      kind: 'alterEnum',
      schema: null,
      name: 'mood',
      addValues: ['meh'],
      removeValues: ['sad'],
      existing: null,
    });
    assert.deepEqual(altered.enums[0]?.values, ['happy', 'meh']);
    assert.deepEqual(tableOf(altered, 'person').columns[0]?.type, types.mood(['happy', 'meh']));
    const gone = applyOperation(
      applyOperation(m, { kind: 'dropTable', schema: null, table: 'person', existing: null }),
      {
        kind: 'dropEnum',
        schema: null,
        name: 'mood',
        existing: null,
      },
    );
    assert.deepEqual(gone, EMPTY_SCHEMA);
  });

  it('leaves the model unchanged for execute and bulkInsert', () => {
    assert.equal(applyOperation(base, { kind: 'execute', sql: 'DELETE FROM post' }), base);
    assert.equal(applyOperation(base, { kind: 'bulkInsert', ...users, rows: [{ id: 1 }] }), base);
  });

  const failures: [string, Operation, RegExp][] = [
    ['a missing table', { kind: 'dropTable', schema: null, table: 'nope', existing: null }, /no table nope/],
    [
      'a missing column',
      { kind: 'dropColumn', ...users, column: 'email', existing: null },
      /no column con_user\.email/,
    ],
    [
      'an existing column',
      { kind: 'addColumn', ...users, column: column('name', types.text) },
      /con_user\.name already exists/,
    ],
    [
      'a table still referenced',
      { kind: 'dropTable', ...users, existing: null },
      /referenced by foreign key post\.fk_post_user_id_con_user/,
    ],
    [
      'a column still referenced',
      { kind: 'dropColumn', ...users, column: 'id', existing: null },
      /con_user\.id: still referenced/,
    ],
    [
      'an FK to a missing table',
      {
        kind: 'createForeignKey',
        ...posts,
        foreignKey: { ...post.foreignKeys[0]!, name: 'fk2', referencedTable: 'x' },
      },
      /no table x/,
    ],
    [
      'an index on a missing column',
      { kind: 'createIndex', ...users, index: { name: 'ix', columns: ['nope'], unique: false, where: null } },
      /no column con_user\.nope/,
    ],
    [
      'a second primary key',
      { kind: 'createPrimaryKey', ...users, primaryKey: { name: 'pk2', columns: ['id'] } },
      /already has pk_con_user/,
    ],
    [
      'a missing constraint',
      { kind: 'dropConstraint', ...users, name: 'uq_x', type: 'unique', existing: null },
      /no unique constraint uq_x on table con_user/,
    ],
    [
      'a missing enum',
      { kind: 'alterEnum', schema: null, name: 'mood', addValues: ['x'], existing: null },
      /no enum mood/,
    ],
    ['bulkInsert into a missing table', { kind: 'bulkInsert', schema: null, table: 'nope', rows: [] }, /no table nope/],
  ];
  for (const [what, op, message] of failures) {
    it(`throws an OperationError for ${what}`, () => {
      assert.throws(
        () => applyOperation(base, op),
        (error: unknown) => error instanceof OperationError && message.test(error.message),
      );
    });
  }
});

describe('applyToTable', () => {
  it('drops the indexes and constraints that use a dropped column', () => {
    const t = applyToTable(post, { kind: 'dropColumn', ...posts, column: 'user_id', existing: null });
    assert.deepEqual(t.indexes, []);
    assert.deepEqual(t.foreignKeys, []);
    assert.deepEqual(
      t.columns.map((c) => c.name),
      ['id', 'title'],
    );
  });
});
