import type BetterSqlite3 from 'better-sqlite3';
import type { Row } from '../dialect.js';
import { bindable, type SqliteDriver, type SqliteHandle } from './sqlite-driver.js';
import { isModuleMissing } from '../optional-module.js';

/**
 * The better-sqlite3 driver (a native module): the default when installed.
 * Returns why not as a string when the package is missing or its native
 * build does not load on this Node.
 */
export async function loadBetterSqlite3(): Promise<SqliteDriver | string> {
  let Database: typeof BetterSqlite3;
  try {
    Database = (await import('better-sqlite3')).default;
    // The native build loads on the first open, not on import: one built for another Node fails here.
    new Database(':memory:').close();
  } catch (error) {
    if (isModuleMissing(error, 'better-sqlite3')) return 'better-sqlite3 is not installed';
    return `better-sqlite3 does not load on Node ${process.versions.node} (${(error as Error).message.replace(/\s+/g, ' ')})`;
  }
  return {
    name: 'better-sqlite3',
    // SQLite's own busy handler is set per connection with a pragma, the same way for every driver.
    open: (filename) => new BetterHandle(new Database(filename, { timeout: 0 })),
  };
}

class BetterHandle implements SqliteHandle {
  constructor(private readonly db: BetterSqlite3.Database) {}

  exec(sql: string): void {
    this.db.exec(sql);
  }

  all(sql: string, params: readonly unknown[] = []): Row[] {
    const statement = this.db.prepare(sql);
    if (statement.reader) return statement.all(...bindable(params)) as Row[];
    statement.run(...bindable(params));
    return [];
  }

  get inTransaction(): boolean {
    return this.db.inTransaction;
  }

  get open(): boolean {
    return this.db.open;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
