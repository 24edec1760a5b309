import type { ResolvedConfig } from '../config/load-config.js';
import { isLockTimeout } from '../config/lock-timeout.js';
import type { AcquireLockOptions, LockWait } from '../dialects/dialect.js';
import { UsageError } from '../errors.js';

export type { LockHolder, LockWait } from '../dialects/dialect.js';

/**
 * The options every command that changes the database takes (upgrade,
 * downgrade, stamp, and any later one that takes kiln's lock).
 *
 * @example await upgrade(config, 'head', { lockTimeout: 0, onLockWait: (w) => console.error(w.holder.summary) });
 */
export interface LockWaitOptions {
  /** Seconds to wait for another kiln run's lock; 0 fails at once. Default: the config's `lockTimeout` (60). */
  readonly lockTimeout?: number;
  /** Called once when another session holds the lock, with who it is. Default: nothing is said. */
  readonly onLockWait?: (wait: LockWait) => void;
}

/** What `acquireLock` is asked for: the option when given, else the config's timeout. */
export function acquireLockOptions(config: ResolvedConfig, options: LockWaitOptions): AcquireLockOptions {
  const seconds = options.lockTimeout ?? config.lockTimeout;
  if (!isLockTimeout(seconds)) {
    throw new UsageError(
      'usage.invalid-argument',
      `lock timeout must be a number of seconds, 0 or more, not ${seconds}`,
      {
        hint: 'e.g. --lock-timeout 120; 0 fails at once when another kiln run holds the lock',
      },
    );
  }
  return {
    timeoutMs: Math.round(seconds * 1000),
    ...(options.onLockWait === undefined ? {} : { onWait: options.onLockWait }),
  };
}
