import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KilnProject } from './project.js';

/**
 * A history for lock tests: a table, then two data revisions whose INSERTs
 * show how often each ran (the table has no key, so a second run adds a
 * second row instead of failing).
 *
 * The first data revision can hold the lock on request: when the kiln
 * process's `KILN_TEST_HOLD` names a path, it writes `<path>.held` (its pid
 * and its server session id) and then waits, with `KILN_TEST_HOLD_SQL` if
 * given (a statement that sleeps on the server), until `<path>.go` exists.
 * It holds before inserting, so a run killed there left no row even on
 * MySQL, where a revision is not one transaction.
 */
export const LOCK_REVISIONS = ['1a1a1a1a1a1a', '2b2b2b2b2b2b', '3c3c3c3c3c3c'] as const;

/** The statement that reads the server session id, per dialect; SQLite has none. */
const SESSION_ID_SQL: Readonly<Record<string, string | null>> = {
  sqlite: null,
  postgres: 'SELECT pg_backend_pid() AS id',
  mysql: 'SELECT CONNECTION_ID() AS id',
};

/** A statement that sleeps on the server for `seconds`, per dialect (SQLite sleeps in the process). */
export const SERVER_SLEEP_SQL: Readonly<Record<string, (seconds: number) => string | null>> = {
  sqlite: () => null,
  postgres: (s) => `SELECT pg_sleep(${s})`,
  mysql: (s) => `SELECT SLEEP(${s})`,
};

const head = (revision: string, down: string | null, message: string) => `import type { Operations } from 'kiln';
import { varchar } from 'kiln';
import { existsSync, writeFileSync } from 'node:fs';
export const revision = '${revision}';
export const downRevision = ${down === null ? 'null' : `'${down}'`};
export const branchLabels: string[] = [];
export const dependsOn: string[] = [];
export const message = '${message}';
`;

function holdFunction(sessionSql: string | null): string {
  return `async function hold(op: Operations): Promise<void> {
  const marker = process.env.KILN_TEST_HOLD;
  if (marker === undefined || marker === '') return;
  const session = ${sessionSql === null ? 'null' : `(await op.query<{ id: unknown }>(${JSON.stringify(sessionSql)}))[0]?.id ?? null`};
  writeFileSync(marker + '.held', JSON.stringify({ pid: process.pid, session: session === null ? null : Number(session) }));
  const sleepSql = process.env.KILN_TEST_HOLD_SQL;
  if (sleepSql !== undefined && sleepSql !== '') await op.query(sleepSql);
  while (!existsSync(marker + '.go')) await new Promise((resolve) => setTimeout(resolve, 50));
}
`;
}

/** Writes the three revisions into the project's versions folder. */
export function writeLockHistory(project: KilnProject): void {
  const [first, second, third] = LOCK_REVISIONS;
  const dialect = project.database.dialect.name;
  const counter = project.quote('counter');
  const files: Record<string, string> = {
    'a_counter.ts': `${head(first, null, 'create counter')}export async function upgrade(op: Operations) {
  await op.createTable('counter', { rev: varchar(20).notNull() });
}
export async function downgrade(op: Operations) {
  await op.dropTable('counter');
}
`,
    'b_data.ts': `${head(second, first, 'first data revision')}${holdFunction(SESSION_ID_SQL[dialect] ?? null)}
export async function upgrade(op: Operations) {
  await hold(op);
  await op.execute(${JSON.stringify(`INSERT INTO ${counter} (rev) VALUES ('second')`)});
}
export async function downgrade(op: Operations) {
  await op.execute(${JSON.stringify(`DELETE FROM ${counter} WHERE rev = 'second'`)});
}
`,
    'c_data.ts': `${head(third, second, 'second data revision')}export async function upgrade(op: Operations) {
  await op.addColumn('counter', 'note', varchar(20));
  await op.execute(${JSON.stringify(`INSERT INTO ${counter} (rev) VALUES ('third')`)});
}
export async function downgrade(op: Operations) {
  await op.execute(${JSON.stringify(`DELETE FROM ${counter} WHERE rev = 'third'`)});
  await op.dropColumn('counter', 'note');
}
`,
  };
  for (const [name, source] of Object.entries(files)) {
    writeFileSync(join(project.dir, 'migrations', 'versions', name), source);
  }
}

/** What the marker of a holding run says. */
export interface HeldMarker {
  readonly pid: number;
  /** PostgreSQL backend pid or MySQL connection id; null on SQLite. */
  readonly session: number | null;
}

/** How many times each data revision ran, and how many upgrade rows kiln_log has per revision. */
export async function appliedCounts(
  project: KilnProject,
): Promise<{ inserted: Record<string, number>; logged: Record<string, number>; heads: string[] }> {
  const inserted: Record<string, number> = {};
  for (const row of await project.query<{ rev: string }>(`SELECT rev FROM ${project.quote('counter')}`)) {
    inserted[row.rev] = (inserted[row.rev] ?? 0) + 1;
  }
  const logged: Record<string, number> = {};
  const log = await project.query<{ revision: string }>(
    `SELECT revision FROM ${project.quote('kiln_log')} WHERE direction = 'upgrade'`,
  );
  for (const row of log) logged[row.revision] = (logged[row.revision] ?? 0) + 1;
  const heads = (
    await project.query<{ version_num: string }>(`SELECT version_num FROM ${project.quote('kiln_version')}`)
  ).map((r) => r.version_num);
  return { inserted, logged, heads };
}

/** Each revision applied exactly once, the database at the last one. */
export const APPLIED_ONCE = {
  inserted: { second: 1, third: 1 },
  logged: Object.fromEntries(LOCK_REVISIONS.map((r) => [r, 1])),
  heads: [LOCK_REVISIONS[2]],
};
