import { randomBytes } from 'node:crypto';
import { connectionOptions, type ResolvedConfig } from '../config/load-config.js';
import { parseDatabaseUrl } from '../config/database-url.js';
import { loadDialect } from '../dialects/index.js';
import { type MigrateOptions, type MigrationResult, upgrade } from './upgrade.js';

/** Options of `createTestDatabase`. */
export interface TestDatabaseOptions {
  /**
   * Where to make the database. Default: the config's URL (after `--url`
   * and DATABASE_URL, as for every command). SQLite: any `sqlite:` URL (the
   * file goes in a new temporary folder); PostgreSQL, MySQL: a database on
   * the server to connect to while creating the new one (e.g.
   * `postgres://app@127.0.0.1/postgres`), whose user may create databases.
   */
  readonly url?: string;
  /** The revision to upgrade to. Default: `'head'`; `'base'` leaves the database empty. */
  readonly target?: string;
  /** Passed on to `upgrade` (`onStep`, `onStatement`, …). */
  readonly upgrade?: MigrateOptions;
}

/** A database `createTestDatabase` made: at `target`, private to the caller until `drop()`. */
export interface TestDatabase {
  /** Its URL, credentials included (the caller's own): give it to the code under test. */
  readonly url: string;
  /** The config with `url` in place, for further commands (`downgrade`, `checkSchema`, …). */
  readonly config: ResolvedConfig;
  /** What the upgrade applied. */
  readonly migration: MigrationResult;
  /** Drops the database (SQLite: removes its folder), ending sessions still on it. Safe to call twice. */
  drop(): Promise<void>;
}

/**
 * A fresh database at head for one test or suite: a SQLite file in a new
 * temporary folder, or a uniquely named database (`kiln_test_…`) on the
 * PostgreSQL or MySQL server. The project's revisions are applied with
 * `upgrade`, as in production; `drop()` removes it.
 *
 * @example
 * const database = await createTestDatabase(await loadConfig());
 * after(() => database.drop());
 * const db = new Kysely<DB>({ dialect: dialectFor(database.url) });
 */
export async function createTestDatabase(
  config: ResolvedConfig,
  options: TestDatabaseOptions = {},
): Promise<TestDatabase> {
  const server =
    options.url === undefined ? connectionOptions(config) : parseDatabaseUrl(options.url, 'createTestDatabase');
  const serverUrl = options.url ?? config.url ?? '';
  const dialect = await loadDialect(server.scheme);
  // Lower-case letters and digits: a name every database takes unquoted, unique per call.
  const name = `kiln_test_${Date.now().toString(36)}_${randomBytes(5).toString('hex')}`;
  const url = await dialect.scratch.create(serverUrl, server, name);
  let dropped: Promise<void> | null = null;
  const drop = () => {
    dropped ??= dialect.scratch.drop(parseDatabaseUrl(url, 'createTestDatabase'), server);
    return dropped;
  };
  const scratchConfig: ResolvedConfig = { ...config, url, urlSource: 'createTestDatabase' };
  try {
    const migration = await upgrade(scratchConfig, options.target ?? 'head', options.upgrade);
    return { url, config: scratchConfig, migration, drop };
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }
}
