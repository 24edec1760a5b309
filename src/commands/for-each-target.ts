import type { ResolvedConfig } from '../config/load-config.js';
import { isKilnError, UsageError } from '../errors.js';
import type { Target } from './targets.js';

/** How many targets run at once by default: a handful of connections, whatever the fleet's size. */
export const DEFAULT_PARALLEL = 4;

/** How a multi-target command schedules its targets. */
export interface ForEachTargetOptions {
  /** Targets running at once (default `DEFAULT_PARALLEL`). */
  readonly parallel?: number;
  /**
   * Run the first N targets (in the config's order) before the others; when
   * one of them fails, the others are not started (status `skipped`).
   * Default: no canary.
   */
  readonly canary?: number;
  /** Told when a target starts and ends, in the order it happens. */
  readonly onTargetEvent?: (event: TargetEvent) => void;
}

/** The error a target failed with, in the shape of `--json`'s error document. */
export interface TargetError {
  readonly code: string;
  readonly message: string;
  readonly hint: string | null;
}

/** What became of one target: its value, or its error, or never started (a canary failed). */
export type TargetOutcome<R> =
  | { readonly target: Target; readonly status: 'done'; readonly value: R; readonly ms: number }
  | { readonly target: Target; readonly status: 'failed'; readonly error: TargetError; readonly ms: number }
  | { readonly target: Target; readonly status: 'skipped' };

export type TargetEvent =
  | { readonly kind: 'start'; readonly target: string }
  | { readonly kind: 'done'; readonly target: string; readonly ms: number }
  | { readonly kind: 'failed'; readonly target: string; readonly ms: number; readonly error: TargetError }
  | { readonly kind: 'skipped'; readonly target: string };

/**
 * Runs `run` on each target with at most `parallel` at once, each on its own
 * config (the target's URL in place of `url`), so each has its own
 * connection, lock, version table and log. A target that throws fails alone:
 * the others go on. The commands layer's one scheduler for `--all` (upgrade,
 * downgrade, current, and any later one).
 *
 * @example await forEachTarget(config, targets, (c) => current(c), { parallel: 8 })
 */
export async function forEachTarget<R>(
  config: ResolvedConfig,
  targets: readonly Target[],
  run: (targetConfig: ResolvedConfig, target: Target) => Promise<R>,
  options: ForEachTargetOptions = {},
): Promise<TargetOutcome<R>[]> {
  const parallel = checkCount(options.parallel ?? DEFAULT_PARALLEL, '--parallel');
  const canary = options.canary === undefined ? 0 : checkCount(options.canary, '--canary');
  const outcomes = new Array<TargetOutcome<R>>(targets.length);
  const runOne = async (index: number) => {
    const target = targets[index] as Target;
    options.onTargetEvent?.({ kind: 'start', target: target.name });
    const started = performance.now();
    try {
      const value = await run(targetConfig(config, target), target);
      const ms = Math.round(performance.now() - started);
      outcomes[index] = { target, status: 'done', value, ms };
      options.onTargetEvent?.({ kind: 'done', target: target.name, ms });
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      const shown = targetError(error);
      outcomes[index] = { target, status: 'failed', error: shown, ms };
      options.onTargetEvent?.({ kind: 'failed', target: target.name, ms, error: shown });
    }
  };
  const first = Math.min(canary, targets.length);
  await pool(range(0, first), parallel, runOne);
  const canaryFailed = outcomes.slice(0, first).some((o) => o.status === 'failed');
  if (canaryFailed) {
    for (const index of range(first, targets.length)) {
      const target = targets[index] as Target;
      outcomes[index] = { target, status: 'skipped' };
      options.onTargetEvent?.({ kind: 'skipped', target: target.name });
    }
  } else {
    await pool(range(first, targets.length), parallel, runOne);
  }
  return outcomes;
}

/** The config for one target: its URL in place of the config's, named by the target in messages. */
export function targetConfig(config: ResolvedConfig, target: Target): ResolvedConfig {
  return { ...config, url: target.url, urlSource: `target '${target.name}'` };
}

/** A failure as `--json` and the final table show it; a bug (not a KilnError) keeps its message only. */
function targetError(error: unknown): TargetError {
  if (isKilnError(error)) return { code: error.code, message: error.message, hint: error.hint ?? null };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error), hint: null };
}

/** Runs `fn` over `items` with at most `limit` in flight; each worker takes the next item as it frees up. */
async function pool(items: readonly number[], limit: number, fn: (item: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as number);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

function checkCount(value: number, flag: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new UsageError('usage.invalid-argument', `${flag} must be a whole number, 1 or more, not ${value}`, {
      hint: `e.g. ${flag} 4`,
    });
  }
  return value;
}
