import type { ResolvedConfig } from '../config/load-config.js';
import { describeOperation } from '../operations/describe.js';
import type { Operation } from '../operations/operation.js';
import { loadScriptDirectory } from '../revisions/script-directory.js';
import { describePending, pendingHint, shortChecksum } from '../runtime/safety-errors.js';
import { withDatabase } from './database.js';
import { type SafetyReport, safetyReport } from './safety.js';
import { loadSchemaModels, operationsToReach } from './schema-model.js';

export interface CheckResult extends SafetyReport {
  /**
   * Every revision not applied to the database, in the order `upgrade heads`
   * would apply them (oldest first), not only the heads.
   */
  readonly pending: readonly string[];
  /** One line per difference between the schema modules and the database; empty = in sync. */
  readonly differences: readonly string[];
  readonly operations: readonly Operation[];
}

/**
 * `kiln check`: compares the schema modules with the database (as
 * autogenerate would) and reports what differs, with any revision left
 * half-applied and any applied revision file edited since it ran. The CLI
 * exits 1 when anything is reported, so CI can fail a build whose models
 * lack a revision.
 *
 * @example const { differences } = await check(await loadConfig());
 */
export async function check(config: ResolvedConfig): Promise<CheckResult> {
  const { graph } = await loadScriptDirectory(config.versionsDir);
  return withDatabase(config, async (session) => {
    const current = await session.context.currentHeads();
    const safety = await safetyReport(session.context, graph, current);
    const applied = graph.appliedRevisions(current);
    const pending = graph.topologicalOrder.filter((id) => !applied.has(id));
    const models = await loadSchemaModels(config, session.dialect);
    const operations = await operationsToReach(config, session, models);
    const differences = [
      ...safety.halfApplied.map((record) => `the ${describePending(record)}: ${pendingHint(record.revision)}`),
      ...safety.edited.map(
        (e) =>
          `revision ${e.revision} (${e.file}) was edited after it was applied: recorded ${shortChecksum(e.recorded)}, now ${shortChecksum(e.actual)} (restore it, or accept it with 'kiln resolve ${e.revision} --rehash')`,
      ),
      ...pending.map(
        (rev) => `revision ${rev} (${graph.require(rev).message ?? 'no message'}) is not applied (run kiln upgrade)`,
      ),
      ...operations.map(describeOperation),
    ];
    return { pending, ...safety, differences, operations };
  });
}
