import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { revisionSourceChecksum, revisionTextChecksum } from '../../src/revisions/script-directory.js';
import { importUserModule } from '../../src/util/import-module.js';
import { transpiledUrls } from '../../src/util/transpile.js';

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
