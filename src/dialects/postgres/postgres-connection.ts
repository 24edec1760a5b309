import type pg from 'pg';
import { DatabaseError } from '../../errors.js';
import { importDriver } from '../optional-module.js';
import type {
  AcquireLockOptions,
  ClientInfo,
  ConnectionOptions,
  DatabaseConnection,
  LockHolder,
  Row,
} from '../dialect.js';
import { connectionTarget } from '../connection-target.js';
import { acquireByPolling } from '../lock-wait.js';
import { lockHolder } from './postgres-lock.js';

/**
 * A kiln connection over one `pg.Client` (no pool: a migration is one
 * session, and the advisory lock belongs to the session).
 *
 * URL parameters read from `options.params`: `sslmode` (disable, allow,
 * prefer, require, verify-ca, verify-full; default: no TLS), `schema` (sets
 * `search_path`, so it becomes the default schema kiln works in),
 * `application_name` (default: the client name, e.g. `kiln upgrade`, so
 * `pg_stat_activity` and kiln's lock reports say what a session is doing),
 * `connect_timeout` (seconds).
 *
 * Every driver error is rewritten into a `DatabaseError` whose message names
 * the server as `postgres://user@host:port/db`: the password never appears.
 */

/**
 * The key of the session-level advisory lock that serialises concurrent
 * `kiln upgrade`s on one database (advisory locks are per database). Fixed:
 * `'kiln'` read as a 32-bit big-endian integer.
 */
export const POSTGRES_LOCK_KEY = 0x6b696c6e;

/**
 * The advisory lock key for a session: `POSTGRES_LOCK_KEY` for the
 * database, or, when the URL's `schema` parameter points kiln at one schema
 * (each with its own version table), a key of that schema, so that runs on
 * different schemas of one database (`targets` with `schemas`) do not wait
 * for each other: `'kiln'` in the high 32 bits, the FNV-1a hash of the
 * schema name in the low ones. Two schemas whose hashes collide only share a
 * lock: they wait, nothing breaks. A decimal string: the key passes 2^53.
 *
 * @example postgresLockKey(undefined) // '1802071150'
 */
export function postgresLockKey(schema: string | undefined): string {
  if (schema === undefined) return String(POSTGRES_LOCK_KEY);
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(schema)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return ((BigInt(POSTGRES_LOCK_KEY) << 32n) | BigInt(hash)).toString();
}

/** Pause between `pg_try_advisory_lock` attempts while another session holds the lock. */
const LOCK_POLL_MS = 250;

/**
 * Makes the server end a running statement whose client has gone (PostgreSQL
 * 14+; `set_config` finds nothing to set on older servers). Without it, a
 * kiln killed while its revision runs a long statement keeps the lock until
 * the statement ends, and every other run waits on a dead process.
 */
const DETECT_DEAD_CLIENT = `SELECT set_config(name, '1000', false) FROM pg_settings
  WHERE name = 'client_connection_check_interval'`;

/** Opens a session. @example await connectPostgres(parseUrl('postgres://root@127.0.0.1/app')) */
export async function connectPostgres(
  options: ConnectionOptions,
  clientInfo: ClientInfo = { name: 'kiln' },
): Promise<DatabaseConnection> {
  const target = redactedTarget(options);
  // Loaded here, not at the top: `pg` is an optional peer dependency, and offline `--sql` needs none.
  const { default: driver } = await importDriver('pg', 'PostgreSQL', () => import('pg'));
  const client = new driver.Client(clientConfig(options, clientInfo));
  const schema = options.params.schema;
  // An idle client whose server goes away emits 'error'; without a listener Node would crash.
  client.on('error', () => undefined);
  try {
    await client.connect();
    // A server that cannot watch its sockets refuses the setting: kiln then works as before.
    await client.query(DETECT_DEAD_CLIENT).catch(() => undefined);
    if (schema !== undefined) await client.query(`SET search_path TO ${quoteIdent(schema)}`);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw connectError(error, options, target);
  }
  return new PostgresConnection(client, target, options.password, postgresLockKey(schema));
}

/** `postgres://user@host:port/db`: how errors name the server. */
export function redactedTarget(options: ConnectionOptions): string {
  return connectionTarget(options);
}

function clientConfig(options: ConnectionOptions, clientInfo: ClientInfo): pg.ClientConfig {
  const { params } = options;
  const timeout = params.connect_timeout === undefined ? undefined : Number(params.connect_timeout) * 1000;
  return {
    host: options.host ?? 'localhost',
    port: options.port ?? 5432,
    ...(options.user === null ? {} : { user: options.user }),
    ...(options.password === null ? {} : { password: options.password }),
    database: options.database,
    application_name: params.application_name ?? clientInfo.name,
    ...(timeout === undefined || Number.isNaN(timeout) ? {} : { connectionTimeoutMillis: timeout }),
    ssl: sslOption(params.sslmode),
  };
}

function sslOption(mode: string | undefined): pg.ClientConfig['ssl'] {
  switch (mode) {
    case undefined:
    case 'disable':
      return false;
    case 'verify-ca':
    case 'verify-full':
      return true;
    default:
      // allow/prefer/require: encrypt without verifying the certificate, as libpq does.
      return { rejectUnauthorized: false };
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

interface PgErrorFields {
  message?: string;
  code?: string;
  detail?: string;
  hint?: string;
  position?: string;
}

function fields(error: unknown): PgErrorFields {
  return typeof error === 'object' && error !== null ? (error as PgErrorFields) : { message: String(error) };
}

/** Removes the password from any text a driver produced, in case it echoed it. */
function scrub(text: string | undefined, password: string | null): string {
  const value = text ?? 'unknown error';
  return password === null || password === '' ? value : value.replaceAll(password, '***');
}

const CONNECT_HINTS: Readonly<Record<string, string>> = {
  '28P01': 'check the user and password in the database URL',
  '28000': 'check the user in the database URL and pg_hba.conf',
  '3D000': 'create the database first (createdb), or fix its name in the URL',
  ECONNREFUSED: 'is the PostgreSQL server running and listening on that host and port?',
  ENOTFOUND: 'check the host name in the database URL',
  ETIMEDOUT: 'the server did not answer: check the host, the port and any firewall in between',
  EHOSTUNREACH: 'the host cannot be reached: check the host name and the network',
};

function connectError(error: unknown, options: ConnectionOptions, target: string): DatabaseError {
  const f = fields(error);
  const hint = (f.code === undefined ? undefined : CONNECT_HINTS[f.code]) ?? 'check the database URL';
  return new DatabaseError('database.connect', `cannot connect to ${target}: ${scrub(f.message, options.password)}`, {
    hint,
    data: { target, sqlState: f.code ?? null },
  });
}

/**
 * Rewrites `?` placeholders (the form `op.query` documents) into `$1, $2, …`
 * outside string literals, quoted identifiers and comments. SQL that already
 * uses `$n` is left alone, so PostgreSQL's own `?` operators still work there.
 */
export function toPostgresPlaceholders(sql: string): string {
  if (/\$\d/.test(sql)) return sql;
  let n = 0;
  return sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\/|\?/g, (m) => (m === '?' ? `$${++n}` : m));
}

class PostgresConnection implements DatabaseConnection {
  #depth = 0;
  #locked = false;

  constructor(
    private readonly client: pg.Client,
    private readonly target: string,
    private readonly password: string | null,
    private readonly lockKey: string,
  ) {}

  async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    const text = params.length > 0 ? toPostgresPlaceholders(sql) : sql;
    const result: pg.QueryResult | pg.QueryResult[] = await this.run(text, params);
    if (!Array.isArray(result)) return result.rows as R[];
    // Several statements in one string (one round trip): the rows of the last one that returns rows.
    const selects = result.filter((r) => r.fields.length > 0);
    return (selects[selects.length - 1]?.rows ?? []) as R[];
  }

  async execute(sql: string): Promise<number> {
    return (await this.run(sql, [])).rowCount ?? 0;
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    // Nested calls become savepoints so that an inner failure rolls back only its own work.
    const savepoint = this.#depth === 0 ? null : `kiln_sp_${this.#depth}`;
    await this.execute(savepoint === null ? 'BEGIN' : `SAVEPOINT ${savepoint}`);
    this.#depth++;
    try {
      const value = await fn();
      await this.execute(savepoint === null ? 'COMMIT' : `RELEASE SAVEPOINT ${savepoint}`);
      return value;
    } catch (error) {
      await this.execute(savepoint === null ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${savepoint}`).catch(() => undefined);
      throw error;
    } finally {
      this.#depth--;
    }
  }

  /**
   * Polls `pg_try_advisory_lock` (session level, taken outside any
   * transaction) instead of blocking in `pg_advisory_lock`: a session blocked
   * there sits in an open transaction, which `CREATE INDEX CONCURRENTLY` in
   * the holder's revision waits for, so the two deadlock; and a blocked call
   * can neither say who holds the lock nor give up in time.
   */
  async acquireLock(options: AcquireLockOptions): Promise<void> {
    if (this.#locked) return;
    await acquireByPolling(
      {
        target: this.target,
        pollMs: LOCK_POLL_MS,
        tryAcquire: async () => {
          const [row] = await this.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [
            this.lockKey,
          ]);
          this.#locked = row?.locked === true;
          return this.#locked;
        },
        holder: () => lockHolder(this, this.lockKey),
      },
      options,
    );
  }

  async lockHolder(): Promise<LockHolder | null> {
    return this.#locked ? null : lockHolder(this, this.lockKey);
  }

  async releaseLock(): Promise<void> {
    if (!this.#locked) return;
    await this.run('SELECT pg_advisory_unlock($1::bigint)', [this.lockKey]);
    this.#locked = false;
  }

  async close(): Promise<void> {
    // Ending the session releases the advisory lock too.
    this.#locked = false;
    await this.client.end().catch(() => undefined);
  }

  private async run(sql: string, params: readonly unknown[]): Promise<pg.QueryResult> {
    try {
      return params.length === 0 ? await this.client.query(sql) : await this.client.query(sql, [...params]);
    } catch (error) {
      throw this.queryError(error, sql);
    }
  }

  private queryError(error: unknown, sql: string): DatabaseError {
    const f = fields(error);
    // The detail says which key a constraint violation is about (`Key (user_id)=(5) is not present in table "user".`).
    const detail = f.detail === undefined ? '' : `: ${scrub(f.detail, this.password).split('\n')[0]}`;
    const message = scrub(f.message, this.password);
    return new DatabaseError('database.statement-failed', `${this.target} refused a statement: ${message}${detail}`, {
      hint: f.hint ?? 'the failing statement is in the error data (sql)',
      data: {
        target: this.target,
        sql: scrub(sql, this.password),
        sqlState: f.code ?? null,
        detail: f.detail ?? null,
        position: f.position === undefined ? null : Number(f.position),
      },
    });
  }
}
