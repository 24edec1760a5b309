import type { RevisionGraph } from './graph.js';
import type { RevisionMeta } from './read-metadata.js';
import { type ResolvedTarget, resolveTarget } from './resolve-target.js';
import { downgradeTargetNotAppliedError, overlapError } from './revision-errors.js';

/**
 * One revision to run, with the version-table change that records it. A
 * runtime writes `versionDelete`/`versionInsert` in the same transaction as
 * the revision; pairing the first delete with the first insert as an UPDATE
 * is equivalent (Alembic's "update" of a row).
 */
export interface Step {
  readonly revision: RevisionMeta;
  readonly direction: 'up' | 'down';
  /** Rows to remove: the parents/dependencies this upgrade supersedes, or the reverted revision. */
  readonly versionDelete: readonly string[];
  /** Rows to add: the upgraded revision, or the parents a downgrade makes heads again. */
  readonly versionInsert: readonly string[];
}

/** What `kiln stamp` writes. */
export interface StampPlan {
  /** The version rows afterwards, in topological order. */
  readonly heads: readonly string[];
  /** Rows to delete (with purge: every row the table had). */
  readonly versionDelete: readonly string[];
  /** Rows to insert (with purge: every final row). */
  readonly versionInsert: readonly string[];
}

/**
 * The steps that take the database from `currentHeads` (its version rows)
 * to `target`: every revision the target needs that is not applied, each
 * after its parents and dependencies, once. Version rows follow Alembic:
 * a revision replaces the rows it builds on (a merge collapses several, a
 * satisfied dependency that was a head is dropped), and a revision whose
 * parent is no longer a row (the second child of a branch point) adds one.
 * Upgrading to an applied revision plans nothing.
 *
 * @example planUpgrade(graph, await context.currentHeads(), 'head')
 * @throws RevisionError from target resolution, or `revision.unknown-current` / `revision.overlap` for a bad version table.
 */
export function planUpgrade(
  graph: RevisionGraph,
  currentHeads: readonly string[],
  target: string | ResolvedTarget,
): Step[] {
  const state = new VersionState(graph, currentHeads);
  const resolved =
    typeof target === 'string' ? resolveTarget(graph, target, { currentHeads, purpose: 'upgrade' }) : target;
  const todo = [...graph.ancestors(resolved.revisions)].filter((id) => !state.applied.has(id));
  return graph.sortTopologically(todo).map((id) => state.upgrade(id));
}

/**
 * The steps that take the database from `currentHeads` down to `target`:
 * every applied revision above it (on its branch, for `label@…`/`-N`
 * targets) and everything applied that depends on those, each reverted
 * before its parents and dependencies, once. Reverting a revision makes
 * its parents rows again unless something still applied builds on them.
 *
 * @example planDowngrade(graph, ['3f2a9c1d7e4b'], '-1')
 * @throws RevisionError `revision.downgrade-above-current` when the target is not applied.
 */
export function planDowngrade(
  graph: RevisionGraph,
  currentHeads: readonly string[],
  target: string | ResolvedTarget,
): Step[] {
  const state = new VersionState(graph, currentHeads);
  const resolved =
    typeof target === 'string' ? resolveTarget(graph, target, { currentHeads, purpose: 'downgrade' }) : target;
  const revert = revertSet(graph, state.applied, resolved, currentHeads);
  return graph
    .sortTopologically(revert)
    .reverse()
    .map((id) => state.downgrade(id));
}

/**
 * The version rows after `kiln stamp <targets…>`, which runs nothing: each
 * target is applied or reverted on paper exactly as upgrade/downgrade would
 * (branches not involved keep their rows). With `purge` the table starts
 * empty, so rows naming unknown revisions are discarded instead of refused.
 *
 * @example stampPlan(graph, ['1a2b'], ['head'], false) // { heads: ['9f8e'], versionDelete: ['1a2b'], versionInsert: ['9f8e'] }
 * @throws RevisionError `revision.overlap` when one target is an ancestor of another.
 */
export function stampPlan(
  graph: RevisionGraph,
  currentHeads: readonly string[],
  targets: readonly string[],
  purge: boolean,
): StampPlan {
  const start = purge ? [] : currentHeads;
  const applied = new Set(new VersionState(graph, start).applied);
  const resolved = targets.map((t) => resolveTarget(graph, t, { currentHeads: start }));
  checkOverlap(
    graph,
    resolved.flatMap((r) => r.revisions),
    'stamp targets overlap',
    'name only the newest revision of each branch',
  );
  for (const target of resolved) {
    const down = target.revisions.filter((id) => applied.has(id));
    if (target.revisions.length === 0 || down.length > 0) {
      const revisions = target.revisions.length === 0 ? [] : down;
      for (const id of revertSet(graph, applied, { ...target, revisions }, start)) applied.delete(id);
    }
    for (const id of graph.ancestors(target.revisions.filter((id) => !applied.has(id)))) applied.add(id);
  }
  const heads = tips(graph, applied);
  const before = [...new Set(currentHeads)];
  if (purge) return { heads, versionDelete: before, versionInsert: heads };
  return {
    heads,
    versionDelete: before.filter((id) => !heads.includes(id)),
    versionInsert: heads.filter((id) => !before.includes(id)),
  };
}

/**
 * The version rows as a set being moved one revision at a time. A row is
 * an applied revision that no applied revision builds on.
 */
class VersionState {
  readonly applied: Set<string>;
  private readonly rows: Set<string>;

  constructor(
    private readonly graph: RevisionGraph,
    currentHeads: readonly string[],
  ) {
    this.rows = new Set(currentHeads);
    this.applied = new Set(graph.appliedRevisions([...this.rows]));
    checkOverlap(
      graph,
      [...this.rows],
      'the version table lists overlapping revisions',
      'reset it with `kiln stamp --purge <revisions>`',
    );
  }

  upgrade(id: string): Step {
    const versionDelete = this.graph.requirements(id).filter((req) => this.rows.has(req));
    for (const req of versionDelete) this.rows.delete(req);
    this.rows.add(id);
    this.applied.add(id);
    return { revision: this.graph.require(id), direction: 'up', versionDelete, versionInsert: [id] };
  }

  downgrade(id: string): Step {
    // Reverse topological order guarantees nothing applied still builds on `id`.
    if (!this.rows.has(id)) throw new Error(`kiln bug: reverting ${id}, which is not a version row`);
    this.rows.delete(id);
    this.applied.delete(id);
    const versionInsert = this.graph.requirements(id).filter((req) => !this.isBuiltOn(req));
    for (const req of versionInsert) this.rows.add(req);
    return { revision: this.graph.require(id), direction: 'down', versionDelete: [id], versionInsert };
  }

  private isBuiltOn(id: string): boolean {
    const applied = (other: string): boolean => this.applied.has(other);
    return this.graph.children(id).some(applied) || this.graph.dependents(id).some(applied);
  }
}

/**
 * The applied revisions a downgrade to `target` reverts: everything applied
 * above the cut (and whatever depends on it).
 */
function revertSet(
  graph: RevisionGraph,
  applied: ReadonlySet<string>,
  target: ResolvedTarget,
  currentHeads: readonly string[],
): string[] {
  let roots: string[];
  const lineage = target.lineage === null ? null : graph.lineage(target.lineage);
  if (target.revisions.length === 0) {
    if (target.branchStart !== null) roots = [target.branchStart];
    else if (lineage !== null) roots = graph.bases.filter((id) => lineage.has(id));
    else return [...applied];
  } else {
    for (const id of target.revisions) {
      if (!applied.has(id)) throw downgradeTargetNotAppliedError(id, currentHeads);
    }
    const keep = graph.ancestors(target.revisions);
    const children = new Set(target.revisions.flatMap((id) => graph.children(id)));
    roots = [...children].filter((id) => !keep.has(id) && (lineage === null || lineage.has(id)));
  }
  return [...graph.descendants(roots)].filter((id) => applied.has(id));
}

/** Applied revisions that nothing applied builds on: the version rows of an applied set. */
function tips(graph: RevisionGraph, applied: ReadonlySet<string>): string[] {
  const builtOn = (id: string): boolean =>
    graph.children(id).some((c) => applied.has(c)) || graph.dependents(id).some((d) => applied.has(d));
  return graph.sortTopologically([...applied].filter((id) => !builtOn(id)));
}

function checkOverlap(graph: RevisionGraph, ids: readonly string[], what: string, hint: string): void {
  if (ids.length < 2) return;
  const below = graph.ancestors(ids, { inclusive: false });
  const ancestor = ids.find((id) => below.has(id));
  if (ancestor === undefined) return;
  const descendant = ids.find((id) => id !== ancestor && graph.ancestors([id]).has(ancestor)) ?? ancestor;
  throw overlapError(what, descendant, ancestor, hint);
}
