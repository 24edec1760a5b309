import { resolve } from 'node:path';
import { DatabaseError } from '../../errors.js';
import type {
  AcquireLockOptions,
  ClientInfo,
  ConnectionOptions,
  DatabaseConnection,
  LockHolder,
  Row,
  StatementReach,
} from '../dialect.js';
import { acquireByPolling } from '../lock-wait.js';
import { type SqliteHandle, sqliteDriver } from './sqlite-driver.js';
import { ForeignKeyScope } from './sqlite-foreign-key-check.js';
import { SqliteLockFile } from './sqlite-lock.js';
import { changesNoRows } from './sqlite-sql-text.js';

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
  /** Whether `PRAGMA foreign_keys` is on now: on at connect, switched only when it must change (see `transaction`). */
  private enforcing = true;
  /** What the open transaction's foreign-key check covers; null outside one. */
  private scope: ForeignKeyScope | null = null;

  constructor(
    private readonly db: SqliteHandle,
    /** Null for `:memory:`. */
    private readonly lock: SqliteLockFile | null,
  ) {}

  async query<R extends Row = Row>(sql: string, params: readonly unknown[] = [], reach?: StatementReach): Promise<R[]> {
    if (reach === 'data') this.beforeStatement('', reach);
    return this.db.all(sql, params) as R[];
  }

  async execute(sql: string, reach: StatementReach = 'data'): Promise<number> {
    this.beforeStatement(sql, reach);
    if (changesNoRows(sql)) {
      this.db.exec(sql);
      return 0;
    }
    // exec() runs any number of statements but reports no count; changes() tells the rows the last
    // INSERT, UPDATE or DELETE changed (kiln counts only its own single statements).
    this.db.exec(sql);
    return Number(this.db.all('SELECT changes() AS n')[0]?.n ?? 0);
  }

  /**
   * Before each statement: in a transaction, the foreign-key check takes
   * note of what it may change (sqlite-foreign-key-check.ts); outside one (a
   * revision with `transactional = false`), foreign keys are enforced, as the
   * application has them.
   */
  private beforeStatement(sql: string, reach: StatementReach): void {
    if (!this.db.inTransaction) {
      if (reach === 'data') this.setEnforcing(true);
    } else {
      this.scope?.noteStatement(sql, reach);
    }
  }

  private setEnforcing(on: boolean): void {
    if (this.enforcing === on) return;
    this.db.exec(`PRAGMA foreign_keys = ${on ? 'ON' : 'OFF'}`);
    this.enforcing = on;
  }

  /**
   * One transaction with foreign-key enforcement off, as SQLite's table
   * rebuild procedure requires (the pragma is a no-op inside a transaction, so
   * it is switched before BEGIN, and left off for the next revision's
   * transaction rather than switched back and forth: once per connection
   * while revisions follow each other). The foreign keys are checked before
   * COMMIT (sqlite-foreign-key-check.ts): a violation of the revision's own
   * rolls everything back, naming the table; an older one elsewhere becomes
   * a warning (`takeWarnings`). BEGIN IMMEDIATE takes the write lock up front
   * so two writers cannot deadlock. A nested call becomes a savepoint.
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.db.inTransaction) return this.savepoint(fn);
    this.setEnforcing(false);
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const scope = new ForeignKeyScope(this.db);
      this.scope = scope;
      const result = await fn();
      const warnings = scope.check();
      this.db.exec('COMMIT');
      this.warnings.push(...warnings);
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    } finally {
      this.scope = null;
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

  async lockHolder(): Promise<LockHolder | null> {
    return this.lock?.currentHolder() ?? null;
  }

  async close(): Promise<void> {
    await this.releaseLock();
    this.db.close();
  }
}
