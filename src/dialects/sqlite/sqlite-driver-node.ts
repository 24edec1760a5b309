import type { Row } from '../dialect.js';
import { bindable, type SqliteDriver, type SqliteHandle } from './sqlite-driver.js';

/**
 * Node's built-in `node:sqlite` (no native build to install). The typings
 * below are the part kiln uses: @types/node for Node 20, which the package
 * supports, has none.
 */
interface NodeStatement {
  all(...params: unknown[]): Row[];
  setReadBigInts(enabled: boolean): void;
}

interface NodeDatabase {
  exec(sql: string): void;
  prepare(sql: string): NodeStatement;
  close(): void;
  /** Node 22.16 / 24.0 and later. */
  readonly isTransaction: boolean;
  readonly isOpen: boolean;
}

interface NodeSqliteModule {
  DatabaseSync: new (path: string) => NodeDatabase;
}

/** SQLite's primary result codes by number, as better-sqlite3 spells them: the form sqlite-errors.ts reads. */
const RESULT_CODES: readonly string[] = (
  'OK ERROR INTERNAL PERM ABORT BUSY LOCKED NOMEM READONLY INTERRUPT IOERR CORRUPT NOTFOUND FULL ' +
  'CANTOPEN PROTOCOL EMPTY SCHEMA TOOBIG CONSTRAINT MISMATCH MISUSE NOLFS AUTH FORMAT RANGE NOTADB'
).split(' ');

/** Module name in a variable: TypeScript on Node 20's typings would not resolve `node:sqlite`. */
const MODULE = 'node:sqlite';

/**
 * The `node:sqlite` driver, or why it cannot be used here: Node before 22.16
 * lacks it or the `isTransaction` kiln's lock and nested transactions need.
 */
export async function loadNodeSqlite(): Promise<SqliteDriver | string> {
  let sqlite: NodeSqliteModule;
  try {
    sqlite = (await import(MODULE)) as NodeSqliteModule;
  } catch {
    return `Node ${process.versions.node} has no node:sqlite (Node 22.16 or later has it)`;
  }
  const { DatabaseSync } = sqlite;
  const probe = new DatabaseSync(':memory:');
  const complete = 'isTransaction' in probe;
  probe.close();
  if (!complete) {
    return `Node ${process.versions.node}'s node:sqlite is too old (Node 22.16 or later)`;
  }
  return {
    name: 'node',
    open: (filename) => new NodeHandle(translated(() => new DatabaseSync(filename))),
  };
}

class NodeHandle implements SqliteHandle {
  constructor(private readonly db: NodeDatabase) {}

  exec(sql: string): void {
    translated(() => this.db.exec(sql));
  }

  all(sql: string, params: readonly unknown[] = []): Row[] {
    return translated(() => {
      const statement = this.db.prepare(sql);
      // node:sqlite refuses to read an integer past 2^53 as a number; read all as bigints and
      // turn the safe ones back, so only those too large to be exact arrive as bigint.
      statement.setReadBigInts(true);
      return statement.all(...bindable(params)).map(plainRow);
    });
  }

  get inTransaction(): boolean {
    return this.db.isOpen && this.db.isTransaction;
  }

  get open(): boolean {
    return this.db.isOpen;
  }

  close(): void {
    if (this.db.isOpen) translated(() => this.db.close());
  }
}

/** node:sqlite rows have a null prototype; callers (and deepStrictEqual) expect plain objects. */
function plainRow(row: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] =
      typeof value === 'bigint' && value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
        ? Number(value)
        : value;
  }
  return out;
}

/**
 * Runs `fn`, rethrowing node:sqlite's errors (`code: 'ERR_SQLITE_ERROR'`,
 * numeric `errcode`) with better-sqlite3's `code: 'SQLITE_BUSY'` form, the
 * driver's message kept.
 */
function translated<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    const errcode = (error as { errcode?: unknown } | null)?.errcode;
    if (typeof errcode !== 'number') throw error;
    const name = RESULT_CODES[errcode & 0xff];
    const wrapped = new Error((error as Error).message, { cause: error });
    throw Object.assign(wrapped, { code: name === undefined ? `SQLITE_${errcode}` : `SQLITE_${name}` });
  }
}
