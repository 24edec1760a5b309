import { DatabaseError, type KilnError } from '../../errors.js';
import { fileSystemError } from '../../util/fs-errors.js';
import { shownPath } from '../../util/shown-path.js';
import type { DatabaseConnection, Row, StatementReach } from '../dialect.js';

interface Fault {
  readonly code: string;
  readonly message: (file: string) => string;
  readonly hint: string;
}

/**
 * SQLite's result codes a user can act on, by primary code (better-sqlite3
 * reports extended ones such as `SQLITE_BUSY_SNAPSHOT` or
 * `SQLITE_READONLY_DIRECTORY`; the part before the second `_` decides).
 */
const FAULTS: Readonly<Record<string, Fault>> = {
  SQLITE_BUSY: {
    code: 'database.busy',
    message: (file) => `the SQLite database ${file} is locked by another process`,
    hint: 'let the other writer finish, then run again (?busy_timeout=<ms> in the URL waits longer)',
  },
  SQLITE_LOCKED: {
    code: 'database.busy',
    message: (file) => `the SQLite database ${file} is locked by another connection`,
    hint: 'let the other writer finish, then run again',
  },
  SQLITE_READONLY: {
    code: 'database.read-only',
    message: (file) => `cannot write to the SQLite database ${file}: it is read-only`,
    hint: 'make the file and its folder writable for the user running kiln (SQLite writes a journal beside it)',
  },
  SQLITE_FULL: {
    code: 'database.disk-full',
    message: (file) => `cannot write to the SQLite database ${file}: the disk is full`,
    hint: 'free some space, then run again',
  },
  SQLITE_CANTOPEN: {
    code: 'database.connect',
    message: (file) => `cannot open the SQLite database ${file}`,
    hint: 'check that its folder exists and is writable for the user running kiln',
  },
  SQLITE_PERM: {
    code: 'database.read-only',
    message: (file) => `cannot write to the SQLite database ${file}: permission denied`,
    hint: 'make the file and its folder writable for the user running kiln',
  },
  SQLITE_IOERR: {
    code: 'database.io-error',
    message: (file) => `the disk failed reading or writing the SQLite database ${file}`,
    hint: 'check that the disk is not full, read-only or failing, then run again',
  },
  SQLITE_NOTADB: {
    code: 'database.not-sqlite',
    message: (file) => `${file} is not a SQLite database`,
    hint: 'check the file name in the database URL',
  },
  SQLITE_CORRUPT: {
    code: 'database.corrupt',
    message: (file) => `the SQLite database ${file} is corrupt`,
    hint: 'restore it from a backup',
  },
};

/**
 * A SQLite or file-system fault as a one-line `KilnError` naming the file;
 * null for anything else (a statement's own error is worded by the caller).
 *
 * @example throw sqliteFault(error, '/app/app.db') ?? error;
 */
export function sqliteFault(error: unknown, file: string): KilnError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const primary = /^SQLITE_[A-Z]+/.exec(code)?.[0];
  const fault = primary === undefined ? undefined : FAULTS[primary];
  if (fault !== undefined) {
    return new DatabaseError(fault.code, fault.message(shownPath(file)), {
      hint: fault.hint,
      data: { file, sqliteCode: code },
    });
  }
  // The lock file beside the database, or the database folder itself.
  const path = (error as NodeJS.ErrnoException).path ?? file;
  return fileSystemError(error, 'write', path);
}

/**
 * Wraps a SQLite connection so that each fault it meets (busy, read-only,
 * full disk, a lock file it cannot create) surfaces as a `KilnError`.
 */
export function withSqliteFaults(connection: DatabaseConnection, file: string): DatabaseConnection {
  const guard = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      throw sqliteFault(error, file) ?? error;
    }
  };
  return {
    query: <R extends Row = Row>(sql: string, params?: readonly unknown[], reach?: StatementReach) =>
      guard(() => connection.query<R>(sql, params, reach)),
    execute: (sql, reach) => guard(() => connection.execute(sql, reach)),
    transaction: (fn) => guard(() => connection.transaction(fn)),
    acquireLock: (options) => guard(() => connection.acquireLock(options)),
    releaseLock: () => guard(() => connection.releaseLock()),
    lockHolder: () => guard(() => connection.lockHolder()),
    close: () => guard(() => connection.close()),
    ...(connection.takeWarnings === undefined ? {} : { takeWarnings: () => connection.takeWarnings?.() ?? [] }),
  };
}
