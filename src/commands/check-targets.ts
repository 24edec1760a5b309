import type { ResolvedConfig } from '../config/load-config.js';
import type { SchemaDifference } from '../operations/difference.js';
import { loadScriptDirectory } from '../revisions/script-directory.js';
import { checkOf } from './check.js';
import { requireSchemaFiles } from './schema-model.js';
import { type ForEachTargetOptions, forEachTarget, type TargetError } from './for-each-target.js';
import { selectTargets, type Target, type TargetSelection } from './targets.js';

export interface CheckTargetsOptions extends TargetSelection, Pick<ForEachTargetOptions, 'parallel'> {
  /** Told the selected targets before any is read (the CLI hides their passwords). */
  readonly onSelected?: (targets: readonly Target[]) => void;
}

/** One target's `kiln check`, or why it could not be read. */
export interface TargetCheckRow {
  readonly target: string;
  /** `clean`: nothing reported; `differs`: `kiln check` would exit 1 there; `failed`: not read. */
  readonly state: 'clean' | 'differs' | 'failed';
  /** Revisions not applied, oldest first; null when it failed. */
  readonly pending: readonly string[] | null;
  /** Revisions left half-applied; null when it failed. */
  readonly halfApplied: readonly string[] | null;
  /** Applied revisions edited since they ran; null when it failed. */
  readonly edited: readonly string[] | null;
  /** The models against the database, in `kiln check --json`'s shape; null when it failed. */
  readonly differences: readonly SchemaDifference[] | null;
  /** Every finding on one line each, as `kiln check` prints them; null when it failed. */
  readonly findings: readonly string[] | null;
  readonly error: TargetError | null;
}

export interface TargetsCheckResult {
  readonly targets: readonly TargetCheckRow[];
  /** Targets where something was reported. */
  readonly differs: readonly string[];
  /** Targets that could not be read. */
  readonly failed: readonly string[];
}

/**
 * `kiln check --all` / `--targets`: `kiln check` on each target, read
 * `parallel` at a time. A target that cannot be read is a `failed` row; the
 * others are still checked.
 *
 * @example (await checkTargets(config, { all: true })).differs
 */
export async function checkTargets(config: ResolvedConfig, options: CheckTargetsOptions): Promise<TargetsCheckResult> {
  requireSchemaFiles(config);
  const { graph } = await loadScriptDirectory(config.versionsDir);
  const targets = await selectTargets(config, options);
  options.onSelected?.(targets);
  const outcomes = await forEachTarget(config, targets, (targetConfig) => checkOf(targetConfig, graph), {
    ...(options.parallel === undefined ? {} : { parallel: options.parallel }),
  });
  const rows = outcomes.map((outcome): TargetCheckRow => {
    if (outcome.status === 'done') {
      const result = outcome.value;
      return {
        target: outcome.target.name,
        state: result.differences.length === 0 ? 'clean' : 'differs',
        pending: result.pending,
        halfApplied: result.halfApplied.map((record) => record.revision),
        edited: result.edited.map((e) => e.revision),
        differences: result.schemaDifferences,
        findings: result.differences,
        error: null,
      };
    }
    return {
      target: outcome.target.name,
      state: 'failed',
      pending: null,
      halfApplied: null,
      edited: null,
      differences: null,
      findings: null,
      error: outcome.status === 'failed' ? outcome.error : null,
    };
  });
  const named = (state: TargetCheckRow['state']) => rows.filter((r) => r.state === state).map((r) => r.target);
  return { targets: rows, differs: named('differs'), failed: named('failed') };
}
