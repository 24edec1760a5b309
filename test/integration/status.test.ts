import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resolve, type StatusResult, status } from 'kiln';
import type { DatabaseConnection } from '../../src/dialects/dialect.js';
import { KILN_BIN } from '../support/cli-project.js';
import { KilnProject } from '../support/project.js';

/**
 * `kiln status` on a real database, through the CLI as CI runs it and through
 * `status()`: each finding, its JSON shape and its exit code.
 */

const V1 = `import { integer, table, varchar } from 'kiln';
export const items = table('st_items', { id: integer().primaryKey(), name: varchar(40) });
`;
const V2 = `import { integer, table, varchar } from 'kiln';
export const items = table('st_items', { id: integer().primaryKey(), name: varchar(40), email: varchar(80) });
`;

interface StatusRun {
  readonly exit: number | null;
  readonly json: StatusResult & { ok: boolean };
  readonly text: string;
}

describe('kiln status', () => {
  let project: KilnProject;
  let revision: string;
  let revisionFile: string;

  const run = (): StatusRun => {
    const env = { ...process.env, DATABASE_URL: '' };
    const json = spawnSync(process.execPath, [KILN_BIN, 'status', '--json'], {
      cwd: project.dir,
      encoding: 'utf8',
      env,
    });
    const text = spawnSync(process.execPath, [KILN_BIN, 'status'], { cwd: project.dir, encoding: 'utf8', env });
    assert.equal(json.status, text.status, `text and --json agree on the exit code\n${json.stderr}`);
    return { exit: json.status, json: JSON.parse(json.stdout) as StatusRun['json'], text: text.stdout };
  };

  before(async () => {
    project = await KilnProject.create();
    project.writeSchema(V1);
    const written = await project.migrate('items');
    revision = written.revision;
    revisionFile = join(project.versionsDir, basename(written.path ?? ''));
  });
  after(() => project.remove());

  it('pending revisions: exit 3, listed, the models not compared yet', () => {
    const { exit, json, text } = run();
    assert.equal(exit, 3);
    assert.equal(json.ok, true);
    assert.equal(json.state, 'pending');
    assert.deepEqual(json.current, []);
    assert.deepEqual(json.heads, [revision]);
    assert.deepEqual(json.pending, [revision]);
    assert.equal(json.schema.state, 'not-compared');
    assert.doesNotMatch(json.database, /:[^:@/]*@/, 'no password');
    assert.match(text, new RegExp(`Pending:  1: ${revision}`));
    assert.match(text, /Status: {3}revisions pending/);
  });

  it('up to date: exit 0, the models in sync, the lock free', async () => {
    await project.upgrade();
    const { exit, json } = run();
    assert.equal(exit, 0);
    assert.equal(json.state, 'up-to-date');
    assert.deepEqual(json.current, [revision]);
    assert.deepEqual(json.schema, { state: 'in-sync', differences: [], reason: null, error: null });
    assert.equal(json.lock, null);
    const api = await status(await project.config());
    assert.equal(api.state, 'up-to-date');
  });

  it('models that differ from the database: exit 4, each difference in the documented shape', () => {
    project.writeSchema(V2);
    try {
      const { exit, json, text } = run();
      assert.equal(exit, 4);
      assert.equal(json.state, 'attention');
      assert.equal(json.schema.state, 'differs');
      assert.deepEqual(
        json.schema.differences.map(({ kind, table, name, changes }) => ({ kind, table, name, changes })),
        [{ kind: 'add-column', table: 'st_items', name: 'email', changes: [] }],
      );
      assert.match(text, /Models: {3}differ from the database \(1;/);
    } finally {
      project.writeSchema(V1);
    }
  });

  it('models that do not load: reported, not fatal; exit 4', () => {
    project.writeSchema('export const = ;\n');
    try {
      const { exit, json } = run();
      assert.equal(exit, 4);
      assert.equal(json.schema.state, 'failed');
      assert.equal(json.schema.error?.code, 'schema.load-failed');
      assert.deepEqual(json.current, [revision], 'the rest is still shown');
    } finally {
      project.writeSchema(V1);
    }
  });

  it('an edited applied revision: exit 4 naming it; accepted with resolve --rehash', async () => {
    const original = readFileSync(revisionFile, 'utf8');
    appendFileSync(revisionFile, '// edited\n');
    try {
      const { exit, json, text } = run();
      assert.equal(exit, 4);
      assert.equal(json.edited[0]?.revision, revision);
      assert.match(text, new RegExp(`Edited:   revision ${revision} .*was edited after it was applied`));
      await resolve(await project.config(), revision, { rehash: true });
      assert.equal(run().exit, 0);
    } finally {
      writeFileSync(revisionFile, original);
      await resolve(await project.config(), revision, { rehash: true });
    }
  });

  it('a half-applied revision (its pending record): exit 4, with how far it got', async () => {
    const q = (name: string) => project.quote(name);
    await project.execute(
      `INSERT INTO ${q('kiln_pending')} (${q('revision')}, ${q('direction')}, ${q('applied')}, ${q('last_statement')}, ${q('version_delete')}, ${q('version_insert')}) VALUES ('${revision}', 'upgrade', 1, 'CREATE TABLE x (id integer)', '[]', '[]')`,
    );
    try {
      const { exit, json, text } = run();
      assert.equal(exit, 4);
      assert.equal(json.halfApplied[0]?.revision, revision);
      assert.equal(json.halfApplied[0]?.applied, 1);
      assert.equal(json.schema.state, 'not-compared');
      assert.match(text, new RegExp(`Half-applied: ${revision} \\(pending: upgrade stopped after 1 statement`));
    } finally {
      await project.execute(`DELETE FROM ${q('kiln_pending')}`);
    }
    assert.equal(run().exit, 0);
  });

  it('the lock held by another session: shown with its holder, not judged (exit 0)', async () => {
    const holder: DatabaseConnection = await project.database.dialect.connect(project.database.options, project.dir, {
      name: 'kiln status-test-holder',
    });
    try {
      await holder.acquireLock({ timeoutMs: 0 });
      const { exit, json, text } = run();
      assert.equal(exit, 0);
      assert.notEqual(json.lock, null);
      assert.ok((json.lock?.summary ?? '').length > 0);
      assert.match(text, /Lock: {5}held by /);
      await holder.releaseLock();
      assert.equal(run().json.lock, null, 'free again once released');
    } finally {
      await holder.close();
    }
  });
});
