import type { ResolvedConfig } from '../config/load-config.js';
import { loadScriptDirectory } from '../revisions/script-directory.js';
import { type ForEachTargetOptions, forEachTarget, type TargetError } from './for-each-target.js';
import { type CurrentResult, currentOf } from './read-commands.js';
import { selectTargets, type Target, type TargetSelection } from './targets.js';

export interface CurrentTargetsOptions extends TargetSelection, Pick<ForEachTargetOptions, 'parallel'> {
  /** Told the selected targets before any is read (the CLI hides their passwords). */
  readonly onSelected?: (targets: readonly Target[]) => void;
}

/** One target's `current`, or why it could not be read. */
export interface TargetCurrentRow {
  readonly target: string;
  readonly status: 'done' | 'failed';
  /** `kiln current`'s result for the target; null when it failed. */
  readonly current: CurrentResult | null;
  readonly error: TargetError | null;
}

export interface TargetsCurrentResult {
  readonly targets: readonly TargetCurrentRow[];
  /** Targets that could not be read. */
  readonly failed: readonly string[];
}

/**
 * `kiln current --all` / `--targets`: where each target is, half-applied
 * revisions included, read `parallel` at a time without taking any lock.
 *
 * @example (await currentTargets(config, { all: true })).targets.map((t) => t.current?.versionRows)
 */
export async function currentTargets(
  config: ResolvedConfig,
  options: CurrentTargetsOptions,
): Promise<TargetsCurrentResult> {
  const { graph } = await loadScriptDirectory(config.versionsDir);
  const targets = await selectTargets(config, options);
  options.onSelected?.(targets);
  const outcomes = await forEachTarget(config, targets, (targetConfig) => currentOf(targetConfig, graph), {
    ...(options.parallel === undefined ? {} : { parallel: options.parallel }),
  });
  const rows = outcomes.map(
    (outcome): TargetCurrentRow =>
      outcome.status === 'done'
        ? { target: outcome.target.name, status: 'done', current: outcome.value, error: null }
        : {
            target: outcome.target.name,
            status: 'failed',
            current: null,
            error: outcome.status === 'failed' ? outcome.error : null,
          },
  );
  return { targets: rows, failed: rows.filter((r) => r.status === 'failed').map((r) => r.target) };
}
