import { connectionOptions, type ResolvedConfig } from '../config/load-config.js';
import type { ConnectionOptions, DatabaseConnection, Dialect } from '../dialects/dialect.js';
import { loadDialect } from '../dialects/index.js';
import { acquireLockOptions, type LockWaitOptions } from './lock-options.js';
import { MigrationContext } from '../runtime/migration-context.js';
import { OfflineTarget, OnlineTarget, RecordingTarget } from '../runtime/statement-target.js';
import type { KilnTables } from '../runtime/version-table.js';
import type { SchemaModel } from '../schema/model.js';

export interface DatabaseSession {
  readonly dialect: Dialect;
  readonly connection: DatabaseConnection;
  readonly context: MigrationContext;
}

/** The dialect named by the config's URL, without connecting (for `--sql`). */
export async function dialectFor(config: ResolvedConfig): Promise<{ dialect: Dialect; options: ConnectionOptions }> {
  const options = connectionOptions(config);
  return { dialect: await loadDialect(options.scheme), options };
}

export interface SessionOptions {
  /**
   * Take kiln's lock first, as every command that changes the database must
   * (readers do not wait for it): `true` waits the config's `lockTimeout`,
   * an object may say how long and who hears about the wait.
   */
  readonly lock?: boolean | LockWaitOptions;
  /** The command, for the session's name (`kiln upgrade` in `pg_stat_activity` and lock reports). */
  readonly command?: string;
  /** Told each statement the commands execute, in order (default: nobody); see `RecordingTarget`. */
  readonly onStatement?: (sql: string) => void;
}

/**
 * Connects, runs `fn`, and always closes, so a failed command never leaves a
 * connection or a lock behind.
 */
export async function withDatabase<T>(
  config: ResolvedConfig,
  fn: (session: DatabaseSession) => Promise<T>,
  options: SessionOptions = {},
): Promise<T> {
  const { dialect, options: connectionOptions } = await dialectFor(config);
  const lock =
    options.lock === undefined || options.lock === false
      ? null
      : acquireLockOptions(config, options.lock === true ? {} : options.lock);
  const client = { name: options.command === undefined ? 'kiln' : `kiln ${options.command}` };
  const connection = await dialect.connect(connectionOptions, config.rootDir, client);
  try {
    if (lock !== null) await connection.acquireLock(lock);
    const context = new MigrationContext({
      dialect,
      target:
        options.onStatement === undefined
          ? new OnlineTarget(connection)
          : new RecordingTarget(new OnlineTarget(connection), options.onStatement),
      tables: kilnTables(config),
      naming: config.naming,
      introspector: connection,
    });
    try {
      return await fn({ dialect, connection, context });
    } finally {
      if (lock !== null) await connection.releaseLock();
    }
  } finally {
    await connection.close();
  }
}

/** A context that writes SQL instead of running it (`--sql`). */
export async function offlineContext(
  config: ResolvedConfig,
  initialModel?: SchemaModel,
): Promise<{ context: MigrationContext; target: OfflineTarget; dialect: Dialect }> {
  const { dialect } = await dialectFor(config);
  const target = new OfflineTarget();
  const context = new MigrationContext({
    dialect,
    target,
    tables: kilnTables(config),
    naming: config.naming,
    introspector: null,
    ...(initialModel === undefined ? {} : { initialModel }),
  });
  return { context, target, dialect };
}

/**
 * kiln's table names. The pending table is named after the version table
 * (`kiln_version` → `kiln_pending`, `x` → `x_pending`), so a project that
 * renamed its tables gets a matching third one without a new setting.
 */
export function kilnTables(config: ResolvedConfig): KilnTables {
  const stem = config.versionTable.endsWith('_version')
    ? config.versionTable.slice(0, -'_version'.length)
    : config.versionTable;
  return { versionTable: config.versionTable, logTable: config.logTable, pendingTable: `${stem}_pending` };
}
