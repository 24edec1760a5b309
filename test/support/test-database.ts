import { spawnSync } from 'node:child_process';
import type { ConnectionOptions, Dialect } from '../../src/dialects/dialect.js';

/**
 * A fresh, uniquely named database for one test, on the dialect selected by
 * `KILN_TEST_DIALECT` (default `sqlite`). `drop()` removes it.
 */
export interface TestDatabase {
  readonly dialect: Dialect;
  /** A URL kiln accepts (`sqlite:/tmp/…/x.db`, `postgres://root@127.0.0.1:5432/kiln_t_…`). */
  readonly url: string;
  readonly options: ConnectionOptions;
  /**
   * Feeds `script` on stdin to the database's own command-line client
   * (`sqlite3`, `psql`, `mariadb`), as a user pipes `kiln upgrade --sql`
   * into it, stopping at the first error.
   */
  runScript(script: string): ScriptRun;
  drop(): Promise<void>;
}

/** What a command-line client printed, and its exit status. */
export interface ScriptRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `command` with `script` on stdin. */
export function runClient(
  command: string,
  args: readonly string[],
  script: string,
  env: Record<string, string> = {},
): ScriptRun {
  const result = spawnSync(command, args, { input: script, encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface TestDatabaseProvider {
  readonly name: string;
  /** null when the server can be reached; otherwise why not (shown when the suite is skipped). */
  unavailableReason(): Promise<string | null>;
  create(): Promise<TestDatabase>;
}

const providers: Readonly<Record<string, () => Promise<TestDatabaseProvider>>> = {
  sqlite: async () => (await import('./databases/sqlite.js')).sqliteProvider,
  postgres: async () => (await import('./databases/postgres.js')).postgresProvider,
  mysql: async () => (await import('./databases/mysql.js')).mysqlProvider,
};

export const TEST_DIALECTS: readonly string[] = Object.keys(providers);

export function selectedDialect(): string {
  return process.env.KILN_TEST_DIALECT ?? 'sqlite';
}

export async function testDatabaseProvider(name: string = selectedDialect()): Promise<TestDatabaseProvider> {
  const load = providers[name];
  if (load === undefined) throw new Error(`unknown KILN_TEST_DIALECT '${name}' (use ${TEST_DIALECTS.join(', ')})`);
  return load();
}

/** Unique per process and call: safe for parallel test files. */
export function uniqueName(prefix = 'kiln_t'): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}
