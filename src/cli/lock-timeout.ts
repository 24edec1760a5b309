import { type Command, InvalidArgumentError, Option } from 'commander';
import type { LockWaitOptions } from '../commands/index.js';
import { DEFAULT_LOCK_TIMEOUT_SECONDS, isLockTimeout } from '../config/lock-timeout.js';
import * as format from './format.js';
import type { Reporter } from './output.js';

/** What commander gives an action for `--lock-timeout`. */
export interface LockTimeoutFlag {
  readonly lockTimeout?: number;
}

function parseSeconds(text: string): number {
  const seconds = text.trim() === '' ? Number.NaN : Number(text);
  if (!isLockTimeout(seconds)) throw new InvalidArgumentError('expected a number of seconds, 0 or more');
  return seconds;
}

/**
 * Adds `--lock-timeout <seconds>` to a command that changes the database:
 * the one definition, so every such command (upgrade, downgrade, stamp, and
 * any later one) reads and validates it the same way. No commander default:
 * absent, the config's `lockTimeout` applies.
 *
 * @example withLockTimeout(program.command('stamp')).action(async (revs, options) => …)
 */
export function withLockTimeout(command: Command): Command {
  return command.addOption(
    new Option(
      '--lock-timeout <seconds>',
      `how long to wait for another kiln run's lock on the database; 0 fails at once (default: the config's lockTimeout, else ${DEFAULT_LOCK_TIMEOUT_SECONDS})`,
    ).argParser(parseSeconds),
  );
}

/**
 * The command options for the flag: its timeout, and a wait notice on stderr
 * through the reporter (never stdout, so `--json` output stays one document).
 */
export function lockWaitOptions(flag: LockTimeoutFlag, reporter: Reporter): LockWaitOptions {
  return {
    ...(flag.lockTimeout === undefined ? {} : { lockTimeout: flag.lockTimeout }),
    onLockWait: (wait) => reporter.info(format.lockWait(wait)),
  };
}
