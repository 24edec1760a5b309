import type mysql from 'mysql2/promise';
import { DatabaseError } from '../../errors.js';
import { importDriver } from '../optional-module.js';
import type { AcquireLockOptions, ConnectionOptions, DatabaseConnection, LockHolder, Row } from '../dialect.js';
import { type MysqlServer, parseServerVersion } from './mysql-adapter.js';
import { connectionTarget } from '../connection-target.js';
import { acquireByPolling } from '../lock-wait.js';
import { mysqlLockHolder, mysqlLockName } from './mysql-lock.js';

/** Pause between `GET_LOCK(name, 0)` attempts while another connection holds the lock. */
const LOCK_POLL_MS = 250;

/**
 * `mysql://user@host:port/db`: where kiln connects, for messages. Never the password.
 *
 * @example redactedTarget({ scheme: 'mysql', user: 'root', host: '127.0.0.1', port: 3306, database: 'app', … })
 *   // 'mysql://root@127.0.0.1:3306/app'
 */
export function redactedTarget(options: ConnectionOptions): string {
  return connectionTarget(options, 3306);
}

/** Hints for the driver errors a user can fix. */
const HINTS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'is the MySQL/MariaDB server running and listening on that host and port?',
  ENOTFOUND: 'check the host name in the database URL',
  ETIMEDOUT: 'the server did not answer: check the host, the port and any firewall in between',
  EHOSTUNREACH: 'the host cannot be reached: check the host name and the network',
  ER_ACCESS_DENIED_ERROR: 'check the user name and password in the database URL',
  ER_BAD_DB_ERROR: 'create the database first (CREATE DATABASE …), or fix its name in the URL',
  ER_DBACCESS_DENIED_ERROR: 'grant the user access to that database',
};

interface DriverError {
  readonly code?: string;
  readonly errno?: number;
  readonly sqlState?: string;
  readonly message?: string;
}

/**
 * A driver error as a `DatabaseError` naming the redacted target (and the
 * statement, when there is one). The password is scrubbed from the text in
 * case a server or driver ever echoes it; the driver error is not attached.
 */
export function toDatabaseError(error: unknown, options: ConnectionOptions, sql?: string): DatabaseError {
  const driver = (typeof error === 'object' && error !== null ? error : {}) as DriverError;
  const scrub = (text: string) =>
    options.password !== null && options.password !== '' ? text.replaceAll(options.password, '***') : text;
  const reason = scrub(driver.message ?? String(error));
  const target = redactedTarget(options);
  const where = sql === undefined ? `cannot connect to ${target}` : `statement failed on ${target}`;
  const hint = HINTS[driver.code ?? ''];
  return new DatabaseError(
    sql === undefined ? 'database.connect' : 'database.statement-failed',
    `${where}: ${reason}`,
    {
      ...(hint === undefined ? {} : { hint }),
      data: {
        target,
        ...(driver.code === undefined ? {} : { driverCode: driver.code }),
        ...(driver.sqlState === undefined ? {} : { sqlState: driver.sqlState }),
        ...(sql === undefined ? {} : { sql: scrub(sql) }),
      },
    },
  );
}

/**
 * One mysql2 connection. Statements run one at a time (`multipleStatements`
 * is off, so a statement can never smuggle in another). The session turns
 * `NO_BACKSLASH_ESCAPES` off, so string literals kiln writes mean the same
 * online and in offline `--sql` output, and turns
 * `explicit_defaults_for_timestamp` on, so a TIMESTAMP column gets no
 * implicit default or ON UPDATE clause.
 */
export class MysqlConnection implements DatabaseConnection {
  private transactionDepth = 0;
  private locked = false;

  private constructor(
    private readonly connection: mysql.Connection,
    private readonly options: ConnectionOptions,
    /** Which server this is (MariaDB or MySQL, and its version), read at connect time. */
    readonly server: MysqlServer,
  ) {}

  /** Connects and prepares the session; every failure is a `DatabaseError` without the password. */
  static async open(options: ConnectionOptions): Promise<MysqlConnection> {
    // Loaded here, not at the top: `mysql2` is an optional peer dependency, and offline `--sql` needs none.
    const driver = await importDriver('mysql2', 'MySQL/MariaDB', () => import('mysql2/promise'));
    let connection: mysql.Connection;
    try {
      connection = await driver.createConnection({
        host: options.host ?? 'localhost',
        port: options.port ?? 3306,
        ...(options.user === null ? {} : { user: options.user }),
        ...(options.password === null ? {} : { password: options.password }),
        ...(options.database === '' ? {} : { database: options.database }),
        ...(options.params.ssl === 'true' || options.params.ssl === 'required' ? { ssl: {} } : {}),
        multipleStatements: false,
        charset: 'utf8mb4',
        supportBigNumbers: true,
        dateStrings: true,
      });
    } catch (error) {
      throw toDatabaseError(error, options);
    }
    try {
      const [rows] = await connection.query('SELECT VERSION() AS version');
      const version = String((rows as Row[])[0]?.version ?? '');
      await connection.query(SESSION_SQL_MODE);
      await connection.query('SET SESSION explicit_defaults_for_timestamp = ON');
      return new MysqlConnection(connection, options, parseServerVersion(version));
    } catch (error) {
      connection.destroy();
      throw toDatabaseError(error, options, 'session setup');
    }
  }

  async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    try {
      const [rows] = await this.connection.query(sql, params as unknown[]);
      return Array.isArray(rows) ? (rows as R[]) : [];
    } catch (error) {
      throw toDatabaseError(error, this.options, sql);
    }
  }

  async execute(sql: string): Promise<number> {
    try {
      const [result] = await this.connection.query(sql);
      // A DML statement answers with a ResultSetHeader; affectedRows counts the rows it changed.
      return Array.isArray(result) ? 0 : (result as mysql.ResultSetHeader).affectedRows;
    } catch (error) {
      throw toDatabaseError(error, this.options, sql);
    }
  }

  /**
   * BEGIN … COMMIT around `fn`, ROLLBACK when it throws. DDL inside commits
   * implicitly (MySQL has no transactional DDL). A nested call joins the
   * outer transaction.
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.transactionDepth > 0) return fn();
    await this.execute('START TRANSACTION');
    this.transactionDepth += 1;
    try {
      const result = await fn();
      await this.execute('COMMIT');
      return result;
    } catch (error) {
      await this.execute('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      this.transactionDepth -= 1;
    }
  }

  /**
   * `GET_LOCK(name, 0)`, polled: the server frees it when the connection
   * ends, however the client died. Polled rather than one long `GET_LOCK`
   * wait so that the timeout is kiln's, and so that kiln can say who holds it
   * while it waits (this connection is busy during a server-side wait).
   */
  async acquireLock(options: AcquireLockOptions): Promise<void> {
    if (this.locked) return;
    const name = mysqlLockName(this.options.database);
    await acquireByPolling(
      {
        target: redactedTarget(this.options),
        pollMs: LOCK_POLL_MS,
        tryAcquire: async () => {
          const [row] = await this.query('SELECT GET_LOCK(?, 0) AS acquired', [name]);
          this.locked = Number(row?.acquired) === 1;
          return this.locked;
        },
        holder: () => mysqlLockHolder(this, name),
      },
      options,
    );
  }

  async lockHolder(): Promise<LockHolder | null> {
    return this.locked ? null : mysqlLockHolder(this, mysqlLockName(this.options.database));
  }

  async releaseLock(): Promise<void> {
    if (!this.locked) return;
    await this.query('SELECT RELEASE_LOCK(?) AS released', [mysqlLockName(this.options.database)]);
    this.locked = false;
  }

  /** Releases the lock (the server would on disconnect too) and closes the connection. */
  async close(): Promise<void> {
    try {
      await this.releaseLock();
      await this.connection.end();
    } catch {
      // A broken connection cannot be ended politely; the server frees its lock anyway.
      this.connection.destroy();
    }
  }
}

/** Drops NO_BACKSLASH_ESCAPES from the session's sql_mode, keeping the rest. */
const SESSION_SQL_MODE = `SET SESSION sql_mode = TRIM(BOTH ',' FROM
  REPLACE(CONCAT(',', @@SESSION.sql_mode, ','), ',NO_BACKSLASH_ESCAPES,', ','))`;
