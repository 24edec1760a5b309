import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KilnProject } from '../support/project.js';

const BASE = `import { integer, schema, table, varchar } from 'kiln';
export const item = table('item', { id: integer().primaryKey() });
`;
const WITH_BILLING = `${BASE}const billing = schema('billing');
export const invoice = billing.table('invoice', { id: integer().primaryKey(), total: varchar(20) });
`;

/**
 * PostgreSQL schemas the models name: kiln creates them in the revision,
 * notices when the models stop naming one it created, and drops a schema
 * only if it created it and it is empty.
 */
describe('PostgreSQL schemas the models name', () => {
  let project: KilnProject;
  // The revisions left unapplied by a downgrade are not what these tests look at.
  const schemaDifferences = async () => (await project.differences()).filter((d) => !/is not applied/.test(d));
  const exists = async (name: string) =>
    (await project.query(`SELECT 1 AS found FROM pg_namespace WHERE nspname = '${name}'`)).length === 1;

  before(async () => {
    project = await KilnProject.create();
    project.writeSchema(BASE);
    await project.migrate('init');
    await project.upgrade();
  });
  after(() => project.remove());

  it('creates a schema the models name, in the revision, before its tables', async (t) => {
    if (!project.capabilities.schemas) return t.skip('the dialect has no schemas');
    project.writeSchema(WITH_BILLING);
    const result = await project.migrate('billing');
    assert.deepEqual(result.changes, ['create schema billing', 'create table billing.invoice']);
    const source = readFileSync(resolve(result.path as string), 'utf8');
    assert.match(source, /await op\.createSchema\('billing'\);\n\s+await op\.createTable\('invoice'/);
    assert.match(source, /await op\.dropTable\('invoice'.*\n\s+await op\.dropSchema\('billing'\);/);
    await project.upgrade();
    assert.ok(await exists('billing'));
    await project.assertClean('after creating the schema');
  });

  it('notices when the models stop naming it: its tables are dropped, then the schema', async (t) => {
    if (!project.capabilities.schemas) return t.skip('the dialect has no schemas');
    project.writeSchema(BASE);
    const result = await project.migrate('no more billing');
    assert.deepEqual(result.changes, [
      'drop table billing.invoice',
      'drop schema billing (if kiln created it and it is empty)',
    ]);
    await project.upgrade();
    assert.equal(await exists('billing'), false);
    await project.assertClean('after dropping the schema');
    await project.downgrade('-1');
    assert.ok(await exists('billing'), 'the downgrade re-creates the schema and its table');
    project.writeSchema(WITH_BILLING);
    assert.deepEqual(await schemaDifferences(), [], 'after the downgrade');
  });

  it('a downgrade keeps a schema that is not empty, and never drops one kiln did not create', async (t) => {
    if (!project.capabilities.schemas) return t.skip('the dialect has no schemas');
    await project.execute('CREATE TABLE billing.by_hand (id integer)');
    await project.downgrade('-1');
    assert.ok(await exists('billing'), 'a schema holding a table kiln does not know stays');
    await project.execute('DROP TABLE billing.by_hand');
    await project.execute('DROP SCHEMA billing');
    // Made by hand before the revision runs: the revision's createSchema leaves it alone, and so does its downgrade.
    await project.execute('CREATE SCHEMA billing');
    await project.upgrade('+1');
    assert.equal((await project.query("SELECT 1 FROM pg_tables WHERE schemaname = 'billing'")).length, 1);
    await project.downgrade('-1');
    assert.ok(await exists('billing'), 'a schema kiln did not create is never dropped');
    project.writeSchema(BASE);
    assert.deepEqual(await schemaDifferences(), [], 'an empty schema kiln did not create is not proposed for drop');
  });
});
