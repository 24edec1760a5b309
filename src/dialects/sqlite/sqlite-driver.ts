import { ConfigError } from '../../errors.js';
import type { Row } from '../dialect.js';

/**
 * The SQLite driver seam: how kiln talks to a SQLite file, and nothing about
 * what it says. Everything SQLite-specific that must hold whatever the driver
 * (the rebuild's foreign-key steps, the lock file, the fault wording, the
 * affected-row count) is written once against this interface in the dialect;
 * a driver only opens a file and runs statements. Two implement it:
 * better-sqlite3 (sqlite-driver-better.ts) and Node's built-in `node:sqlite`
 * (sqlite-driver-node.ts).
 */

/** One open SQLite database, synchronous as both drivers are. */
export interface SqliteHandle {
  /** Runs any number of statements; no result. */
  exec(sql: string): void;
  /**
   * Runs one statement with positional parameters and returns its rows
   * (none for a statement that returns none). Booleans bind as 1/0.
   */
  all(sql: string, params?: readonly unknown[]): Row[];
  /** True between BEGIN and COMMIT/ROLLBACK (SQLite may roll back by itself on some errors). */
  readonly inTransaction: boolean;
  readonly open: boolean;
  close(): void;
}

export interface SqliteDriver {
  /** The name `?driver=` and `KILN_SQLITE_DRIVER` take: `better-sqlite3` or `node`. */
  readonly name: SqliteDriverName;
  /**
   * Opens (creating if needed) a file, or `:memory:`. Faults are thrown with a
   * `code` string naming SQLite's result code (`SQLITE_BUSY`,
   * `SQLITE_CANTOPEN`, …), whatever the driver's own error shape, so that
   * sqlite-errors.ts reads one form.
   */
  open(filename: string): SqliteHandle;
}

export type SqliteDriverName = 'better-sqlite3' | 'node';

const DRIVER_NAMES: readonly SqliteDriverName[] = ['better-sqlite3', 'node'];

/** The environment variable that picks the driver when the URL does not (`better-sqlite3` or `node`). */
export const SQLITE_DRIVER_ENV = 'KILN_SQLITE_DRIVER';

const loaders: Readonly<Record<SqliteDriverName, () => Promise<SqliteDriver | string>>> = {
  'better-sqlite3': async () => (await import('./sqlite-driver-better.js')).loadBetterSqlite3(),
  node: async () => (await import('./sqlite-driver-node.js')).loadNodeSqlite(),
};

const loaded = new Map<SqliteDriverName, Promise<SqliteDriver | string>>();

function load(name: SqliteDriverName): Promise<SqliteDriver | string> {
  let driver = loaded.get(name);
  if (driver === undefined) {
    driver = loaders[name]();
    loaded.set(name, driver);
  }
  return driver;
}

/**
 * The driver a connection uses: the one named by `?driver=` in the URL, else
 * by `KILN_SQLITE_DRIVER`, else better-sqlite3 when it is installed, else
 * `node:sqlite` when Node has it (22.16 or later).
 *
 * @throws ConfigError `config.driver-unknown` for another name;
 *   `config.driver-missing` (naming `npm install better-sqlite3`) when the
 *   chosen driver, or every driver, cannot be loaded.
 * @example const driver = await sqliteDriver(options.params.driver);
 */
export async function sqliteDriver(requested: string | undefined): Promise<SqliteDriver> {
  const fromEnv = process.env[SQLITE_DRIVER_ENV];
  const choice = requested ?? (fromEnv === undefined || fromEnv === '' ? undefined : fromEnv);
  if (choice !== undefined) {
    const name = DRIVER_NAMES.find((n) => n === choice);
    if (name === undefined) {
      const where = requested === undefined ? SQLITE_DRIVER_ENV : "the URL's ?driver=";
      throw new ConfigError('config.driver-unknown', `${where} names the unknown SQLite driver '${choice}'`, {
        hint: `use ${DRIVER_NAMES.join(' or ')}`,
      });
    }
    const driver = await load(name);
    if (typeof driver === 'string') throw missingDriver([driver]);
    return driver;
  }
  const reasons: string[] = [];
  for (const name of DRIVER_NAMES) {
    const driver = await load(name);
    if (typeof driver !== 'string') return driver;
    reasons.push(driver);
  }
  throw missingDriver(reasons);
}

function missingDriver(reasons: readonly string[]): ConfigError {
  return new ConfigError('config.driver-missing', `no SQLite driver can be loaded: ${reasons.join('; ')}`, {
    hint: 'install one: npm install better-sqlite3 (or run on Node 22.16 or later, which has node:sqlite built in)',
    data: { package: 'better-sqlite3' },
  });
}

/** better-sqlite3 and node:sqlite bind numbers, strings, bigints, buffers and null; booleans become 1/0. */
export function bindable(params: readonly unknown[]): unknown[] {
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}
