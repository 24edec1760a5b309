import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { DatabaseError } from '../../errors.js';
import type { ConnectionOptions, DatabaseConnection, Row } from '../dialect.js';
import { checkForeignKeys, foreignKeyBaseline } from './sqlite-foreign-key-check.js';

/** How long a statement waits for another process's write lock, unless `?busy_timeout=ms` says otherwise. */
const DEFAULT_BUSY_TIMEOUT_MS = 5000;
/** How long `acquireLock()` waits for another kiln process before giving up. */
const LOCK_TIMEOUT_MS = 60_000;
const LOCK_POLL_MS = 100;

/** `:memory:`, or the file path resolved against the config's folder. */
export function sqliteFilename(options: ConnectionOptions, baseDir: string): string {
  return options.database === ':memory:' ? ':memory:' : resolve(baseDir, options.database);
}

/**
 * Opens a SQLite database with better-sqlite3: `sqlite:./app.db` is relative
 * to `baseDir` (the config's folder), `sqlite::memory:` is private to the
 * connection. Foreign keys are enforced, as an application would have them.
 */
export async function connectSqlite(options: ConnectionOptions, baseDir: string): Promise<DatabaseConnection> {
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
  return new SqliteConnection(db, filename);
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null; booleans become 1/0. */
function bindable(params: readonly unknown[]): unknown[] {
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

export class SqliteConnection implements DatabaseConnection {
  private savepoints = 0;
  private readonly warnings: string[] = [];
  private lockPath: string | null = null;
  private totalChanges: Database.Statement | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly filename: string,
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
   * Serialises `kiln upgrade`s across processes with a lock file beside the
   * database (`<file>.kiln-lock`, holding the owner's pid; a lock whose
   * process is gone is taken over). Each revision's transaction also holds
   * SQLite's write lock, but the lock file covers the whole run: reading the
   * heads, then applying every revision. A `:memory:` database is private to
   * its connection, so there is nothing to lock.
   */
  async acquireLock(): Promise<void> {
    if (this.filename === ':memory:' || this.lockPath !== null) return;
    const path = `${this.filename}.kiln-lock`;
    const deadline = Date.now() + LOCK_TIMEOUT_MS;
    for (;;) {
      if (tryCreateLock(path)) {
        this.lockPath = path;
        return;
      }
      const owner = lockOwner(path);
      if (owner !== null && !processAlive(owner)) rmSync(path, { force: true });
      else if (Date.now() > deadline) {
        throw new DatabaseError('database.locked', `another kiln process (pid ${owner ?? '?'}) holds ${path}`, {
          hint: 'wait for it to finish; if no kiln is running, delete the lock file',
          data: { file: path, pid: owner },
        });
      } else await sleep(LOCK_POLL_MS);
    }
  }

  async releaseLock(): Promise<void> {
    if (this.lockPath === null) return;
    rmSync(this.lockPath, { force: true });
    this.lockPath = null;
  }

  async close(): Promise<void> {
    await this.releaseLock();
    if (this.db.open) this.db.close();
  }
}

function tryCreateLock(path: string): boolean {
  try {
    const fd = openSync(path, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function lockOwner(path: string): number | null {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
