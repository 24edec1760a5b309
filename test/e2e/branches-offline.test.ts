import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertUserError, fillCreateTable } from '../support/branch-flow.js';
import { CliProject } from '../support/cli-project.js';

const CONFIG = `export default { url: 'sqlite:./app.db', migrations: './migrations' };\n`;
const USERS = 'users0001';
const ALICE = 'alice0001';
const BOB = 'bob000001';
const MERGE = 'merge0001';

describe('offline SQL for ranges in both directions (SQLite)', () => {
  let project: CliProject;
  before(() => {
    project = new CliProject({ 'kiln.config.mjs': CONFIG });
    project.ok(['init']);
    project.ok(['revision', '-m', 'create users', '--rev-id', USERS]);
    fillCreateTable(project, USERS, 't_user');
    project.ok(['revision', '-m', 'add post', '--rev-id', ALICE]);
    fillCreateTable(project, ALICE, 't_post');
    project.ok(['revision', '-m', 'add tag', '--head', USERS, '--splice', '--rev-id', BOB]);
    fillCreateTable(project, BOB, 't_tag');
    project.ok(['merge', 'heads', '-m', 'merge', '--rev-id', MERGE]);
  });
  after(() => project.remove());

  const version = {
    insert: (rev: string) => `INSERT INTO "kiln_version" ("version_num") VALUES ('${rev}');`,
    delete: (rev: string) => `DELETE FROM "kiln_version" WHERE "version_num" = '${rev}';`,
    update: (from: string, to: string) =>
      `UPDATE "kiln_version" SET "version_num" = '${to}' WHERE "version_num" = '${from}';`,
  };
  /** The script's statements on kiln_version and the tables, in order. */
  const skeleton = (sql: string) =>
    sql
      .split('\n')
      .filter((l) => /kiln_version" \(|kiln_version" SET|FROM "kiln_version"|^(CREATE|DROP) TABLE "t_/.test(l))
      .map((l) => l.replace(/ \($/, '').replace(/^((CREATE|DROP) TABLE "\w+");$/, '$1'));

  it('upgrade a:b --sql through the branch point and the merge', () => {
    const sql = project.ok(['upgrade', `${USERS}:${MERGE}`, '--sql']).stdout;
    assert.doesNotMatch(sql, /CREATE TABLE "kiln_version"/, 'the start already has the version table');
    assert.deepEqual(skeleton(sql), [
      'CREATE TABLE "t_post"',
      version.update(USERS, ALICE),
      'CREATE TABLE "t_tag"',
      version.insert(BOB),
      version.delete(ALICE),
      version.delete(BOB),
      version.insert(MERGE),
    ]);
    assert.match(sql, new RegExp(`-- Running upgrade ${USERS} -> ${BOB}, add tag`));
    assert.match(sql, /duration_ms"\) VALUES \('alice0001', 'upgrade', '[0-9a-f]{64}', 'add post', 0\);/);
  });

  it('downgrade b:a --sql through the merge', () => {
    const sql = project.ok(['downgrade', `${MERGE}:${USERS}`, '--sql']).stdout;
    assert.deepEqual(skeleton(sql), [
      version.delete(MERGE),
      version.insert(ALICE),
      version.insert(BOB),
      'DROP TABLE "t_tag"',
      version.delete(BOB),
      'DROP TABLE "t_post"',
      version.update(ALICE, USERS),
    ]);
    assert.match(sql, new RegExp(`-- Running downgrade ${MERGE} -> ${ALICE}, ${BOB}, merge`));
  });

  it('downgrade head:base --sql reverts everything, down to an empty version table', () => {
    const sql = project.ok(['downgrade', 'head:base', '--sql']).stdout;
    const lines = skeleton(sql);
    assert.equal(lines.at(-2), 'DROP TABLE "t_user"');
    assert.equal(lines.at(-1), version.delete(USERS));
    assert.equal(lines.filter((l) => l.startsWith('DROP TABLE')).length, 3);
  });

  it('one step down from the merge, and upgrade from base with the version table', () => {
    assert.deepEqual(skeleton(project.ok(['downgrade', `${MERGE}:-1`, '--sql']).stdout), [
      version.delete(MERGE),
      version.insert(ALICE),
      version.insert(BOB),
    ]);
    const full = project.ok(['upgrade', 'heads', '--sql']).stdout;
    assert.deepEqual(skeleton(full).slice(0, 3), [
      'CREATE TABLE "kiln_version"',
      'CREATE TABLE "t_user"',
      version.insert(USERS),
    ]);
  });

  it('a reversed or open-ended range is a usage error; nothing is connected to', () => {
    const reversed = project.kiln(['upgrade', `${MERGE}:${USERS}`, '--sql']);
    assert.equal(reversed.status, 2);
    assert.match(reversed.stderr, /upgrade range 'merge0001:users0001' goes down/);
    assert.match(reversed.stderr, /kiln downgrade merge0001:users0001 --sql/);
    const noRange = project.kiln(['downgrade', 'base', '--sql']);
    assert.equal(noRange.status, 2);
    assert.match(noRange.stderr, /downgrade --sql needs a range/);
    assertUserError(
      project.kiln(['downgrade', `${USERS}:${MERGE}`, '--sql']),
      /cannot downgrade to merge0001: it is not applied/,
    );
  });
});
