import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { current, downgrade, KilnError, pull, revision, upgrade } from 'kiln';
import { KILN_BIN } from '../support/cli-project.js';
import { CTF } from '../support/corpus/ctf-cycle.js';
import { assertOnlyKilnTables, KILN_TABLES, KilnProject } from '../support/project.js';
import { assertInSync, useSchema } from '../support/pull-trip.js';
import { schemaModule } from '../support/round-trip-schemas.js';

/**
 * Issue 10's adoption path on the dialect KILN_TEST_DIALECT selects: a
 * database kiln does not manage (the CTF corpus, its kiln tables dropped and
 * no revision files) → `kiln pull` → `kiln revision --baseline` through the
 * built CLI, as a user runs them; then a fresh database upgrades to the same
 * schema and downgrades back to nothing, and every refusal names its reason.
 */

function kiln(
  project: KilnProject,
  args: readonly string[],
): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [KILN_BIN, ...args], {
    cwd: project.dir,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', NO_COLOR: '1' },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function emptyFolder(dir: string): void {
  for (const file of readdirSync(dir)) rmSync(join(dir, file), { recursive: true });
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => error instanceof KilnError && error.code === code);
}

describe('adopting an existing database: pull, then revision --baseline', () => {
  let project: KilnProject;
  let baseline = '';
  before(async () => {
    project = await KilnProject.create();
    project.writeSchema(schemaModule(CTF.body(0)));
    await project.migrate('built before kiln');
    await project.upgrade();
    // Now forget kiln: no revision files (as after `kiln init`), no kiln tables, no schema module.
    for (const table of KILN_TABLES) await project.execute(`DROP TABLE ${project.quote(table)}`);
    emptyFolder(project.versionsDir);
    rmSync(join(project.dir, 'schema.ts'));
  });
  after(() => project.remove());

  it("kiln pull writes the config's schema module when it does not exist, then refuses to overwrite it", () => {
    const first = kiln(project, ['pull']);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /^Wrote schema\.ts$/m);
    // MySQL's ENUMs are inline, so there are no enum types to count there.
    assert.match(first.stdout, /Pulled \d+ table\(s\)( and \d+ enum type\(s\))?\./);
    assert.doesNotMatch(first.stdout, /Next:/, 'the config already names the module');
    const again = kiln(project, ['pull']);
    assert.equal(again.status, 1);
    assert.equal(again.stdout, '');
    assert.match(again.stderr, /schema\.ts already exists: not overwritten/);
    assert.match(again.stderr, /--force/);
    assert.doesNotMatch(again.stderr, /\n\s+at /, 'no stack trace');
    const forced = kiln(project, ['pull', '--force', '--json']);
    assert.equal(forced.status, 0, forced.stderr);
    const data = JSON.parse(forced.stdout) as { files: string[]; configured: boolean; tables: number };
    assert.deepEqual(data.files, ['schema.ts']);
    assert.equal(data.configured, true);
    assert.ok(data.tables >= CTF.minTables);
  });

  it('pull --out elsewhere says how to use it; --out with --split is a usage error', () => {
    const run = kiln(project, ['pull', '--out', 'db/pulled.ts']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /Next: set schema: '\.\/db\/pulled\.ts' in the config/);
    const both = kiln(project, ['pull', '--out', 'x.ts', '--split', 'x']);
    assert.equal(both.status, 2);
    assert.match(both.stderr, /--out and --split cannot be combined/);
  });

  it('the pulled module and the database agree before any revision exists', async () => {
    await assertInSync(project, 'on the pulled module, before the baseline');
  });

  it('revision --baseline writes the first revision and stamps the database at it', async () => {
    const run = kiln(project, ['revision', '--baseline', '-m', 'baseline']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /Generated migrations\/versions\/\w+_baseline\.ts: the baseline/);
    assert.match(run.stdout, /Stamped the database at \w+/);
    const [file, ...others] = readdirSync(project.versionsDir);
    assert.equal(others.length, 0);
    baseline = readFileSync(join(project.versionsDir, String(file)), 'utf8');
    assert.match(baseline, /export const downRevision = null;/);
    assert.match(baseline, /await op\.createTable\('users'/);
    assert.match(baseline, /await op\.dropTable\('users'/);
    const at = await current(await project.config());
    assert.equal(at.current.length, 1);
    await assertInSync(project, 'after the baseline');
  });

  it('a fresh database upgrades to the same schema, and downgrades back to nothing', async () => {
    const fresh = await KilnProject.create();
    try {
      cpSync(project.versionsDir, fresh.versionsDir, { recursive: true });
      fresh.writeSchema(readFileSync(join(project.dir, 'schema.ts'), 'utf8'));
      await upgrade(await fresh.config(), 'head');
      assert.deepEqual(await fresh.schema(), await project.schema());
      await assertInSync(fresh, 'on a fresh database upgraded to the baseline');
      await downgrade(await fresh.config(), 'base');
      await assertOnlyKilnTables(fresh);
    } finally {
      await fresh.remove();
    }
  });

  it('a second baseline is refused: the history exists', async () => {
    await rejectsWith(
      revision(await project.config(), { message: 'again', baseline: true }),
      'revision.baseline-history',
    );
    const run = kiln(project, ['revision', '--baseline', '-m', 'again']);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /a baseline starts the history, but 1 revision\(s\) exist already/);
    assert.match(run.stderr, /kiln migrate/);
  });

  it('a database kiln already manages is refused, even with no revision files', async () => {
    const moved = join(project.dir, 'moved-versions');
    cpSync(project.versionsDir, moved, { recursive: true });
    emptyFolder(project.versionsDir);
    try {
      await rejectsWith(
        revision(await project.config(), { message: 'b', baseline: true }),
        'revision.baseline-managed',
      );
      assert.deepEqual(readdirSync(project.versionsDir), [], 'nothing written');
    } finally {
      cpSync(moved, project.versionsDir, { recursive: true });
    }
  });

  it('--baseline with --autogenerate is a usage error', () => {
    const run = kiln(project, ['revision', '--baseline', '--autogenerate', '-m', 'x']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--baseline cannot be combined with --autogenerate/);
  });

  it('an empty database: nothing to pull, nothing to baseline', async () => {
    const empty = await KilnProject.create();
    try {
      await rejectsWith(pull(await empty.config(), { out: 'x.ts', cwd: empty.dir }), 'database.no-tables');
      assert.equal(existsSync(join(empty.dir, 'x.ts')), false);
      await rejectsWith(revision(await empty.config(), { message: 'b', baseline: true }), 'database.no-tables');
      assert.deepEqual(readdirSync(empty.versionsDir), []);
    } finally {
      await empty.remove();
    }
  });

  it('include / exclude patterns decide what is pulled', async () => {
    const config = join(project.dir, 'kiln.config.mjs');
    const saved = readFileSync(config, 'utf8');
    try {
      writeFileSync(config, saved.replace('export default {', "export default { exclude: ['user*', 'awards'],"));
      await pull(await project.config(), { out: 'filtered.ts', cwd: project.dir });
      const source = readFileSync(join(project.dir, 'filtered.ts'), 'utf8');
      assert.doesNotMatch(source, /table\('users'/);
      assert.doesNotMatch(source, /table\('awards'/);
      // References to a table left out keep naming it, as a string.
      assert.match(source, /\.references\('users\.id'/);
      assert.match(source, /table\('teams'/);
    } finally {
      writeFileSync(config, saved);
      useSchema(project, './schema.ts');
    }
  });
});
