import type { ResolvedConfig } from '../config/load-config.js';
import { RevisionError } from '../errors.js';
import { resolveRange, resolveRevisions } from '../revisions/resolve-target.js';
import type { RevisionGraph } from '../revisions/graph.js';
import { loadScriptDirectory } from '../revisions/script-directory.js';
import type { PendingRecord } from '../runtime/pending-record.js';
import { withDatabase } from './database.js';
import { type RevisionInfo, revisionInfo } from './revision-info.js';

/** A revision the database is at, as `kiln current` reports it. */
export interface CurrentRevision extends RevisionInfo {
  /**
   * Empty for a version row. Otherwise the rows that need this revision: it
   * holds no row of its own because it was applied as their dependency
   * (`dependsOn`), and it is the newest applied revision of its branch.
   */
  readonly dependencyOf: readonly string[];
}

export interface CurrentResult {
  /**
   * The effective heads, as Alembic's `current` prints them: one entry per
   * version row, plus each revision applied only as another branch's
   * dependency that is the newest applied one of its own branch; in the
   * graph's order.
   */
  readonly current: readonly CurrentRevision[];
  /** The version rows as stored (`kiln_version`). */
  readonly versionRows: readonly string[];
  /** Version rows that name no revision file (fix with `kiln stamp --purge`). */
  readonly unknown: readonly string[];
  /** Revisions a crashed or failed run left half-applied (`kiln resolve <rev> --applied | --rolled-back`). */
  readonly halfApplied: readonly PendingRecord[];
}

/**
 * `kiln current`: the revision(s) the database is at: the version rows and
 * the revisions applied as their dependencies that head their own branch.
 * Linear in the applied history.
 *
 * @example const { current } = await current(await loadConfig());
 */
export async function current(config: ResolvedConfig): Promise<CurrentResult> {
  return currentOf(config, (await loadScriptDirectory(config.versionsDir)).graph);
}

/** `current` with the graph already read (`current --all` reads it once for every target). */
export async function currentOf(config: ResolvedConfig, graph: RevisionGraph): Promise<CurrentResult> {
  const [rows, halfApplied] = await withDatabase(config, async ({ context }) => [
    await context.currentHeads(),
    await context.pendingRecords(),
  ]);
  const known = rows.filter((rev) => graph.has(rev));
  const heads = graph.effectiveHeads(known);
  const set = new Set(heads);
  const found = heads.map((rev) => ({
    ...revisionInfo(graph, graph.require(rev), set),
    dependencyOf: known.includes(rev) ? [] : graph.requiredBy(rev, known),
  }));
  return { current: found, versionRows: rows, unknown: rows.filter((rev) => !graph.has(rev)), halfApplied };
}

export interface HistoryOptions {
  /** `a:b`, either side optional: the revisions from a up to b. */
  readonly range?: string;
  /** Read the database to mark the current revision(s). */
  readonly indicateCurrent?: boolean;
}

export interface HistoryResult {
  /** Newest first (a topological order: every revision before its parents). */
  readonly revisions: readonly RevisionInfo[];
}

/** `kiln history`: revisions newest first, optionally a range and the current marker. */
export async function history(config: ResolvedConfig, options: HistoryOptions = {}): Promise<HistoryResult> {
  const { graph } = await loadScriptDirectory(config.versionsDir);
  const heads =
    options.indicateCurrent === true ? await withDatabase(config, ({ context }) => context.currentHeads()) : [];
  const set = new Set(heads);
  const selected = options.range === undefined ? null : resolveRange(graph, options.range, heads);
  const revisions = graph
    .newestFirst()
    .filter((meta) => selected === null || selected.has(meta.revision))
    .map((meta) => revisionInfo(graph, meta, set));
  return { revisions };
}

export interface HeadsResult {
  readonly heads: readonly RevisionInfo[];
}

/** `kiln heads`: every revision without children. */
export async function heads(config: ResolvedConfig): Promise<HeadsResult> {
  const { graph } = await loadScriptDirectory(config.versionsDir);
  return { heads: graph.heads.map((rev) => revisionInfo(graph, graph.require(rev))) };
}

export interface BranchesResult {
  readonly branchPoints: readonly RevisionInfo[];
}

/** `kiln branches`: every revision with more than one child. */
export async function branches(config: ResolvedConfig): Promise<BranchesResult> {
  const { graph } = await loadScriptDirectory(config.versionsDir);
  const infos = graph.newestFirst().map((meta) => revisionInfo(graph, meta));
  return { branchPoints: infos.filter((info) => info.isBranchPoint) };
}

export interface ShowResult {
  readonly revision: RevisionInfo;
}

/** `kiln show <rev>`: one revision in full. */
export async function show(config: ResolvedConfig, target: string): Promise<ShowResult> {
  const { graph } = await loadScriptDirectory(config.versionsDir);
  const revisions = resolveRevisions(graph, target, []);
  if (revisions.length !== 1) {
    throw new RevisionError(
      'revision.not-one',
      `'${target}' names ${revisions.length} revisions: ${revisions.join(', ')}`,
      {
        hint: 'show one at a time',
      },
    );
  }
  return { revision: revisionInfo(graph, graph.require(revisions[0] as string)) };
}
