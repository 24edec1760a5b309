import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { current, heads, history, KilnError, resolve, show, stamp, upgrade } from 'kiln';
import { KilnProject } from '../support/project.js';

/** Hand-written revisions, as a user writes them: the same files run on every dialect. */
const REVISIONS: Record<string, string> = {
  a1: `import type { Operations } from 'kiln';
import { integer, varchar } from 'kiln';
export const revision = 'a1a1a1a1a1a1';
export const downRevision = null;
export const branchLabels: string[] = [];
export const dependsOn: string[] = [];
export const message = 'create item';
export async function upgrade(op: Operations) {
  await op.createTable('item', { id: integer().primaryKey(), name: varchar(40).notNull() });
  await op.bulkInsert('item', [{ id: 1, name: "it's" }, { id: 2, name: 'back\\\\slash' }]);
}
export async function downgrade(op: Operations) {
  await op.dropTable('item');
}
`,
  b2: `import type { Operations } from 'kiln';
import { varchar } from 'kiln';
export const revision = 'b2b2b2b2b2b2';
export const downRevision = 'a1a1a1a1a1a1';
export const branchLabels: string[] = [];
export const dependsOn: string[] = [];
export const message = 'add item.colour';
export async function upgrade(op: Operations) {
  await op.addColumn('item', 'colour', varchar(20).notNull().default('red'));
  await op.createIndex('ix_item_colour', 'item', ['colour']);
  const rows = await op.query<{ n: number }>('SELECT COUNT(*) AS n FROM item');
  if (Number(rows[0]?.n) !== 2) throw new Error('data migration saw the wrong rows');
}
export async function downgrade(op: Operations) {
  await op.dropIndex('ix_item_colour', 'item');
  await op.dropColumn('item', 'colour');
}
`,
  c3: `import type { Operations } from 'kiln';
import { integer } from 'kiln';
export const revision = 'c3c3c3c3c3c3';
export const downRevision = 'b2b2b2b2b2b2';
export const branchLabels: string[] = [];
export const dependsOn: string[] = [];
export const message = 'fails halfway';
export async function upgrade(op: Operations) {
  await op.createTable('half', { id: integer().primaryKey() });
  await op.execute('THIS IS NOT SQL');
}
export async function downgrade(op: Operations) {
  await op.dropTable('half');
}
`,
  d4: `import type { Operations } from 'kiln';
import { integer } from 'kiln';
export const revision = 'd4d4d4d4d4d4';
export const downRevision = 'b2b2b2b2b2b2';
export const branchLabels: string[] = [];
export const dependsOn: string[] = [];
export const message = 'outside a transaction';
export const transactional = false;
export async function upgrade(op: Operations) {
  await op.createTable('bare', { id: integer().primaryKey() });
  await op.execute('THIS IS NOT SQL EITHER');
}
export async function downgrade(op: Operations) {
  await op.dropTable('bare');
}
`,
};

describe('commands against a real database', () => {
  let project: KilnProject;
  const versions = (...names: string[]) => {
    for (const name of names) {
      writeFileSync(join(project.dir, 'migrations', 'versions', `${name}.ts`), REVISIONS[name] as string);
    }
  };
  const rows = async () =>
    (await project.query<{ version_num: string }>(`SELECT version_num FROM ${project.quote('kiln_version')}`)).map(
      (r) => r.version_num,
    );
  const tableNames = async () => (await project.schema()).tables.map((t) => t.name).sort();

  before(async () => {
    project = await KilnProject.create();
    versions('a1', 'b2');
  });
  after(() => project.remove());

  it('upgrades to a partial id, records the head and the log with file checksums', async () => {
    const result = await upgrade(await project.config(), 'a1a1');
    assert.deepEqual(result.heads, ['a1a1a1a1a1a1']);
    assert.deepEqual(await rows(), ['a1a1a1a1a1a1']);
    const log = await project.query<{ revision: string; direction: string; checksum: string }>(
      `SELECT revision, direction, checksum FROM ${project.quote('kiln_log')}`,
    );
    const file = readFileSync(join(project.dir, 'migrations', 'versions', 'a1.ts'));
    assert.deepEqual(
      log.map((r) => ({ ...r })),
      [{ revision: 'a1a1a1a1a1a1', direction: 'upgrade', checksum: createHash('sha256').update(file).digest('hex') }],
    );
    const items = await project.query<{ name: string }>(`SELECT name FROM ${project.quote('item')} ORDER BY id`);
    assert.deepEqual(
      items.map((r) => r.name),
      ["it's", 'back\\slash'],
    );
  });

  it('runs a data migration with op.query and reports current, heads, history, show', async () => {
    await upgrade(await project.config(), '+1');
    const config = await project.config();
    assert.deepEqual(
      (await current(config)).current.map((r) => [r.revision, r.isHead]),
      [['b2b2b2b2b2b2', true]],
    );
    assert.deepEqual(
      (await heads(config)).heads.map((r) => r.revision),
      ['b2b2b2b2b2b2'],
    );
    assert.deepEqual(
      (await history(config)).revisions.map((r) => r.revision),
      ['b2b2b2b2b2b2', 'a1a1a1a1a1a1'],
    );
    assert.equal((await show(config, 'b2')).revision.message, 'add item.colour');
    const items = await project.query<{ colour: string }>(`SELECT colour FROM ${project.quote('item')}`);
    assert.deepEqual(
      items.map((r) => r.colour),
      ['red', 'red'],
    );
  });

  it('a revision failing halfway names the revision and statement and reports what is applied', async () => {
    versions('c3');
    const config = await project.config();
    const error = await upgrade(config, 'head').then(
      () => assert.fail('upgrade should fail'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof KilnError, String(error));
    assert.match(error.message, /revision c3c3c3c3c3c3 .* at statement 2/);
    assert.deepEqual(await rows(), ['b2b2b2b2b2b2'], 'the version table still names the previous revision');
    if (project.capabilities.transactionalDdl) {
      assert.match(error.hint ?? '', /rolled back/);
      assert.deepEqual(await tableNames(), ['item'], 'the first statement was rolled back with the revision');
    } else {
      assert.match(error.hint ?? '', /first 1 statement\(s\) of this revision are applied/);
      assert.match(error.message, /1 statement\(s\) of it applied, revision marked pending/);
      assert.deepEqual(await tableNames(), ['half', 'item'], 'without transactional DDL the first statement stays');
      await project.execute(`DROP TABLE ${project.quote('half')}`);
      await resolve(config, 'c3c3', { rolledBack: true });
    }
  });

  it('a revision with transactional = false keeps what ran before its failure, and says so', async () => {
    await rm(join(project.dir, 'migrations', 'versions', 'c3.ts'));
    versions('d4');
    const error = await upgrade(await project.config(), 'head').then(
      () => assert.fail('upgrade should fail'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof KilnError, String(error));
    assert.match(error.message, /revision d4d4d4d4d4d4 .* at statement 2/);
    assert.match(error.hint ?? '', /first 1 statement\(s\) of this revision are applied/);
    assert.deepEqual(await rows(), ['b2b2b2b2b2b2']);
    assert.deepEqual(await tableNames(), ['bare', 'item']);
    await project.execute(`DROP TABLE ${project.quote('bare')}`);
    await resolve(await project.config(), 'd4d4', { rolledBack: true });
    await rm(join(project.dir, 'migrations', 'versions', 'd4.ts'));
  });

  it('stamps without running anything, and --purge resets unknown rows', async () => {
    const config = await project.config();
    await stamp(config, ['a1a1a1a1a1a1']);
    assert.deepEqual(await rows(), ['a1a1a1a1a1a1']);
    assert.deepEqual(await tableNames(), ['item']);
    await project.execute(`INSERT INTO ${project.quote('kiln_version')} (version_num) VALUES ('ffffffffffff')`);
    await stamp(config, ['b2b2b2b2b2b2'], { purge: true });
    assert.deepEqual(await rows(), ['b2b2b2b2b2b2']);
  });

  it('prints offline SQL for a range without touching the database', async () => {
    const config = await project.config();
    const result = await upgrade(config, 'base:a1a1a1a1a1a1', { sql: true });
    assert.ok(result.sql !== null);
    assert.match(result.sql, /CREATE TABLE .*kiln_version/);
    assert.match(result.sql, /CREATE TABLE .*item/);
    assert.match(result.sql, /INSERT INTO .*item/);
    assert.deepEqual(await rows(), ['b2b2b2b2b2b2']);
    // A data migration needs a database: under --sql it is refused by name.
    await assert.rejects(
      upgrade(config, 'a1a1a1a1a1a1:b2b2b2b2b2b2', { sql: true }),
      /b2b2b2b2b2b2.*cannot run a query/,
    );
  });

  it('downgrades to base and leaves only kiln tables', async () => {
    const { downgrade } = await import('kiln');
    await downgrade(await project.config(), 'base');
    assert.deepEqual(await rows(), []);
    assert.deepEqual(await tableNames(), []);
  });
});
