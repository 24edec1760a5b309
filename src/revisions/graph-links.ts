import type { RevisionMeta } from './read-metadata.js';
import {
  badLabelError,
  cycleError,
  duplicateRevisionError,
  metadataInvalidError,
  missingParentError,
  unknownDependencyError,
} from './revision-errors.js';

/** Words a branch label may not be, because targets use them. */
export const RESERVED_TARGET_WORDS: ReadonlySet<string> = new Set(['head', 'heads', 'base', 'current']);
const BAD_LABEL = /[\s@:+]/;
const BAD_ID = /[\s@:]/;

/** One revision with its edges in both directions, as `RevisionGraph` stores it. */
export interface GraphNode {
  readonly meta: RevisionMeta;
  readonly parents: readonly string[];
  readonly deps: readonly string[];
  /** parents ∪ deps: everything that must run before this revision. */
  readonly requires: readonly string[];
  readonly children: string[];
  readonly dependents: string[];
  index: number;
}

/**
 * Validates revision metadata and links it into nodes: duplicate ids (both
 * files named), a downRevision or dependsOn pointing nowhere, cycles (the
 * members named), bad branch labels. Returns the nodes, the label owners and
 * a deterministic topological order (each node's `index` set to its place).
 * @throws RevisionError
 */
export function linkRevisions(metas: readonly RevisionMeta[]): {
  nodes: Map<string, GraphNode>;
  labelOwners: Map<string, string>;
  order: string[];
} {
  const byId = new Map<string, RevisionMeta>();
  for (const meta of metas) {
    const other = byId.get(meta.revision);
    if (other) throw duplicateRevisionError(meta.revision, [other.path, meta.path]);
    if (BAD_ID.test(meta.revision)) {
      throw metadataInvalidError(meta.path, 'revision', 'must not contain whitespace, @ or :');
    }
    byId.set(meta.revision, meta);
  }
  const labelOwners = collectLabels(byId);
  const nodes = new Map<string, GraphNode>();
  for (const meta of byId.values()) nodes.set(meta.revision, linkNode(meta, byId, labelOwners));
  for (const node of nodes.values()) {
    for (const p of node.parents) nodes.get(p)?.children.push(node.meta.revision);
    for (const d of node.deps) nodes.get(d)?.dependents.push(node.meta.revision);
  }
  const order = topologicalOrder(nodes);
  order.forEach((id, index) => {
    (nodes.get(id) as GraphNode).index = index;
  });
  return { nodes, labelOwners, order };
}

function collectLabels(byId: ReadonlyMap<string, RevisionMeta>): Map<string, string> {
  const owners = new Map<string, string>();
  for (const meta of byId.values()) {
    for (const label of meta.branchLabels) {
      const owner = owners.get(label);
      if (owner !== undefined) {
        throw badLabelError(label, 'is declared twice', [byId.get(owner)?.path ?? owner, meta.path]);
      }
      const sameId = byId.get(label);
      if (sameId) throw badLabelError(label, `equals revision id ${label}`, [meta.path, sameId.path]);
      if (BAD_LABEL.test(label) || RESERVED_TARGET_WORDS.has(label)) {
        throw badLabelError(label, 'is not a valid label', [meta.path]);
      }
      owners.set(label, meta.revision);
    }
  }
  return owners;
}

function linkNode(
  meta: RevisionMeta,
  byId: ReadonlyMap<string, RevisionMeta>,
  labelOwners: ReadonlyMap<string, string>,
): GraphNode {
  for (const parent of meta.downRevisions) {
    if (parent === meta.revision) throw cycleError([meta.revision], [meta.path]);
    if (!byId.has(parent)) throw missingParentError(meta.revision, meta.path, parent);
  }
  const deps: string[] = [];
  for (const dep of meta.dependsOn) {
    const id = byId.has(dep) ? dep : labelOwners.get(dep);
    if (id === undefined) throw unknownDependencyError(meta.revision, meta.path, dep);
    if (id === meta.revision) throw cycleError([meta.revision], [meta.path]);
    if (!deps.includes(id)) deps.push(id);
  }
  const parents = [...new Set(meta.downRevisions)];
  const requires = [...new Set([...parents, ...deps])];
  return { meta, parents, deps, requires, children: [], dependents: [], index: -1 };
}

/**
 * Kahn's algorithm with a stack, so that one branch runs to its end before
 * the next starts; ties break by id, so the order never depends on file
 * listing order. Leftover nodes mean a cycle, reported by its members.
 */
function topologicalOrder(nodes: ReadonlyMap<string, GraphNode>): string[] {
  const pending = new Map<string, number>();
  const ready: string[] = [];
  for (const [id, node] of nodes) {
    pending.set(id, node.requires.length);
    if (node.requires.length === 0) ready.push(id);
  }
  ready.sort(descending);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.pop() as string;
    order.push(id);
    const node = nodes.get(id) as GraphNode;
    const released: string[] = [];
    for (const next of new Set([...node.children, ...node.dependents])) {
      const left = (pending.get(next) ?? 0) - 1;
      pending.set(next, left);
      if (left === 0) released.push(next);
    }
    ready.push(...released.sort(descending));
  }
  if (order.length < nodes.size) {
    const members = findCycle(nodes, pending);
    throw cycleError(
      members,
      members.map((id) => (nodes.get(id) as GraphNode).meta.path),
    );
  }
  return order;
}

/** Every leftover node still waits on a leftover requirement: follow them until one repeats. */
function findCycle(nodes: ReadonlyMap<string, GraphNode>, pending: ReadonlyMap<string, number>): string[] {
  const leftover = (id: string): boolean => (pending.get(id) ?? 0) > 0;
  let cur = [...nodes.keys()].filter(leftover).sort()[0] as string;
  const path: string[] = [];
  const seenAt = new Map<string, number>();
  while (!seenAt.has(cur)) {
    seenAt.set(cur, path.length);
    path.push(cur);
    cur = (nodes.get(cur) as GraphNode).requires.find(leftover) as string;
  }
  return path.slice(seenAt.get(cur)).reverse();
}

function descending(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}
