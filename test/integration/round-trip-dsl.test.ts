import assert from 'node:assert/strict';
import { samples } from '../support/dialect-samples.js';
import { generatedLines } from '../support/dsl-schemas.js';
import { schemaModule } from '../support/round-trip-schemas.js';
import { roundTrip } from '../support/round-trip-suite.js';

/**
 * What real schemas need from the DSL (issue 9): each feature created, then
 * changed on a table holding rows (detected, applied, check clean, rows
 * kept), then reverted step by step to base, on every dialect that has it.
 */

const [first, second] = samples.collations;

function people(v: { emailCollation: string | null; nickCollation: string }): string {
  const email = v.emailCollation === null ? '' : `.collate(${JSON.stringify(v.emailCollation)})`;
  return `
export const people = table('rt_person', {
  id: integer().primaryKey(),
  email: varchar(60).notNull()${email},
  nick: text().collate(${JSON.stringify(v.nickCollation)}),
  code: char(3),
});
`;
}

roundTrip('column collations', [
  {
    title: 'create a table with a collated column',
    body: people({ emailCollation: null, nickCollation: first }),
    detects: [/create table rt_person/],
  },
  {
    title: 'collate a column holding rows, change another',
    body: people({ emailCollation: first, nickCollation: second }),
    detects: [/alter column rt_person.email \(type\)/, /alter column rt_person.nick \(type\)/],
    before: async (project) => {
      await project.execute(
        `INSERT INTO ${project.quote('rt_person')} (id, email, nick, code) VALUES (1, 'a@x.org', 'Ann', 'abc'), (2, 'B@x.org', 'bob', NULL)`,
      );
    },
    after: async (project) => {
      const rows = await project.query(`SELECT email FROM ${project.quote('rt_person')} ORDER BY id`);
      assert.deepEqual(
        rows.map((r) => r.email),
        ['a@x.org', 'B@x.org'],
      );
      // A model that names no collation follows the database: never a difference.
      project.writeSchema(schemaModule(people({ emailCollation: null, nickCollation: second })));
      await project.assertClean('after the model stopped naming a collation');
    },
    afterUndo: async (project) => {
      const rows = await project.query(`SELECT id FROM ${project.quote('rt_person')}`);
      assert.equal(rows.length, 2);
    },
  },
]);

roundTrip('tinyint and mediumint (PostgreSQL: smallint and integer)', [
  {
    title: 'create',
    body: `
export const levels = table('rt_level', {
  id: integer().primaryKey(),
  level: tinyint().notNull().default(3),
  score: mediumint(),
});
`,
    detects: [/create table rt_level/],
  },
  {
    title: 'widen a tinyint holding rows to a mediumint',
    body: `
export const levels = table('rt_level', {
  id: integer().primaryKey(),
  level: mediumint().notNull().default(3),
  score: mediumint(),
});
`,
    // On PostgreSQL the change is smallint → integer; elsewhere tinyint → mediumint.
    detects: [/alter column rt_level.level \(type\)/],
    before: async (project) => {
      await project.execute(`INSERT INTO ${project.quote('rt_level')} (id, level, score) VALUES (1, 100, 70000)`);
    },
    after: async (project) => {
      await project.execute(`INSERT INTO ${project.quote('rt_level')} (id, level) VALUES (2, 30000)`);
      await project.execute(`DELETE FROM ${project.quote('rt_level')} WHERE id = 2`);
    },
    afterUndo: async (project) => {
      const rows = await project.query(`SELECT level FROM ${project.quote('rt_level')}`);
      assert.deepEqual(
        rows.map((r) => Number(r.level)),
        [100],
      );
    },
  },
]);

function events(wider: boolean): string {
  return `
export const events = table('rt_event', {
  id: integer().primaryKey(),
  at: timestamp({ precision: ${wider ? 6 : 3} }).notNull(),
  atTz: timestamp('at_tz', { withTimezone: true, precision: 6 }),
  lap: time({ precision: ${wider ? 6 : 3} }),
  plain: timestamp(${wider ? '{ precision: 2 }' : ''}),
});
`;
}

roundTrip('fractional-second precision: timestamp(3), timestamptz(6), time(3)', [
  { title: 'create', body: events(false), detects: [/create table rt_event/] },
  {
    title: 'change the precision of columns holding rows',
    body: events(true),
    detects: [
      /alter column rt_event.at \(type\)/,
      /alter column rt_event.lap \(type\)/,
      /alter column rt_event.plain \(type\)/,
    ],
    before: async (project) => {
      await project.execute(
        `INSERT INTO ${project.quote('rt_event')} (id, at, lap) VALUES (1, '2024-01-02 03:04:05.123', '10:11:12.345')`,
      );
    },
    after: async (project) => {
      const found = await project.query(
        `SELECT id FROM ${project.quote('rt_event')} WHERE at = '2024-01-02 03:04:05.123' AND lap = '10:11:12.345'`,
      );
      assert.equal(found.length, 1, 'the fractional seconds are kept');
    },
  },
]);

roundTrip('stored generated columns', [
  { title: 'create', body: generatedLines({ changed: false, virtual: false }), detects: [/create table rt_line/] },
  {
    title: 'change the expression of a generated column on a table holding rows',
    body: generatedLines({ changed: true, virtual: false }),
    detects: [/drop column rt_line.total/, /add column rt_line.total/, /add column rt_line.discount/],
    before: async (project) => {
      await project.execute(`INSERT INTO ${project.quote('rt_line')} (id, price, qty) VALUES (1, 250, 4), (2, 100, 1)`);
    },
    after: async (project) => {
      await project.execute(`UPDATE ${project.quote('rt_line')} SET discount = 50 WHERE id = 1`);
      const rows = await project.query(`SELECT total FROM ${project.quote('rt_line')} ORDER BY id`);
      assert.deepEqual(
        rows.map((r) => Number(r.total)),
        [950, 100],
      );
    },
    afterUndo: async (project) => {
      const rows = await project.query(`SELECT total FROM ${project.quote('rt_line')} ORDER BY id`);
      assert.deepEqual(
        rows.map((r) => Number(r.total)),
        [1000, 100],
      );
    },
  },
]);
