import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KilnProject } from '../support/project.js';
import { schemaModule } from '../support/round-trip-schemas.js';
import { capabilities as caps, roundTrip } from '../support/round-trip-suite.js';

/**
 * Names measured as each database measures them (PostgreSQL: 63 bytes;
 * MySQL/MariaDB: 64 characters; SQLite: no limit), on the dialect
 * KILN_TEST_DIALECT selects. Expectations follow the capability, never the
 * dialect's name.
 */

const UMLAUT = 'ü'.repeat(31); // 31 characters, 62 bytes: generated names exceed 63 bytes, not 63 characters

roundTrip('a table whose generated names are over 63 bytes but not over 63 characters', [
  {
    title: `create table ${UMLAUT} with two unique columns`,
    body: `export const u = table('${UMLAUT}', { id: integer().primaryKey(), a: integer().unique(), b: integer().unique() });`,
    detects: [new RegExp(`create table ${UMLAUT}`)],
    after: async (project) => {
      const live = (await project.schema()).tables.find((t) => t.name === UMLAUT);
      const names = live?.uniques.map((u) => u.name) ?? [];
      assert.equal(names.length, 2, `two unique constraints exist, got ${JSON.stringify(names)}`);
      assert.notEqual(names[0], names[1]);
      for (const name of names) assert.ok(Buffer.byteLength(name) <= 63, `${name} fits in 63 bytes`);
      // Two distinct constraints: each one refuses its own duplicate.
      const q = (name: string) => project.quote(name);
      await project.execute(`INSERT INTO ${q(UMLAUT)} (${q('id')}, ${q('a')}, ${q('b')}) VALUES (1, 1, 1)`);
      for (const column of ['a', 'b']) {
        const values = column === 'a' ? '2, 1, 2' : '3, 3, 1';
        await assert.rejects(
          project.execute(`INSERT INTO ${q(UMLAUT)} (${q('id')}, ${q('a')}, ${q('b')}) VALUES (${values})`),
          `the unique constraint on ${column} holds`,
        );
      }
      await project.execute(`DELETE FROM ${q(UMLAUT)}`);
    },
  },
]);

const limit = caps.identifierLimit;
/** The longest all-`ü` name the database takes: 31 on PostgreSQL (62 bytes), 64 on MariaDB (128 bytes). */
const EDGE = 'ü'.repeat(limit?.unit === 'characters' ? limit.max : Math.floor((limit?.max ?? 63) / 2));

roundTrip(
  'a name exactly at the limit, counted in the unit of the database',
  [
    {
      title: 'create a table and a constraint named with the longest name that fits',
      body: `export const t = table('t_names_edge', { a: integer() }, (t) => [unique('${EDGE}').on(t.a)]);`,
      detects: [/create table t_names_edge/],
    },
  ],
  { skip: limit === null ? 'no identifier limit' : false },
);

describe('a user-given name too long for the database', () => {
  let project: KilnProject;
  before(async () => {
    project = await KilnProject.create();
  });
  after(() => project.remove());

  it('is refused with one line naming the table, the name and its length (or accepted without a limit)', async () => {
    const name = 'ü'.repeat(65); // 65 characters, 130 bytes: over every limit
    project.writeSchema(
      schemaModule(`export const t = table('t_names', { a: integer() }, (t) => [unique('${name}').on(t.a)]);`),
    );
    if (limit === null) {
      await project.migrate('long name');
      await project.upgrade();
      assert.equal((await project.schema()).tables.find((t) => t.name === 't_names')?.uniques[0]?.name, name);
      return;
    }
    const length = limit.unit === 'bytes' ? 130 : 65;
    await assert.rejects(project.migrate('long name'), (error: Error) => {
      assert.equal(
        error.message,
        `table "t_names": constraint name "${name}" is ${length} ${limit.unit} long; ${limit.database} allows at most ${limit.max} ${limit.unit}`,
      );
      return true;
    });
  });
});

/** Whether the dialect keeps index names in a namespace wider than a table (PostgreSQL, SQLite; not MySQL). */
const sharedIndexNames = caps.sharedNamespaces.some((group) => group.includes('index'));

/** 18 tables, as in a real MySQL schema, each with an index named `workspace_idx` on its own column. */
const REUSED_INDEX_NAMES = Array.from(
  { length: 18 },
  (_, i) =>
    `export const t${i} = table('t_reuse_${i}', { id: integer().primaryKey(), workspaceId: integer('workspace_id') }, (t) => [index('workspace_idx').on(t.workspaceId)]);`,
).join('\n');

roundTrip(
  'one index name reused by 18 tables, where index names are per table',
  [
    {
      title: 'create the tables, each with its workspace_idx',
      body: REUSED_INDEX_NAMES,
      detects: [/create index workspace_idx on t_reuse_0/, /create index workspace_idx on t_reuse_17/],
      after: async (project) => {
        const live = await project.schema();
        const owners = live.tables.filter((t) => t.indexes.some((i) => i.name === 'workspace_idx'));
        assert.equal(owners.length, 18);
      },
    },
  ],
  { skip: sharedIndexNames && 'index names are shared across tables here (capability sharedNamespaces)' },
);

describe('an index name reused across tables, where the database shares index names', {
  skip: !sharedIndexNames,
}, () => {
  let project: KilnProject;
  before(async () => {
    project = await KilnProject.create();
  });
  after(() => project.remove());

  it('is refused before any revision is written, naming both tables and the name', async () => {
    project.writeSchema(schemaModule(REUSED_INDEX_NAMES));
    await assert.rejects(project.migrate('reused'), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'schema.duplicate-name');
      assert.match(error.message, /Tables "t_reuse_0" and "t_reuse_1" both use the name "workspace_idx"/);
      return true;
    });
  });
});
