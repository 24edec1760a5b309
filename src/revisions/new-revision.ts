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

export interface NewRevisionOptions {
  /** The option the id came from (`--rev-id`), named in errors; omit for a generated id. */
  readonly idOption?: string;
}

/**
 * Checks that a new revision fits the graph before its file is written:
 * the id is new, at most 32 characters (the version column) of letters,
 * digits and `_`, not a reserved word, and neither a prefix of an existing
 * id nor extended by one (a partial id could not tell them apart); every
 * parent exists; every `dependsOn` is an id or a
 * label; each label is new, not an id, not a reserved word (`head`,
 * `heads`, `base`, `current`) and free of `@ : +` and spaces.
 *
 * @throws RevisionError `revision.new-invalid` naming the offending value (and the file that already uses it).
 * @example validateNewRevision(graph, { revision: generateRevisionId(), downRevisions: graph.heads, branchLabels: [], dependsOn: [] })
 */
export function validateNewRevision(
  graph: RevisionGraph,
  revision: NewRevision,
  options: NewRevisionOptions = {},
): void {
  validateId(graph, revision.revision, options.idOption);
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

function validateId(graph: RevisionGraph, id: string, option: string | undefined): void {
  // The option first, so the user sees which flag to change; then the message a generated id would get.
  const from = option === undefined ? '' : `${option}: `;
  const name = `${from}revision id '${id}'`;
  if (id.length > MAX_REVISION_ID_LENGTH) {
    throw invalidNewRevisionError(`${name} is longer than ${MAX_REVISION_ID_LENGTH} characters`, { revision: id });
  }
  if (!REVISION_ID.test(id)) {
    throw invalidNewRevisionError(`${name} may hold only letters, digits and _ (no @ : + - or spaces)`, {
      revision: id,
    });
  }
  if (RESERVED_TARGET_WORDS.has(id.toLowerCase())) {
    throw invalidNewRevisionError(`${name} is a reserved target word (${[...RESERVED_TARGET_WORDS].join(', ')})`, {
      revision: id,
    });
  }
  const existing = graph.get(id);
  if (existing)
    throw invalidNewRevisionError(`${from}revision ${id} already exists in ${shownPath(existing.path)}`, {
      revision: id,
      file: existing.path,
    });
  const owner = graph.labelOwner(id);
  if (owner !== undefined) {
    throw invalidNewRevisionError(`${name} is already a branch label of ${owner}`, { revision: id, label: id });
  }
  const clash = prefixClash(graph, id);
  if (clash !== undefined) {
    throw invalidNewRevisionError(
      `${name} and revision ${clash} start alike (one is a prefix of the other), so a partial id could not tell them apart`,
      { revision: id, other: clash },
    );
  }
}

/** An existing id that is a prefix of `id`, or of which `id` is a prefix. */
function prefixClash(graph: RevisionGraph, id: string): string | undefined {
  return graph.revisions().find((meta) => meta.revision.startsWith(id) || id.startsWith(meta.revision))?.revision;
}

/** Whether a generated id would be refused by `validateNewRevision`: drawn again instead. */
export function revisionIdTaken(graph: RevisionGraph): (id: string) => boolean {
  return (id) => graph.labelOwner(id) !== undefined || prefixClash(graph, id) !== undefined;
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
