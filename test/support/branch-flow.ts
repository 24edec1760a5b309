import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { CliProject, CliRun } from './cli-project.js';

/**
 * Helpers for the branch-and-merge tests, which drive the built CLI in a
 * throwaway project the way two developers would.
 */

/** The file `kiln revision` / `kiln merge` wrote for `rev` (its name starts with the id). */
export function revisionFile(project: CliProject, rev: string): string {
  const name = readdirSync(project.path('migrations', 'versions')).find(
    (f) => f.startsWith(`${rev}_`) || f === `${rev}.ts`,
  );
  assert.ok(name !== undefined, `no revision file for ${rev}`);
  return project.path('migrations', 'versions', name);
}

/** Every revision file name, sorted. */
export function revisionFiles(project: CliProject): string[] {
  return readdirSync(project.path('migrations', 'versions'))
    .filter((f) => f.endsWith('.ts'))
    .sort();
}

/**
 * Fills a generated revision with a table it creates (and drops on
 * downgrade), as a developer edits the template.
 */
export function fillCreateTable(project: CliProject, rev: string, table: string): void {
  const file = revisionFile(project, rev);
  const source = readFileSync(file, 'utf8')
    .replace(
      /^import type \{ Operations \} from 'kiln';/m,
      "import type { Operations } from 'kiln';\nimport { integer, varchar } from 'kiln';",
    )
    .replace(
      /export async function upgrade\(op: Operations\) \{[\s\S]*?\n\}/,
      `export async function upgrade(op: Operations) {\n  await op.createTable('${table}', { id: integer().primaryKey(), name: varchar(40) });\n}`,
    )
    .replace(
      /export async function downgrade\(op: Operations\) \{[\s\S]*?\n\}/,
      `export async function downgrade(op: Operations) {\n  await op.dropTable('${table}');\n}`,
    );
  writeFileSync(file, source);
}

/** A user mistake: exit 1, one `kiln: error:` line matching `culprit` (plus at most a hint), no stack. */
export function assertUserError(run: CliRun, culprit: RegExp, hint?: RegExp): void {
  assert.equal(run.status, 1, `exit code ${run.status}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  const lines = run.stderr
    .trim()
    .split('\n')
    .filter((line) => !line.startsWith('Running '));
  assert.match(lines[0] as string, /^kiln: error: /);
  assert.match(lines[0] as string, culprit);
  assert.ok(lines.length <= 2, `at most an error and a hint line:\n${run.stderr}`);
  if (hint !== undefined) assert.match(lines[1] ?? '', hint);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
}

/** The first column of `kiln current`'s lines: the revisions the database is at. */
export function currentRevisions(project: CliProject): string[] {
  const out = project.ok(['current']).stdout.trim();
  if (out.startsWith('(')) return [];
  return out.split('\n').map((line) => line.split(' ')[0] as string);
}
