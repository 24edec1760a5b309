import type { ResolvedConfig } from '../config/load-config.js';
import { UsageError } from '../errors.js';
import { planDowngrade, planUpgrade, type Step } from '../revisions/plan.js';
import { loadScriptDirectory, type ScriptDirectory } from '../revisions/script-directory.js';
import type { RevisionGraph } from '../revisions/graph.js';
import { resolveTarget, splitRange } from '../revisions/resolve-target.js';
import type { MigrationContext, StepResult } from '../runtime/migration-context.js';
import { type LoadedRevision, loadRevisionModules } from '../runtime/revision-module.js';
import { offlineContext, withDatabase } from './database.js';
import { assertSafeToMigrate } from './safety.js';
import type { LockWaitOptions } from './lock-options.js';
import { type StepEvent, stepTitle } from './step-title.js';

export { type StepEvent, stepTitle } from './step-title.js';

export interface MigrateOptions extends LockWaitOptions {
  /** Print the SQL instead of running it; `target` may then be a range `from:to`. */
  readonly sql?: boolean;
  readonly onStep?: (event: StepEvent) => void;
  /** Called once per distinct warning as the run goes (SQLite: older foreign-key violations); also in `warnings`. */
  readonly onWarning?: (message: string) => void;
  /**
   * Online: told each statement as it is executed, kiln's own bookkeeping
   * included; the same statements `--sql` prints for the same range (default: nobody).
   * @example upgrade(config, 'head', { onStatement: (sql) => audit.push(sql) })
   */
  readonly onStatement?: (sql: string) => void;
}

export interface MigrationResult {
  readonly direction: 'up' | 'down';
  readonly steps: readonly StepResult[];
  /** The version rows before the run (with `sql: true`: where the script starts). */
  readonly from: readonly string[];
  /** The version rows after the run. */
  readonly heads: readonly string[];
  /** With `sql: true`: the script. */
  readonly sql: string | null;
  /** What the database reported without failing the run, each once (e.g. orphan rows the revisions did not cause). */
  readonly warnings: readonly string[];
}

/**
 * `kiln upgrade [target]`: applies every revision needed to reach `target`
 * (default `head`), each in its own transaction where the database allows.
 *
 * @example await upgrade(await loadConfig(), 'head');
 */
export function upgrade(
  config: ResolvedConfig,
  target = 'head',
  options: MigrateOptions = {},
): Promise<MigrationResult> {
  return migrate(config, 'up', target, options);
}

/**
 * `kiln downgrade <target>`: reverts revisions down to `target` (`-1`, `base`, a revision).
 *
 * @example await downgrade(await loadConfig(), '-1');
 */
export function downgrade(
  config: ResolvedConfig,
  target: string,
  options: MigrateOptions = {},
): Promise<MigrationResult> {
  return migrate(config, 'down', target, options);
}

function plan(graph: RevisionGraph, direction: 'up' | 'down', heads: readonly string[], target: string): Step[] {
  return direction === 'up' ? planUpgrade(graph, heads, target) : planDowngrade(graph, heads, target);
}

async function migrate(
  config: ResolvedConfig,
  direction: 'up' | 'down',
  target: string,
  options: MigrateOptions,
): Promise<MigrationResult> {
  const scripts = await loadScriptDirectory(config.versionsDir);
  if (options.sql === true) return migrateOffline(config, scripts, direction, target, options);
  return withDatabase(
    config,
    async ({ context, connection }) => {
      const warnings = new Set<string>();
      // Drained after each transaction, so a warning shows beside the step that found it.
      const drain = () => {
        for (const warning of connection.takeWarnings?.() ?? []) {
          if (!warnings.has(warning)) options.onWarning?.(warning);
          warnings.add(warning);
        }
      };
      const heads = await context.currentHeads();
      await assertSafeToMigrate(context, scripts.graph, heads);
      const steps = plan(scripts.graph, direction, heads, target);
      // Every file of the plan loads before kiln creates its tables: a broken one leaves the database untouched.
      const loaded = await loadPlan(scripts, steps);
      await context.ensureKilnTables();
      drain();
      const results = await runSteps(context, steps, loaded, options, drain);
      const after = await context.currentHeads();
      return { direction, steps: results, from: heads, heads: after, sql: null, warnings: [...warnings] };
    },
    {
      lock: options,
      command: direction === 'up' ? 'upgrade' : 'downgrade',
      ...(options.onStatement === undefined ? {} : { onStatement: options.onStatement }),
    },
  );
}

/** Imports every revision file of the plan, so that one that does not load fails the command before any runs. */
function loadPlan(scripts: ScriptDirectory, steps: readonly Step[]): Promise<LoadedRevision[]> {
  return loadRevisionModules(
    steps.map(({ revision: { revision, path } }) => ({ revision, path, source: scripts.source(path) })),
  );
}

async function runSteps(
  context: MigrationContext,
  steps: readonly Step[],
  loaded: readonly LoadedRevision[],
  options: MigrateOptions,
  afterStep: () => void = () => {},
): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (const [index, step] of steps.entries()) {
    options.onStep?.({
      direction: step.direction,
      revision: step.revision.revision,
      parents: step.revision.downRevisions,
      from: step.versionDelete,
      to: step.versionInsert,
      message: step.revision.message,
    });
    results.push(await context.runStep(step, loaded[index] as LoadedRevision));
    afterStep();
  }
  return results;
}

/**
 * Offline: no connection. The starting point is the left side of `from:to`
 * (base when absent); the schema at that point is tracked by replaying the
 * earlier revisions' operations in memory, so SQLite table rebuilds can be
 * written out too.
 */
async function migrateOffline(
  config: ResolvedConfig,
  scripts: ScriptDirectory,
  direction: 'up' | 'down',
  target: string,
  options: MigrateOptions,
): Promise<MigrationResult> {
  const { graph } = scripts;
  const range = splitRange(target);
  if (direction === 'down' && range === null) {
    throw new UsageError('downgrade.sql-needs-range', `downgrade --sql needs a range '<from>:<to>', not '${target}'`, {
      hint: "no database is read with --sql, so say where to start: e.g. 'kiln downgrade head:base --sql'",
    });
  }
  const from = range?.from ?? null;
  const warmSteps = from === null ? [] : planUpgrade(graph, [], from);
  const warm = await offlineContext(config);
  for (const [index, revision] of (await loadPlan(scripts, warmSteps)).entries()) {
    await warm.context.runStep(warmSteps[index] as Step, revision);
  }
  const startHeads = finalHeads([], warmSteps);
  const { context, target: output } = await offlineContext(config, warm.context.schemaModel);
  const to = range === null ? target : (range.to ?? (direction === 'up' ? 'heads' : 'base'));
  const steps = plan(graph, direction, startHeads, to);
  if (direction === 'up' && steps.length === 0 && range !== null) checkNotReversed(graph, target, startHeads, to);
  const loaded = await loadPlan(scripts, steps);
  if (startHeads.length === 0 && direction === 'up') await context.ensureKilnTables();
  const results = await runSteps(context, steps, loaded, {
    onStep: (event) => {
      output.blank();
      output.comment(stepTitle(event));
      options.onStep?.(event);
    },
  });
  const heads = finalHeads(startHeads, steps);
  return { direction, steps: results, from: startHeads, heads, sql: output.text(), warnings: [] };
}

/** `upgrade b:a --sql` with `a` below `b` would print nothing: say which command was meant. */
function checkNotReversed(graph: RevisionGraph, range: string, startHeads: readonly string[], to: string): void {
  const below = graph.ancestors(startHeads, { inclusive: false });
  const targets = resolveTarget(graph, to, { currentHeads: startHeads }).revisions;
  if (targets.length > 0 && targets.every((id) => below.has(id))) {
    throw new UsageError('upgrade.range-reversed', `upgrade range '${range}' goes down: ${to} is below the start`, {
      hint: `to print the downgrade, run 'kiln downgrade ${range} --sql'`,
    });
  }
}

function finalHeads(start: readonly string[], steps: readonly Step[]): string[] {
  let heads = [...start];
  for (const step of steps) heads = heads.filter((h) => !step.versionDelete.includes(h)).concat(step.versionInsert);
  return heads.sort();
}
