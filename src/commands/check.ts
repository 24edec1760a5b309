import type { ResolvedConfig } from '../config/load-config.js';
import { describeOperation } from '../operations/describe.js';
import { type SchemaDifference, toDifference } from '../operations/difference.js';
import type { Operation } from '../operations/operation.js';
import type { RevisionGraph } from '../revisions/graph.js';
import type { EditedRevision } from '../runtime/applied-checksums.js';
import { loadScriptDirectory } from '../revisions/script-directory.js';
import { describePending, pendingHint, shortChecksum } from '../runtime/safety-errors.js';
import { type DatabaseSession, withDatabase } from './database.js';
import { type SafetyReport, safetyReport } from './safety.js';
import { loadSchemaModels, operationsToReach } from './schema-model.js';

export interface CheckResult extends SafetyReport {
  /**
   * Every revision not applied to the database, in the order `upgrade heads`
   * would apply them (oldest first), not only the heads.
   */
  readonly pending: readonly string[];
  /** One line per finding (half-applied, edited, pending, then each schema difference); empty = in sync. */
  readonly differences: readonly string[];
  /** The schema differences in their documented form (what `--json` prints as `differences`). */
  readonly schemaDifferences: readonly SchemaDifference[];
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
  return checkOf(config, graph);
}

/** `check` against revision files already loaded: `check --all` reads them once for every target. */
export function checkOf(config: ResolvedConfig, graph: RevisionGraph): Promise<CheckResult> {
  return withDatabase(config, async (session) => {
    const current = await session.context.currentHeads();
    const safety = await safetyReport(session.context, graph, current);
    const pending = pendingRevisions(graph, current);
    const operations = await schemaOperations(config, session);
    const differences = [
      ...safety.halfApplied.map((record) => `the ${describePending(record)}: ${pendingHint(record.revision)}`),
      ...safety.edited.map(describeEdited),
      ...pending.map(
        (rev) => `revision ${rev} (${graph.require(rev).message ?? 'no message'}) is not applied (run kiln upgrade)`,
      ),
      ...operations.map(describeOperation),
    ];
    return { pending, ...safety, differences, schemaDifferences: operations.map(toDifference), operations };
  });
}

/** An edited applied revision on one line, with the way out (`check`, `status`). */
export function describeEdited(e: EditedRevision): string {
  return `revision ${e.revision} (${e.file}) was edited after it was applied: recorded ${shortChecksum(e.recorded)}, now ${shortChecksum(e.actual)} (restore it, or accept it with 'kiln resolve ${e.revision} --rehash')`;
}

/** Every revision not applied under `current`, oldest first (the order `upgrade heads` applies them). */
export function pendingRevisions(graph: RevisionGraph, current: readonly string[]): string[] {
  const applied = graph.appliedRevisions(current);
  return graph.topologicalOrder.filter((id) => !applied.has(id));
}

/**
 * The operations that would bring the database to the schema modules: the
 * one comparison `check`, `status` and autogenerate share.
 */
export async function schemaOperations(config: ResolvedConfig, session: DatabaseSession): Promise<Operation[]> {
  const models = await loadSchemaModels(config, session.dialect);
  return operationsToReach(config, session, models);
}
