/** Seconds a command that changes the database waits for another kiln run's lock, unless told otherwise. */
export const DEFAULT_LOCK_TIMEOUT_SECONDS = 60;

/**
 * The one rule for a lock timeout, wherever it is given (`--lock-timeout`,
 * `lockTimeout` in the config, the API's `lockTimeout` option): a finite
 * number of seconds, 0 or more; 0 means fail at once when the lock is taken.
 *
 * @example isLockTimeout(1.5) // true
 */
export function isLockTimeout(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
