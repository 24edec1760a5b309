import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchRoot, kilnRoot } from './paths.js';
import type { Command } from './proc.js';

/** Revision ids sort in chain order and are valid for every peer (Alembic, knex file names). */
export const revisionId = (i: number): string => `r${i.toString().padStart(11, '0')}`;

/** A kiln project folder: a `.json` config (what a user can choose today) and `node_modules/kiln`. */
export function kilnProject(url: string, extra: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(benchRoot.tmp, 'kiln-'));
  mkdirSync(join(dir, 'migrations', 'versions'), { recursive: true });
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(kilnRoot, join(dir, 'node_modules', 'kiln'), 'dir');
  writeFileSync(join(dir, 'kiln.config.json'), JSON.stringify({ url, migrations: './migrations', ...extra }));
  return dir;
}

/** Writes revision `i` of a linear chain; `body` is the upgrade's statements. */
export function writeKilnRevision(dir: string, i: number, body: string, prelude = ''): void {
  const down = i === 0 ? 'null' : `'${revisionId(i - 1)}'`;
  writeFileSync(
    join(dir, 'migrations', 'versions', `${revisionId(i)}_step.ts`),
    `import type { Operations } from 'kiln';
${prelude}
export const revision = '${revisionId(i)}';
export const downRevision = ${down};
export const branchLabels: string[] = [];
export const dependsOn: string[] = [];
export const message = 'step ${i}';

export async function upgrade(op: Operations) {
${body}
}

export async function downgrade(op: Operations) {
  void op;
}
`,
  );
}

/** The upgrade body of the "table and an index" workloads. */
export function kilnTableAndIndex(i: number): { body: string; prelude: string } {
  return {
    prelude: "import { integer, varchar } from 'kiln';",
    body: `  await op.createTable('t${i}', { id: integer().primaryKey(), name: varchar(30) });
  await op.createIndex('ix_t${i}_name', 't${i}', ['name']);`,
  };
}

/** The built CLI run with plain node, as a user runs it; the URL comes from the config only. */
export function kiln(dir: string, args: readonly string[]): Command {
  return {
    file: process.execPath,
    args: [join(kilnRoot, 'bin', 'kiln.js'), ...args],
    cwd: dir,
    env: { DATABASE_URL: '' },
  };
}
