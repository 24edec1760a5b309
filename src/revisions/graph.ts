import type { RevisionError } from '../errors.js';
import { type GraphNode as Node, linkRevisions } from './graph-links.js';
import type { RevisionMeta } from './read-metadata.js';
import { squashedCurrentError, unknownCurrentError, unknownRevisionError } from './revision-errors.js';

export { RESERVED_TARGET_WORDS } from './graph-links.js';

/** Which edges a traversal follows: `downRevision` only, or `dependsOn` too (the default). */
export interface TraversalOptions {
  /** Include the start revisions themselves. Default true. */
  readonly inclusive?: boolean;
  /** Follow `dependsOn` edges as well as `downRevision`. Default true. */
  readonly dependencies?: boolean;
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

  private constructor(
    nodes: ReadonlyMap<string, Node>,
    labelOwners: ReadonlyMap<string, string>,
    order: readonly string[],
  ) {
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
    const { nodes, labelOwners, order } = linkRevisions(metas);
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
    for (const row of rows) if (!this.nodes.has(row)) throw this.unknownCurrent(row);
    const set = this.ancestors(rows);
    this.appliedCache = { key, set };
    return set;
  }

  /** The error for a version row no file declares: a squashed revision says which baseline replaced it. */
  private unknownCurrent(row: string): RevisionError {
    const baseline = this.squashedInto(row);
    return baseline === undefined ? unknownCurrentError(row) : squashedCurrentError(row, baseline);
  }

  /** The baseline `kiln squash` folded revision `id` into (its file moved out of the graph), if any. */
  squashedInto(id: string): string | undefined {
    return this.order.find((baseline) => this.node(baseline).meta.squashes?.includes(id) === true);
  }

  /** Whether revision `id` is applied when the version table holds `rows`. */
  isApplied(id: string, rows: readonly string[]): boolean {
    return this.appliedRevisions(rows).has(id);
  }

  /**
   * Alembic's "current": every applied revision that no applied revision
   * builds on by downRevision, in topological order. Besides the rows, this
   * holds a revision applied only because another branch's revision depends
   * on it (the row of that branch stands for both).
   *
   * @example graph.effectiveHeads(['b1']) // ['a1', 'b1'] when b1 dependsOn a1
   */
  effectiveHeads(rows: readonly string[]): string[] {
    const applied = this.appliedRevisions(rows);
    return this.sortTopologically([...applied].filter((id) => !this.children(id).some((c) => applied.has(c))));
  }

  /** The rows among `rows` that need `id` applied (their ancestors, dependencies included, hold it). */
  requiredBy(id: string, rows: readonly string[]): string[] {
    return rows.filter((row) => row !== id && this.ancestors([row]).has(id));
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
    return this.walk(ids, options.inclusive ?? true, (n) => (deps ? n.children.concat(n.dependents) : n.children));
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
   * Where the branch through `revision` starts: the lowest revision of the
   * plain chain below it, stopping above the nearest branch point or merge
   * point. For a label's revision this is the lowest revision the label
   * covers, so `label@base` can drop the branch and keep the shared trunk.
   */
  branchStart(revision: string): string {
    let start = revision;
    for (let cur: string | undefined = revision; cur !== undefined; ) {
      const node = this.node(cur);
      if (node.children.length > 1 || node.parents.length > 1) break;
      start = cur;
      cur = node.parents[0];
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
      const start = this.indexOf(this.branchStart(owner));
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
