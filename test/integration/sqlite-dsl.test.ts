import assert from 'node:assert/strict';
import { generatedLines, unsignedCounters } from '../support/dsl-schemas.js';
import { roundTrip } from '../support/round-trip-suite.js';

/**
 * SQLite parts of the DSL features (issue 9) that not every dialect has:
 * unsigned integers, kept in the declared type (SQLite does not enforce them).
 */

roundTrip('unsigned integers with auto-increment, tinyint and mediumint', [
  { title: 'create', body: unsignedCounters(false), detects: [/create table rt_counter/, /create table rt_visit/] },
  {
    title: 'widen and unsign columns holding rows (a rebuild)',
    body: unsignedCounters(true),
    detects: [/alter column rt_counter.level \(type\)/, /alter column rt_counter.views \(type\)/],
    before: async (project) => {
      await project.execute('INSERT INTO rt_counter (level, views, hits) VALUES (255, 5, 4000000000), (1, 7, 0)');
      await project.execute('INSERT INTO rt_visit (counter_id) VALUES (1), (2)');
    },
    after: async (project) => {
      const [declared] = await project.query<{ type: string }>(
        "SELECT type FROM pragma_table_info('rt_counter') WHERE name = 'views'",
      );
      assert.equal(declared?.type, 'MEDIUMINT UNSIGNED');
      const rows = await project.query<{ id: number }>('SELECT id FROM rt_counter ORDER BY id');
      assert.deepEqual(
        rows.map((r) => Number(r.id)),
        [1, 2],
      );
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
