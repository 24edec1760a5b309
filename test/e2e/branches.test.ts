import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
  assertUserError,
  currentRevisions,
  fillCreateTable,
  revisionFile,
  revisionFiles,
} from '../support/branch-flow.js';
import { CliProject } from '../support/cli-project.js';
import { openSqlite } from '../support/sqlite-file.js';

const CONFIG = `export default { url: 'sqlite:./app.db', migrations: './migrations' };\n`;
const USERS = 'users0001';
const ALICE = 'alice0001';
const BOB = 'bob000001';
const MERGE = 'merge0001';
const AUDIT = 'audit0001';

describe('two developers branch and merge, through the CLI (SQLite)', () => {
  let project: CliProject;
  const query = <T>(sql: string): T[] => {
    const db = openSqlite(project.path('app.db'));
    try {
      return db.all(sql) as T[];
    } finally {
      db.close();
    }
  };
  const rows = () =>
    query<{ version_num: string }>('SELECT version_num FROM kiln_version ORDER BY version_num').map(
      (r) => r.version_num,
    );
  const tables = () =>
    query<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 't_%' ORDER BY name",
    ).map((r) => r.name);

  before(() => {
    project = new CliProject({ 'kiln.config.mjs': CONFIG });
    project.ok(['init']);
    project.ok(['revision', '-m', 'create users', '--rev-id', USERS]);
    fillCreateTable(project, USERS, 't_user');
    project.ok(['upgrade']);
  });
  after(() => project.remove());

  it('the second developer branches from the same revision: --splice, labels, two heads', () => {
    project.ok(['revision', '-m', 'add post', '--rev-id', ALICE, '--branch-label', 'alice']);
    fillCreateTable(project, ALICE, 't_post');
    assertUserError(
      project.kiln(['revision', '-m', 'add tag', '--head', USERS]),
      /users0001 is not a head/,
      /--splice/,
    );
    project.ok(['revision', '-m', 'add tag', '--head', USERS, '--splice', '--rev-id', BOB, '--branch-label', 'bob']);
    fillCreateTable(project, BOB, 't_tag');
    assert.deepEqual(project.ok(['heads']).stdout.trim().split('\n').sort(), [
      `${USERS} -> ${ALICE} (alice) (head), add post`,
      `${USERS} -> ${BOB} (bob) (head), add tag`,
    ]);
    const verbose = project.ok(['heads', '--verbose']).stdout;
    assert.match(
      verbose,
      new RegExp(
        `Rev: ${ALICE} \\(head\\)\\nParent: ${USERS}\\nBranch names: alice\\nPath: migrations/versions/${ALICE}_add_post\\.ts`,
      ),
    );
    assert.match(verbose, new RegExp(`Rev: ${BOB} \\(head\\)`));
    const branches = project.ok(['branches']).stdout;
    assert.match(branches, new RegExp(`<base> -> ${USERS} \\(branchpoint\\), create users`));
    assert.match(branches, new RegExp(`-> ${ALICE}`));
    assert.match(branches, new RegExp(`-> ${BOB}`));
    assert.match(
      project.ok(['branches', '--verbose']).stdout,
      new RegExp(`Branches into: (${ALICE}, ${BOB}|${BOB}, ${ALICE})`),
    );
  });

  it('upgrade head refuses, listing both heads and suggesting heads, label@head or merge', () => {
    const run = project.kiln(['upgrade']);
    assertUserError(
      run,
      new RegExp(`'head' is ambiguous: there are 2 heads: .*${ALICE}`),
      /`heads`.*`<label>@head`.*kiln merge heads/,
    );
    assert.match(run.stderr, new RegExp(BOB));
    assert.deepEqual(rows(), [USERS]);
  });

  it('label@head applies one branch; upgrade heads applies both (two version rows)', () => {
    project.ok(['upgrade', 'alice@head']);
    assert.deepEqual(rows(), [ALICE]);
    assert.equal(project.ok(['current']).stdout.trim(), `${ALICE} (head) (alice)`);
    const run = project.ok(['upgrade', 'heads']);
    assert.match(run.stderr, new RegExp(`Running upgrade ${USERS} -> ${BOB}, add tag`));
    assert.deepEqual(rows(), [ALICE, BOB]);
    assert.deepEqual(tables(), ['t_post', 't_tag', 't_user']);
    assert.deepEqual(currentRevisions(project).sort(), [ALICE, BOB]);
  });

  it('downgrade -1 with two current heads is refused, naming label@-1 and <rev>-1', () => {
    const run = project.kiln(['downgrade', '-1']);
    assertUserError(
      run,
      /'-1' is ambiguous: the database is at several heads: /,
      /`<label>@-N` or `<rev>-N` \(e\.g\. (alice|bob)@-1 or \w+-1\)/,
    );
    assert.deepEqual(rows(), [ALICE, BOB]);
  });

  it('label@-1 reverts one branch only; label@head brings it back', () => {
    project.ok(['downgrade', 'bob@-1']);
    assert.deepEqual(rows(), [ALICE]);
    assert.deepEqual(tables(), ['t_post', 't_user']);
    project.ok(['upgrade', 'bob@head']);
    assert.deepEqual(rows(), [ALICE, BOB]);
  });

  it('kiln merge heads writes a merge revision; upgrade collapses the rows to one', () => {
    const run = project.ok(['merge', 'heads', '-m', 'merge alice and bob', '--rev-id', MERGE]);
    assert.match(run.stdout, new RegExp(`Generated migrations/versions/${MERGE}_merge_alice_and_bob\\.ts`));
    const source = readFileSync(revisionFile(project, MERGE), 'utf8');
    assert.match(
      source,
      new RegExp(
        `export const downRevision = \\['${ALICE}', '${BOB}'\\]|export const downRevision = \\['${BOB}', '${ALICE}'\\]`,
      ),
    );
    assert.equal(project.ok(['heads']).stdout.trim().split('\n').length, 1);
    const up = project.ok(['upgrade']);
    assert.match(up.stderr, /Running upgrade \w+, \w+ -> merge0001, merge alice and bob/);
    assert.deepEqual(rows(), [MERGE]);
    assert.deepEqual(tables(), ['t_post', 't_tag', 't_user']);
  });

  it('history --graph draws the branch and the merge like git log --graph', () => {
    const graph = project.ok(['history', '--graph']).stdout.trimEnd();
    const expected = [
      `* ${ALICE}, ${BOB} -> ${MERGE} (head) (mergepoint), merge alice and bob`,
      '|\\',
      `| * ${USERS} -> ${BOB} (bob), add tag`,
      `* | ${USERS} -> ${ALICE} (alice), add post`,
      '|/',
      `* <base> -> ${USERS} (branchpoint), create users`,
    ];
    assert.equal(graph, expected.join('\n'));
    const json = JSON.parse(project.ok(['history', '--graph', '--json']).stdout) as {
      revisions: { revision: string }[];
    };
    assert.deepEqual(
      json.revisions.map((r) => r.revision),
      [MERGE, BOB, ALICE, USERS],
    );
  });

  it('history -r a:b, --verbose and --indicate-current', () => {
    const range = project
      .ok(['history', '-r', `${ALICE}:${MERGE}`])
      .stdout.trim()
      .split('\n');
    assert.deepEqual(
      range.map((l) => l.split(' -> ')[1]?.split(' ')[0]),
      [MERGE, BOB, ALICE],
    );
    const fromBase = project
      .ok(['history', '-r', `:${ALICE}`])
      .stdout.trim()
      .split('\n');
    assert.deepEqual(
      fromBase.map((l) => l.split(' -> ')[1]?.split(' ')[0]),
      [ALICE, USERS],
    );
    const verbose = project.ok(['history', '--verbose', '-r', `${MERGE}:`]).stdout;
    assert.match(verbose, new RegExp(`Rev: ${MERGE} \\(head\\)\\nParent: .*\\nMerges: `));
    const current = project.ok(['history', '-i']).stdout.trim().split('\n');
    assert.match(current[0] as string, /\(head\) \(mergepoint\) \(current\)/);
    assert.equal(current.filter((l) => l.includes('(current)')).length, 1);
    assertUserError(
      project.kiln(['history', '-r', `${ALICE}:${BOB}`]),
      new RegExp(`${ALICE} is not an ancestor of ${BOB}`),
    );
  });

  it('current --verbose and show describe revisions in full', () => {
    const current = project.ok(['current', '--verbose']).stdout;
    assert.match(current, new RegExp(`Rev: ${MERGE} \\(head\\) \\(current\\)`));
    const show = project.ok(['show', 'merge']).stdout;
    assert.match(
      show,
      new RegExp(
        `Rev: ${MERGE} \\(head\\)\\nParent: \\w+, \\w+\\nMerges: \\w+, \\w+\\nPath: migrations/versions/${MERGE}_merge_alice_and_bob\\.ts`,
      ),
    );
    assert.match(project.ok(['show', 'alice']).stdout, /Branch names: alice/);
    const json = JSON.parse(project.ok(['show', 'bob@head', '--json']).stdout) as { revision: { revision: string } };
    assert.equal(json.revision.revision, MERGE);
  });

  it('downgrade -1 through the merge point restores both heads; -2 from it names both parents', () => {
    assertUserError(
      project.kiln(['downgrade', '-2']),
      new RegExp(`'-2' cannot step down past merge point ${MERGE}: it has parents`),
      /continue from one parent/,
    );
    const run = project.ok(['downgrade', '-1']);
    assert.match(run.stderr, /Running downgrade merge0001 -> \w+, \w+, merge alice and bob/);
    assert.deepEqual(rows(), [ALICE, BOB]);
    assert.deepEqual(tables(), ['t_post', 't_tag', 't_user']);
  });

  it('label@base removes only that branch, keeping the shared trunk and the other branch', () => {
    project.ok(['downgrade', 'alice@base']);
    assert.deepEqual(rows(), [BOB]);
    assert.deepEqual(tables(), ['t_tag', 't_user']);
    project.ok(['upgrade', 'heads']);
    assert.deepEqual(rows(), [MERGE]);
    project.ok(['downgrade', 'base']);
    assert.deepEqual(rows(), []);
    assert.deepEqual(tables(), []);
  });

  it('--depends-on orders a revision after another branch, and reverts it first', () => {
    project.ok([
      'revision',
      '-m',
      'audit posts',
      '--head',
      USERS,
      '--splice',
      '--rev-id',
      AUDIT,
      '--depends-on',
      'alice0',
    ]);
    fillCreateTable(project, AUDIT, 't_audit');
    assert.match(
      readFileSync(revisionFile(project, AUDIT), 'utf8'),
      new RegExp(`export const dependsOn: string\\[\\] = \\['${ALICE}'\\];`),
    );
    project.ok(['upgrade', AUDIT]);
    const log = () =>
      query<{ revision: string; direction: string }>('SELECT revision, direction FROM kiln_log ORDER BY id');
    const before = log().length;
    assert.deepEqual(rows(), [AUDIT]);
    assert.deepEqual(tables(), ['t_audit', 't_post', 't_user']);
    const applied = log()
      .slice(-3)
      .map((r) => r.revision);
    assert.deepEqual(applied, [USERS, ALICE, AUDIT]);
    project.ok(['downgrade', 'alice@base']);
    assert.deepEqual(
      log()
        .slice(before)
        .map((r) => `${r.direction} ${r.revision}`),
      [`downgrade ${AUDIT}`, `downgrade ${ALICE}`],
    );
    assert.deepEqual(rows(), [USERS]);
    assert.match(project.ok(['show', AUDIT]).stdout, new RegExp(`Also depends on: ${ALICE}`));
  });

  it('stamp sets several revisions, refuses overlapping ones, and --purge resets a bad table', () => {
    project.ok(['stamp', ALICE, BOB]);
    assert.deepEqual(rows(), [ALICE, BOB]);
    assertUserError(
      project.kiln(['stamp', USERS, ALICE]),
      new RegExp(`stamp targets overlap: ${USERS} is an ancestor of ${ALICE}`),
    );
    const db = openSqlite(project.path('app.db'));
    db.exec("INSERT INTO kiln_version (version_num) VALUES ('ghost0001')");
    db.close();
    assertUserError(project.kiln(['upgrade', 'heads']), /ghost0001, which no revision file declares/, /stamp --purge/);
    assert.match(project.ok(['current']).stdout, /ghost0001 \(unknown/);
    const stamped = project.ok(['stamp', '--purge', MERGE, AUDIT]);
    assert.match(stamped.stdout, /Stamped: /);
    assert.deepEqual(rows(), [AUDIT, MERGE]);
    const sql = project.ok(['stamp', '--sql', ALICE, BOB]).stdout;
    assert.match(sql, new RegExp(`INSERT INTO "kiln_version" \\("version_num"\\) VALUES \\('${ALICE}'\\);`));
    assert.match(sql, new RegExp(`INSERT INTO "kiln_version" \\("version_num"\\) VALUES \\('${BOB}'\\);`));
    assert.deepEqual(rows(), [AUDIT, MERGE]);
  });

  it('edit opens a revision in $EDITOR', () => {
    const editor = project.path('append.sh');
    writeFileSync(editor, '#!/bin/sh\necho "// reviewed by bob" >> "$1"\n');
    chmodSync(editor, 0o755);
    project.ok(['edit', 'bob'], 0, { EDITOR: editor });
    assert.match(readFileSync(revisionFile(project, BOB), 'utf8'), /\/\/ reviewed by bob\n$/);
    assertUserError(project.kiln(['edit'], { EDITOR: editor }), /'head' is ambiguous: there are 2 heads/);
    assertUserError(project.kiln(['edit', BOB], { EDITOR: '', VISUAL: '' }), /no editor: set \$EDITOR/);
  });

  it('revision and merge validate before writing anything', () => {
    const files = revisionFiles(project);
    const refuse = (args: string[], culprit: RegExp) => {
      assertUserError(project.kiln(args), culprit);
      assert.deepEqual(revisionFiles(project), files, `nothing written by kiln ${args.join(' ')}`);
    };
    refuse(
      ['revision', '-m', 'x', '--head', MERGE, '--rev-id', ALICE],
      /revision alice0001 already exists in migrations\/versions\/alice0001_add_post\.ts/,
    );
    refuse(
      ['revision', '-m', 'x', '--head', MERGE, '--branch-label', BOB],
      /branch label 'bob000001' equals a revision id/,
    );
    refuse(
      ['revision', '-m', 'x', '--head', MERGE, '--rev-id', 'alice'],
      /revision id 'alice' is already a branch label of alice0001/,
    );
    refuse(
      ['revision', '-m', 'x', '--head', MERGE, '--branch-label', 'bob'],
      /branch label 'bob' is already used by bob000001/,
    );
    refuse(
      ['revision', '-m', 'x', '--head', MERGE, '--rev-id', 'x'.repeat(33)],
      /revision id 'x{33}' is longer than 32 characters/,
    );
    refuse(['revision', '-m', 'x', '--head', 'nosuchrev'], /no revision or branch 'nosuchrev'/);
    refuse(
      ['revision', '-m', 'x', '--head', MERGE, '--depends-on', 'nosuchrev'],
      /dependsOn nosuchrev is neither a revision id nor a branch label/,
    );
    refuse(['merge', 'heads', '-m', 'x', '--rev-id', USERS], /revision users0001 already exists/);
    refuse(['merge', 'heads', '-m', 'x', '--branch-label', MERGE], /branch label 'merge0001' equals a revision id/);
    refuse(['merge', MERGE, '-m', 'x'], /merge needs at least two revisions/);
  });

  it('an ambiguous prefix lists the candidates with their files', () => {
    const run = project.kiln(['show', 'a']);
    assertUserError(run, /'a' matches several revisions: /);
    assert.match(run.stderr, new RegExp(`${ALICE} \\(migrations/versions/${ALICE}_add_post\\.ts\\)`));
    assert.match(run.stderr, new RegExp(`${AUDIT} \\(migrations/versions/${AUDIT}_audit_posts\\.ts\\)`));
  });
});
