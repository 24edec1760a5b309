import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FileSystemError } from '../../src/errors.js';
import { writeFileAtomic } from '../../src/util/atomic-write.js';
import { fileSystemError, withFileErrors } from '../../src/util/fs-errors.js';

/** An error as Node's fs layer throws it. */
function errno(code: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed, open '${path}'`), { code, errno: -1, syscall: 'open', path });
}

describe('fileSystemError', () => {
  const cases: readonly [string, RegExp][] = [
    ['EACCES', /permission denied/],
    ['EPERM', /permission denied/],
    ['EROFS', /the file system is read-only/],
    ['ENOSPC', /no space left on the device/],
    ['EDQUOT', /the disk quota is exceeded/],
    ['EMFILE', /too many open files/],
    ['ENFILE', /too many open files/],
    ['ENOENT', /the folder does not exist/],
  ];
  for (const [code, reason] of cases) {
    it(`${code}: what failed, where, why, and a hint`, () => {
      const error = fileSystemError(errno(code, '/srv/app/x.ts'), 'write the revision file', '/srv/app/x.ts');
      assert.ok(error instanceof FileSystemError);
      assert.match(error.message, /^cannot write the revision file \/srv\/app\/x\.ts: /);
      assert.match(error.message, reason);
      assert.ok((error.hint ?? '').length > 0);
      assert.match(error.code, /^fs\.[a-z-]+$/);
    });
  }

  it('leaves other errors alone (a bug keeps its stack)', () => {
    assert.equal(fileSystemError(errno('EBADF', '/x'), 'write', '/x'), null);
    assert.equal(fileSystemError(new TypeError('x'), 'write', '/x'), null);
    const bug = new TypeError('bug');
    assert.throws(
      () =>
        withFileErrors('write', '/x', () => {
          throw bug;
        }),
      (error) => error === bug,
    );
  });

  it('withFileErrors maps an injected fault', () => {
    assert.throws(
      () =>
        withFileErrors('write the revision file', '/srv/x.ts', () => {
          throw errno('ENOSPC', '/srv/x.ts');
        }),
      (error) => error instanceof FileSystemError && /no space left/.test(error.message),
    );
  });
});

describe('writeFileAtomic', () => {
  it('writes the file whole, and leaves neither it nor a temporary file when the rename fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-atomic-'));
    try {
      writeFileAtomic(join(dir, 'a.ts'), 'export {};\n');
      assert.deepEqual(readdirSync(dir), ['a.ts']);
      // A folder where the file should go: the rename fails after the temporary file was written.
      mkdirSync(join(dir, 'b.ts', 'inside'), { recursive: true });
      assert.throws(() => writeFileAtomic(join(dir, 'b.ts'), 'export {};\n'));
      assert.deepEqual(readdirSync(dir).sort(), ['a.ts', 'b.ts']);
      assert.deepEqual(readdirSync(join(dir, 'b.ts')), ['inside']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
