import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { assertUserError, currentRevisions, fillCreateTable, revisionFile } from '../support/branch-flow.js';
import type { DatabaseConnection } from '../../src/dialects/dialect.js';
import { CliProject } from '../support/cli-project.js';
import { selectedDialect, type TestDatabase, testDatabaseProvider } from '../support/test-database.js';

/**
 * The branch-and-merge workflow through the built CLI, on the database
 * KILN_TEST_DIALECT selects: two developers each add a table on their own
 * branch, the heads are applied together, merged, and reverted through the
 * merge point, with kiln_version checked at each step.
 */
const provider = await testDatabaseProvider();
const unavailable = await provider.unavailableReason();
if (unavailable !== null && process.env.CI === 'true') throw new Error(unavailable);

const USERS = 'users0001';
const ALICE = 'alice0001';
const BOB = 'bob000001';
const MERGE = 'merge0001';

describe(`branches and merges on ${selectedDialect()}`, { skip: unavailable ?? false }, () => {
  let database: TestDatabase;
  let project: CliProject;

  const withConnection = async <T>(fn: (connection: DatabaseConnection) => Promise<T>): Promise<T> => {
    const connection = await database.dialect.connect(database.options, project.dir);
    try {
      return await fn(connection);
    } finally {
      await connection.close();
    }
  };
  const rows = () =>
    withConnection(async (connection) => {
      const table = database.dialect.quoteIdentifier('kiln_version');
      return (await connection.query(`SELECT version_num FROM ${table}`)).map((r) => String(r.version_num)).sort();
    });
  const tables = () =>
    withConnection(async (connection) => {
      const present: string[] = [];
      for (const name of ['t_post', 't_tag', 't_user']) {
        if (await database.dialect.tableExists(connection, name, null)) present.push(name);
      }
      return present;
    });

  before(async () => {
    database = await provider.create();
    project = new CliProject({
      'kiln.config.mjs': `export default { url: ${JSON.stringify(database.url)}, migrations: './migrations' };\n`,
    });
    project.ok(['init']);
    project.ok(['revision', '-m', 'create users', '--rev-id', USERS]);
    fillCreateTable(project, USERS, 't_user');
    project.ok(['revision', '-m', 'add post', '--rev-id', ALICE, '--branch-label', 'alice']);
    fillCreateTable(project, ALICE, 't_post');
    project.ok(['revision', '-m', 'add tag', '--head', USERS, '--splice', '--rev-id', BOB, '--branch-label', 'bob']);
    fillCreateTable(project, BOB, 't_tag');
  });
  after(async () => {
    project?.remove();
    await database?.drop();
  });

  it('upgrade head is refused with two heads; upgrade heads applies both branches', async () => {
    assertUserError(project.kiln(['upgrade']), /'head' is ambiguous: there are 2 heads/, /kiln merge heads/);
    project.ok(['upgrade', 'heads']);
    assert.deepEqual(await rows(), [ALICE, BOB]);
    assert.deepEqual(await tables(), ['t_post', 't_tag', 't_user']);
  });

  it('downgrade -1 is refused at two heads; bob@-1 reverts one branch', async () => {
    assertUserError(project.kiln(['downgrade', '-1']), /several heads/, /<label>@-N/);
    project.ok(['downgrade', 'bob@-1']);
    assert.deepEqual(await rows(), [ALICE]);
    assert.deepEqual(await tables(), ['t_post', 't_user']);
    project.ok(['upgrade', 'bob@head']);
    assert.deepEqual(await rows(), [ALICE, BOB]);
  });

  it('merge heads, upgrade: one version row', async () => {
    project.ok(['merge', 'heads', '-m', 'merge alice and bob', '--rev-id', MERGE]);
    assert.match(readFileSync(revisionFile(project, MERGE), 'utf8'), /export const downRevision = \['\w+', '\w+'\];/);
    project.ok(['upgrade']);
    assert.deepEqual(await rows(), [MERGE]);
    assert.deepEqual(currentRevisions(project), [MERGE]);
  });

  it('downgrade -1 through the merge point restores both rows, then label@base drops one branch', async () => {
    project.ok(['downgrade', '-1']);
    assert.deepEqual(await rows(), [ALICE, BOB]);
    assert.deepEqual(await tables(), ['t_post', 't_tag', 't_user']);
    project.ok(['downgrade', 'alice@base']);
    assert.deepEqual(await rows(), [BOB]);
    assert.deepEqual(await tables(), ['t_tag', 't_user']);
  });

  it('upgrade heads again, then downgrade base through the merge empties everything', async () => {
    project.ok(['upgrade', 'heads']);
    assert.deepEqual(await rows(), [MERGE]);
    project.ok(['downgrade', 'base']);
    assert.deepEqual(await rows(), []);
    assert.deepEqual(await tables(), []);
  });

  it('the offline script for the same range, run on the database, gets the same result', async () => {
    const sql = project.ok(['upgrade', `:${MERGE}`, '--sql']).stdout;
    assert.match(sql, new RegExp(`DELETE FROM .kiln_version. WHERE .version_num. = '${ALICE}'`));
    assert.match(sql, new RegExp(`INSERT INTO .kiln_version. \\(.version_num.\\) VALUES \\('${MERGE}'\\)`));
    const down = project.ok(['downgrade', `${MERGE}:${USERS}`, '--sql']).stdout;
    assert.match(down, /DROP TABLE .t_tag./);
    assert.match(down, /DROP TABLE .t_post./);
    assert.match(down, new RegExp(`UPDATE .kiln_version. SET .version_num. = '${USERS}'`));
  });
});
