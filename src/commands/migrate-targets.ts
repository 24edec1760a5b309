import type { ResolvedConfig } from '../config/load-config.js';
import type { Step } from '../revisions/plan.js';
import { loadScriptDirectory } from '../revisions/script-directory.js';
import { sharedRevisionLoader } from '../runtime/revision-module.js';
import { type ForEachTargetOptions, forEachTarget, type TargetError, type TargetEvent } from './for-each-target.js';
import type { LockWait } from './lock-options.js';
import type { StepEvent } from './step-title.js';
import { selectTargets, type Target, type TargetSelection } from './targets.js';
import { finalHeads, loadPlan, type MigrateOptions, migrateDatabase } from './upgrade.js';

/** A progress event of a multi-target run: a target started, ended, was skipped, ran a step, waits for a lock. */
export type MigrationTargetEvent =
  | TargetEvent
  | { readonly kind: 'step'; readonly target: string; readonly step: StepEvent }
  | { readonly kind: 'lock-wait'; readonly target: string; readonly wait: LockWait }
  | { readonly kind: 'warning'; readonly target: string; readonly message: string };

export interface MigrateTargetsOptions extends TargetSelection, Omit<ForEachTargetOptions, 'onTargetEvent'> {
  readonly lockTimeout?: number;
  /** false: no lint report of what each target is about to run (see `MigrateOptions.lint`). */
  readonly lint?: boolean;
  /** Told as each target starts, runs a step, waits for its lock, warns, ends (default: nobody). */
  readonly onEvent?: (event: MigrationTargetEvent) => void;
  /** Told the selected targets before any runs (the CLI hides their passwords from everything it prints). */
  readonly onSelected?: (targets: readonly Target[]) => void;
}

/** One target's line of the final table (and of `--json`). */
export interface TargetMigrationRow {
  readonly target: string;
  /** The version rows before the run (empty: base); null when the target could not be read (no connection, no lock). */
  readonly from: readonly string[] | null;
  /** The version rows after the run, or where it stopped; null as for `from`. */
  readonly to: readonly string[] | null;
  /** Revisions applied (or reverted) by this run. */
  readonly applied: number;
  /** Milliseconds, connection and lock wait included; null when skipped. */
  readonly ms: number | null;
  readonly status: 'done' | 'failed' | 'skipped';
  readonly error: TargetError | null;
}

export interface TargetsMigrationResult {
  readonly direction: 'up' | 'down';
  readonly targets: readonly TargetMigrationRow[];
  /** Names of the targets that failed, in the config's order. */
  readonly failed: readonly string[];
  /** Names of the targets not started because a canary failed. */
  readonly skipped: readonly string[];
}

/**
 * `kiln upgrade <target> --all` / `--targets a,b*`: the same upgrade on each
 * selected target, `parallel` at a time, each with its own connection, lock,
 * version table and log. The revision files are imported once for the whole
 * run. A failing target stops alone; its row says why. Resumable: a re-run
 * starts each target from where it is.
 *
 * @example const { failed } = await upgradeTargets(config, 'head', { all: true, parallel: 8 });
 */
export function upgradeTargets(
  config: ResolvedConfig,
  target: string,
  options: MigrateTargetsOptions,
): Promise<TargetsMigrationResult> {
  return migrateTargets(config, 'up', target, options);
}

/** `kiln downgrade <target> --all`: as `upgradeTargets`, downwards. */
export function downgradeTargets(
  config: ResolvedConfig,
  target: string,
  options: MigrateTargetsOptions,
): Promise<TargetsMigrationResult> {
  return migrateTargets(config, 'down', target, options);
}

async function migrateTargets(
  config: ResolvedConfig,
  direction: 'up' | 'down',
  to: string,
  options: MigrateTargetsOptions,
): Promise<TargetsMigrationResult> {
  const scripts = await loadScriptDirectory(config.versionsDir);
  const targets = await selectTargets(config, options);
  options.onSelected?.(targets);
  const shared = sharedRevisionLoader();
  const emit = options.onEvent ?? (() => {});
  // Kept per target so that a failed run still says where it started and how far it got.
  const progress = new Map<string, { from: string[] | null; done: Step[] }>();
  const outcomes = await forEachTarget(
    config,
    targets,
    (targetConfig, { name }) => {
      const record: { from: string[] | null; done: Step[] } = { from: null, done: [] };
      progress.set(name, record);
      return migrateDatabase(
        targetConfig,
        scripts,
        direction,
        to,
        {
          ...(options.lockTimeout === undefined ? {} : { lockTimeout: options.lockTimeout }),
          ...(options.lint === undefined ? {} : { lint: options.lint }),
          onLockWait: (wait) => emit({ kind: 'lock-wait', target: name, wait }),
          onStep: (step) => emit({ kind: 'step', target: name, step }),
          onWarning: (message) => emit({ kind: 'warning', target: name, message }),
        } satisfies MigrateOptions,
        (s, steps) => loadPlan(s, steps, shared),
        {
          started: (heads) => {
            record.from = [...heads].sort();
          },
          stepDone: (step) => record.done.push(step),
        },
      );
    },
    {
      ...(options.parallel === undefined ? {} : { parallel: options.parallel }),
      ...(options.canary === undefined ? {} : { canary: options.canary }),
      onTargetEvent: emit,
    },
  );
  const rows = outcomes.map((outcome): TargetMigrationRow => {
    const record = progress.get(outcome.target.name) ?? { from: null, done: [] };
    const { from } = record;
    const row = (to: readonly string[] | null, ms: number | null) =>
      ({ target: outcome.target.name, from, to, applied: record.done.length, ms }) as const;
    if (outcome.status === 'done') return { ...row(outcome.value.heads, outcome.ms), status: 'done', error: null };
    if (outcome.status === 'skipped') return { ...row(from, null), status: 'skipped', error: null };
    const to = from === null ? null : finalHeads(from, record.done);
    return { ...row(to, outcome.ms), status: 'failed', error: outcome.error };
  });
  const named = (status: TargetMigrationRow['status']) => rows.filter((r) => r.status === status).map((r) => r.target);
  return { direction, targets: rows, failed: named('failed'), skipped: named('skipped') };
}
