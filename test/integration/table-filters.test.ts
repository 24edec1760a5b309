import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkSchema, KilnError, revision } from 'kiln';
import { KilnProject } from '../support/project.js';

/** Other tools' bookkeeping tables, as they make them (kiln's defaults leave them out). */
const OTHER_TOOLS = [
  '__drizzle_migrations',
  '_prisma_migrations',
  'knex_migrations',
  'knex_migrations_lock',
  'alembic_version',
  'spatial_ref_sys',
];

const SCHEMA = `import { integer, table, varchar } from 'kiln';
export const item = table('item', { id: integer().primaryKey(), name: varchar(40) });
`;

function writeConfig(project: KilnProject, extra: string): void {
  writeFileSync(
    join(project.dir, 'kiln.config.mjs'),
    `export default { url: ${JSON.stringify(project.database.url)}, schema: './schema.ts', migrations: './migrations'${extra} };\n`,
  );
}

const versions = (project: KilnProject) => readdirSync(join(project.dir, 'migrations', 'versions'));

describe('include / exclude: kiln never proposes to drop tables it does not own', () => {
  let project: KilnProject;
  before(async () => {
    project = await KilnProject.create();
    project.writeSchema(SCHEMA);
    await project.migrate('init');
    await project.upgrade();
    for (const name of [...OTHER_TOOLS, 'legacy_orders', 'legacy_customers']) {
      await project.execute(`CREATE TABLE ${project.quote(name)} (id INTEGER PRIMARY KEY, note VARCHAR(20))`);
    }
  });
  after(() => project.remove());

  it("without a pattern, only the unrelated tables show, and not the other tools' ones", async () => {
    const differences = await project.differences();
    assert.deepEqual(differences.length, 2, differences.join('\n'));
    assert.ok(
      differences.every((line) => /legacy_(orders|customers)/.test(line)),
      differences.join('\n'),
    );
  });

  it("with exclude: ['legacy_*'], check is clean and migrate writes nothing", async () => {
    writeConfig(project, ", exclude: ['legacy_*']");
    await project.assertClean("with other tools' tables and excluded ones in the database");
    const before = versions(project);
    const result = await revision(await project.config(), { message: 'nothing', autogenerate: true });
    assert.equal(result.path, null);
    assert.deepEqual(versions(project), before);
  });

  it("with include: ['item', 'new_*'], tables outside it are left alone, and a new included table is created", async () => {
    writeConfig(project, ", include: ['item', 'new_*']");
    await project.assertClean('with include');
    project.writeSchema(`${SCHEMA}export const extra = table('new_extra', { id: integer().primaryKey() });\n`);
    const result = await project.migrate('add new_extra');
    assert.deepEqual(result.changes.length, 1, result.changes.join('\n'));
    await project.upgrade();
    await project.assertClean('after adding an included table');
    project.writeSchema(SCHEMA);
  });

  it('a model table that a pattern leaves out is a config error naming it and the pattern', async () => {
    writeConfig(project, ", exclude: ['it*']");
    const error = await checkSchema(await project.config()).then(
      () => assert.fail('expected a config error'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof KilnError);
    assert.equal(error.code, 'config.table-excluded');
    assert.match(error.message, /table item .*exclude pattern 'it\*'/);
    writeConfig(project, ", include: ['new_*']");
    await assert.rejects(checkSchema(await project.config()), /table item .*matches no include pattern/);
  });

  it('on PostgreSQL: schema.table patterns, and the enum types only excluded tables use', async (t) => {
    if (!project.capabilities.schemas || !project.capabilities.namedEnums) {
      t.skip('the dialect has no schemas or named enums');
      return;
    }
    await project.execute(`CREATE TYPE ${project.quote('legacy_state')} AS ENUM ('open', 'shut')`);
    await project.execute(
      `CREATE TABLE legacy_state_log (id INTEGER PRIMARY KEY, state ${project.quote('legacy_state')})`,
    );
    await project.execute('CREATE SCHEMA app');
    await project.execute('CREATE TABLE app.old_x (id INTEGER PRIMARY KEY)');
    await project.execute('CREATE TABLE app.old_y (id INTEGER PRIMARY KEY)');
    project.writeSchema(
      `${SCHEMA}export const account = table('account', { id: integer().primaryKey() }, undefined, { schema: 'app' });\n`,
    );
    writeConfig(project, ", exclude: ['legacy_*', 'new_*', 'app.old_?']");
    const result = await project.migrate('app.account');
    assert.deepEqual(result.changes, ['create table app.account'], result.changes.join('\n'));
    await project.upgrade();
    await project.assertClean('with an excluded table in a named schema and an enum only it uses');
    writeConfig(project, ", exclude: ['legacy_*', 'new_*']");
    assert.deepEqual([...(await project.differences())].sort(), ['drop table app.old_x', 'drop table app.old_y']);
    writeConfig(project, ", exclude: ['legacy_*', 'new_*', 'old_*']");
    await project.assertClean('a bare pattern matches a table in any schema');
  });

  it('a malformed pattern list is refused', async () => {
    writeConfig(project, ", exclude: 'legacy_*'");
    await assert.rejects(project.config(), /'exclude' must be a list of table name patterns/);
    writeConfig(project, '');
  });
});
