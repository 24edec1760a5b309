import { type SqliteHandle, sqliteDriver } from '../../src/dialects/sqlite/sqlite-driver.js';

/**
 * The SQLite driver kiln itself picks here (`KILN_SQLITE_DRIVER`, else
 * better-sqlite3 when it loads, else `node:sqlite`), so a test reads the
 * file its kiln wrote through the same driver, and the suite runs where only
 * one of them exists (Node 24 without the native build).
 */
const driver = await sqliteDriver(undefined);

/** Opens a SQLite file for a test to inspect or seed. */
export function openSqlite(path: string): SqliteHandle {
  return driver.open(path);
}

/** The driver's name (`better-sqlite3` or `node`), for test titles. */
export const sqliteDriverName: string = driver.name;
