import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type LintFinding, lint, upgrade } from 'kiln';
import { CTF, CTF_ROWS } from '../support/corpus/ctf-cycle.js';
import { KilnProject } from '../support/project.js';
import { schemaModule } from '../support/round-trip-schemas.js';

const header = (id: string, down: string, extra = '') => `import type { Operations } from 'kiln';
import { varchar } from 'kiln';
export const revision = '${id}';
export const downRevision = '${down}';
export const message = '${id}';
${extra}`;

/** Safe-looking but app-breaking, plus one data-losing change its author allowed. */
const ALLOWED = (down: string) => `${header('aaaa00000001', down, "export const lintAllow = ['drop-column'];\n")}
export async function upgrade(op: Operations) {
  await op.dropColumn('users', 'secret');
  await op.renameTable('pages', 'site_pages');
}
export async function downgrade(op: Operations) {
  await op.renameTable('site_pages', 'pages');
  await op.addColumn('users', 'secret', varchar(128));
}
`;

/** Every risky kind at once, on tables that hold the corpus rows. */
const RISKY = `${header('bbbb00000002', 'aaaa00000001')}
export async function upgrade(op: Operations) {
  await op.dropColumn('users', 'affiliation');
  await op.addColumn('brackets', 'code', varchar(10).notNull());
  await op.alterColumn('users', 'country', { type: varchar(8) });
  await op.createIndex('ix_tags_value', 'tags', ['value']);
  await op.dropTable('writeup_votes');
  await op.execute('UPDATE site_pages SET title = title');
}
export async function downgrade(op: Operations) {
  void op;
}
`;

/** Distinct `<rev> <code>` pairs: a dialect may rewrite more than one table (SQLite rebuilds for a NOT NULL column too). */
const codes = (findings: readonly LintFinding[]) =>
  [...new Set(findings.map((f) => `${f.revision.slice(0, 4)} ${f.code}`))].sort();
const find = (findings: readonly LintFinding[], code: string) => {
  const found = findings.find((f) => f.code === code);
  assert.ok(found, `no ${code} in ${JSON.stringify(findings, null, 2)}`);
  return found;
};

/** `kiln lint` on the CTF corpus (44 tables) with its rows in place: the same revisions on every dialect. */
describe('lint on a realistic schema with rows', () => {
  let project: KilnProject;
  let init: string;
  before(async () => {
    project = await KilnProject.create();
    project.writeSchema(schemaModule(CTF.body(0)));
    init = (await project.migrate('init')).revision;
    await project.upgrade();
    for (const statement of CTF_ROWS) await project.execute(statement);
    writeFileSync(join(project.versionsDir, 'aaaa00000001_allowed.ts'), ALLOWED(init));
    writeFileSync(join(project.versionsDir, 'bbbb00000002_risky.ts'), RISKY);
  });
  after(() => project.remove());

  it('reports the pending revisions with row counts, codes, severities and hints', async () => {
    const result = await lint(await project.config());
    assert.deepEqual(result.revisions, ['aaaa00000001', 'bbbb00000002']);
    assert.equal(result.rowCounts, 'counted');
    assert.equal(result.silenced, 1, 'drop-column of users.secret is allowed by its revision');
    assert.equal(result.failed, true);
    const expected = [
      'aaaa rename-table',
      'bbbb drop-column',
      'bbbb drop-table',
      'bbbb not-null-without-default',
      'bbbb raw-sql',
      'bbbb table-rewrite',
      'bbbb type-narrowing',
      ...(project.database.dialect.name === 'postgres' ? ['bbbb index-without-concurrently'] : []),
    ].sort();
    assert.deepEqual(codes(result.findings), expected);
    const notNull = find(result.findings, 'not-null-without-default');
    assert.equal(notNull.severity, 'error');
    assert.equal(notNull.rows, 2);
    assert.equal(notNull.table, 'brackets');
    assert.match(notNull.message, /table brackets has 2 row\(s\): column code is added NOT NULL without a default/);
    assert.match(notNull.hint, /add a default/);
    const drop = find(result.findings, 'drop-table');
    assert.equal(drop.rows, 1);
    assert.match(drop.message, /writeup_votes discards its 1 rows/);
    const narrowing = find(result.findings, 'type-narrowing');
    assert.match(narrowing.message, /users\.country from varchar\(32\) to varchar\(8\)/);
    const rewrite = result.findings.find((f) => f.code === 'table-rewrite' && f.table === 'users');
    assert.ok(rewrite, 'changing users.country rewrites users on every dialect');
    assert.equal(rewrite.table, 'users');
    assert.equal(rewrite.rows, 3);
    assert.equal(rewrite.severity, 'info', 'three rows are below the big-table threshold');
    assert.equal(find(result.findings, 'rename-table').severity, 'warning');
    assert.equal(find(result.findings, 'raw-sql').severity, 'info');
  });

  it('an explicit range is linted from the files alone: row counts unknown', async () => {
    const result = await lint(await project.config(), 'bbbb00000002');
    assert.deepEqual(result.revisions, ['bbbb00000002']);
    assert.equal(result.rowCounts, 'unknown');
    const notNull = find(result.findings, 'not-null-without-default');
    assert.equal(notNull.severity, 'warning');
    assert.equal(notNull.rows, null);
    assert.match(notNull.message, /an unknown number of row\(s\)/);
  });

  it('upgrade reports the findings of what it is about to run, and runs it', async () => {
    const warnings: string[] = [];
    const result = await upgrade(await project.config(), 'aaaa00000001', { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(
      result.lint.map((f) => f.code),
      ['rename-table'],
    );
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] as string, /^aaaa00000001 rename-table: renaming table pages to site_pages/);
    const rows = await project.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM site_pages');
    assert.equal(Number(rows[0]?.n), 1);
    const pending = await lint(await project.config());
    assert.deepEqual(pending.revisions, ['bbbb00000002']);
  });
});
