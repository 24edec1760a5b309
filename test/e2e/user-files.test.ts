import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type CliRun, CliProject } from '../support/cli-project.js';

const CONFIG = `export default { url: 'sqlite:./app.db', schema: './src/schema.ts', migrations: './migrations' };\n`;
const SCHEMA = `import { integer, table } from 'kiln';\nexport const t = table('t', { id: integer().primaryKey() });\n`;
const BROKEN = `export const x = 1;\nexport const y = { a: 1,, };\n`;

/** One `kiln: error:` line (and a hint), exit 1, no stack. */
function oneLine(run: CliRun, pattern: RegExp): void {
  assert.equal(run.status, 1, run.stderr);
  const lines = run.stderr.trim().split('\n');
  assert.match(lines[0] as string, pattern);
  assert.ok(lines.length <= 2, run.stderr);
  assert.doesNotMatch(run.stderr, /Transform failed|\n\s+at |internal error/);
}

describe('a syntax error in a user file names file:line:column', () => {
  let project: CliProject;
  before(() => {
    project = new CliProject({ 'kiln.config.ts': CONFIG, 'src/schema.ts': SCHEMA });
    project.ok(['init']);
  });
  after(() => project.remove());

  it('in the schema module', () => {
    project.write('src/schema.ts', BROKEN);
    oneLine(project.kiln(['migrate', '-m', 'x']), /src\/schema\.ts:2:25: Expected identifier but found ","/);
    project.write('src/schema.ts', SCHEMA);
  });

  it('in a revision file', () => {
    project.ok(['revision', '-m', 'one', '--rev-id', 'aa01']);
    const file = readdirSync(project.path('migrations', 'versions')).find((f) => f.startsWith('aa01')) as string;
    project.write(
      `migrations/versions/${file}`,
      `export const revision = 'aa01';\nexport const downRevision = null;\n${BROKEN}`,
    );
    oneLine(
      project.kiln(['upgrade']),
      new RegExp(`migrations/versions/${file}:4:25: Expected identifier but found ","`),
    );
  });

  it('in the config', () => {
    project.write('kiln.config.ts', BROKEN);
    oneLine(project.kiln(['heads']), /kiln\.config\.ts:2:25: Expected identifier but found ","/);
    project.write('kiln.config.ts', CONFIG);
  });

  it('in a JSON config, without quoting the file (its URL may hold a password)', () => {
    const json = project.path('kiln.config.json');
    for (const [text, where] of [
      [
        '{\n  "url": "postgres://u:sekret99@h/db",, \n}',
        /kiln\.config\.json:2:39: invalid JSON \(Expected double-quoted property name\)/,
      ],
      ['{\n  "url": sekret99\n}', /kiln\.config\.json:2:10: invalid JSON \(Unexpected token 's'\)/],
    ] as const) {
      project.write('kiln.config.json', text);
      const run = project.kiln(['heads', '--config', json]);
      oneLine(run, where);
      assert.doesNotMatch(run.stderr, /sekret99/);
    }
  });
});

describe('a syntax error in a JavaScript user file names file:line:column too', () => {
  const JS_CONFIG = `export default { url: 'sqlite:./app.db', schema: './src/schema.mjs', migrations: './migrations' };\n`;
  const JS_SCHEMA = `import { integer, table } from 'kiln';\nexport const t = table('t', { id: integer().primaryKey() });\n`;
  let project: CliProject;
  before(() => {
    project = new CliProject({
      'package.json': '{ "type": "module" }\n',
      'kiln.config.mjs': JS_CONFIG,
      'src/schema.mjs': JS_SCHEMA,
    });
    project.ok(['init']);
  });
  after(() => project.remove());

  it('in an .mjs config', () => {
    project.write('kiln.config.mjs', BROKEN);
    oneLine(project.kiln(['heads']), /kiln\.config\.mjs:2:25: Expected identifier but found ","/);
    project.write('kiln.config.mjs', JS_CONFIG);
  });

  it('in an .mjs schema module, and in a .js file it imports', () => {
    project.write('src/schema.mjs', BROKEN);
    oneLine(project.kiln(['check']), /src\/schema\.mjs:2:25: Expected identifier but found ","/);
    project.write('src/schema.mjs', `import './helper.js';\n${JS_SCHEMA}`);
    project.write('src/helper.js', `const a = 1;\n  const b = (;\n`);
    oneLine(project.kiln(['check']), /src\/helper\.js:2:14: Unexpected ";"/);
    project.write('src/schema.mjs', JS_SCHEMA);
  });

  it('in a .js revision file', () => {
    project.write(
      'migrations/versions/bb01_x.js',
      `export const revision = 'bb01';\nexport const downRevision = null;\n${BROKEN}`,
    );
    oneLine(project.kiln(['upgrade']), /migrations\/versions\/bb01_x\.js:4:25: Expected identifier but found ","/);
  });
});

describe('--rev-id refuses ids a target could not name', () => {
  let project: CliProject;
  before(() => {
    project = new CliProject({ 'kiln.config.mjs': CONFIG, 'src/schema.ts': SCHEMA });
    project.ok(['init']);
    project.ok(['revision', '-m', 'one', '--rev-id', 'abcdef']);
    project.ok(['revision', '-m', 'two', '--rev-id', 'fedcba', '--head', 'base']);
  });
  after(() => project.remove());

  const versions = () => readdirSync(project.path('migrations', 'versions')).sort();

  for (const id of ['head', 'heads', 'base', 'current', 'HEAD', '-1', '+2', 'abc+1', 'x@head', 'a:b', 'a b', 'ab-1']) {
    it(`'${id}'`, () => {
      const before = versions();
      oneLine(project.kiln(['revision', '-m', 'x', '--head', 'abcdef', `--rev-id=${id}`]), /--rev-id: revision id '/);
      oneLine(project.kiln(['merge', 'heads', '-m', 'x', `--rev-id=${id}`]), /--rev-id: revision id '/);
      assert.deepEqual(versions(), before);
    });
  }

  it('a prefix of an existing id, or an id that extends one', () => {
    const before = versions();
    oneLine(
      project.kiln(['revision', '-m', 'x', '--rev-id', 'abc', '--head', 'abcdef']),
      /--rev-id: revision id 'abc' and revision abcdef/,
    );
    oneLine(
      project.kiln(['merge', 'heads', '-m', 'x', '--rev-id', 'fedcba99']),
      /--rev-id: revision id 'fedcba99' and revision fedcba/,
    );
    assert.deepEqual(versions(), before);
  });
});
