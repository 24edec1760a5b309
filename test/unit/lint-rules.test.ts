import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MYSQL_LINT } from '../../src/dialects/mysql/mysql-lint.js';
import { POSTGRES_LINT } from '../../src/dialects/postgres/postgres-lint.js';
import { dataLossWarning } from '../../src/operations/data-loss.js';
import { type DialectLintFacts, ruleHits } from '../../src/operations/lint-rules.js';
import type { AlterColumnOp, Operation } from '../../src/operations/operation.js';
import type { Column, ColumnType, Table } from '../../src/schema/model.js';

const column = (name: string, type: ColumnType, nullable = true): Column =>
  ({ name, type, nullable, default: null, autoIncrement: false, comment: null }) as unknown as Column;

const table = (...columns: Column[]): Table =>
  ({
    name: 'item',
    schema: null,
    columns,
    primaryKey: null,
    uniques: [],
    indexes: [],
    foreignKeys: [],
    checks: [],
    comment: null,
  }) as unknown as Table;

const retype = (name: string, to: ColumnType): AlterColumnOp => ({
  kind: 'alterColumn',
  schema: null,
  table: 'item',
  column: name,
  type: { from: undefined, to },
  existing: null,
});

const codes = (op: Operation, t: Table | null, dialect: DialectLintFacts | null = null) =>
  ruleHits(op, { table: t, dialect }).map((h) => `${h.code}:${h.describe(1_000_000)?.severity ?? 'none'}`);

describe('lint rules', () => {
  const item = table(
    column('code', { kind: 'varchar', length: 100 }),
    column('n', { kind: 'bigint' }),
    column('price', { kind: 'numeric', precision: 12, scale: 2 }),
  );

  it('type narrowing, with the type before read from the table when the op does not carry it', () => {
    assert.deepEqual(codes(retype('code', { kind: 'varchar', length: 50 }), item), ['type-narrowing:error']);
    assert.deepEqual(codes(retype('n', { kind: 'integer' }), item), ['type-narrowing:error']);
    assert.deepEqual(codes(retype('price', { kind: 'numeric', precision: 10, scale: 2 }), item), [
      'type-narrowing:error',
    ]);
    assert.deepEqual(codes(retype('code', { kind: 'varchar', length: 200 }), item), []);
    assert.deepEqual(codes(retype('code', { kind: 'text' }), item), []);
  });

  it('PostgreSQL rewrites unless the change is binary-coercible; a big table makes it a warning', () => {
    assert.deepEqual(codes(retype('code', { kind: 'varchar', length: 200 }), item, POSTGRES_LINT), []);
    assert.deepEqual(codes(retype('code', { kind: 'text' }), item, POSTGRES_LINT), []);
    assert.deepEqual(codes(retype('n', { kind: 'numeric', precision: 30, scale: 0 }), item, POSTGRES_LINT), [
      'table-rewrite:warning',
    ]);
    const index: Operation = {
      kind: 'createIndex',
      schema: null,
      table: 'item',
      index: { name: 'ix_item_code', columns: ['code'], unique: false, where: null },
    };
    assert.deepEqual(codes(index, item, POSTGRES_LINT), ['index-without-concurrently:warning']);
    assert.deepEqual(codes(index, item, MYSQL_LINT), []);
    assert.equal(ruleHits(index, { table: item, dialect: POSTGRES_LINT })[0]?.describe(0), null, 'an empty table');
  });

  it('MySQL copies for a type change, but lengthens a varchar in place within its length-byte size', () => {
    assert.deepEqual(codes(retype('code', { kind: 'varchar', length: 200 }), item, MYSQL_LINT), []);
    const small = table(column('code', { kind: 'varchar', length: 20 }));
    assert.deepEqual(codes(retype('code', { kind: 'varchar', length: 40 }), small, MYSQL_LINT), []);
    assert.deepEqual(codes(retype('code', { kind: 'varchar', length: 100 }), small, MYSQL_LINT), [
      'table-rewrite:warning',
    ]);
  });

  it('enum value removal, drops and renames; the data-loss comment is the same rule', () => {
    const alterEnum: Operation = {
      kind: 'alterEnum',
      schema: null,
      name: 'mood',
      addValues: [],
      removeValues: ['sad'],
      existing: null,
    };
    assert.deepEqual(codes(alterEnum, null), ['enum-value-removal:error']);
    assert.equal(dataLossWarning(alterEnum), "data loss: removing 'sad' from enum mood fails while rows hold them");
    const drop: Operation = { kind: 'dropColumn', schema: null, table: 'item', column: 'code', existing: null };
    assert.deepEqual(codes(drop, item), ['drop-column:error']);
    assert.equal(dataLossWarning(drop), 'data loss: dropping column item.code discards its values');
    const rename: Operation = { kind: 'renameTable', schema: null, table: 'item', newName: 'items' };
    assert.deepEqual(codes(rename, item), ['rename-table:warning']);
    assert.equal(dataLossWarning(rename), null);
    assert.deepEqual(codes({ kind: 'execute', sql: 'SELECT 1' }, null), ['raw-sql:info']);
  });
});
