import assert from 'node:assert/strict';
import { closeSync, mkdirSync, openSync, readdirSync, writeSync } from 'node:fs';
import { after, describe, it, type TestContext } from 'node:test';
import { type CliRun, CliProject } from '../support/cli-project.js';
import { mountTmpfs, remountReadOnly, unmount } from '../support/mounts.js';
import { openSqlite } from '../support/sqlite-file.js';

const CONFIG = `export default { url: 'sqlite:./data/app.db', schema: './schema.mjs', migrations: './migrations' };\n`;
const SCHEMA = `import { integer, table } from 'kiln';\nexport const t = table('t', { id: integer().primaryKey() });\n`;
const SCHEMA_V2 = `import { integer, table } from 'kiln';\nexport const t = table('t', { id: integer().primaryKey(), n: integer() });\n`;

/** A fault: exit 1, one `kiln: error:` line saying what and where, a hint saying what to do, no stack. */
function assertFault(run: CliRun, what: RegExp): void {
  assert.equal(run.status, 1, run.stderr);
  const lines = run.stderr
    .trim()
    .split('\n')
    .filter((line) => !line.startsWith('Running '));
  assert.equal(lines.length, 2, `an error and a hint:\n${run.stderr}`);
  assert.match(lines[0] as string, /^kiln: error: /);
  assert.match(lines[0] as string, what);
  assert.match(lines[1] as string, /^ {2}hint: /);
  assert.doesNotMatch(run.stderr, /internal error|\n\s+at /);
}

/** A project whose `dir` (relative) is a fresh tmpfs; skips the test, saying why, when mounting is impossible. */
function projectWithMount(t: TestContext, dir: string, size: string, init = true): CliProject | null {
  const project = new CliProject({ 'kiln.config.mjs': CONFIG, 'schema.mjs': SCHEMA });
  if (init) project.ok(['init']);
  mkdirSync(project.path(dir), { recursive: true });
  const reason = mountTmpfs(project.path(dir), size);
  if (reason !== null) {
    project.remove();
    t.skip(reason);
    return null;
  }
  mounted.push([project, dir]);
  mkdirSync(project.path('data'), { recursive: true });
  return project;
}

const mounted: [CliProject, string][] = [];
after(() => {
  for (const [project, dir] of mounted) {
    unmount(project.path(dir));
    project.remove();
  }
});

/** Fills a file system up to the last byte (a dot-file, which revision loaders skip). */
function fill(dir: string): void {
  const fd = openSync(`${dir}/.filler`, 'w');
  const chunk = Buffer.alloc(1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    assert.equal((error as NodeJS.ErrnoException).code, 'ENOSPC');
  } finally {
    closeSync(fd);
  }
}

describe('file-system and database faults are one clear line, and leave nothing half-written', () => {
  it('a read-only versions/ folder: revision, migrate and merge', (t) => {
    const project = projectWithMount(t, 'migrations/versions', '1m');
    if (project === null) return;
    project.ok(['revision', '-m', 'one', '--rev-id', 'aa01']);
    project.ok(['revision', '-m', 'two', '--rev-id', 'bb02', '--head', 'base']);
    project.ok(['upgrade', 'heads']);
    project.write('schema.mjs', SCHEMA_V2);
    remountReadOnly(project.path('migrations/versions'));
    const before = readdirSync(project.path('migrations/versions'));
    const readOnly = /cannot write the revision file migrations\/versions\/\w+\.ts: the file system is read-only/;
    assertFault(project.kiln(['revision', '-m', 'x', '--head', 'aa01']), readOnly);
    assertFault(project.kiln(['migrate', '-m', 'x', '--head', 'aa01']), readOnly);
    assertFault(project.kiln(['merge', 'heads', '-m', 'x']), readOnly);
    assert.deepEqual(readdirSync(project.path('migrations/versions')), before);
  });

  it('kiln init in a read-only folder', (t) => {
    const project = projectWithMount(t, 'ro', '64k', false);
    if (project === null) return;
    remountReadOnly(project.path('ro'));
    assertFault(
      project.kiln(['init', 'ro/migrations']),
      /cannot create the folder ro\/migrations\/versions: the file system is read-only/,
    );
    assert.deepEqual(readdirSync(project.path('ro')), []);
  });

  it('a full disk under versions/: no partial file, no temporary file', (t) => {
    const project = projectWithMount(t, 'migrations/versions', '64k');
    if (project === null) return;
    project.ok(['revision', '-m', 'one', '--rev-id', 'aa01']);
    fill(project.path('migrations/versions'));
    const before = readdirSync(project.path('migrations/versions'));
    assertFault(
      project.kiln(['revision', '-m', 'two']),
      /cannot write the revision file migrations\/versions\/\w+_two\.ts: no space left on the device/,
    );
    assert.deepEqual(readdirSync(project.path('migrations/versions')), before);
  });

  it('a read-only SQLite database folder: upgrade refuses, reading still works', (t) => {
    const project = projectWithMount(t, 'data', '1m');
    if (project === null) return;
    project.ok(['revision', '-m', 'one', '--rev-id', 'aa01']);
    project.ok(['revision', '-m', 'two', '--rev-id', 'bb02']);
    project.ok(['upgrade', 'aa01']);
    remountReadOnly(project.path('data'));
    assertFault(project.kiln(['upgrade']), /data\/app\.db.*read-only/);
    assertFault(project.kiln(['stamp', 'bb02']), /data\/app\.db.*read-only/);
    assert.match(project.ok(['current']).stdout, /aa01/);
  });

  it('a SQLite database that cannot be created (read-only folder)', (t) => {
    const project = projectWithMount(t, 'data', '64k');
    if (project === null) return;
    remountReadOnly(project.path('data'));
    assertFault(project.kiln(['current']), /cannot open the SQLite database data\/app\.db/);
  });

  it('a full disk under the SQLite database: the revision is rolled back', (t) => {
    const project = projectWithMount(t, 'data', '64k');
    if (project === null) return;
    project.ok(['revision', '-m', 'one', '--rev-id', 'aa01']);
    project.ok(['upgrade']);
    project.write(
      'migrations/versions/bb02_big.mjs',
      `export const revision = 'bb02';
export const downRevision = 'aa01';
export async function upgrade(op) {
  await op.execute("CREATE TABLE big AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 20000) SELECT x, randomblob(200) AS b FROM c");
}
export async function downgrade(op) { await op.execute('DROP TABLE big'); }
`,
    );
    assertFault(project.kiln(['upgrade']), /SQLite database data\/app\.db: the disk is full/);
    assert.match(project.ok(['current']).stdout, /aa01/);
  });

  it('SQLite busy: another process holds the write lock past busy_timeout', () => {
    const project = new CliProject({ 'kiln.config.mjs': CONFIG, 'schema.mjs': SCHEMA, 'data/.keep': '' });
    try {
      project.ok(['init']);
      project.ok(['revision', '-m', 'one', '--rev-id', 'aa01']);
      project.ok(['current']);
      const other = openSqlite(project.path('data/app.db'));
      try {
        other.exec('BEGIN EXCLUSIVE');
        const url = 'sqlite:./data/app.db?busy_timeout=100';
        assertFault(
          project.kiln(['--url', url, 'upgrade']),
          /the SQLite database data\/app\.db is locked by another process/,
        );
        other.exec('ROLLBACK');
      } finally {
        other.close();
      }
      assert.match(project.ok(['current']).stdout, /base/);
    } finally {
      project.remove();
    }
  });
});
