import type { RevisionGraph } from '../revisions/graph.js';
import { shownPath } from '../revisions/revision-errors.js';
import { revisionFileMatches } from '../revisions/script-directory.js';

/** An applied revision whose file no longer matches the checksum recorded when it ran. */
export interface EditedRevision {
  readonly revision: string;
  /** The file, relative to the working directory when inside it. */
  readonly file: string;
  /** Full SHA-256 hex digests: the one in kiln_log and the file's now. */
  readonly recorded: string;
  readonly actual: string;
}

/**
 * Compares every applied revision (an ancestor-or-self of a version row)
 * that has a recorded checksum with its file. Revisions only stamped (no
 * checksum) are skipped; only applied files are read, one small read each.
 *
 * @example findEditedRevisions(graph, ['3f2a9c1d7e4b'], await context.recordedChecksums())
 */
export function findEditedRevisions(
  graph: RevisionGraph,
  heads: readonly string[],
  recorded: ReadonlyMap<string, string | null>,
): EditedRevision[] {
  const applied = graph.ancestors(heads.filter((head) => graph.has(head)));
  const edited: EditedRevision[] = [];
  for (const revision of graph.topologicalOrder) {
    const checksum = recorded.get(revision);
    if (!applied.has(revision) || checksum === undefined || checksum === null) continue;
    const meta = graph.require(revision);
    const { matches, actual } = revisionFileMatches(meta.path, checksum);
    // A baseline `kiln squash` wrote under this id replaced the file that ran: not an edit.
    if (!matches && meta.squashedChecksum !== checksum)
      edited.push({ revision, file: shownPath(meta.path), recorded: checksum, actual });
  }
  return edited;
}
