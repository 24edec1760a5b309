import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CliProject, type CliRun } from '../support/cli-project.js';

/**
 * `--json` on every command: stdout is exactly one JSON document, the result
 * (`ok: true`) or the failure (`ok: false` with code, message, hint) with the
 * failure's exit code; progress stays on stderr.
 */

const CONFIG = `export default { url: 'sqlite:./app.db', schema: './schema.ts', migrations: './migrations' };\n`;
const SCHEMA = `import { integer, table, text } from 'kiln';
export const notes = table('j_notes', { id: integer().primaryKey(), body: text() });
`;

interface Failure {
  readonly ok: false;
  readonly error: { readonly code: string; readonly message: string; readonly hint: string | null };
}

/** The one document on stdout (JSON.parse fails on anything before or after it). */
function document<T = Record<string, unknown>>(run: CliRun): T & { ok: boolean } {
  return JSON.parse(run.stdout) as T & { ok: boolean };
}

function failure(run: CliRun, exit: number, code: string): Failure {
  assert.equal(run.status, exit, `exit ${exit} expected\n${run.stdout}\n${run.stderr}`);
  const doc = document<Failure>(run);
  assert.equal(doc.ok, false);
  assert.equal(doc.error.code, code);
  assert.equal(typeof doc.error.message, 'string');
  assert.ok('hint' in doc.error);
  return doc;
}

describe('--json on every command', () => {
  let project: CliProject;
  before(() => {
    project = new CliProject({
      'kiln.config.mjs': CONFIG,
      'schema.ts': SCHEMA,
      'package.json': '{ "type": "module" }\n',
    });
  });
  after(() => project.remove());

  it('init: the folders and files created; a second init into a full folder fails as JSON', () => {
    const doc = document<{ created: string[] }>(project.ok(['init', '--json']));
    assert.equal(doc.ok, true);
    assert.ok(doc.created.includes('migrations/versions'));
    project.write('migrations/extra.txt', 'x');
    failure(project.kiln(['init', '--json']), 1, 'init.exists');
  });

  it('migrate and revision: the file written; a bad --head fails as JSON', () => {
    const doc = document<{ revision: string; changes: string[] }>(
      project.ok(['migrate', '-m', 'notes', '--rev-id', 'aa0000000001', '--json']),
    );
    assert.equal(doc.revision, 'aa0000000001');
    assert.deepEqual(doc.changes, ['create table j_notes']);
    failure(project.kiln(['revision', '-m', 'x', '--head', 'nosuch', '--json']), 1, 'revision.unknown');
    document(project.ok(['revision', '-m', 'empty', '--rev-id', 'aa0000000002', '--json']));
  });

  it('status and check before the upgrade: exit 3 and 1 with ok: true', () => {
    const status = project.ok(['status', '--json'], 3);
    assert.deepEqual(document<{ pending: string[] }>(status).pending, ['aa0000000001', 'aa0000000002']);
    const check = document<{ pending: string[]; differences: { kind: string }[] }>(project.ok(['check', '--json'], 1));
    assert.equal(check.ok, true);
    assert.deepEqual(
      check.differences.map((d) => d.kind),
      ['add-table'],
    );
  });

  it('upgrade: from, to, and each revision with a whole-millisecond duration; progress on stderr only', () => {
    const run = project.ok(['upgrade', '--json']);
    const doc = document<{
      direction: string;
      from: string[];
      to: string[];
      steps: { revision: string; durationMs: number }[];
    }>(run);
    assert.equal(doc.direction, 'up');
    assert.deepEqual(doc.from, []);
    assert.deepEqual(doc.to, ['aa0000000002']);
    assert.deepEqual(
      doc.steps.map((s) => s.revision),
      ['aa0000000001', 'aa0000000002'],
    );
    for (const step of doc.steps) assert.ok(Number.isInteger(step.durationMs), String(step.durationMs));
    assert.match(run.stderr, /Running upgrade/);
    failure(project.kiln(['upgrade', 'nosuch', '--json']), 1, 'revision.unknown');
    document(project.ok(['status', '--json'], 0));
    document(project.ok(['check', '--json'], 0));
  });

  it('downgrade: from and to; a bad target and a usage error fail as JSON', () => {
    const doc = document<{ from: string[]; to: string[] }>(project.ok(['downgrade', '-1', '--json']));
    assert.deepEqual([doc.from, doc.to], [['aa0000000002'], ['aa0000000001']]);
    failure(project.kiln(['downgrade', 'aa0000000002', '--json']), 1, 'revision.downgrade-above-current');
    failure(project.kiln(['downgrade', '--json']), 2, 'usage.missing-argument');
    failure(project.kiln(['downgrade', 'base', '--sql', '--json']), 2, 'downgrade.sql-needs-range');
  });

  it('stamp, merge, resolve, show: results and failures as JSON', () => {
    assert.equal(document(project.ok(['stamp', 'aa0000000002', '--json'])).ok, true);
    failure(project.kiln(['stamp', 'nosuch', '--json']), 1, 'revision.unknown');
    failure(project.kiln(['merge', 'heads', '-m', 'm', '--json']), 1, 'merge.too-few');
    failure(project.kiln(['resolve', 'aa0000000002', '--json']), 2, 'resolve.one-action');
    failure(project.kiln(['resolve', 'aa0000000002', '--applied', '--json']), 1, 'resolve.not-pending');
    const rehash = document<{ action: string }>(project.ok(['resolve', 'aa0000000002', '--rehash', '--json']));
    assert.equal(rehash.action, 'rehash');
    failure(project.kiln(['show', 'aa', '--json']), 1, 'revision.ambiguous');
  });

  it('edit: the revision and path, the editor output kept off stdout; no editor fails as JSON', () => {
    const doc = document<{ revision: string; path: string }>(
      project.ok(['edit', 'aa0000000001', '--json'], 0, { EDITOR: 'echo opened', VISUAL: '' }),
    );
    assert.equal(doc.revision, 'aa0000000001');
    assert.match(doc.path, /aa0000000001_notes\.ts$/);
    failure(project.kiln(['edit', '--json'], { EDITOR: '', VISUAL: '' }), 1, 'edit.no-editor');
  });

  it('status: a failure (no database URL, a refusing server) is a JSON document with exit 1, no password', () => {
    project.write('kiln.config.mjs', `export default { schema: './schema.ts', migrations: './migrations' };\n`);
    try {
      failure(project.kiln(['status', '--json']), 1, 'config.no-url');
      failure(project.kiln(['check', '--json']), 1, 'config.no-url');
      // A server that refuses: the failure names it without the password.
      const url = 'postgres://postgres:s3cret-status@127.0.0.1:5432/kiln_no_such_db';
      const refused = project.kiln(['status', '--json', '--url', url]);
      failure(refused, 1, 'database.connect');
      assert.ok(!(refused.stdout + refused.stderr).includes('s3cret-status'), refused.stdout);
    } finally {
      project.write('kiln.config.mjs', CONFIG);
    }
  });
});
