import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { DatabaseError } from '../../errors.js';
import type { AcquireLockOptions, ClientInfo, ConnectionOptions, DatabaseConnection, Row } from '../dialect.js';
import { acquireByPolling } from '../lock-wait.js';
import { checkForeignKeys, foreignKeyBaseline } from './sqlite-foreign-key-check.js';
import { SqliteLockFile } from './sqlite-lock.js';

/** How long a statement waits for another process's write lock, unless `?busy_timeout=ms` says otherwise. */
const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/** `:memory:`, or the file path resolved against the config's folder. */
export function sqliteFilename(options: ConnectionOptions, baseDir: string): string {
  return options.database === ':memory:' ? ':memory:' : resolve(baseDir, options.database);
}

/**
 * Opens a SQLite database with better-sqlite3: `sqlite:./app.db` is relative
 * to `baseDir` (the config's folder), `sqlite::memory:` is private to the
 * connection. Foreign keys are enforced, as an application would have them.
 */
export async function connectSqlite(
  options: ConnectionOptions,
  baseDir: string,
  client: ClientInfo = { name: 'kiln' },
): Promise<DatabaseConnection> {
  const filename = sqliteFilename(options, baseDir);
  const busyTimeout = Number(options.params.busy_timeout ?? DEFAULT_BUSY_TIMEOUT_MS);
  let db: Database.Database;
  try {
    db = new Database(filename, { timeout: Number.isFinite(busyTimeout) ? busyTimeout : DEFAULT_BUSY_TIMEOUT_MS });
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
  db.pragma('foreign_keys = ON');
  const lock = filename === ':memory:' ? null : new SqliteLockFile(filename, client.name);
  return new SqliteConnection(db, lock);
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null; booleans become 1/0. */
function bindable(params: readonly unknown[]): unknown[] {
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

export class SqliteConnection implements DatabaseConnection {
  private savepoints = 0;
  private readonly warnings: string[] = [];
  private totalChanges: Database.Statement | null = null;

  constructor(
    private readonly db: Database.Database,
    /** Null for `:memory:`. */
    private readonly lock: SqliteLockFile | null,
  ) {}

  async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    const statement = this.db.prepare(sql);
    if (statement.reader) return statement.all(...bindable(params)) as R[];
    statement.run(...bindable(params));
    return [];
  }

  async execute(sql: string): Promise<number> {
    // exec() runs any number of statements but reports no count; total_changes() before and after
    // does (rows changed by triggers included, which kiln's own tables do not have).
    this.totalChanges ??= this.db.prepare('SELECT total_changes()').pluck();
    const before = Number(this.totalChanges.get());
    this.db.exec(sql);
    return Number(this.totalChanges.get()) - before;
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
    const enforced = this.db.pragma('foreign_keys', { simple: true }) === 1;
    if (enforced) this.db.pragma('foreign_keys = OFF');
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
      if (enforced) this.db.pragma('foreign_keys = ON');
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

  async close(): Promise<void> {
    await this.releaseLock();
    if (this.db.open) this.db.close();
  }
}
