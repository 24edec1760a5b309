import { randomBytes } from 'node:crypto';
import { RESERVED_TARGET_WORDS, type RevisionGraph } from './graph.js';
import { invalidNewRevisionError, shownPath } from './revision-errors.js';

/** The width of `kiln_version.version_num`: a longer id could not be recorded. */
export const MAX_REVISION_ID_LENGTH = 32;
/** Letters, digits and `_`: no character the target grammar gives a meaning (`@ : + -`). */
const REVISION_ID = /^[A-Za-z0-9_]+$/;
const BAD_LABEL = /[\s@:+]/;

/** The graph fields of a revision about to be written. */
export interface NewRevision {
  readonly revision: string;
  readonly downRevisions: readonly string[];
  readonly branchLabels: readonly string[];
  readonly dependsOn: readonly string[];
}

/**
 * Checks that a new revision fits the graph before its file is written:
 * the id is new, at most 32 characters (the version column) of letters,
 * digits and `_`; every parent exists; every `dependsOn` is an id or a
 * label; each label is new, not an id, not a reserved word (`head`,
 * `heads`, `base`, `current`) and free of `@ : +` and spaces.
 *
 * @throws RevisionError `revision.new-invalid` naming the offending value (and the file that already uses it).
 * @example validateNewRevision(graph, { revision: generateRevisionId(), downRevisions: graph.heads, branchLabels: [], dependsOn: [] })
 */
export function validateNewRevision(graph: RevisionGraph, revision: NewRevision): void {
  validateId(graph, revision.revision);
  for (const parent of revision.downRevisions) {
    if (!graph.has(parent)) throw invalidNewRevisionError(`parent revision ${parent} does not exist`, { parent });
  }
  for (const dep of revision.dependsOn) {
    if (!graph.has(dep) && graph.labelOwner(dep) === undefined) {
      throw invalidNewRevisionError(`dependsOn ${dep} is neither a revision id nor a branch label`, {
        dependency: dep,
      });
    }
  }
  const seen = new Set<string>();
  for (const label of revision.branchLabels) {
    validateLabel(graph, label, revision.revision);
    if (seen.has(label)) throw invalidNewRevisionError(`branch label '${label}' is given twice`, { label });
    seen.add(label);
  }
}

/**
 * A new revision id: 12 hex characters from `node:crypto` (48 random bits,
 * as Alembic's), redrawn in the unlikely case `taken` says it exists.
 * @example generateRevisionId() // '3f2a9c1d7e4b'
 */
export function generateRevisionId(taken: (id: string) => boolean = () => false): string {
  for (;;) {
    const id = randomBytes(6).toString('hex');
    if (!taken(id)) return id;
  }
}

function validateId(graph: RevisionGraph, id: string): void {
  if (id.length > MAX_REVISION_ID_LENGTH) {
    throw invalidNewRevisionError(`revision id '${id}' is longer than ${MAX_REVISION_ID_LENGTH} characters`, {
      revision: id,
    });
  }
  if (!REVISION_ID.test(id)) {
    throw invalidNewRevisionError(`revision id '${id}' may hold only letters, digits and _`, { revision: id });
  }
  const existing = graph.get(id);
  if (existing)
    throw invalidNewRevisionError(`revision ${id} already exists in ${shownPath(existing.path)}`, {
      revision: id,
      file: existing.path,
    });
  const owner = graph.labelOwner(id);
  if (owner !== undefined) {
    throw invalidNewRevisionError(`revision id '${id}' is already a branch label of ${owner}`, {
      revision: id,
      label: id,
    });
  }
}

function validateLabel(graph: RevisionGraph, label: string, newId: string): void {
  if (label === '' || BAD_LABEL.test(label) || RESERVED_TARGET_WORDS.has(label)) {
    throw invalidNewRevisionError(`'${label}' is not a valid branch label`, { label });
  }
  const owner = graph.labelOwner(label);
  if (owner !== undefined) {
    throw invalidNewRevisionError(
      `branch label '${label}' is already used by ${owner} (${shownPath(graph.require(owner).path)})`,
      { label, revision: owner },
    );
  }
  if (graph.has(label) || label === newId) {
    throw invalidNewRevisionError(`branch label '${label}' equals a revision id`, { label });
  }
}
