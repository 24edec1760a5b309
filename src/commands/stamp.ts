import type { ResolvedConfig } from '../config/load-config.js';
import { stampPlan } from '../revisions/plan.js';
import { resolveRevisions } from '../revisions/resolve-target.js';
import { loadScriptDirectory } from '../revisions/script-directory.js';
import { offlineContext, withDatabase } from './database.js';
import type { LockWaitOptions } from './lock-options.js';
import { assertNothingPending } from './safety.js';

export interface StampOptions extends LockWaitOptions {
  /** Print the SQL instead of running it. */
  readonly sql?: boolean;
  /** Empty the version table first: for a table naming revisions that no longer exist. */
  readonly purge?: boolean;
}

export interface StampResult {
  readonly before: readonly string[];
  readonly heads: readonly string[];
  readonly sql: string | null;
  /** What `kiln current` lists after the stamp: the rows and the revisions applied as their dependencies (see `current`). */
  readonly current: readonly string[];
  /** Whether the version table changed (always true with `sql`: nothing was read). */
  readonly changed: boolean;
  /**
   * When nothing changed: each target, and the version rows that already
   * needed it (empty when it is a row itself), so the reason can be shown,
   * e.g. `already at D (applied as a dependency of X)`.
   */
  readonly alreadyApplied: readonly { readonly revision: string; readonly dependencyOf: readonly string[] }[];
}

/**
 * `kiln stamp <rev...>`: records revision(s) as applied without running
 * anything, e.g. for a database that was created by other means. An
 * applied target leaves the rows a downgrade to it would leave, so only its
 * own branch moves (Alembic also un-records other branches' revisions that
 * depend on it). When the version table already says so, nothing is
 * written and `alreadyApplied` says why. Refused while a revision is
 * half-applied: `kiln resolve` settles that first.
 *
 * @example await stamp(await loadConfig(), ['head']);
 */
export async function stamp(
  config: ResolvedConfig,
  targets: readonly string[],
  options: StampOptions = {},
): Promise<StampResult> {
  const { graph } = await loadScriptDirectory(config.versionsDir);
  const purge = options.purge === true;
  if (options.sql === true) {
    const { context, target } = await offlineContext(config);
    await context.ensureKilnTables();
    const plan = stampPlan(graph, [], targets, purge);
    await context.stamp(plan.versionDelete, plan.versionInsert, purge);
    const current = graph.effectiveHeads(plan.heads);
    return { before: [], heads: plan.heads, current, sql: target.text(), changed: true, alreadyApplied: [] };
  }
  return withDatabase(
    config,
    async ({ context }) => {
      await assertNothingPending(context, graph);
      await context.ensureKilnTables();
      const before = await context.currentHeads();
      const plan = stampPlan(graph, before, targets, purge);
      const changed = purge || plan.versionDelete.length > 0 || plan.versionInsert.length > 0;
      if (!changed) {
        // Nothing to move, nothing to log: say why instead of claiming a stamp.
        const alreadyApplied = targets
          .flatMap((t) => resolveRevisions(graph, t, before))
          .map((revision) => ({
            revision,
            dependencyOf: before.includes(revision) ? [] : graph.requiredBy(revision, before),
          }));
        return { before, heads: before, current: graph.effectiveHeads(before), sql: null, changed, alreadyApplied };
      }
      await context.stamp(plan.versionDelete, plan.versionInsert, purge);
      const heads = await context.currentHeads();
      return { before, heads, current: graph.effectiveHeads(heads), sql: null, changed, alreadyApplied: [] };
    },
    { lock: options, command: 'stamp' },
  );
}
