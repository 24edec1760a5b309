import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changesNoRows, statementTables } from '../../src/dialects/sqlite/sqlite-sql-text.js';

describe('what a SQLite statement kiln compiled does to tables (the scope of the foreign-key check)', () => {
  it('reads the table a statement creates or changes, names lower-cased and unquoted', () => {
    assert.deepEqual(statementTables('CREATE TABLE "Orders" (\n  "id" INTEGER\n)'), { created: 'orders', changed: [] });
    assert.deepEqual(statementTables('CREATE TABLE IF NOT EXISTS t (a)'), { created: 't', changed: [] });
    assert.deepEqual(statementTables('DROP TABLE "a""b"'), { created: null, changed: ['a"b'] });
    assert.deepEqual(statementTables('ALTER TABLE "t" ADD COLUMN "c" TEXT'), {
      created: null,
      changed: ['t'],
      renamedTo: null,
    });
    assert.deepEqual(statementTables('ALTER TABLE "_kiln_new_t" RENAME TO "t"'), {
      created: null,
      changed: ['_kiln_new_t', 't'],
      renamedTo: 't',
    });
    assert.deepEqual(statementTables('INSERT INTO "_kiln_new_t" ("a") SELECT "a" FROM "t"'), {
      created: null,
      changed: ['_kiln_new_t'],
    });
    assert.deepEqual(statementTables('UPDATE OR IGNORE "t" SET a = 1'), { created: null, changed: ['t'] });
    assert.deepEqual(statementTables('DELETE FROM [t]'), { created: null, changed: ['t'] });
  });

  it('indexes, triggers, views, pragmas and AUTOINCREMENT counters change no table', () => {
    for (const sql of [
      'CREATE UNIQUE INDEX "ix" ON "t" ("a")',
      'DROP INDEX "ix"',
      'CREATE TRIGGER trg AFTER INSERT ON t BEGIN DELETE FROM u; END',
      'CREATE VIEW v AS SELECT 1',
      'PRAGMA legacy_alter_table = ON',
      "DELETE FROM sqlite_sequence WHERE name = '_kiln_new_t'",
    ]) {
      assert.deepEqual(statementTables(sql), { created: null, changed: [] }, sql);
    }
  });

  it('a statement it cannot read is null, so the caller checks the whole database', () => {
    for (const sql of [
      'WITH x AS (SELECT 1) DELETE FROM t',
      'CREATE TABLE main.t (a)',
      'REPLACE INTO t VALUES (1)',
      'SELECT 1',
    ]) {
      assert.equal(statementTables(sql), null, sql);
    }
  });

  it('DDL and transaction control change no rows; DML does', () => {
    assert.equal(changesNoRows('-- note\n/* x */ create table t (a)'), true);
    assert.equal(changesNoRows('COMMIT'), true);
    assert.equal(changesNoRows('INSERT INTO t VALUES (1)'), false);
    assert.equal(changesNoRows('WITH x AS (SELECT 1) UPDATE t SET a = 1'), false);
  });
});
