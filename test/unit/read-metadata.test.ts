import assert from 'node:assert/strict';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RevisionError } from '../../src/errors.js';
import { readRevisionMetadata } from '../../src/revisions/read-metadata.js';
import { loadScriptDirectory, revisionFileChecksum } from '../../src/revisions/script-directory.js';

const TEMPLATE = `import type { Operations } from 'kiln';
export const revision = '3f2a9c1d7e4b';
export const downRevision = '9b1c0e2d4a55';   // string | string[] (merge) | null (base)
export const branchLabels: string[] = [];
export const dependsOn: string[] = [];
export const message = 'add user status';
export async function upgrade(op: Operations) {
  await op.addColumn('con_user', 'status', boolean());
}
export async function downgrade(op: Operations) {
  await op.dropColumn('con_user', 'status');
}
`;

function fails(source: string, code: string, pattern: RegExp): void {
  assert.throws(
    () => readRevisionMetadata(source, 'v/x.ts'),
    (error: unknown) => {
      assert.ok(error instanceof RevisionError);
      assert.equal(error.code, code);
      assert.match(error.message, pattern);
      return true;
    },
  );
}

describe('readRevisionMetadata', () => {
  it('reads the revision template', () => {
    assert.deepEqual(readRevisionMetadata(TEMPLATE, 'v/3f2a.ts'), {
      revision: '3f2a9c1d7e4b',
      downRevisions: ['9b1c0e2d4a55'],
      branchLabels: [],
      dependsOn: [],
      message: 'add user status',
      createDate: null,
      path: 'v/3f2a.ts',
    });
  });

  it('tolerates types, as const, quotes, backticks, comments, trailing commas and line breaks', () => {
    const source = `/* header */
export const revision: string = "m1"  // no semicolon
export const downRevision: readonly string[] | null = [
  'a', // first parent
  /* second */ \`b\`,
] as const;
export const branchLabels: Array<string> = ['feature'];
export const dependsOn = "lib";
export const message: string | null = null;
export const createDate = '2024-05-01T10:00:00Z';
`;
    const meta = readRevisionMetadata(source, 'v/m1.ts');
    assert.equal(meta.revision, 'm1');
    assert.deepEqual(meta.downRevisions, ['a', 'b']);
    assert.deepEqual(meta.branchLabels, ['feature']);
    assert.deepEqual(meta.dependsOn, ['lib']);
    assert.equal(meta.message, null);
    assert.equal(meta.createDate, '2024-05-01T10:00:00Z');
  });

  it('reads what kiln squash adds (squashes, squashedChecksum) only when a file has it', () => {
    const source = TEMPLATE.replace(
      /^export const branchLabels/m,
      "export const squashes: string[] = ['a1', 'b2'];\nexport const squashedChecksum = 'ff00';\n$&",
    );
    const meta = readRevisionMetadata(source, 'v/3f2a.ts');
    assert.deepEqual(meta.squashes, ['a1', 'b2']);
    assert.equal(meta.squashedChecksum, 'ff00');
    assert.equal('squashes' in readRevisionMetadata(TEMPLATE, 'v/3f2a.ts'), false);
    fails(
      TEMPLATE.replace(/^export const message/m, "export const squashes = [''];\n$&"),
      'revision.metadata-invalid',
      /squashes/,
    );
  });

  it('a subfolder (versions/squashed/<rev>/) is not read: its files are out of the graph', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-versions-'));
    try {
      writeFileSync(join(dir, 'b.ts'), "export const revision = 'b';\nexport const downRevision = null;\n");
      mkdirSync(join(dir, 'squashed', 'b'), { recursive: true });
      writeFileSync(
        join(dir, 'squashed', 'b', 'a.ts'),
        "export const revision = 'a';\nexport const downRevision = null;\n",
      );
      assert.deepEqual((await loadScriptDirectory(dir)).graph.topologicalOrder, ['b']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a base (null) and decodes escapes', () => {
    const meta = readRevisionMetadata(
      "export const revision = 'b1';\nexport const downRevision = null;\nexport const message = 'it\\'s \\u00e9t\\xe9\\n';",
      'v/b1.js',
    );
    assert.deepEqual(meta.downRevisions, []);
    assert.equal(meta.message, "it's été\n");
  });

  it('ignores look-alikes in strings, templates, comments, regexes and nested scopes', () => {
    const source = `export const revision = 'real';
export const downRevision = null;
// export const message = 'comment';
/* export const message = 'block'; */
const s = "export const message = 'string'";
const t = \`\${'}'} export const message = 'template' \${ { a: \`\${1}\` }.a }\`;
const r = /export const message = '[}{]'/g;
const d = 4 / 2 / 1;
function f() {
  export const message = 'nested';
}
export const branchLabels = ['x'];
`;
    const meta = readRevisionMetadata(source, 'v/real.ts');
    assert.equal(meta.message, null);
    assert.deepEqual(meta.branchLabels, ['x']);
  });

  it('names the file and variable when revision or downRevision is missing', () => {
    fails(
      "export const downRevision = null;\nexport const message = 'x';",
      'revision.metadata-missing',
      /v\/x\.ts.*revision/,
    );
    fails("export const revision = 'a';", 'revision.metadata-missing', /v\/x\.ts.*downRevision/);
    fails("const revision = 'a';\nexport const downRevision = null;", 'revision.metadata-missing', /revision/);
  });

  it('refuses values that are not literals, naming the variable and line', () => {
    fails(
      'export const revision = makeId();\nexport const downRevision = null;',
      'revision.metadata-invalid',
      /v\/x\.ts:1.*`revision`/,
    );
    fails(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the revision text under test holds a template literal
      "export const revision = 'a';\nexport const downRevision = `${base}`;",
      'revision.metadata-invalid',
      /v\/x\.ts:2.*`downRevision`/,
    );
    fails(
      "export const revision = 'a' + 'b';\nexport const downRevision = null;",
      'revision.metadata-invalid',
      /`revision`/,
    );
    fails('export const revision = 42;\nexport const downRevision = null;', 'revision.metadata-invalid', /`revision`/);
    fails(
      "export const revision = 'a';\nexport const downRevision = [x];",
      'revision.metadata-invalid',
      /`downRevision`/,
    );
    fails(
      "export const revision = 'a';\nexport const downRevision = null;\nexport const message = ['a'];",
      'revision.metadata-invalid',
      /`message`/,
    );
    fails("export const revision = '';\nexport const downRevision = null;", 'revision.metadata-invalid', /`revision`/);
  });
});

describe('loadScriptDirectory', () => {
  it('loads .ts/.js/.mts/.mjs files (not .d.ts, not dot-files) and builds the graph', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-versions-'));
    try {
      const file = (name: string, rev: string, down: string | null): void =>
        writeFileSync(
          join(dir, name),
          `export const revision = '${rev}';\nexport const downRevision = ${down === null ? 'null' : `'${down}'`};\n`,
        );
      file('a_first.ts', 'a', null);
      file('whatever.js', 'b', 'a');
      file('c.mts', 'c', 'b');
      file('d.mjs', 'd', 'c');
      writeFileSync(join(dir, 'types.d.ts'), 'export declare const revision: string;');
      writeFileSync(join(dir, '.#d.ts'), 'garbage');
      writeFileSync(join(dir, 'README.md'), '# not a revision');
      const { graph, versionsDir } = await loadScriptDirectory(dir);
      assert.equal(versionsDir, dir);
      assert.deepEqual(graph.topologicalOrder, ['a', 'b', 'c', 'd']);
      assert.equal(graph.require('b').path, join(dir, 'whatever.js'));
      assert.match(await revisionFileChecksum(join(dir, 'c.mts')), /^[0-9a-f]{64}$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a file unchanged since the last command from the metadata cache, and any edited one again', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kiln-project-'));
    const dir = join(root, 'migrations', 'versions');
    try {
      mkdirSync(join(root, 'node_modules'));
      mkdirSync(dir, { recursive: true });
      const write = (message: string) =>
        writeFileSync(
          join(dir, 'a_first.ts'),
          `export const revision = 'a';\nexport const downRevision = null;\nexport const message = '${message}';\n`,
        );
      write('first');
      assert.equal((await loadScriptDirectory(dir)).graph.require('a').message, 'first');
      const cacheDir = join(root, 'node_modules', '.cache', 'kiln');
      const [cacheFile] = readdirSync(cacheDir).filter((name) => name.startsWith('graph-'));
      assert.ok(cacheFile !== undefined, 'the metadata were cached beside the transpiled files');
      // A cached entry is used without reading the file: plant a message the file does not hold.
      const cachePath = join(cacheDir, cacheFile);
      writeFileSync(cachePath, readFileSync(cachePath, 'utf8').replace('"first"', '"from the cache"'));
      assert.equal((await loadScriptDirectory(dir)).graph.require('a').message, 'from the cache');
      // Same size, the modification time set back: the edit is still seen (the change time cannot be set back).
      const { atime, mtime } = statSync(join(dir, 'a_first.ts'));
      write('edit!');
      utimesSync(join(dir, 'a_first.ts'), atime, mtime);
      assert.equal((await loadScriptDirectory(dir)).graph.require('a').message, 'edit!');
      writeFileSync(cachePath, '{ not json');
      assert.equal((await loadScriptDirectory(dir)).graph.require('a').message, 'edit!', 'a broken cache is ignored');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('says to run kiln init when the directory is missing', async () => {
    await assert.rejects(loadScriptDirectory('/nonexistent/kiln/versions'), { code: 'revision.versions-missing' });
  });

  it('loads a directory of 2,000 revision files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-versions-'));
    try {
      for (let i = 0; i < 2000; i++) {
        const down = i === 0 ? 'null' : `'r${i - 1}'`;
        writeFileSync(
          join(dir, `r${i}_step.ts`),
          TEMPLATE.replace("'3f2a9c1d7e4b'", `'r${i}'`).replace("'9b1c0e2d4a55'", down),
        );
      }
      const { graph } = await loadScriptDirectory(dir);
      assert.equal(graph.size, 2000);
      assert.deepEqual(graph.heads, ['r1999']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
