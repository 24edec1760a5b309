import type { LockHolder, QueryExecutor } from '../dialect.js';

/**
 * The session holding kiln's advisory lock in the current database. A
 * one-argument (bigint) advisory lock shows in `pg_locks` with the key's
 * high half in `classid`, its low half in `objid` and `objsubid = 1`.
 * `pg_stat_activity` hides another user's `client_addr` and state from an
 * unprivileged role (they read as null); the pid and user are always there.
 */
const HOLDER_SQL = `SELECT a.pid, a.usename, a.application_name, host(a.client_addr) AS client_addr, a.state,
    date_trunc('second', a.backend_start)::text AS since
  FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
  WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
    AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND l.classid = ($1::bigint >> 32)::oid AND l.objid = ($1::bigint & 4294967295)::oid
    AND l.pid <> pg_backend_pid()
  LIMIT 1`;

interface HolderRow extends Record<string, unknown> {
  readonly pid: number;
  readonly usename: string | null;
  readonly application_name: string | null;
  readonly client_addr: string | null;
  readonly state: string | null;
  readonly since: string | null;
}

/** Who holds the advisory lock `key` (a bigint as decimal text); null when nobody does (any more). */
export async function lockHolder(executor: QueryExecutor, key: string): Promise<LockHolder | null> {
  const [row] = await executor.query<HolderRow>(HOLDER_SQL, [key]);
  if (row === undefined) return null;
  const app = row.application_name === null || row.application_name === '' ? '' : ` (${row.application_name})`;
  // Both null: the server hides them from this role; a null address alone is a Unix socket.
  const hidden = row.state === null;
  const from = row.client_addr ?? (hidden ? '(hidden)' : 'a local socket');
  const state = hidden ? '' : `, ${row.state}`;
  return {
    summary: `pid ${row.pid}${app}, user ${row.usename ?? '?'} from ${from}${state}, connected since ${row.since ?? '?'}`,
    details: {
      pid: row.pid,
      user: row.usename,
      applicationName: row.application_name,
      clientAddr: row.client_addr,
      state: row.state,
      since: row.since,
    },
  };
}
