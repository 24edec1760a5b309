import type { RevisionGraph } from '../revisions/graph.js';
import type { RevisionMeta } from '../revisions/read-metadata.js';
import { shownPath } from '../revisions/revision-errors.js';

/** A revision as the reading commands report it (text and `--json`): its metadata plus where it sits. */
export interface RevisionInfo extends RevisionMeta {
  readonly isHead: boolean;
  readonly isBase: boolean;
  readonly isBranchPoint: boolean;
  readonly isMergePoint: boolean;
  /** Whether the database is at this revision (only when the command read the database). */
  readonly isCurrent: boolean;
  readonly children: readonly string[];
}

export function revisionInfo(
  graph: RevisionGraph,
  meta: RevisionMeta,
  current: ReadonlySet<string> = new Set(),
): RevisionInfo {
  const children = graph.children(meta.revision);
  return {
    ...meta,
    // Shown relative to the working directory when inside it.
    path: shownPath(meta.path),
    isHead: children.length === 0,
    isBase: meta.downRevisions.length === 0,
    isBranchPoint: children.length > 1,
    isMergePoint: meta.downRevisions.length > 1,
    isCurrent: current.has(meta.revision),
    children,
  };
}
