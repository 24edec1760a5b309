import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRevisionSource } from '../autogenerate/render-revision.js';
import type { ResolvedConfig } from '../config/load-config.js';
import { KilnError, RevisionError, UsageError } from '../errors.js';
import { describeOperation } from '../operations/describe.js';
import type { Operation } from '../operations/operation.js';
import { reverseOperations } from '../operations/reverse.js';
import type { RevisionGraph } from '../revisions/graph.js';
import { shownPath } from '../revisions/revision-errors.js';
import { generateRevisionId, revisionIdTaken, validateNewRevision } from '../revisions/new-revision.js';
import { resolveDependencies, resolveParents } from '../revisions/resolve-target.js';
import { loadScriptDirectory } from '../revisions/script-directory.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { makeFolder, withFileErrors } from '../util/fs-errors.js';
import { liveRowCounter } from '../runtime/lint-run.js';
import { baselineOperations } from './baseline.js';
import { withDatabase } from './database.js';
import { readTemplate } from './init.js';
import { findingLine, type LintFinding, lintOperations } from './lint.js';
import { type AskRename, planRenames } from './renames.js';
import { diffWithDatabase, loadSchemaModels } from './schema-model.js';
import { stamp } from './stamp.js';

export interface RevisionCliOptions {
  readonly message: string;
  /** The revision to build on (default: the single head). `base` starts a new root. */
  readonly head?: string;
  /** Allow `head` to be a revision that is not a head: the new revision starts a branch. */
  readonly splice?: boolean;
  readonly branchLabel?: string;
  readonly dependsOn?: readonly string[];
  readonly revId?: string;
}

export interface RevisionOptions extends RevisionCliOptions {
  /** Fill the revision with the differences between the schema modules and the database. */
  readonly autogenerate?: boolean;
  /**
   * Write the first revision of the history from the live database (its
   * upgrade creates the current schema, its downgrade drops it) and stamp
   * the database at it: how a project with a database adopts kiln. Refused
   * once revisions exist or the database has version rows.
   */
  readonly baseline?: boolean;
  /**
   * Autogenerate: renames instead of drop + add, `table.old=table.new` for a
   * column, `old=new` for a table (`kiln migrate --rename`); rows are kept.
   * @example revision(config, { message: 'rename', autogenerate: true, renames: ['users.mail=users.email'] })
   */
  readonly renames?: readonly string[];
  /**
   * Autogenerate: asked about each compatible drop + add not named in
   * `renames` (the CLI asks on a terminal). Absent: never guessed; each such
   * pair is written as drop + add and named in `warnings` with its `--rename`.
   */
  readonly askRename?: AskRename;
}

export interface RevisionResult {
  readonly revision: string;
  readonly downRevisions: readonly string[];
  /** The new file, relative to the working directory; null when nothing was written. */
  readonly path: string | null;
  /** One line per detected change (autogenerate), empty otherwise. */
  readonly changes: readonly string[];
  /**
   * The new revision's lint findings of severity error or warning, one line
   * each (see `lint`): rows that would make it fail at upgrade (a NOT NULL
   * column added without a default to a table with rows), data it drops,
   * tables it rewrites. The CLI prints each as `kiln: warning: …`.
   */
  readonly warnings: readonly string[];
  /** The new revision's lint findings, info included (`kiln lint`'s shape). */
  readonly lint: readonly LintFinding[];
  readonly autogenerate: boolean;
  /** A baseline: the database was stamped at the new revision. */
  readonly baseline: boolean;
}

/**
 * `kiln revision` / `kiln migrate`: writes a new revision file on top of the
 * current head (or `--head`). With `autogenerate` the upgrade holds the
 * operations that bring the database to the schema modules, and the
 * downgrade their reverse. When autogenerate finds no change, nothing is
 * written (unlike Alembic, which writes an empty file).
 *
 * @example await revision(await loadConfig(), { message: 'add email', autogenerate: true });
 */
export async function revision(config: ResolvedConfig, options: RevisionOptions): Promise<RevisionResult> {
  const { graph } = await loadScriptDirectory(config.versionsDir);
  const baseline = options.baseline === true;
  const baselineOps = baseline ? await baselineOperations(config, graph, options) : null;
  const downRevisions = resolveParents(graph, options.head ?? 'head', { splice: options.splice === true });
  const revisionId = options.revId ?? generateRevisionId(revisionIdTaken(graph));
  const branchLabels = options.branchLabel === undefined ? [] : [options.branchLabel];
  const dependsOn = resolveDependencies(graph, options.dependsOn ?? []);
  validateNewRevision(
    graph,
    { revision: revisionId, downRevisions, branchLabels, dependsOn },
    options.revId === undefined ? {} : { idOption: '--rev-id' },
  );

  if ((options.renames?.length ?? 0) > 0 && options.autogenerate !== true) {
    throw new UsageError('usage.conflicting-options', '--rename needs --autogenerate (or kiln migrate)', {
      hint: 'renames are decided while comparing the schema modules with the database',
    });
  }
  let upgradeOps: Operation[] = baselineOps ?? [];
  let findings: readonly LintFinding[] = [];
  const warnings: string[] = [];
  if (options.autogenerate === true) {
    let renameWarnings: readonly string[];
    ({
      operations: upgradeOps,
      findings,
      renameWarnings,
    } = await diffDatabase(config, graph, downRevisions, revisionId, options));
    warnings.push(...renameWarnings);
    if (upgradeOps.length === 0) {
      return {
        revision: revisionId,
        downRevisions,
        path: null,
        changes: [],
        warnings,
        lint: [],
        autogenerate: true,
        baseline: false,
      };
    }
  }
  const source = renderRevisionSource(revisionTemplate(config), {
    revision: revisionId,
    downRevision:
      downRevisions.length === 0 ? null : downRevisions.length === 1 ? (downRevisions[0] as string) : downRevisions,
    branchLabels,
    dependsOn,
    message: options.message,
    createDate: new Date().toISOString(),
    upgradeOps,
    downgradeOps: reverseOperations(upgradeOps),
    autogenerate: options.autogenerate === true || baseline,
    naming: config.naming,
  });
  const path = writeRevisionFile(config, revisionId, options.message, source);
  if (baseline) await stampBaseline(config, revisionId, path);
  return {
    revision: revisionId,
    downRevisions,
    path,
    changes: upgradeOps.map(describeOperation),
    warnings: [...warnings, ...findings.filter((f) => f.severity !== 'info').map(findingLine)],
    lint: findings,
    autogenerate: options.autogenerate === true,
    baseline,
  };
}

/**
 * Autogenerate as a function: compares the schema modules with the database
 * and writes the revision (nothing when they agree).
 *
 * @example await autogenerate(await loadConfig(), { message: 'add email' });
 */
export function autogenerate(config: ResolvedConfig, options: RevisionCliOptions): Promise<RevisionResult> {
  return revision(config, { ...options, autogenerate: true });
}

/** Stamps the database at the new baseline; on failure the file stays, and the error says how to finish. */
async function stampBaseline(config: ResolvedConfig, revisionId: string, path: string): Promise<void> {
  try {
    await stamp(config, [revisionId]);
  } catch (error) {
    if (!(error instanceof KilnError)) throw error;
    throw new RevisionError(
      'revision.baseline-not-stamped',
      `wrote ${path}, but could not stamp the database: ${error.message}`,
      {
        hint: `run 'kiln stamp ${revisionId}' once the database is reachable`,
        cause: error,
      },
    );
  }
}

/** The database must be at the revision(s) the new one builds on, or the diff would describe someone else's change. */
async function diffDatabase(
  config: ResolvedConfig,
  graph: RevisionGraph,
  parents: readonly string[],
  revisionId: string,
  options: Pick<RevisionOptions, 'renames' | 'askRename'>,
): Promise<{ operations: Operation[]; findings: LintFinding[]; renameWarnings: readonly string[] }> {
  return withDatabase(config, async (session) => {
    // The schema modules are the likelier mistake: report them before the database state.
    const models = await loadSchemaModels(config, session.dialect);
    const current = await session.context.currentHeads();
    const behind = parents.filter((parent) => !graph.isApplied(parent, current));
    if (behind.length > 0) {
      throw new RevisionError(
        'autogenerate.not-up-to-date',
        `the database is not up to date: revision ${behind.join(', ')} is not applied`,
        {
          hint: "run 'kiln upgrade' first, then autogenerate",
          data: { current, missing: behind },
        },
      );
    }
    let renameWarnings: readonly string[] = [];
    const { operations, live } = await diffWithDatabase(config, session, models, async (database, target) => {
      const planned = await planRenames(database, target, options.renames ?? [], options.askRename);
      renameWarnings = planned.warnings;
      return planned.resolver;
    });
    const counter = liveRowCounter(session.connection, session.dialect);
    const findings = await lintOperations(revisionId, operations, live, session.dialect, counter);
    return { operations, findings, renameWarnings };
  });
}

export function revisionTemplate(config: ResolvedConfig): string {
  const custom = join(config.migrationsDir, 'script.ts.template');
  return existsSync(custom) ? readFileSync(custom, 'utf8') : readTemplate('script.ts.template');
}

/** Writes the new revision atomically: a failure (read-only folder, full disk) leaves no partial file. */
export function writeRevisionFile(config: ResolvedConfig, revisionId: string, message: string, source: string): string {
  makeFolder(config.versionsDir);
  const slug = message
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  const file = join(config.versionsDir, `${revisionId}${slug === '' ? '' : `_${slug}`}.ts`);
  if (existsSync(file)) {
    throw new RevisionError('revision.file-exists', `${shownPath(file)} already exists`, {
      hint: 'choose another --rev-id or message',
    });
  }
  withFileErrors('write the revision file', file, () => writeFileAtomic(file, source));
  return shownPath(file);
}
