import { resolve } from 'node:path';
import { DatabaseError } from '../../errors.js';
import type { AcquireLockOptions, ClientInfo, ConnectionOptions, DatabaseConnection, Row } from '../dialect.js';
import { acquireByPolling } from '../lock-wait.js';
import { type SqliteHandle, sqliteDriver } from './sqlite-driver.js';
import { checkForeignKeys, foreignKeyBaseline } from './sqlite-foreign-key-check.js';
import { SqliteLockFile } from './sqlite-lock.js';

/** How long a statement waits for another process's write lock, unless `?busy_timeout=ms` says otherwise. */
const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/** `:memory:`, or the file path resolved against the config's folder. */
export function sqliteFilename(options: ConnectionOptions, baseDir: string): string {
  return options.database === ':memory:' ? ':memory:' : resolve(baseDir, options.database);
}

/**
 * Opens a SQLite database through the driver `?driver=` or
 * `KILN_SQLITE_DRIVER` names, else the first installed (see
 * sqlite-driver.ts): `sqlite:./app.db` is relative to `baseDir` (the
 * config's folder), `sqlite::memory:` is private to the connection. Foreign
 * keys are enforced, as an application would have them.
 */
export async function connectSqlite(
  options: ConnectionOptions,
  baseDir: string,
  client: ClientInfo = { name: 'kiln' },
): Promise<DatabaseConnection> {
  const driver = await sqliteDriver(options.params.driver);
  const filename = sqliteFilename(options, baseDir);
  const requested = Number(options.params.busy_timeout ?? DEFAULT_BUSY_TIMEOUT_MS);
  const busyTimeout = Number.isInteger(requested) && requested >= 0 ? requested : DEFAULT_BUSY_TIMEOUT_MS;
  let db: SqliteHandle;
  try {
    db = driver.open(filename);
  } catch (error) {
    throw new DatabaseError(
      'database.connect',
      `cannot open SQLite database ${filename}: ${(error as Error).message}`,
      {
        hint: 'check that the folder exists and is writable',
        data: { file: filename },
        cause: error,
      },
    );
  }
  // Set here rather than through a driver option, so every driver waits the same way.
  db.exec(`PRAGMA busy_timeout = ${busyTimeout}; PRAGMA foreign_keys = ON`);
  const lock = filename === ':memory:' ? null : new SqliteLockFile(driver, filename, client.name);
  return new SqliteConnection(db, lock);
}

export class SqliteConnection implements DatabaseConnection {
  private savepoints = 0;
  private readonly warnings: string[] = [];

  constructor(
    private readonly db: SqliteHandle,
    /** Null for `:memory:`. */
    private readonly lock: SqliteLockFile | null,
  ) {}

  async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return this.db.all(sql, params) as R[];
  }

  async execute(sql: string): Promise<number> {
    // exec() runs any number of statements but reports no count; total_changes() before and after
    // does (rows changed by triggers included, which kiln's own tables do not have).
    const before = this.totalChanges();
    this.db.exec(sql);
    return this.totalChanges() - before;
  }

  /**
   * One transaction with foreign-key enforcement off, as SQLite's table
   * rebuild procedure requires (the pragma is a no-op inside a transaction, so
   * it is switched before BEGIN). The foreign keys are checked before COMMIT
   * (sqlite-foreign-key-check.ts): a violation of the revision's own rolls
   * everything back, naming the table; an older one elsewhere becomes a
   * warning (`takeWarnings`). BEGIN
   * IMMEDIATE takes the write lock up front so two writers cannot deadlock.
   * A nested call becomes a savepoint.
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.db.inTransaction) return this.savepoint(fn);
    const enforced = this.db.all('PRAGMA foreign_keys')[0]?.foreign_keys === 1;
    if (enforced) this.db.exec('PRAGMA foreign_keys = OFF');
    try {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const baseline = enforced ? foreignKeyBaseline(this.db) : null;
        const result = await fn();
        const warnings = baseline === null ? [] : checkForeignKeys(this.db, baseline);
        this.db.exec('COMMIT');
        this.warnings.push(...warnings);
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      if (enforced) this.db.exec('PRAGMA foreign_keys = ON');
    }
  }

  private async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const name = `kiln_sp_${++this.savepoints}`;
    this.db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn();
      this.db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      this.db.exec(`ROLLBACK TO ${name}`);
      this.db.exec(`RELEASE ${name}`);
      throw error;
    }
  }

  private totalChanges(): number {
    return Number(this.db.all('SELECT total_changes() AS n')[0]?.n ?? 0);
  }

  takeWarnings(): string[] {
    return this.warnings.splice(0);
  }

  /**
   * kiln's lock: a transaction held on `<file>.kiln-lock` (see
   * `SqliteLockFile`). A `:memory:` database is private to its connection,
   * so there is nothing to lock.
   */
  async acquireLock(options: AcquireLockOptions): Promise<void> {
    if (this.lock === null || this.lock.held) return;
    await acquireByPolling(this.lock.probe(), options);
  }

  async releaseLock(): Promise<void> {
    this.lock?.release();
  }

  async close(): Promise<void> {
    await this.releaseLock();
    this.db.close();
  }
}
