import type { ResolvedConfig } from '../config/load-config.js';
import type { LockHolder } from '../dialects/dialect.js';
import { loadScriptDirectory } from '../revisions/script-directory.js';
import { type ForEachTargetOptions, forEachTarget, type TargetError } from './for-each-target.js';
import { type SchemaStatus, type StatusResult, type StatusState, statusOf } from './status.js';
import { selectTargets, type Target, type TargetSelection } from './targets.js';

export interface StatusTargetsOptions extends TargetSelection, Pick<ForEachTargetOptions, 'parallel'> {
  /** Told the selected targets before any is read (the CLI hides their passwords). */
  readonly onSelected?: (targets: readonly Target[]) => void;
}

/** One target's status in brief, or why it could not be read. */
export interface TargetStatusRow {
  readonly target: string;
  /** The target's verdict; `failed` when it could not be read (unreachable, no access, …). */
  readonly state: StatusState | 'failed';
  /** The version rows (empty at base); null when it failed. */
  readonly current: readonly string[] | null;
  /** Revisions not applied; null when it failed. */
  readonly pending: number | null;
  /** The models against the database; null when it failed. */
  readonly schema: SchemaStatus['state'] | null;
  /** Applied revisions edited since they ran; null when it failed. */
  readonly edited: number | null;
  /** Revisions left half-applied; null when it failed. */
  readonly halfApplied: readonly string[] | null;
  /** Version rows naming no revision file; null when it failed. */
  readonly unknown: readonly string[] | null;
  /** Who holds kiln's migration lock; null when it is free or the target failed. */
  readonly lock: LockHolder | null;
  readonly error: TargetError | null;
  /** The target's whole `kiln status` result (differences, edited files, …) less its URL; null when it failed. */
  readonly status: Omit<StatusResult, 'database'> | null;
}

export interface TargetsStatusResult {
  /** The worst row's state (`failed` above `attention` above `pending` above `up-to-date`). */
  readonly state: StatusState | 'failed';
  /** The heads of the revision files, the same for every target. */
  readonly heads: readonly string[];
  readonly targets: readonly TargetStatusRow[];
  /** Targets that could not be read. */
  readonly failed: readonly string[];
}

const SEVERITY: Readonly<Record<TargetStatusRow['state'], number>> = {
  'up-to-date': 0,
  pending: 1,
  attention: 2,
  failed: 3,
};

/**
 * `kiln status --all` / `--targets`: `kiln status` on each target, read
 * `parallel` at a time, taking no lock and writing nothing. A target that
 * cannot be read is a `failed` row; the others are still read.
 *
 * @example (await statusTargets(config, { all: true })).targets.filter((t) => t.state !== 'up-to-date')
 */
export async function statusTargets(
  config: ResolvedConfig,
  options: StatusTargetsOptions,
): Promise<TargetsStatusResult> {
  const { graph } = await loadScriptDirectory(config.versionsDir);
  const targets = await selectTargets(config, options);
  options.onSelected?.(targets);
  const outcomes = await forEachTarget(config, targets, (targetConfig) => statusOf(targetConfig, graph), {
    ...(options.parallel === undefined ? {} : { parallel: options.parallel }),
  });
  const rows = outcomes.map((outcome): TargetStatusRow => {
    if (outcome.status === 'done') return statusRow(outcome.target.name, outcome.value);
    return {
      target: outcome.target.name,
      state: 'failed',
      current: null,
      pending: null,
      schema: null,
      edited: null,
      halfApplied: null,
      unknown: null,
      lock: null,
      error: outcome.status === 'failed' ? outcome.error : null,
      status: null,
    };
  });
  const state = rows.reduce<TargetStatusRow['state']>(
    (worst, row) => (SEVERITY[row.state] > SEVERITY[worst] ? row.state : worst),
    'up-to-date',
  );
  const failed = rows.filter((r) => r.state === 'failed').map((r) => r.target);
  return { state, heads: graph.heads, targets: rows, failed };
}

function statusRow(target: string, result: StatusResult): TargetStatusRow {
  // The URL stays out (even without its password): a fleet's rows name targets only.
  const { database: _url, ...status } = result;
  return {
    target,
    state: result.state,
    current: result.current,
    pending: result.pending.length,
    schema: result.schema.state,
    edited: result.edited.length,
    halfApplied: result.halfApplied.map((record) => record.revision),
    unknown: result.unknown,
    lock: result.lock,
    error: null,
    status,
  };
}
