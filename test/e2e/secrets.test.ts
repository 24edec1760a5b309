import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { type CliRun, CliProject, KILN_BIN } from '../support/cli-project.js';

/** Every password below holds this, so one search finds any leak, whole or in part. */
const SECRET = 'Sekr1t';

interface Shape {
  readonly name: string;
  readonly url: string;
  /** The URL parses, so `--sql` (which never connects) succeeds with it. */
  readonly parses: boolean;
}

const SHAPES: readonly Shape[] = [
  {
    name: 'percent-encoded # ? / @ : %',
    url: `postgres://kiln:${SECRET}%23%3F%2F%40%3A%25x@127.0.0.1:1/db`,
    parses: true,
  },
  { name: 'unencoded #', url: `postgres://kiln:${SECRET}#x@127.0.0.1:1/db`, parses: false },
  { name: 'unencoded ?', url: `postgres://kiln:${SECRET}?x@127.0.0.1:1/db`, parses: false },
  { name: 'unencoded /', url: `postgres://kiln:${SECRET}/x@127.0.0.1:1/db`, parses: false },
  { name: 'unencoded @', url: `mysql://kiln:${SECRET}@x@127.0.0.1:1/db`, parses: true },
  { name: 'unencoded :', url: `postgres://kiln:${SECRET}:x@127.0.0.1:1/db`, parses: true },
  { name: 'broken %zz', url: `postgres://kiln:${SECRET}%zz@127.0.0.1:1/db`, parses: false },
  { name: 'lone %', url: `mariadb://kiln:${SECRET}%@127.0.0.1:1/db`, parses: false },
  { name: "no '//'", url: `postgres:kiln:${SECRET}@127.0.0.1:1/db`, parses: false },
  { name: 'no scheme', url: `kiln:${SECRET}@127.0.0.1:1/db`, parses: false },
  { name: 'no scheme, only //', url: `//kiln:${SECRET}@127.0.0.1:1/db`, parses: false },
  { name: 'bad port', url: `postgres://kiln:${SECRET}@127.0.0.1:99999/db`, parses: false },
  { name: 'no database', url: `postgres://kiln:${SECRET}@127.0.0.1:1`, parses: false },
  { name: 'unicode', url: `postgres://kiln:${SECRET}-pässwörd-密码@127.0.0.1:1/db`, parses: true },
  { name: 'SQLite with a password', url: `sqlite://kiln:${SECRET}@host/app.db`, parses: false },
  { name: 'empty', url: '', parses: false },
  { name: 'only a scheme', url: 'postgres:', parses: false },
  { name: 'only a scheme and //', url: 'postgres://', parses: false },
  // Reachable servers: their own refusals (unknown database, access denied) must not echo it either.
  { name: 'PostgreSQL refuses', url: `postgres://postgres:${SECRET}@127.0.0.1:5432/kiln_no_such_db`, parses: true },
  { name: 'MariaDB refuses', url: `mysql://root:${SECRET}@127.0.0.1:3306/kiln_no_such_db`, parses: true },
];

interface Invocation {
  readonly args: readonly string[];
  /** `url`: the command needs the database; `sql`: it only parses the URL; a number: it never reads the URL. */
  readonly uses: 'url' | 'sql' | number;
}

const INVOCATIONS: readonly Invocation[] = [
  { args: ['revision', '--autogenerate', '-m', 'x'], uses: 'url' },
  { args: ['migrate', '-m', 'x', '--json'], uses: 'url' },
  { args: ['upgrade'], uses: 'url' },
  { args: ['upgrade', '--json'], uses: 'url' },
  { args: ['upgrade', '--sql'], uses: 'sql' },
  { args: ['downgrade', 'base'], uses: 'url' },
  { args: ['downgrade', 'ab12cd340002:base', '--sql'], uses: 'sql' },
  { args: ['current', '--json'], uses: 'url' },
  { args: ['history', '-i'], uses: 'url' },
  { args: ['history', '--json'], uses: 0 },
  { args: ['heads', '--json'], uses: 0 },
  { args: ['branches'], uses: 0 },
  { args: ['show', 'head', '--json'], uses: 0 },
  { args: ['stamp', 'head'], uses: 'url' },
  { args: ['stamp', 'head', '--sql', '--json'], uses: 'sql' },
  { args: ['check', '--json'], uses: 'url' },
  { args: ['merge', 'heads', '-m', 'x'], uses: 1 },
  { args: ['edit', 'nosuch'], uses: 1 },
  { args: ['revision', '-m', 'x', '--head', 'nosuch'], uses: 1 },
];

const CONFIG = (url: string) =>
  `export default { url: ${JSON.stringify(url)}, schema: './src/schema.ts', migrations: './migrations' };\n`;
const SCHEMA = `import { integer, table } from 'kiln';\nexport const t = table('t', { id: integer().primaryKey() });\n`;

/** Like `CliProject.kiln`, but asynchronous, so that two runs share the cores. */
function kiln(project: CliProject, args: readonly string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [KILN_BIN, ...args], {
      cwd: project.dir,
      env: { ...process.env, DATABASE_URL: '', EDITOR: 'true', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function inPairs<T>(jobs: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < jobs.length; i += 2) results.push(...(await Promise.all(jobs.slice(i, i + 2).map((j) => j()))));
  return results;
}

/** What a user would see that gives the password away (any form of it) or a bug. */
function leaks(shape: Shape, run: CliRun): string[] {
  const output = run.stdout + run.stderr;
  const found: string[] = [];
  for (const form of [SECRET, encodeURIComponent('pässwörd'), 'pässwörd', '密码']) {
    if (output.includes(form)) found.push(`shows '${form}'`);
  }
  if (/internal error|\n\s+at /.test(output)) found.push('an internal error or a stack trace');
  return found.map((problem) => `${shape.name}: ${problem}`);
}

function expectedStatus(shape: Shape, invocation: Invocation): number {
  if (typeof invocation.uses === 'number') return invocation.uses;
  return invocation.uses === 'sql' && shape.parses ? 0 : 1;
}

describe('a database password never appears in any output', () => {
  let project: CliProject;
  before(() => {
    project = new CliProject({ 'kiln.config.mjs': CONFIG('sqlite:./app.db'), 'src/schema.ts': SCHEMA });
    project.ok(['init']);
    project.ok(['revision', '-m', 'one', '--rev-id', 'ab12cd340001']);
    project.ok(['revision', '-m', 'two', '--rev-id', 'ab12cd340002']);
  });
  after(() => project.remove());

  it('for every URL shape and every command, --json and --sql included (--url)', async () => {
    const jobs = SHAPES.flatMap((shape) =>
      INVOCATIONS.map((invocation) => async () => {
        const run = await kiln(project, ['--url', shape.url, ...invocation.args], {});
        const problems = leaks(shape, run);
        const expected = expectedStatus(shape, invocation);
        if (run.status !== expected) problems.push(`${shape.name}: exit ${run.status}, expected ${expected}`);
        return problems.map((p) => `kiln ${invocation.args.join(' ')}: ${p}\n${run.stderr}`);
      }),
    );
    const problems = (await inPairs(jobs)).flat();
    assert.deepEqual(problems, []);
  });

  it('from DATABASE_URL and from the config, naming where the URL came from', async () => {
    const configured = new CliProject({ 'src/schema.ts': SCHEMA, 'migrations/versions/.keep': '' });
    try {
      const problems: string[] = [];
      for (const shape of SHAPES.filter((s) => s.url !== '')) {
        configured.write('kiln.config.mjs', CONFIG(shape.url));
        const [fromEnv, fromConfig] = await Promise.all([
          kiln(project, ['current'], { DATABASE_URL: shape.url }),
          kiln(configured, ['current', '--json'], {}),
        ]);
        for (const [run, source] of [
          [fromEnv, 'DATABASE_URL'],
          [fromConfig, 'kiln.config.mjs'],
        ] as const) {
          problems.push(...leaks(shape, run).map((p) => `${source}: ${p}`));
          if (run.status !== 1) problems.push(`${source}: ${shape.name}: exit ${run.status}\n${run.stderr}`);
          // `current --json` reports the failure as the JSON document on stdout.
          if (!shape.parses && !(run.stdout + run.stderr).includes(`the database URL from ${source}`)) {
            problems.push(`${source}: ${shape.name}: the error does not say where the URL came from:\n${run.stderr}`);
          }
        }
      }
      assert.deepEqual(problems, []);
    } finally {
      configured.remove();
    }
  });
});
