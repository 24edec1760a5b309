import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toDifference } from '../../src/operations/difference.js';
import type { Operation } from '../../src/operations/operation.js';
import { column, table, types } from '../support/model-fixtures.js';

/** The documented shape of a difference (README "Differences"): one row per kind, every field present. */

const users = table('users', [column('id', types.integer)]);
const email = column('email', types.text);

const cases: readonly [Operation, Record<string, unknown>][] = [
  [
    { kind: 'createTable', table: users },
    { kind: 'add-table', table: 'users', name: null, changes: [] },
  ],
  [
    { kind: 'dropTable', schema: 'app', table: 'old', existing: null },
    { kind: 'drop-table', schema: 'app', table: 'old' },
  ],
  [
    { kind: 'renameTable', schema: null, table: 'a', newName: 'b' },
    { kind: 'rename-table', table: 'a', name: 'b' },
  ],
  [
    { kind: 'addColumn', schema: null, table: 'users', column: email },
    { kind: 'add-column', name: 'email' },
  ],
  [
    {
      kind: 'alterColumn',
      schema: null,
      table: 'users',
      column: 'email',
      nullable: { from: true, to: false },
      autoIncrement: { from: false, to: true },
      existing: null,
    },
    { kind: 'alter-column', name: 'email', changes: ['nullable', 'auto-increment'] },
  ],
  [
    { kind: 'dropConstraint', schema: null, table: 'users', name: 'fk_x', type: 'foreignKey', existing: null },
    { kind: 'drop-constraint', name: 'fk_x' },
  ],
  [
    { kind: 'alterEnum', schema: null, name: 'mood', addValues: ['ok'], removeValues: ['sad'], existing: null },
    { kind: 'alter-enum', table: null, name: 'mood', changes: ['add-values', 'remove-values'] },
  ],
  [
    { kind: 'createSchema', name: 'audit' },
    { kind: 'add-schema', schema: null, table: null, name: 'audit' },
  ],
  [
    { kind: 'execute', sql: 'SELECT 1' },
    { kind: 'execute', table: null, name: null, changes: [] },
  ],
];

describe('schema differences in their documented shape', () => {
  for (const [op, expected] of cases) {
    it(`${op.kind} → ${String(expected.kind)}`, () => {
      const difference = toDifference(op);
      assert.deepEqual(Object.keys(difference).sort(), ['changes', 'detail', 'kind', 'name', 'schema', 'table']);
      for (const [key, value] of Object.entries(expected)) {
        assert.deepEqual(difference[key as keyof typeof difference], value, key);
      }
      assert.ok(difference.detail.length > 0);
    });
  }
});
