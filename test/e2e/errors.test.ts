import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type CliRun, CliProject, KILN_BIN } from '../support/cli-project.js';
import { openSqlite } from '../support/sqlite-file.js';

const CONFIG = `export default { url: 'sqlite:./app.db', schema: './src/schema.ts', migrations: './migrations' };\n`;
const SCHEMA = `import { integer, table, varchar } from 'kiln';
export const users = table('con_user', { id: integer().primaryKey(), name: varchar(30) });
`;

/** A user mistake: exit 1, one `kiln: error:` line naming the culprit (plus a hint), never a stack. */
function assertUserError(run: CliRun, culprit: RegExp): void {
  assert.equal(run.status, 1, `exit code\n${run.stderr}`);
  // Progress lines ("Running upgrade a -> b") may precede the error.
  const lines = run.stderr
    .trim()
    .split('\n')
    .filter((line) => !line.startsWith('Running '));
  assert.match(lines[0] as string, /^kiln: error: /);
  assert.match(lines[0] as string, culprit);
  assert.ok(lines.length <= 2, `at most an error and a hint line:\n${run.stderr}`);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
}

describe('user mistakes get one clear line and exit 1', () => {
  let project: CliProject;
  let first = '';
  let second = '';

  before(() => {
    project = new CliProject({ 'kiln.config.mjs': CONFIG, 'src/schema.ts': SCHEMA });
    project.ok(['init']);
    project.ok(['revision', '-m', 'one', '--rev-id', 'ab12cd340001']);
    project.ok(['revision', '-m', 'two', '--rev-id', 'ab12cd340002']);
    first = 'ab12cd340001';
    second = 'ab12cd340002';
    project.ok(['upgrade', first]);
  });
  after(() => project.remove());

  const heads = () => {
    const db = openSqlite(project.path('app.db'));
    try {
      return db.all('SELECT version_num FROM kiln_version');
    } finally {
      db.close();
    }
  };

  it('an unknown target names it', () => {
    assertUserError(project.kiln(['upgrade', 'ffff9999']), /ffff9999/);
    assert.deepEqual(heads(), [{ version_num: first }]);
  });

  it('an ambiguous partial id lists the candidates', () => {
    const run = project.kiln(['show', 'ab12cd34']);
    assertUserError(run, /ab12cd34/);
    assert.match(run.stderr, new RegExp(`${first}[\\s\\S]*${second}|${second}[\\s\\S]*${first}`));
  });

  it('a bad URL names the URL (without the password)', () => {
    const run = project.kiln(['current', '--url', 'nosuch://user:hunter2@host/db']);
    assertUserError(run, /nosuch/);
    assert.doesNotMatch(run.stderr, /hunter2/);
  });

  it('a password never appears in an error', () => {
    const run = project.kiln(['current', '--url', 'postgres://kiln:hunter2@127.0.0.1:1/nodb']);
    assert.equal(run.status, 1);
    assert.doesNotMatch(run.stdout + run.stderr, /hunter2/);
  });

  it('a missing config says how to create one', () => {
    const bare = new CliProject();
    try {
      assertUserError(bare.kiln(['current']), /kiln\.config/);
    } finally {
      bare.remove();
    }
  });

  it('a missing schema module names the file', () => {
    project.write('kiln.config.mjs', CONFIG.replace('./src/schema.ts', './src/nope.ts'));
    assertUserError(project.kiln(['migrate', '-m', 'x']), /src\/nope\.ts/);
    project.write('kiln.config.mjs', CONFIG);
  });

  it('a syntax error in a revision file names the file and changes nothing', () => {
    const file = readdirSync(project.path('migrations', 'versions')).find((f) => f.startsWith(second)) as string;
    project.write(
      `migrations/versions/${file}`,
      `export const revision = '${second}';\nexport const downRevision = '${first}';\nexport async function upgrade(op) { op.createTable( }\nexport async function downgrade() {}\n`,
    );
    assertUserError(project.kiln(['upgrade']), new RegExp(file.replace('.', '\\.')));
    assert.deepEqual(heads(), [{ version_num: first }]);
  });

  it('usage errors exit 2', () => {
    assert.equal(project.kiln(['upgrade', '--no-such-flag']).status, 2);
    assert.equal(project.kiln(['frobnicate']).status, 2);
  });
});

describe('a reader that stops early', () => {
  it('ends kiln quietly: `kiln upgrade head --sql | head -1` prints no stack trace', async () => {
    const revisions: Record<string, string> = {};
    let down = 'null';
    // Enough output (about 500 KB) that it cannot all sit in the pipe when the reader goes away.
    const columns = Array.from({ length: 40 }, (_, c) => `column_number_${c} VARCHAR(200)`).join(', ');
    for (let i = 0; i < 300; i++) {
      const id = `p${String(i).padStart(5, '0')}`;
      revisions[`migrations/versions/${id}.ts`] =
        `export const revision = '${id}';\nexport const downRevision = ${down};\n` +
        `export async function upgrade(op: any) { await op.execute('CREATE TABLE t${i} (id INTEGER PRIMARY KEY, ${columns})'); }\n` +
        `export async function downgrade(op: any) { await op.execute('DROP TABLE t${i}'); }\n`;
      down = `'${id}'`;
    }
    const project = new CliProject({
      'kiln.config.mjs': CONFIG.replace(", schema: './src/schema.ts'", ''),
      ...revisions,
    });
    try {
      const child = spawn(process.execPath, [KILN_BIN, 'upgrade', 'head', '--sql'], {
        cwd: project.dir,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      // Read the first chunk, then close the pipe, as `head -1` does.
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      child.stdout.destroy();
      const [code] = (await once(child, 'close')) as [number | null];
      assert.equal(code, 0, stderr);
      assert.doesNotMatch(stderr, /EPIPE|\n\s+at |internal error/);
    } finally {
      project.remove();
    }
  });
});
