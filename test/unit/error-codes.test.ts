import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

/**
 * README's "Errors and exit codes" table is the one list of error codes: every
 * code the source throws has a row, and every row names a code the source
 * throws (or one of the families made at run time: `usage.*` from the
 * argument parser, `internal` for a bug).
 */

const root = new URL('../..', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** A code passed to an error constructor or helper (`…Error('x.y', …)`), or a fault table's `code: 'x.y'`. */
const THROWN = /(?:Error\(\s*(?:[^'()]*\?\s*)?|code:\s*)'([a-z][a-z0-9-]*\.[a-z0-9.-]+)'/g;

function thrownCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of sourceFiles(join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(THROWN)) codes.add(match[1] as string);
  }
  return codes;
}

function documentedCodes(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('## Errors and exit codes');
  assert.notEqual(start, -1, 'README has an "Errors and exit codes" section');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  return [...section.matchAll(/^\| `([a-z][a-z0-9.*-]*)` \|/gm)].map((match) => match[1] as string);
}

describe('error codes', () => {
  it('every code thrown in src/ is in the README table', () => {
    const documented = new Set(documentedCodes());
    const missing = [...thrownCodes()].filter((code) => !documented.has(code)).sort();
    assert.deepEqual(missing, [], `add these to README's "Errors and exit codes": ${missing.join(', ')}`);
  });

  it('every row of the table names a code the source throws, once', () => {
    const thrown = thrownCodes();
    const rows = documentedCodes();
    const runtime = (code: string) => code === 'internal' || code === 'usage.*';
    assert.deepEqual(
      rows.filter((code) => !thrown.has(code) && !runtime(code)),
      [],
    );
    assert.deepEqual(
      rows.filter((code, i) => rows.indexOf(code) !== i),
      [],
    );
  });

  it('finds the codes of the patterns the source uses', () => {
    const codes = thrownCodes();
    for (const code of ['config.not-found', 'database.busy', 'database.statement-failed', 'fs.permission-denied']) {
      assert.ok(codes.has(code), code);
    }
  });
});
