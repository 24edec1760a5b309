import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { CliProject } from '../support/cli-project.js';

const CONFIG = `import { defineConfig } from 'kiln';
import { settings } from './src/settings.js';
export default defineConfig({ url: 'sqlite:./app.db', schema: './src/schema.ts', migrations: './migrations', ...settings });
`;
const SETTINGS = `export const settings: { versionTable: string } = { versionTable: 'kiln_version' };\n`;
const SCHEMA = `import { integer, table } from 'kiln';\nexport const t = table('t', { id: integer().primaryKey() });\n`;
const HELPER = `import { integer, type Operations } from 'kiln';
export async function createNamed(op: Operations, name: string): Promise<void> {
  await op.createTable(name, { id: integer().primaryKey() });
}
`;

/**
 * A `--import` hook (in the kiln process only) that lists every module URL
 * the process loads, so a test can see what kiln loaded without asking kiln.
 */
const RECORDER = {
  'record/register.mjs': `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`,
  'record/hooks.mjs': `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(process.env.KILN_TEST_LOADS, url + '\\n');
  return next(url, context);
}
`,
};

function revision(id: string, down: string | null, body: string, prelude = ''): string {
  return `import type { Operations } from 'kiln';
${prelude}
export const revision = '${id}';
export const downRevision = ${down === null ? 'null' : `'${down}'`};
export async function upgrade(op: Operations) {
${body}
}
export async function downgrade(op: Operations) {
  void op;
}
`;
}

/** The module URLs `kiln args` loaded. */
function loads(project: CliProject, args: readonly string[]): string[] {
  const list = project.path('loads.txt');
  project.write('loads.txt', '');
  project.ok(args, 0, { NODE_OPTIONS: `--import=${project.path('record', 'register.mjs')}`, KILN_TEST_LOADS: list });
  return readFileSync(list, 'utf8').split('\n').filter(Boolean);
}

const cacheDir = (project: CliProject) => project.path('node_modules', '.cache', 'kiln');
const cached = (project: CliProject) =>
  readdirSync(cacheDir(project))
    .filter((f) => f.endsWith('.mjs'))
    .sort();

for (const esm of [false, true])
  describe(`TypeScript user files load without a process-wide loader (${esm ? 'ESM' : 'CommonJS'} project)`, () => {
    let project: CliProject;
    before(() => {
      project = new CliProject({
        'kiln.config.ts': CONFIG,
        'src/settings.ts': SETTINGS,
        'src/schema.ts': SCHEMA,
        'migrations/helpers.ts': HELPER,
        'migrations/versions/aa01_one.ts': revision(
          'aa01',
          null,
          "  await createNamed(op, 'one');",
          "import { createNamed } from '../helpers.js';",
        ),
        'migrations/versions/aa02_two.ts': revision(
          'aa02',
          'aa01',
          "  await op.createTable('two', { id: integer().primaryKey() });",
          "import { integer } from 'kiln';",
        ),
        ...RECORDER,
        ...(esm ? { 'package.json': '{ "type": "module" }\n' } : {}),
      });
    });
    after(() => project.remove());

    it('upgrade runs revisions that import a relative helper and kiln, with kiln loaded once', () => {
      const urls = loads(project, ['upgrade']);
      const kilnIndex = urls.filter((url) => url.endsWith('/dist/index.js'));
      assert.equal(kilnIndex.length, 1, kilnIndex.join('\n'));
      assert.deepEqual(
        urls.filter((url) => url.includes('/node_modules/tsx/')),
        [],
      );
      assert.match(project.ok(['current']).stdout, /^aa02 \(head\)/);
    });

    it('a reading command loads neither tsx nor, once the config is cached, esbuild', () => {
      const urls = loads(project, ['heads']);
      assert.deepEqual(
        urls.filter((url) => /\/node_modules\/(?:tsx|esbuild)\//.test(url)),
        [],
      );
      assert.ok(!urls.some((url) => url.endsWith('/kiln.config.ts')), 'the config is imported from its cached copy');
    });

    it('the cache is reused, and an edit to the config or a file it imports is a new copy', () => {
      const first = cached(project);
      const stamps = first.map((f) => statSync(`${cacheDir(project)}/${f}`).mtimeMs);
      project.ok(['upgrade', 'head', '--sql']);
      assert.deepEqual(cached(project), first);
      assert.deepEqual(
        first.map((f) => statSync(`${cacheDir(project)}/${f}`).mtimeMs),
        stamps,
      );
      project.write('src/settings.ts', SETTINGS.replace("'kiln_version'", "'kiln_version_two'"));
      assert.match(project.ok(['upgrade', 'head', '--sql']).stdout, /CREATE TABLE "kiln_version_two"/);
      project.write('kiln.config.ts', `${CONFIG}// edited\n`);
      assert.match(project.ok(['upgrade', 'head', '--sql']).stdout, /CREATE TABLE "kiln_version_two"/);
      assert.equal(cached(project).length, first.length + 1);
    });

    it('a syntax error in the config, a file it imports, or the one broken revision of a plan names file:line:column', () => {
      project.write('src/settings.ts', 'export const settings = { a: 1,, };\n');
      const helper = project.kiln(['heads']);
      assert.equal(helper.status, 1);
      assert.match(helper.stderr, /src\/settings\.ts:1:32: Expected identifier but found ","/);
      project.write('src/settings.ts', SETTINGS);
      project.write('migrations/versions/aa03_three.ts', revision('aa03', 'aa02', '  void op;'));
      project.write('migrations/versions/aa04_four.ts', revision('aa04', 'aa03', '  void op;,'));
      const run = project.kiln(['upgrade', 'head', '--sql']);
      assert.equal(run.status, 1);
      assert.match(run.stderr, /cannot load revision aa04: migrations\/versions\/aa04_four\.ts:6:11: Unexpected ","/);
    });
  });

describe('TypeScript user files when node_modules/.cache cannot be written', () => {
  let project: CliProject;
  before(() => {
    project = new CliProject({ 'kiln.config.ts': CONFIG, 'src/settings.ts': SETTINGS, 'src/schema.ts': SCHEMA });
    // A file where the folder would go fails even for root, as a read-only node_modules does for others.
    project.write('node_modules/.cache', '');
  });
  after(() => project.remove());

  it('the copies go to a temp folder, where kiln still resolves to the project’s kiln', () => {
    project.ok(['init']);
    project.write(
      'migrations/versions/aa01_one.ts',
      revision('aa01', null, "  await createNamed(op, 'one');", "import { createNamed } from '../helpers.js';"),
    );
    project.write('migrations/helpers.ts', HELPER);
    project.ok(['upgrade']);
    assert.match(project.ok(['current']).stdout, /^aa01 \(head\)/);
    assert.ok(statSync(project.path('node_modules', '.cache')).isFile());
  });
});
