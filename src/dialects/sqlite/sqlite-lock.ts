import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { DatabaseError } from '../../errors.js';
import type { SqliteDriver, SqliteHandle } from './sqlite-driver.js';
import { sqliteFault } from './sqlite-errors.js';
import type { LockHolder } from '../dialect.js';
import type { LockProbe } from '../lock-wait.js';

/** SQLite answers at once; a short pause keeps a waiting run cheap without making it slow to notice. */
const POLL_MS = 100;

/**
 * kiln's lock on a SQLite database: a write transaction (`BEGIN IMMEDIATE`)
 * held for the whole run on a tiny SQLite file beside it, `<db>.kiln-lock`.
 *
 * Why this holds up: SQLite takes the transaction's lock with the OS's POSIX
 * record locks (fcntl), which the kernel drops the moment the holding process
 * ends, `kill -9` and a container restart included; nothing is ever taken
 * over by guessing that a holder is dead, and a pid means nothing here. The
 * file stays in SQLite's default rollback-journal mode: the RESERVED lock of
 * `BEGIN IMMEDIATE` lets waiters still read the holder record (WAL would work
 * too but adds two files). The lock lives in its own file so it never blocks
 * kiln's own connection to the database. Attempts use a busy timeout of 0 and
 * are polled, because both drivers are synchronous and SQLite's busy handler
 * would block the event loop.
 *
 * The holder record (pid, host, command, start) is informative only: written
 * and committed right after taking the lock, then the lock is taken again; if
 * another process slips in between, this attempt simply failed.
 */
/**
 * The lock connections held right now. A driver may close a connection
 * that is garbage-collected, which would end the transaction and free the
 * lock while the run still goes on; this reference keeps a held lock until
 * `release()` or the end of the process, whatever the caller keeps.
 */
const HELD = new Set<SqliteHandle>();

export class SqliteLockFile {
  private db: SqliteHandle | null = null;
  /** `<database file>.kiln-lock`. It is never deleted: a process could still hold the old file's lock. */
  readonly path: string;

  constructor(
    private readonly driver: SqliteDriver,
    /** The database file the lock guards: what messages name. */
    private readonly database: string,
    private readonly clientName: string,
  ) {
    this.path = `${database}.kiln-lock`;
  }

  get held(): boolean {
    return this.db?.inTransaction === true;
  }

  probe(): LockProbe {
    return {
      target: this.database,
      pollMs: POLL_MS,
      tryAcquire: async () => this.tryAcquire(),
      holder: async () => this.holder(),
    };
  }

  /** Ends the transaction and closes the file: the lock is free. */
  release(): void {
    if (this.db === null) return;
    HELD.delete(this.db);
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.db.close();
    this.db = null;
  }

  /**
   * Who holds the lock now: one attempt that is let go at once when it
   * succeeds. No lock file yet means nobody ever held it here, and none is
   * created for a look.
   */
  currentHolder(): LockHolder | null {
    if (this.held || !existsSync(this.path)) return null;
    const db = this.open();
    if (!this.begin(db)) return this.holder();
    db.exec('ROLLBACK');
    return null;
  }

  private tryAcquire(): boolean {
    const db = this.open();
    if (!this.begin(db)) return false;
    try {
      db.exec(`CREATE TABLE IF NOT EXISTS holder (pid INTEGER, host TEXT, command TEXT, started_at TEXT);
        DELETE FROM holder;`);
      db.all('INSERT INTO holder VALUES (?, ?, ?, ?)', [
        process.pid,
        hostname(),
        this.clientName,
        new Date().toISOString(),
      ]);
      db.exec('COMMIT');
    } catch (error) {
      // A reader between our write and COMMIT makes COMMIT busy: give up this attempt, keep nothing.
      if (db.inTransaction) db.exec('ROLLBACK');
      if (isBusy(error)) return false;
      throw this.lockFileError(error);
    }
    if (!this.begin(db)) return false;
    HELD.add(db);
    return true;
  }

  private begin(db: SqliteHandle): boolean {
    try {
      db.exec('BEGIN IMMEDIATE');
      return true;
    } catch (error) {
      if (isBusy(error)) return false;
      throw this.lockFileError(error);
    }
  }

  private holder(): LockHolder | null {
    let row: HolderRow | undefined;
    try {
      row = this.open().all('SELECT pid, host, command, started_at FROM holder')[0] as HolderRow | undefined;
    } catch {
      // No record yet (the holder has not written it), or the file is busy this instant.
      row = undefined;
    }
    if (row === undefined) return { summary: 'another process', details: {} };
    return {
      summary: `another process: pid ${row.pid} on ${row.host} (${row.command}), since ${row.started_at}, as it recorded`,
      details: { pid: row.pid, host: row.host, command: row.command, since: row.started_at },
    };
  }

  private open(): SqliteHandle {
    if (this.db !== null) return this.db;
    try {
      // Busy timeout 0 (the default of both drivers): attempts are polled, see above.
      this.db = this.driver.open(this.path);
      return this.db;
    } catch (error) {
      throw this.lockFileError(error);
    }
  }

  private lockFileError(error: unknown): DatabaseError {
    const code = (error as { code?: string }).code;
    const notSqlite = code === 'SQLITE_NOTADB';
    // A read-only folder, a full disk: the same words as for the database itself, naming the lock file.
    const fault = notSqlite ? null : sqliteFault(error, this.path);
    if (fault !== null) {
      return new DatabaseError(fault.code, `cannot take kiln's lock: ${fault.message}`, {
        ...(fault.hint === undefined ? {} : { hint: fault.hint }),
        data: fault.data,
        cause: error,
      });
    }
    return new DatabaseError(
      'database.lock-file',
      `cannot use the lock file ${this.path}: ${(error as Error).message}`,
      {
        hint: notSqlite
          ? 'it is not a SQLite file: an older kiln wrote its pid there: once no older kiln runs, delete it'
          : 'kiln needs to create and write this file beside the database: check the folder is writable',
        data: { file: this.path, ...(code === undefined ? {} : { sqliteCode: code }) },
        cause: error,
      },
    );
  }
}

interface HolderRow {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  readonly started_at: string;
}

/** SQLITE_BUSY and its extended codes (SQLITE_BUSY_RECOVERY, …): another connection has the file locked. */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}
