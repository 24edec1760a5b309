import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { revisionSourceChecksum, revisionTextChecksum } from '../../src/revisions/script-directory.js';
import { importUserModule } from '../../src/util/import-module.js';
import { loadRevisionModules } from '../../src/runtime/revision-module.js';
import { canShareModule, planModuleUrl, transpiledUrls } from '../../src/util/transpile.js';

describe('TypeScript user files transpiled into the cache', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-transpile-'));
    mkdirSync(join(dir, 'node_modules'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('__dirname, __filename, import.meta.url and require name the original file, not the cached copy', async () => {
    const file = join(dir, 'where.ts');
    writeFileSync(
      file,
      `const path: typeof import('node:path') = require('node:path');
export const where = [__dirname, __filename, import.meta.url, path.basename(__filename)];\n`,
    );
    const module = await importUserModule(file);
    assert.deepEqual(module.where, [dir, file, pathToFileURL(file).href, 'where.ts']);
  });

  it("a file's own ESM idioms for the same names keep working", async () => {
    const file = join(dir, 'own.ts');
    writeFileSync(
      file,
      `import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
const __dirname = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
export const found = [__dirname, typeof require('node:path').join];\n`,
    );
    assert.deepEqual((await importUserModule(file)).found, [dir, 'function']);
  });

  it('one pass gives each file its URL in order; the same text is the same cached copy', async () => {
    const files = ['a', 'b', 'c'].map((name) => ({
      path: join(dir, `${name}.ts`),
      text: `export const name: string = '${name}';\n`,
    }));
    for (const file of files) writeFileSync(file.path, file.text);
    const urls = await transpiledUrls(files);
    assert.equal(new Set(urls).size, 3);
    for (const [i, url] of urls.entries()) assert.equal((await import(url)).name, ['a', 'b', 'c'][i]);
    assert.deepEqual(await transpiledUrls(files), urls);
    assert.match(urls[0] as string, /\/node_modules\/\.cache\/kiln\/[0-9a-f]{64}\.mjs$/);
  });

  it('the checksum of text already read equals the checksum of the file', () => {
    const text = readFileSync(join(dir, 'a.ts'), 'utf8');
    assert.equal(
      revisionSourceChecksum(`\uFEFF${text.replaceAll('\n', '\r\n')}`),
      revisionTextChecksum(Buffer.from(text)),
    );
  });
});

describe("a plan's revisions imported as one module", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-plan-'));
    mkdirSync(join(dir, 'node_modules'));
    mkdirSync(join(dir, 'versions'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const revisionText = (id: string, extra = '') =>
    `${extra}export const revision = '${id}';
export const downRevision = null;
export async function upgrade(op: unknown) { void op; }
export async function downgrade(op: unknown) { void op; }
export const marker: string = '${id}';\n`;

  const sources = (ids: readonly string[], extra: Record<string, string> = {}) =>
    ids.map((id) => {
      const path = join(dir, 'versions', `${id}.ts`);
      const source = revisionText(id, extra[id] ?? '');
      writeFileSync(path, source);
      return { revision: id, path, source };
    });

  it('gives each revision its own exports, in order, from one cached module; a new plan replaces the old module', async () => {
    const plan = sources(['r1', 'r2', 'r3']);
    const loaded = await loadRevisionModules(plan);
    assert.deepEqual(
      loaded.map((r) => r.revision),
      ['r1', 'r2', 'r3'],
    );
    const url = await planModuleUrl(plan.map(({ path, source }) => ({ path, text: source })));
    const module = (await import(url)) as Record<string, { marker: string }>;
    assert.deepEqual([module.m0?.marker, module.m1?.marker, module.m2?.marker], ['r1', 'r2', 'r3']);
    const cache = join(dir, 'node_modules', '.cache', 'kiln');
    const plans = () => readdirSync(cache).filter((name) => name.startsWith('plan-'));
    assert.equal(plans().length, 1);
    await loadRevisionModules(sources(['r1', 'r2']));
    assert.equal(plans().length, 1, 'the older plan module was removed');
  });

  it('a file that needs its own identity (import.meta, __dirname) is imported on its own, and keeps it', async () => {
    const plan = sources(['s1', 's2', 's3'], { s2: 'export const here = import.meta.url;\n' });
    assert.equal(canShareModule(plan[1]?.source ?? ''), false);
    const loaded = await loadRevisionModules(plan);
    assert.deepEqual(
      loaded.map((r) => r.revision),
      ['s1', 's2', 's3'],
    );
    const alone = (await import(
      (await transpiledUrls([{ path: plan[1]?.path ?? '', text: plan[1]?.source ?? '' }]))[0] ?? ''
    )) as {
      here: string;
    };
    assert.equal(alone.here, pathToFileURL(plan[1]?.path ?? '').href);
  });

  it('a revision that throws while loading is named, although its plan was one module', async () => {
    const plan = sources(['t1', 't2', 't3'], { t2: "throw new Error('broken at load');\n" });
    await assert.rejects(loadRevisionModules(plan), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'revision.load-failed');
      assert.match(error.message, /cannot load revision t2: .*t2\.ts: broken at load/);
      return true;
    });
  });

  it('a syntax error names file:line:column', async () => {
    const plan = sources(['u1', 'u2'], { u2: 'const = ;\n' });
    await assert.rejects(loadRevisionModules(plan), /cannot load revision u2: .*u2\.ts:1:7: /);
  });
});
