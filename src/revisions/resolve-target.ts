import type { RevisionGraph } from './graph.js';
import {
  ambiguousCurrentError,
  ambiguousRevisionError,
  ambiguousWalkError,
  multipleHeadsError,
  notAHeadError,
  notInBranchError,
  rangeNotAncestorError,
  relativeOutOfRangeError,
  targetNotAllowedError,
  targetSyntaxError,
  unknownRevisionError,
} from './revision-errors.js';

/**
 * What a target is for: `+N` (from the current state) only makes sense
 * going up, `-N` only going down; `any` accepts both (history ranges).
 */
export type TargetPurpose = 'upgrade' | 'downgrade' | 'any';

export interface ResolveOptions {
  /** The version rows, for `current`, `+N`, `-N`, `label@+N`. Default: none (base). */
  readonly currentHeads?: readonly string[];
  /** Default `any`. */
  readonly purpose?: TargetPurpose;
}

/** A target resolved against the graph. */
export interface ResolvedTarget {
  /** The expression as given. */
  readonly expression: string;
  /** Full revision ids; empty means base. */
  readonly revisions: readonly string[];
  /**
   * For downgrades: cut only the target's children on this revision's line
   * of history (set by `label@…`, `-N` and `<rev>-N`), so that a sibling
   * branch stays applied. Null: cut every child.
   */
  readonly lineage: string | null;
  /** `label@base`: the first revision of the branch, which the downgrade removes with all after it. */
  readonly branchStart: string | null;
}

interface Anchor {
  readonly name: string;
  readonly owner: string;
  readonly lineage: ReadonlySet<string>;
}

interface Context {
  readonly graph: RevisionGraph;
  readonly expression: string;
  readonly current: readonly string[];
  readonly purpose: TargetPurpose;
}

const RELATIVE = /^(.*?)([+-])(\d+)$/;

/**
 * Resolves a target expression. The grammar, tried in this order:
 *
 * - `heads` (every real head), `head` (the one head: an error listing them
 *   when there are several), `base` (nothing applied), `current` (the rows);
 * - a full revision id, a branch label (its declaring revision), or any
 *   unique prefix of an id (one character is enough when it is unique; an
 *   ambiguous prefix is an error listing the candidates);
 * - `<label>@head`, `<label>@heads`, `<label>@base`, `<label>@<rev>`,
 *   `<label>@+N`, `<label>@-N` — `<label>` may also be a revision id,
 *   meaning the branch through it;
 * - `+N` / `-N` from the current row (refused when the database has several
 *   heads: name the branch), `<rev>+N` / `<rev>-N` from a revision
 *   (`<rev>` may be `head`, `base` or `current`). A step that meets a branch
 *   point (up) or goes on below a merge point (down) is an error naming
 *   both sides; one step down from a merge names both its parents.
 *
 * Exact ids and labels win over the other readings, so an id such as
 * `fix-2` is never taken for a step.
 *
 * @example
 * resolveTarget(graph, 'ae10').revisions         // ['ae1027a6acf5']
 * resolveTarget(graph, '-1', { currentHeads: ['ae1027a6acf5'], purpose: 'downgrade' })
 */
export function resolveTarget(graph: RevisionGraph, expression: string, options: ResolveOptions = {}): ResolvedTarget {
  const text = expression.trim();
  if (text === '') throw targetSyntaxError(expression, 'it is empty');
  if (text.includes(':')) throw targetSyntaxError(expression, 'a range a:b is only accepted by history and --sql');
  const current = options.currentHeads ?? [];
  if (current.length > 0) graph.appliedRevisions(current);
  const ctx: Context = { graph, expression: text, current, purpose: options.purpose ?? 'any' };
  if (graph.has(text)) return result(ctx, [text], null);
  const owner = graph.labelOwner(text);
  if (owner !== undefined) return result(ctx, [owner], null);
  const at = text.indexOf('@');
  if (at < 0) return resolveBody(ctx, text, null);
  return resolveBody(ctx, text.slice(at + 1), resolveAnchor(graph, text.slice(0, at)));
}

/**
 * The revision ids a target names (empty for base).
 * @example resolveRevisions(graph, 'heads') // ['1a2b…', '3c4d…']
 */
export function resolveRevisions(
  graph: RevisionGraph,
  expression: string,
  currentHeads: readonly string[] = [],
): string[] {
  return [...resolveTarget(graph, expression, { currentHeads }).revisions];
}

/**
 * A full id from an id, a label or a unique id prefix, optionally within a
 * branch's line of history (which also narrows the prefix search).
 * @throws RevisionError `revision.unknown`, `revision.ambiguous`, `revision.not-in-branch`
 */
export function resolveRevisionId(
  graph: RevisionGraph,
  text: string,
  branch?: { name: string; lineage: ReadonlySet<string> },
): string {
  const exact = graph.has(text) ? text : graph.labelOwner(text);
  const candidates = exact !== undefined ? [exact] : graph.topologicalOrder.filter((id) => id.startsWith(text));
  if (candidates.length === 0) throw unknownRevisionError(text);
  const inBranch = branch === undefined ? candidates : candidates.filter((id) => branch.lineage.has(id));
  if (inBranch.length === 1) return inBranch[0] as string;
  if (inBranch.length === 0 && branch !== undefined) throw notInBranchError(candidates[0] as string, branch.name);
  throw ambiguousRevisionError(
    text,
    inBranch,
    inBranch.map((id) => graph.require(id).path),
  );
}

/** `a:b` → `{ from: 'a', to: 'b' }` (a missing side is null); null when `expression` is not a range. */
export function splitRange(expression: string): { from: string | null; to: string | null } | null {
  const parts = expression.split(':');
  if (parts.length === 1) return null;
  if (parts.length > 2) throw targetSyntaxError(expression, 'a range has one colon');
  const [from = '', to = ''] = parts.map((part) => part.trim());
  return { from: from === '' ? null : from, to: to === '' ? null : to };
}

/**
 * The revisions of a history range `a:b` (`a:` up to the heads, `:b` from
 * base): everything `b` needs that `a` did not already need, `a` included.
 * Either side may use the whole target grammar, `current` and `-N` too.
 * @throws RevisionError `revision.range-not-ancestor` when `a` is not below `b`.
 * @example resolveRange(graph, 'base:head') // Set of every revision up to head
 */
export function resolveRange(
  graph: RevisionGraph,
  expression: string,
  currentHeads: readonly string[] = [],
): Set<string> {
  const range = splitRange(expression);
  if (range === null) throw targetSyntaxError(expression, 'a range needs a colon: a:b, a: or :b');
  const side = (text: string): readonly string[] => resolveTarget(graph, text, { currentHeads }).revisions;
  const lower = range.from === null ? [] : side(range.from);
  const upper = range.to === null ? graph.heads : side(range.to);
  const within = graph.ancestors(upper);
  for (const id of lower) if (!within.has(id)) throw rangeNotAncestorError(id, range.to ?? 'heads');
  for (const id of graph.ancestors(lower, { inclusive: false })) within.delete(id);
  return within;
}

/**
 * The downRevisions of a new revision created on `head` (`kiln revision
 * --head`): `head` (default), `base` for a new root, `<label>@head`, an id.
 * Building on a revision that already has children needs `splice`, since
 * it starts a new branch.
 * @throws RevisionError `revision.not-a-head`, or any resolution error.
 */
export function resolveParents(graph: RevisionGraph, head: string, options: { splice?: boolean } = {}): string[] {
  const parents = [...resolveTarget(graph, head).revisions];
  for (const parent of parents) {
    if (!graph.isHead(parent) && options.splice !== true) throw notAHeadError(parent, graph.children(parent));
  }
  return parents;
}

/**
 * `dependsOn` entries as written into a new file: labels and full ids kept,
 * unique id prefixes expanded to full ids. An entry matching nothing is
 * kept as given, for `validateNewRevision` to report.
 * @throws RevisionError `revision.ambiguous` for a prefix of several ids.
 */
export function resolveDependencies(graph: RevisionGraph, dependsOn: readonly string[]): string[] {
  return dependsOn.map((dep) => {
    if (graph.has(dep) || graph.labelOwner(dep) !== undefined) return dep;
    return graph.topologicalOrder.some((id) => id.startsWith(dep)) ? resolveRevisionId(graph, dep) : dep;
  });
}

function resolveAnchor(graph: RevisionGraph, name: string): Anchor {
  if (name === '') throw targetSyntaxError(`${name}@`, 'nothing before @');
  const owner = graph.labelOwner(name) ?? resolveRevisionId(graph, name);
  return { name, owner, lineage: graph.lineage(owner) };
}

function resolveBody(ctx: Context, text: string, anchor: Anchor | null): ResolvedTarget {
  const { graph } = ctx;
  const inBranch = (ids: readonly string[]): string[] =>
    anchor === null ? [...ids] : ids.filter((id) => anchor.lineage.has(id));
  switch (text) {
    case 'head': {
      const heads = inBranch(graph.heads);
      if (heads.length > 1) throw multipleHeadsError(ctx.expression, heads);
      return result(ctx, heads, anchor?.owner ?? null);
    }
    case 'heads':
      return result(ctx, anchor === null ? graph.realHeads : inBranch(graph.heads), anchor?.owner ?? null);
    case 'base':
      return anchor === null
        ? result(ctx, [], null)
        : { ...result(ctx, [], anchor.owner), branchStart: graph.branchStart(anchor.owner) };
    case 'current':
      return result(ctx, inBranch(ctx.current), anchor?.owner ?? null);
  }
  const relative = RELATIVE.exec(text);
  if (relative !== null) {
    const [, symbol = '', sign = '+', count = '0'] = relative;
    return resolveRelative(ctx, anchor, symbol, sign as '+' | '-', Number(count));
  }
  if (text === '') throw targetSyntaxError(ctx.expression, 'nothing after @');
  const id = resolveRevisionId(graph, text, anchor ?? undefined);
  return result(ctx, [id], anchor?.owner ?? null);
}

function resolveRelative(
  ctx: Context,
  anchor: Anchor | null,
  symbol: string,
  sign: '+' | '-',
  count: number,
): ResolvedTarget {
  const steps = sign === '+' ? count : -count;
  let start: string | null;
  if (symbol === '') {
    checkDirection(ctx, sign);
    start = currentStart(ctx, anchor, sign);
    if (start === null && sign === '-')
      throw relativeOutOfRangeError(ctx.expression, 'has nothing to step down from: nothing is applied');
  } else {
    start = symbolStart(ctx, anchor, symbol);
  }
  const targets = walk(ctx, start, steps, anchor?.lineage ?? null);
  const lineage = sign === '-' ? start : (anchor?.owner ?? null);
  return result(ctx, targets, lineage);
}

function checkDirection(ctx: Context, sign: '+' | '-'): void {
  if (sign === '-' && ctx.purpose === 'upgrade') {
    throw targetNotAllowedError(
      ctx.expression,
      'steps down from the current state, which an upgrade cannot do',
      'use +N, or <rev>-N to name a revision below <rev>',
    );
  }
  if (sign === '+' && ctx.purpose === 'downgrade') {
    throw targetNotAllowedError(
      ctx.expression,
      'steps up from the current state, which a downgrade cannot do',
      'use -N, or <rev>+N to name a revision above <rev>',
    );
  }
}

/** The one current row the step starts from (on the anchor's branch when given). */
function currentStart(ctx: Context, anchor: Anchor | null, sign: '+' | '-'): string | null {
  let candidates = anchor === null ? [...ctx.current] : ctx.current.filter((id) => anchor.lineage.has(id));
  if (anchor !== null && candidates.length === 0) {
    // The branch's newest applied revisions, when its rows were merged away or absorbed by a dependent.
    const applied = ctx.graph.appliedRevisions(ctx.current);
    const onBranch = [...applied].filter((id) => anchor.lineage.has(id));
    candidates = onBranch.filter((id) => !ctx.graph.children(id).some((c) => applied.has(c) && anchor.lineage.has(c)));
  }
  if (candidates.length > 1) {
    const first = candidates[0] as string;
    throw ambiguousCurrentError(ctx.expression, candidates, sign, ctx.graph.branchLabelsOf(first)[0]);
  }
  return candidates[0] ?? null;
}

function symbolStart(ctx: Context, anchor: Anchor | null, symbol: string): string | null {
  if (symbol === 'base') return null;
  if (symbol === 'head' || symbol === 'current') {
    const ids = resolveBody(ctx, symbol, anchor).revisions;
    if (ids.length > 1) throw ambiguousCurrentError(ctx.expression, ids, '-');
    return ids[0] ?? null;
  }
  return resolveRevisionId(ctx.graph, symbol, anchor ?? undefined);
}

/**
 * Walks `steps` along downRevision edges; null stands for base. The last
 * step down from a merge point lands on all its parents (reverting exactly
 * the merge revision, which is unambiguous); stepping further down is not.
 */
function walk(ctx: Context, start: string | null, steps: number, lineage: ReadonlySet<string> | null): string[] {
  const { graph, expression } = ctx;
  let cur = start;
  const count = Math.abs(steps);
  for (let i = 0; i < count; i++) {
    if (steps > 0) {
      const up = (cur === null ? graph.bases : graph.children(cur)).filter((id) => lineage === null || lineage.has(id));
      if (up.length === 0) {
        throw relativeOutOfRangeError(
          expression,
          cur === null ? 'finds no revision above base' : `goes past head ${cur}`,
        );
      }
      if (up.length > 1) throw ambiguousWalkError(expression, cur ?? 'base', up, 'up');
      cur = up[0] as string;
    } else {
      if (cur === null) throw relativeOutOfRangeError(expression, 'goes below base');
      const down = graph.parents(cur);
      if (down.length > 1) {
        if (i === count - 1) return [...down];
        throw ambiguousWalkError(expression, cur, down, 'down');
      }
      cur = down[0] ?? null;
    }
  }
  return cur === null ? [] : [cur];
}

function result(ctx: Context, revisions: readonly string[], lineage: string | null): ResolvedTarget {
  return { expression: ctx.expression, revisions, lineage, branchStart: null };
}
