import type { ResolvedConfig } from '../config/load-config.js';
import { stampPlan } from '../revisions/plan.js';
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
}

/**
 * `kiln stamp <rev...>`: records revision(s) as applied without running
 * anything, e.g. for a database that was created by other means. Refused
 * while a revision is half-applied: `kiln resolve` settles that first.
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
    return { before: [], heads: plan.heads, sql: target.text() };
  }
  return withDatabase(
    config,
    async ({ context }) => {
      await assertNothingPending(context, graph);
      await context.ensureKilnTables();
      const before = await context.currentHeads();
      const plan = stampPlan(graph, before, targets, purge);
      await context.stamp(plan.versionDelete, plan.versionInsert, purge);
      return { before, heads: await context.currentHeads(), sql: null };
    },
    { lock: options, command: 'stamp' },
  );
}
