import type { DatabaseConnection, Row, StatementReach } from '../dialects/dialect.js';
import { DatabaseError, KilnError, OperationError } from '../errors.js';
import { sqlComment } from '../util/escape.js';

/**
 * Where compiled statements go: a live connection, or the offline script
 * that `--sql` prints. The migration context does not care which.
 */
export interface StatementTarget {
  readonly offline: boolean;
  /**
   * Resolves to the rows an INSERT/UPDATE/DELETE changed; null offline, where
   * nothing runs. `reach` (default `'data'`): see `StatementReach`.
   */
  execute(sql: string, reach?: StatementReach): Promise<number | null>;
  query(sql: string, params?: readonly unknown[], reach?: StatementReach): Promise<Row[]>;
  /** Groups statements; offline it writes BEGIN/COMMIT around them when `transactional`. */
  transaction<T>(transactional: boolean, fn: () => Promise<T>): Promise<T>;
}

export class OnlineTarget implements StatementTarget {
  readonly offline = false;
  constructor(readonly connection: DatabaseConnection) {}

  async execute(sql: string, reach?: StatementReach): Promise<number | null> {
    try {
      return await this.connection.execute(sql, reach);
    } catch (error) {
      throw asDatabaseError(error, sql);
    }
  }

  async query(sql: string, params: readonly unknown[] = [], reach?: StatementReach): Promise<Row[]> {
    try {
      return await this.connection.query(sql, params, reach);
    } catch (error) {
      throw asDatabaseError(error, sql);
    }
  }

  transaction<T>(_transactional: boolean, fn: () => Promise<T>): Promise<T> {
    return this.connection.transaction(fn);
  }
}

/**
 * Passes everything to `inner` and tells `onStatement` each statement it
 * executes, before running it: the online counterpart of `--sql`, which
 * prints the same statements (queries that only read are not told).
 */
export class RecordingTarget implements StatementTarget {
  constructor(
    private readonly inner: StatementTarget,
    private readonly onStatement: (sql: string) => void,
  ) {}

  get offline(): boolean {
    return this.inner.offline;
  }

  execute(sql: string, reach?: StatementReach): Promise<number | null> {
    this.onStatement(sql);
    return this.inner.execute(sql, reach);
  }

  query(sql: string, params?: readonly unknown[], reach?: StatementReach): Promise<Row[]> {
    return this.inner.query(sql, params, reach);
  }

  transaction<T>(transactional: boolean, fn: () => Promise<T>): Promise<T> {
    return this.inner.transaction(transactional, fn);
  }
}

export class OfflineTarget implements StatementTarget {
  readonly offline = true;
  private readonly lines: string[] = [];

  async execute(sql: string): Promise<number | null> {
    const text = sql.trimEnd();
    // A compiler's note to the reader (one `-- ` line, made by `sqlComment`) is not a statement.
    const note = text.startsWith('-- ') && !/[\n\r]/.test(text);
    this.lines.push(note || text.endsWith(';') ? text : `${text};`);
    return null;
  }

  async query(sql: string): Promise<Row[]> {
    throw new OperationError('offline.query', `cannot run a query while producing --sql: ${firstLine(sql)}`, {
      hint: 'op.query() needs a database; run this revision online, or make it not depend on query results',
    });
  }

  /** One `-- ` line; `text` may hold anything (a revision message), see `sqlComment`. */
  comment(text: string): void {
    this.lines.push(sqlComment(text));
  }

  blank(): void {
    this.lines.push('');
  }

  async transaction<T>(transactional: boolean, fn: () => Promise<T>): Promise<T> {
    if (transactional) this.lines.push('BEGIN;');
    const result = await fn();
    if (transactional) this.lines.push('COMMIT;');
    return result;
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

function asDatabaseError(error: unknown, sql: string): KilnError {
  if (error instanceof KilnError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DatabaseError('database.statement-failed', `${wholeFirstLine(message)} (in: ${firstLine(sql)})`, {
    data: { sql },
    cause: error,
  });
}

/** The first line of a statement, cut at 200 characters: for quoting SQL beside a message, never for the message. */
export function firstLine(text: string): string {
  const line = wholeFirstLine(text);
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

/** The first line of a message, whole: a database's reason (a foreign-key violation names the constraint at its end) is never cut. */
export function wholeFirstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
