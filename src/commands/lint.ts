import type { ResolvedConfig } from '../config/load-config.js';
import type { Dialect } from '../dialects/dialect.js';
import { KilnError } from '../errors.js';
import { LINT_CODES } from '../operations/lint-rules.js';
import type { Operation } from '../operations/operation.js';
import { scanMetadata } from '../revisions/metadata-scanner.js';
import { planUpgrade } from '../revisions/plan.js';
import { metadataInvalidError } from '../revisions/revision-errors.js';
import { resolveRange, resolveTarget, splitRange } from '../revisions/resolve-target.js';
import { loadScriptDirectory, type ScriptDirectory } from '../revisions/script-directory.js';
import {
  type LintFinding,
  lintRevisions,
  liveRowCounter,
  type RecordedRevision,
  recordUpgrade,
  type RowCounter,
} from '../runtime/lint-run.js';
import { type LoadedRevision, loadRevisionModules } from '../runtime/revision-module.js';
import { EMPTY_SCHEMA, type SchemaModel } from '../schema/model.js';
import { dialectFor, withDatabase } from './database.js';
import { introspectDatabase } from './schema-model.js';

export type { LintFinding } from '../runtime/lint-run.js';

export interface LintResult {
  /** The revisions linted, oldest first. */
  readonly revisions: readonly string[];
  readonly findings: readonly LintFinding[];
  /** Findings a revision's `lintAllow` silenced. */
  readonly silenced: number;
  /**
   * `counted`: rows read from the live database; `unknown`: no database was
   * read (an explicit range, or none reachable), so row-dependent findings
   * say "an unknown number of" rows.
   */
  readonly rowCounts: 'counted' | 'unknown';
  /** True when at least one finding has severity `error` (the CLI then exits 1). */
  readonly failed: boolean;
}

/**
 * `kiln lint [range]`: what the revisions' upgrades will do that loses
 * data, fails on the rows there, locks a table while it is copied or
 * indexed, or breaks running code. The upgrades run against a recording
 * sink, nothing is executed; raw SQL is not parsed. Without `range`: the
 * pending revisions (current:heads), with the database's row counts; when
 * no database is reachable, every revision, without them. A range `a:b`
 * (or one revision) is linted from the revision files alone.
 *
 * @example const { findings } = await lint(await loadConfig()); // pending revisions
 * @example await lint(config, '3f2a9c1d7e4b'); // one revision
 */
export async function lint(config: ResolvedConfig, range?: string): Promise<LintResult> {
  const scripts = await loadScriptDirectory(config.versionsDir);
  if (range === undefined) {
    try {
      return await withDatabase(config, async (session) => {
        const heads = await session.context.currentHeads();
        const ids = planUpgrade(scripts.graph, heads, 'heads').map((step) => step.revision.revision);
        const start = ids.length === 0 ? EMPTY_SCHEMA : await introspectDatabase(config, session);
        const counter = liveRowCounter(session.connection, session.dialect);
        return lintIds(config, scripts, session.dialect, ids, start, counter);
      });
    } catch (error) {
      if (!(error instanceof KilnError) || !UNREACHABLE.has(error.code)) throw error;
    }
  }
  const { dialect } = await dialectFor(config);
  const wanted = range === undefined ? new Set(scripts.graph.topologicalOrder) : revisionsOf(scripts, range);
  const ids = scripts.graph.topologicalOrder.filter((id) => wanted.has(id));
  const needed = scripts.graph.ancestors(ids);
  const before = scripts.graph.topologicalOrder.filter((id) => needed.has(id) && !wanted.has(id));
  const start = await replay(config, scripts, dialect, before);
  return lintIds(config, scripts, dialect, ids, start, null);
}

/** Connection failures after which lint still reports what it can from the files. */
const UNREACHABLE: ReadonlySet<string> = new Set(['database.connect', 'database.cannot-open']);

function revisionsOf(scripts: ScriptDirectory, range: string): Set<string> {
  if (splitRange(range) !== null) return resolveRange(scripts.graph, range);
  return new Set(resolveTarget(scripts.graph, range).revisions);
}

async function lintIds(
  config: ResolvedConfig,
  scripts: ScriptDirectory,
  dialect: Dialect,
  ids: readonly string[],
  start: SchemaModel,
  counter: RowCounter | null,
): Promise<LintResult> {
  const loaded = await load(scripts, ids);
  const recorded = await Promise.all(loaded.map((revision) => recordRevision(config, scripts, revision)));
  return lintResult(ids, await lintRevisions(recorded, start, dialect, counter), counter !== null);
}

/** The result of linting, with `failed` set from the severities. */
function lintResult(
  ids: readonly string[],
  run: { readonly findings: LintFinding[]; readonly silenced: number },
  counted: boolean,
): LintResult {
  return {
    revisions: ids,
    findings: run.findings,
    silenced: run.silenced,
    rowCounts: counted ? 'counted' : 'unknown',
    failed: run.findings.some((f) => f.severity === 'error'),
  };
}

function load(scripts: ScriptDirectory, ids: readonly string[]): Promise<LoadedRevision[]> {
  return loadRevisionModules(
    ids.map((id) => {
      const { path } = scripts.graph.require(id);
      return { revision: id, path, source: scripts.source(path) };
    }),
  );
}

/** The schema after the revisions below the range, replayed in memory from their upgrades (as `--sql` does). */
async function replay(
  config: ResolvedConfig,
  scripts: ScriptDirectory,
  dialect: Dialect,
  ids: readonly string[],
): Promise<SchemaModel> {
  const recorded = await Promise.all((await load(scripts, ids)).map((r) => recordRevision(config, scripts, r)));
  // Only the schema they leave is wanted, not their findings.
  return (await lintRevisions(recorded, EMPTY_SCHEMA, dialect, null)).model;
}

/** Records a loaded revision's upgrade with the codes it silences. */
export async function recordRevision(
  config: ResolvedConfig,
  scripts: ScriptDirectory,
  revision: LoadedRevision,
): Promise<RecordedRevision> {
  const { path } = scripts.graph.require(revision.revision);
  const allow = readLintAllow(scripts.source(path), path);
  return { revision: revision.revision, allow, ...(await recordUpgrade(revision, config.naming)) };
}

/**
 * The codes a revision file silences: `export const lintAllow = ['drop-column'];`,
 * read from its text like the graph metadata (a literal array of strings).
 *
 * @throws RevisionError `revision.metadata-invalid` for a value that is not a list of known codes.
 */
export function readLintAllow(source: string, path: string): ReadonlySet<string> {
  const value = scanMetadata(source, path, LINT_ALLOW).get('lintAllow');
  if (value === undefined || value === null) return new Set();
  const known: ReadonlySet<string> = new Set(LINT_CODES);
  const codes = typeof value === 'string' ? [value] : value;
  const unknown = codes.find((code) => !known.has(code));
  if (unknown !== undefined) {
    throw metadataInvalidError(path, 'lintAllow', `'${unknown}' is not a lint code (known: ${LINT_CODES.join(', ')})`);
  }
  return new Set(codes);
}

const LINT_ALLOW: ReadonlySet<string> = new Set(['lintAllow']);

/** A finding as one line: `<revision> <code>: <message>; <hint>`. */
export function findingLine(finding: LintFinding): string {
  return `${finding.revision} ${finding.code}: ${finding.message}; ${finding.hint}`;
}

/** Lints operations not yet in a file (the revision `migrate` is writing), from the live schema. */
export async function lintOperations(
  revision: string,
  operations: readonly Operation[],
  start: SchemaModel,
  dialect: Dialect,
  counter: RowCounter,
): Promise<LintFinding[]> {
  const { findings } = await lintRevisions([{ revision, operations, allow: new Set() }], start, dialect, counter);
  return findings;
}
