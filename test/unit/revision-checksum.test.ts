import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { revisionFileMatches, revisionTextChecksum } from '../../src/revisions/script-directory.js';

const LF = "export const revision = 'a1';\nexport const message = 'é';\n";
const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('revision checksum', () => {
  it('is the SHA-256 of the canonical text: LF endings, no byte-order mark', () => {
    const expected = createHash('sha256').update(LF).digest('hex');
    assert.equal(revisionTextChecksum(bytes(LF)), expected);
    assert.equal(revisionTextChecksum(bytes(LF.replaceAll('\n', '\r\n'))), expected, 'CRLF is not an edit');
    assert.equal(revisionTextChecksum(bytes(`\uFEFF${LF}`)), expected, 'a BOM is not an edit');
    assert.equal(revisionTextChecksum(bytes(LF.replaceAll('\n', '\r'))), expected, 'old Mac CR endings neither');
  });

  it('tells a real edit apart, even one that only changes whitespace inside a line', () => {
    assert.notEqual(revisionTextChecksum(bytes(LF)), revisionTextChecksum(bytes(LF.replace('= ', '=  '))));
    assert.notEqual(revisionTextChecksum(bytes(LF)), revisionTextChecksum(bytes(`${LF}\n`)));
  });

  it('accepts a record kiln 0.1 wrote over the raw bytes of a CRLF file, and reports the canonical checksum', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-ck-'));
    try {
      const path = join(dir, 'a1.ts');
      const crlf = LF.replaceAll('\n', '\r\n');
      writeFileSync(path, crlf);
      const raw = createHash('sha256').update(crlf).digest('hex');
      assert.deepEqual(revisionFileMatches(path, raw), { matches: true, actual: revisionTextChecksum(bytes(LF)) });
      assert.equal(revisionFileMatches(path, revisionTextChecksum(bytes(LF))).matches, true);
      assert.equal(revisionFileMatches(path, '0'.repeat(64)).matches, false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
