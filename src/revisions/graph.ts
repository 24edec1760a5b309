import type { RevisionMeta } from './read-metadata.js';
import {
  badLabelError,
  cycleError,
  duplicateRevisionError,
  metadataInvalidError,
  missingParentError,
  unknownDependencyError,
  unknownCurrentError,
  unknownRevisionError,
} from './revision-errors.js';

/** Words a branch label may not be, because targets use them. */
export const RESERVED_TARGET_WORDS: ReadonlySet<string> = new Set(['head', 'heads', 'base', 'current']);
const BAD_LABEL = /[\s@:+]/;
const BAD_ID = /[\s@:]/;

/** Which edges a traversal follows: `downRevision` only, or `dependsOn` too (the default). */
export interface TraversalOptions {
  /** Include the start revisions themselves. Default true. */
  readonly inclusive?: boolean;
  /** Follow `dependsOn` edges as well as `downRevision`. Default true. */
  readonly dependencies?: boolean;
}

interface Node {
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
 * The revision graph: every revision file's metadata, linked by
 * `downRevision` (parents/children) and `dependsOn` (dependencies/dependents).
 * Pure and immutable once built; every traversal is iterative and linear in
 * the size of what it visits, so 10,000-revision chains cost nothing.
 *
 * Vocabulary (Alembic's): a *base* has no downRevision; a *head* has no
 * child revision (what `kiln heads` lists, what `head` resolves to); a
 * *real head* has neither a child nor a dependent (the version rows after
 * upgrading everything, what `heads` resolves to).
 *
 * @example
 * const graph = RevisionGraph.build(metas);
 * graph.heads;                 // ['3f2a9c1d7e4b']
 * graph.ancestors(['3f2a9c1d7e4b']);  // Set of every revision it needs
 */
export class RevisionGraph {
  private readonly nodes: ReadonlyMap<string, Node>;
  private readonly labelOwners: ReadonlyMap<string, string>;
  private readonly order: readonly string[];
  private effectiveLabels: Map<string, string[]> | undefined;
  private appliedCache: { key: string; set: ReadonlySet<string> } | undefined;

  /** Heads: revisions without a child (by downRevision), in topological order. */
  readonly heads: readonly string[];
  /** Heads that are also nobody's dependency: the version rows when everything is applied. */
  readonly realHeads: readonly string[];
  /** Bases: revisions whose downRevision is null, in topological order. */
  readonly bases: readonly string[];

  private constructor(nodes: Map<string, Node>, labelOwners: Map<string, string>, order: string[]) {
    this.nodes = nodes;
    this.labelOwners = labelOwners;
    this.order = order;
    const at = (id: string): Node => nodes.get(id) as Node;
    this.heads = order.filter((id) => at(id).children.length === 0);
    this.realHeads = this.heads.filter((id) => at(id).dependents.length === 0);
    this.bases = order.filter((id) => at(id).parents.length === 0);
  }

  /**
   * Validates and links revision metadata: duplicate ids (naming both files),
   * a downRevision or dependsOn pointing nowhere, cycles (naming the members),
   * and branch labels that repeat, equal an id, or are reserved words.
   * @throws RevisionError
   */
  static build(metas: readonly RevisionMeta[]): RevisionGraph {
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
    const nodes = new Map<string, Node>();
    for (const meta of byId.values()) nodes.set(meta.revision, linkNode(meta, byId, labelOwners));
    for (const node of nodes.values()) {
      for (const p of node.parents) nodes.get(p)?.children.push(node.meta.revision);
      for (const d of node.deps) nodes.get(d)?.dependents.push(node.meta.revision);
    }
    const order = topologicalOrder(nodes);
    order.forEach((id, index) => {
      (nodes.get(id) as Node).index = index;
    });
    return new RevisionGraph(nodes, labelOwners, order);
  }

  /** Number of revisions. */
  get size(): number {
    return this.order.length;
  }

  /** Every revision id, parents before children (dependencies before dependents). */
  get topologicalOrder(): readonly string[] {
    return this.order;
  }

  /** Every revision's metadata, in topological order. */
  revisions(): RevisionMeta[] {
    return this.order.map((id) => this.node(id).meta);
  }

  /** Whether `id` is a full revision id of this graph. */
  has(id: string): boolean {
    return this.nodes.has(id);
  }

  /** The revision with this full id, or undefined (see `require`). */
  get(id: string): RevisionMeta | undefined {
    return this.nodes.get(id)?.meta;
  }

  /** The revision with this full id. @throws RevisionError `revision.unknown` */
  require(id: string): RevisionMeta {
    return this.node(id).meta;
  }

  /** Every revision's metadata, newest first (every revision before its parents): `kiln history`. */
  newestFirst(): RevisionMeta[] {
    return this.revisions().reverse();
  }

  /**
   * Every revision applied when the version table holds `rows`: the rows and
   * all they require. One linear traversal; the last answer is cached so
   * that asking about many revisions for the same rows stays linear.
   * @throws RevisionError `revision.unknown-current` for a row no file declares.
   */
  appliedRevisions(rows: readonly string[]): ReadonlySet<string> {
    const key = rows.join('\n');
    if (this.appliedCache?.key === key) return this.appliedCache.set;
    for (const row of rows) if (!this.nodes.has(row)) throw unknownCurrentError(row);
    const set = this.ancestors(rows);
    this.appliedCache = { key, set };
    return set;
  }

  /** Whether revision `id` is applied when the version table holds `rows`. */
  isApplied(id: string, rows: readonly string[]): boolean {
    return this.appliedRevisions(rows).has(id);
  }

  /** downRevisions of `id` (several for a merge). */
  parents(id: string): readonly string[] {
    return this.node(id).parents;
  }

  /** Revisions whose downRevision includes `id`. */
  children(id: string): readonly string[] {
    return this.node(id).children;
  }

  /** `dependsOn` of `id`, resolved to revision ids (labels replaced by their revision). */
  dependencies(id: string): readonly string[] {
    return this.node(id).deps;
  }

  /** Revisions that list `id` (or its label) in `dependsOn`. */
  dependents(id: string): readonly string[] {
    return this.node(id).dependents;
  }

  /** Everything that must be applied right before `id`: its parents and dependencies. */
  requirements(id: string): readonly string[] {
    return this.node(id).requires;
  }

  /** Position of `id` in `topologicalOrder`. */
  indexOf(id: string): number {
    return this.node(id).index;
  }

  isHead(id: string): boolean {
    return this.node(id).children.length === 0;
  }

  isBase(id: string): boolean {
    return this.node(id).parents.length === 0;
  }

  /** A revision with more than one child. */
  isBranchPoint(id: string): boolean {
    return this.node(id).children.length > 1;
  }

  /** A revision with more than one downRevision. */
  isMergePoint(id: string): boolean {
    return this.node(id).parents.length > 1;
  }

  /** All branch points, in topological order. */
  branchPoints(): string[] {
    return this.order.filter((id) => this.isBranchPoint(id));
  }

  /** All merge points, in topological order. */
  mergePoints(): string[] {
    return this.order.filter((id) => this.isMergePoint(id));
  }

  /** Revisions reachable downwards from `ids` (what they need). Linear time. */
  ancestors(ids: Iterable<string>, options: TraversalOptions = {}): Set<string> {
    const deps = options.dependencies ?? true;
    return this.walk(ids, options.inclusive ?? true, (n) => (deps ? n.requires : n.parents));
  }

  /** Revisions reachable upwards from `ids` (what needs them). Linear time. */
  descendants(ids: Iterable<string>, options: TraversalOptions = {}): Set<string> {
    const deps = options.dependencies ?? true;
    return this.walk(ids, options.inclusive ?? true, (n) =>
      deps ? n.children.concat(n.dependents) : n.children,
    );
  }

  /** Ancestors and descendants of `id` by downRevision: the revisions on its line of history. */
  lineage(id: string): Set<string> {
    const set = this.ancestors([id], { dependencies: false });
    for (const d of this.descendants([id], { dependencies: false })) set.add(d);
    return set;
  }

  /** Sorts ids into topological order (parents first). */
  sortTopologically(ids: Iterable<string>): string[] {
    return [...ids].sort((a, b) => this.indexOf(a) - this.indexOf(b));
  }

  /** The revision that declares `label`, or undefined. */
  labelOwner(label: string): string | undefined {
    return this.labelOwners.get(label);
  }

  /** Every declared label and the revision declaring it. */
  labels(): ReadonlyMap<string, string> {
    return this.labelOwners;
  }

  /**
   * Labels a revision belongs to (Alembic's propagation): a label covers the
   * revision declaring it, all its descendants, and the plain chain below it
   * down to the nearest branch point or merge point.
   */
  branchLabelsOf(id: string): readonly string[] {
    this.node(id);
    this.effectiveLabels ??= this.propagateLabels();
    return this.effectiveLabels.get(id) ?? [];
  }

  /**
   * The lowest revision carrying `label` on the chain below its declaring
   * revision: where the branch starts, so `label@base` can drop the branch
   * without the shared trunk.
   */
  branchStart(label: string): string {
    const owner = this.labelOwners.get(label);
    if (owner === undefined) throw unknownRevisionError(label);
    let start = owner;
    for (let cur = owner; ; ) {
      const node = this.node(cur);
      if (node.children.length > 1 || node.parents.length > 1) break;
      start = cur;
      const parent = node.parents[0];
      if (parent === undefined) break;
      cur = parent;
    }
    return start;
  }

  private propagateLabels(): Map<string, string[]> {
    const result = new Map<string, string[]>();
    const add = (id: string, label: string): void => {
      const list = result.get(id);
      if (list === undefined) result.set(id, [label]);
      else if (!list.includes(label)) list.push(label);
    };
    for (const [label, owner] of this.labelOwners) {
      for (const id of this.descendants([owner], { dependencies: false })) add(id, label);
      const start = this.indexOf(this.branchStart(label));
      for (let cur: string | undefined = owner; cur !== undefined && this.indexOf(cur) >= start; ) {
        add(cur, label);
        cur = this.node(cur).parents[0];
      }
    }
    return result;
  }

  private walk(ids: Iterable<string>, inclusive: boolean, next: (n: Node) => readonly string[]): Set<string> {
    const reached = new Set<string>();
    const stack: string[] = [];
    for (const id of ids) {
      this.node(id);
      if (!inclusive) stack.push(id);
      else if (!reached.has(id)) {
        reached.add(id);
        stack.push(id);
      }
    }
    // A start is expanded once on its own and at most once more if reached from another start.
    while (stack.length > 0) {
      for (const n of next(this.node(stack.pop() as string))) {
        if (!reached.has(n)) {
          reached.add(n);
          stack.push(n);
        }
      }
    }
    return reached;
  }

  private node(id: string): Node {
    const node = this.nodes.get(id);
    if (node === undefined) throw unknownRevisionError(id);
    return node;
  }
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
): Node {
  for (const parent of meta.downRevisions) {
    if (parent === meta.revision) throw cycleError([meta.revision]);
    if (!byId.has(parent)) throw missingParentError(meta.revision, meta.path, parent);
  }
  const deps: string[] = [];
  for (const dep of meta.dependsOn) {
    const id = byId.has(dep) ? dep : labelOwners.get(dep);
    if (id === undefined) throw unknownDependencyError(meta.revision, meta.path, dep);
    if (id === meta.revision) throw cycleError([meta.revision]);
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
function topologicalOrder(nodes: ReadonlyMap<string, Node>): string[] {
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
    const node = nodes.get(id) as Node;
    const released: string[] = [];
    for (const next of new Set([...node.children, ...node.dependents])) {
      const left = (pending.get(next) ?? 0) - 1;
      pending.set(next, left);
      if (left === 0) released.push(next);
    }
    ready.push(...released.sort(descending));
  }
  if (order.length < nodes.size) throw cycleError(findCycle(nodes, pending));
  return order;
}

/** Every leftover node still waits on a leftover requirement: follow them until one repeats. */
function findCycle(nodes: ReadonlyMap<string, Node>, pending: ReadonlyMap<string, number>): string[] {
  const leftover = (id: string): boolean => (pending.get(id) ?? 0) > 0;
  let cur = [...nodes.keys()].filter(leftover).sort()[0] as string;
  const path: string[] = [];
  const seenAt = new Map<string, number>();
  while (!seenAt.has(cur)) {
    seenAt.set(cur, path.length);
    path.push(cur);
    cur = (nodes.get(cur) as Node).requires.find(leftover) as string;
  }
  return path.slice(seenAt.get(cur)).reverse();
}

function descending(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}
