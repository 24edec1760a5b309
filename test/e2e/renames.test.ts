import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { CliProject, KILN_BIN } from '../support/cli-project.js';

const CONFIG = `export default { url: 'sqlite:./app.db', schema: './schema.ts', migrations: './migrations' };\n`;
const schema = (column: string) => `import { integer, table, varchar } from 'kiln';
export const account = table('account', { id: integer().primaryKey(), ${column}: varchar(120) });
`;

/** util-linux `script` gives the child a pseudo-terminal, as a person's shell does. */
const noScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0 ? false : 'no `script` command';

describe('kiln migrate --rename and the rename prompt', () => {
  let project: CliProject;
  const revisionFor = (slug: string) => {
    const dir = project.path('migrations', 'versions');
    const file = readdirSync(dir).find((f) => f.endsWith(`_${slug}.ts`));
    assert.ok(file, `no revision ${slug}`);
    return readFileSync(`${dir}/${file}`, 'utf8');
  };
  before(() => {
    project = new CliProject({
      'kiln.config.mjs': CONFIG,
      'schema.ts': schema('mail'),
      'package.json': '{ "type": "module" }\n',
    });
    project.ok(['init']);
    project.ok(['migrate', '-m', 'init']);
    project.ok(['upgrade']);
    project.write('schema.ts', schema('email'));
  });
  after(() => project.remove());

  it('without a terminal: drop + add, and a warning with the exact --rename line (text and --json)', () => {
    const run = project.ok(['migrate', '-m', 'guess', '--json']);
    const json = JSON.parse(run.stdout) as { warnings: string[]; path: string };
    assert.ok(
      json.warnings.some((w) => w.includes('--rename account.mail=account.email')),
      json.warnings.join('\n'),
    );
    assert.match(revisionFor('guess'), /dropColumn\('account', 'mail'/);
    rmSync(project.path(json.path));
  });

  it('--rename writes the rename', () => {
    const run = project.ok(['migrate', '-m', 'renamed', '--rename', 'account.mail=account.email']);
    assert.match(run.stdout, /Detected alter column account\.mail \(name\)/);
    assert.match(revisionFor('renamed'), /op\.alterColumn\('account', 'mail', \{ name: 'email' \}\)/);
  });

  it('a --rename naming no dropped + added pair is a usage error naming it (exit 2)', () => {
    project.ok(['upgrade']);
    const run = project.kiln(['migrate', '-m', 'bad', '--rename', 'account.nope=account.email']);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /--rename account\.nope=account\.email: nope is not a column/);
  });

  it('on a terminal it asks, and [r]ename is written as a rename', { skip: noScript }, () => {
    project.write('schema.ts', schema('contact'));
    const run = spawnSync('script', ['-qfec', `${process.execPath} ${KILN_BIN} migrate -m prompted`, '/dev/null'], {
      cwd: project.dir,
      input: 'r\n',
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '' },
    });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /Is account\.contact created or renamed from email\? \[r\]ename \/ \[c\]reate:/);
    assert.match(revisionFor('prompted'), /op\.alterColumn\('account', 'email', \{ name: 'contact' \}\)/);
  });
});
