import type { RevisionGraph } from '../revisions/graph.js';
import { shownPath } from '../revisions/revision-errors.js';
import { type EditedRevision, findEditedRevisions } from '../runtime/applied-checksums.js';
import type { MigrationContext } from '../runtime/migration-context.js';
import type { PendingRecord } from '../runtime/pending-record.js';
import { editedRevisionsError, pendingRevisionError } from '../runtime/safety-errors.js';

/** What `kiln check` and `kiln current` report beside the schema: half-applied and edited revisions. */
export interface SafetyReport {
  /** Revisions a crashed or failed run left half-applied (`kiln resolve --applied | --rolled-back`). */
  readonly halfApplied: readonly PendingRecord[];
  /** Applied revisions whose file changed since it ran (`kiln resolve --rehash`). */
  readonly edited: readonly EditedRevision[];
}

/** Reads the pending records and compares every applied file with its recorded checksum. */
export async function safetyReport(
  context: MigrationContext,
  graph: RevisionGraph,
  heads: readonly string[],
): Promise<SafetyReport> {
  const halfApplied = await context.pendingRecords();
  const edited = findEditedRevisions(graph, heads, await context.recordedChecksums());
  return { halfApplied, edited };
}

/**
 * `upgrade` and `downgrade` start only from a known state: no revision left
 * half-applied, and every applied file as it was when it ran (a file edited
 * since would make a later downgrade undo something other than what ran).
 */
export async function assertSafeToMigrate(
  context: MigrationContext,
  graph: RevisionGraph,
  heads: readonly string[],
): Promise<void> {
  await assertNothingPending(context, graph);
  const edited = findEditedRevisions(graph, heads, await context.recordedChecksums());
  if (edited.length > 0) throw editedRevisionsError(edited);
}

/**
 * Nothing moves the version rows while a revision is half-applied (`upgrade`,
 * `downgrade`, `stamp`): `kiln resolve --applied` moves them from where the
 * revision left them, and would find them moved.
 */
export async function assertNothingPending(context: MigrationContext, graph: RevisionGraph): Promise<void> {
  const [record] = await context.pendingRecords();
  if (record !== undefined) {
    const meta = graph.get(record.revision);
    throw pendingRevisionError(record, meta === undefined ? null : shownPath(meta.path));
  }
}
