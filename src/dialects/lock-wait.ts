import { setTimeout as sleep } from 'node:timers/promises';
import { DatabaseError } from '../errors.js';
import type { AcquireLockOptions, LockHolder } from './dialect.js';

/**
 * What a dialect supplies to `acquireByPolling`: a lock attempt that never
 * waits, and a way to say who holds the lock. Each dialect's lock is one the
 * database or the OS frees when its holder dies (a PostgreSQL session-level
 * advisory lock, MySQL's GET_LOCK, a SQLite write transaction on a lock
 * file), so there is no "stale lock" to detect: a lock that is taken is held
 * by a live session.
 */
export interface LockProbe {
  /** The database, as messages name it (redacted URL or SQLite file). */
  readonly target: string;
  /** Pause between attempts. */
  readonly pollMs: number;
  /** One attempt that returns at once: true when this session now holds the lock. */
  tryAcquire(): Promise<boolean>;
  /** Who holds the lock; null when nobody does any more (it was freed after the attempt failed). */
  holder(): Promise<LockHolder | null>;
  /** The clock the timeout is measured on (milliseconds); default `Date.now`. */
  readonly now?: () => number;
}

/** When the holder cannot be named (it let go as kiln looked, or the server hides it). */
export const UNKNOWN_HOLDER: LockHolder = Object.freeze({
  summary: 'another session (kiln could not see which)',
  details: Object.freeze({}),
});

/**
 * Polls `probe` until the lock is taken or `timeoutMs` has passed. Polling
 * rather than a blocking wait: a session blocked inside the database is an
 * open transaction that other work can wait on (PostgreSQL's `CREATE INDEX
 * CONCURRENTLY` deadlocks with it), it cannot say who it waits for, and it
 * cannot honour a timeout the same way on every database.
 *
 * The wait is reported once the second attempt fails: a lock freed within
 * one pause is not worth a line, and a holder that has just taken the lock
 * has had time to say who it is (SQLite's record is written right after).
 *
 * @example await acquireByPolling(probe, { timeoutMs: 60_000, onWait: (w) => report(w) });
 */
export async function acquireByPolling(probe: LockProbe, options: AcquireLockOptions): Promise<void> {
  const now = probe.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  let reported = false;
  for (let attempt = 1; ; attempt++) {
    if (await probe.tryAcquire()) return;
    const remaining = deadline - now();
    if (remaining <= 0) {
      const holder = await probe.holder();
      // Freed between the attempt and the look: one more attempt before failing.
      if (holder === null && (await probe.tryAcquire())) return;
      throw lockTimeout(probe.target, holder ?? UNKNOWN_HOLDER, options.timeoutMs);
    }
    if (attempt >= 2 && !reported) {
      const holder = await probe.holder();
      if (holder !== null) {
        options.onWait?.({ target: probe.target, holder, timeoutMs: options.timeoutMs });
        reported = true;
      }
    }
    await sleep(Math.min(probe.pollMs, remaining));
  }
}

/** The one error every dialect throws when kiln's lock stayed taken. */
export function lockTimeout(target: string, holder: LockHolder, timeoutMs: number): DatabaseError {
  const seconds = timeoutMs / 1000;
  const waited = timeoutMs === 0 ? 'lock timeout 0: not waiting' : `gave up after ${seconds} s`;
  return new DatabaseError(
    'database.lock-timeout',
    `the migration lock on ${target} is held by ${holder.summary} (${waited})`,
    {
      hint: 'another kiln run is changing this database: let it finish and run again, or wait longer with --lock-timeout <seconds> (config: lockTimeout)',
      data: { target, timeoutSeconds: seconds, holder: holder.details },
    },
  );
}
