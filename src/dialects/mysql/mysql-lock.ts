import { createHash } from 'node:crypto';
import type { LockHolder, QueryExecutor } from '../dialect.js';

/**
 * GET_LOCK names are server-wide, so the database name is part of it: two
 * projects on one server do not wait for each other. Names are limited to 64
 * characters; longer ones are hashed.
 *
 * @example mysqlLockName('app') // 'kiln:app'
 */
export function mysqlLockName(database: string): string {
  const name = `kiln:${database}`;
  return name.length <= 64 ? name : `kiln:${createHash('sha1').update(database).digest('hex')}`;
}

interface HolderRow extends Record<string, unknown> {
  readonly id: number | string | null;
  readonly user: string | null;
  readonly host: string | null;
  readonly command: string | null;
  readonly time: number | string | null;
}

/**
 * The connection holding the lock `name`: `IS_USED_LOCK` gives its id, the
 * process list its user, host, command and seconds in that state. Without
 * the PROCESS privilege the list shows only the user's own connections, so
 * the id may be all there is. Null when nobody holds the lock (any more).
 */
export async function mysqlLockHolder(executor: QueryExecutor, name: string): Promise<LockHolder | null> {
  const [row] = await executor.query<HolderRow>(
    `SELECT l.id, p.USER AS user, p.HOST AS host, p.COMMAND AS command, p.TIME AS time
      FROM (SELECT IS_USED_LOCK(?) AS id) l LEFT JOIN information_schema.PROCESSLIST p ON p.ID = l.id`,
    [name],
  );
  if (row === undefined || row.id === null) return null;
  const id = Number(row.id);
  if (row.user === null) {
    return { summary: `connection ${id} (not in this user's process list)`, details: { connectionId: id } };
  }
  const seconds = row.time === null ? null : Number(row.time);
  return {
    summary: `connection ${id}, user ${row.user} from ${row.host ?? '?'}, ${row.command ?? '?'} for ${seconds ?? '?'} s`,
    details: { connectionId: id, user: row.user, host: row.host, command: row.command, seconds },
  };
}
