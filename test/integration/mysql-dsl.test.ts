import assert from 'node:assert/strict';
import { generatedLines, unsignedCounters } from '../support/dsl-schemas.js';
import { schemaModule } from '../support/round-trip-schemas.js';
import { roundTrip } from '../support/round-trip-suite.js';

/**
 * MySQL/MariaDB-only parts of the DSL (issue 9): table charset and collation,
 * each created, changed on a table holding rows, and reverted to base.
 */

function accounts(options: string, extraColumn = false): string {
  return `
export const accounts = table('rt_account', {
  id: integer().primaryKey({ autoIncrement: true }),
  handle: varchar(40).notNull(),
  bio: text(),${extraColumn ? '\n  motto: varchar(80),' : ''}
}, undefined, ${options});
`;
}

roundTrip('table charset and collation', [
  {
    title: 'create a table with a charset and a collation',
    body: accounts("{ charset: 'latin1', collation: 'latin1_bin' }"),
    detects: [/create table rt_account/],
  },
  {
    title: 'change the collation of a table holding rows, add a column',
    body: accounts("{ charset: 'utf8mb4', collation: 'utf8mb4_bin' }", true),
    detects: [/collation utf8mb4_bin, charset utf8mb4 on table rt_account/, /add column rt_account.motto/],
    before: async (project) => {
      await project.execute(`INSERT INTO rt_account (handle, bio) VALUES ('ann', 'hello'), ('Bob', NULL)`);
    },
    after: async (project) => {
      const [row] = await project.query<{ n: number }>('SELECT COUNT(*) AS n FROM rt_account');
      assert.equal(Number(row?.n), 2);
      const [motto] = await project.query<{ c: string }>(
        "SELECT COLLATION_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'rt_account' AND COLUMN_NAME = 'motto'",
      );
      assert.equal(motto?.c, 'utf8mb4_bin', 'a column added after the change follows the new default');
      // Naming the database's own defaults is no difference either.
      project.writeSchema(schemaModule(accounts("{ collation: 'utf8mb4_bin' }", true)));
      await project.assertClean('with the charset left to the database');
    },
  },
]);

roundTrip('unsigned integers with auto-increment, tinyint and mediumint', [
  { title: 'create', body: unsignedCounters(false), detects: [/create table rt_counter/, /create table rt_visit/] },
  {
    title: 'widen and unsign columns holding rows',
    body: unsignedCounters(true),
    detects: [/alter column rt_counter.level \(type\)/, /alter column rt_counter.views \(type\)/],
    before: async (project) => {
      await project.execute('INSERT INTO rt_counter (level, views, hits) VALUES (255, 5, 4000000000), (1, 7, 0)');
      await project.execute('INSERT INTO rt_visit (counter_id) VALUES (1), (2)');
    },
    after: async (project) => {
      await project.execute('INSERT INTO rt_counter (level, views, hits) VALUES (300, 16777215, 1)');
      const rows = await project.query<{ id: number; level: number }>('SELECT id, level FROM rt_counter ORDER BY id');
      assert.deepEqual(
        rows.map((r) => [Number(r.id), Number(r.level)]),
        [
          [1, 255],
          [2, 1],
          [3, 300],
        ],
      );
      await assert.rejects(project.execute('INSERT INTO rt_counter (level, hits) VALUES (1, -1)'), /out of range/i);
      // The downgrade narrows the columns again: a row that only fits the wider ones goes first.
      await project.execute('DELETE FROM rt_counter WHERE id = 3');
    },
  },
]);

roundTrip('virtual and stored generated columns', [
  { title: 'create', body: generatedLines({ changed: false, virtual: true }), detects: [/create table rt_line/] },
  {
    title: 'change a stored expression on a table holding rows, keep the virtual one',
    body: generatedLines({ changed: true, virtual: true }),
    detects: [/drop column rt_line.total/, /add column rt_line.total/],
    before: async (project) => {
      await project.execute('INSERT INTO rt_line (id, price, qty) VALUES (1, 250, 4), (2, 100, 1)');
    },
    after: async (project) => {
      const rows = await project.query<{ total: number; doubled: number }>(
        'SELECT total, doubled FROM rt_line ORDER BY id',
      );
      assert.deepEqual(
        rows.map((r) => [Number(r.total), Number(r.doubled)]),
        [
          [1000, 8],
          [100, 2],
        ],
      );
    },
  },
]);
