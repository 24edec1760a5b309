import { type Command, InvalidArgumentError, Option } from 'commander';
import type { MigrationTargetEvent, Target, TargetSelection } from '../commands/index.js';
import { DEFAULT_PARALLEL } from '../commands/for-each-target.js';
import { UsageError } from '../errors.js';
import * as format from './format-targets.js';
import type { Reporter } from './output.js';

/** What commander gives an action for the target flags. */
export interface TargetFlags {
  readonly all?: boolean;
  readonly targets?: string;
  readonly parallel?: number;
  readonly canary?: number;
}

function parseCount(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError('expected a whole number, 1 or more');
  }
  return value;
}

/**
 * Adds `--all`, `--targets`, `--parallel`, `--canary` to a command that can
 * run on the config's targets: the one definition, so each such command
 * reads them the same way.
 */
export function withTargetOptions(command: Command): Command {
  return command
    .option('--all', "run on every target of the config's 'targets'")
    .option('--targets <names>', 'run on these targets: names or globs, comma-separated (e.g. eu-*,us-east)')
    .addOption(
      new Option('--parallel <n>', `targets run at once with --all/--targets (default: ${DEFAULT_PARALLEL})`).argParser(
        parseCount,
      ),
    )
    .addOption(
      new Option('--canary <n>', 'run the first n targets first; start no other when one of them fails').argParser(
        parseCount,
      ),
    );
}

/**
 * The selection the flags make, or null when they make none (the command then
 * runs on the config's one `url`, and `--parallel`/`--canary` are refused).
 */
export function targetSelection(
  flags: TargetFlags,
  incompatible: Record<string, boolean> = {},
): TargetSelection | null {
  const names = flags.targets
    ?.split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (flags.all === true && names !== undefined) {
    throw new UsageError('usage.conflicting-options', '--all and --targets pick targets two ways', {
      hint: 'use one of them',
    });
  }
  if (flags.all !== true && names === undefined) {
    for (const flag of ['parallel', 'canary'] as const) {
      if (flags[flag] !== undefined) {
        throw new UsageError('usage.conflicting-options', `--${flag} needs --all or --targets`, {
          hint: `e.g. --all --${flag} ${flags[flag]}`,
        });
      }
    }
    return null;
  }
  if (names !== undefined && names.length === 0) {
    throw new UsageError('usage.invalid-argument', '--targets names no target', {
      hint: 'e.g. --targets eu-*,us-east',
    });
  }
  for (const [flag, given] of Object.entries(incompatible)) {
    if (given)
      throw new UsageError('usage.conflicting-options', `--${flag} runs on one database: not with --all or --targets`);
  }
  return names === undefined ? { all: true } : { targets: names };
}

/** The CLI's listener for a multi-target run: one stderr line per event; every target's password kept out. */
export function targetListeners(reporter: Reporter): {
  onEvent: (event: MigrationTargetEvent) => void;
  onSelected: (targets: readonly Target[]) => void;
} {
  return {
    onEvent: (event) => {
      if (event.kind === 'warning') reporter.warn(format.targetEvent(event));
      else reporter.info(format.targetEvent(event));
    },
    onSelected: (targets) => {
      for (const target of targets) reporter.protect(target.url);
    },
  };
}
