import type * as commands from '../commands/index.js';
import { type CliCommand, type CliContext, defineCommand, type OptionSpec, type Report } from './command-spec.js';
import * as format from './format.js';
import { KilnError } from '../errors.js';
import * as formatTargets from './format-targets.js';
import { type LockTimeoutFlag, lockWaitOptions } from './lock-timeout.js';
import { type TargetFlags, targetListeners, targetSelection } from './target-options.js';
import { renamePrompt } from './rename-prompt.js';
import type { Style } from './style.js';

type CommandName =
  | 'init'
  | 'revision'
  | 'upgrade'
  | 'downgrade'
  | 'current'
  | 'history'
  | 'heads'
  | 'branches'
  | 'show'
  | 'stamp'
  | 'merge'
  | 'squash'
  | 'edit'
  | 'check'
  | 'status'
  | 'resolve'
  | 'upgradeTargets'
  | 'downgradeTargets'
  | 'currentTargets'
  | 'statusTargets'
  | 'checkTargets'
  | 'pull'
  | 'lint'
  | 'graph';

/** Where each command lives: loaded on use, so `kiln heads` never loads what `kiln upgrade` needs. */
const MODULES: { readonly [K in CommandName]: () => Promise<Pick<typeof commands, K>> } = {
  init: () => import('../commands/init.js'),
  revision: () => import('../commands/revision.js'),
  upgrade: () => import('../commands/upgrade.js'),
  downgrade: () => import('../commands/upgrade.js'),
  current: () => import('../commands/read-commands.js'),
  history: () => import('../commands/read-commands.js'),
  heads: () => import('../commands/read-commands.js'),
  branches: () => import('../commands/read-commands.js'),
  show: () => import('../commands/read-commands.js'),
  stamp: () => import('../commands/stamp.js'),
  merge: () => import('../commands/merge.js'),
  squash: () => import('../commands/squash.js'),
  edit: () => import('../commands/edit.js'),
  check: () => import('../commands/check.js'),
  status: () => import('../commands/status.js'),
  lint: () => import('../commands/lint.js'),
  resolve: () => import('../commands/resolve.js'),
  upgradeTargets: () => import('../commands/migrate-targets.js'),
  downgradeTargets: () => import('../commands/migrate-targets.js'),
  currentTargets: () => import('../commands/current-targets.js'),
  statusTargets: () => import('../commands/status-targets.js'),
  checkTargets: () => import('../commands/check-targets.js'),
  pull: () => import('../commands/pull.js'),
  graph: () => import('../commands/graph.js'),
};

async function load<K extends CommandName>(name: K): Promise<(typeof commands)[K]> {
  return (await MODULES[name]())[name];
}

interface Verbose {
  readonly verbose?: boolean;
}

const REVISION_OPTIONS: readonly OptionSpec[] = [
  { flags: '-m, --message <message>', description: 'what the revision does', required: true },
  { flags: '--head <rev>', description: 'the revision (or <label>@head) to build on' },
  { flags: '--splice', description: 'allow --head to name a revision that is not a head (starts a new branch)' },
  { flags: '--branch-label <label>', description: 'label for a new branch' },
  { flags: '--depends-on <rev...>', description: 'revisions this one depends on (from other branches)' },
  { flags: '--rev-id <id>', description: 'use this revision id instead of a generated one' },
];

/** `revision` and its alias `migrate` (= `revision --autogenerate`). */
function revisionCommand(name: 'revision' | 'migrate', description: string): CliCommand {
  return defineCommand<
    [],
    commands.RevisionCliOptions & { autogenerate?: boolean; baseline?: boolean; rename?: string[] }
  >({
    name,
    description,
    options: [
      ...REVISION_OPTIONS,
      {
        flags: '--rename <old=new...>',
        description:
          'autogenerate a rename, not drop + add (rows kept): table.old=table.new for a column, old=new for a table',
      },
      'json',
      ...(name === 'revision'
        ? [
            {
              flags: '--autogenerate',
              description: 'fill it with the differences between the schema modules and the database',
            },
            {
              flags: '--baseline',
              description:
                'the first revision, creating the database as it is now (upgrade creates, downgrade drops); stamps the database at it',
            },
          ]
        : []),
    ],
    run: async (context, _args, options) => {
      const autogenerate = name === 'migrate' || options.autogenerate === true;
      const { rename = [], ...rest } = options;
      const askRename = autogenerate ? renamePrompt(context.reporter.json) : undefined;
      const result = await (await load('revision'))(await context.config(), {
        ...rest,
        autogenerate,
        renames: rename,
        ...(askRename === undefined ? {} : { askRename }),
      });
      for (const warning of result.warnings) context.onWarning(warning);
      return { data: result, text: () => format.revision(result) };
    },
  });
}

/** `upgrade` and `downgrade`: the same options and output, opposite directions. */
function migrationCommand(name: 'upgrade' | 'downgrade', description: string, target: string): CliCommand {
  return defineCommand<[string], { sql?: boolean; lint?: boolean } & LockTimeoutFlag & TargetFlags>({
    name,
    description,
    arguments: [
      name === 'upgrade'
        ? { syntax: '[target]', description: target, default: 'head' }
        : { syntax: '<target>', description: target },
    ],
    options: [
      'sql',
      'json',
      'lockTimeout',
      'targets',
      ...(name === 'upgrade'
        ? [{ flags: '--no-lint', description: "skip the lint report of the revisions about to run (see 'kiln lint')" }]
        : []),
    ],
    run: async (context, [to], options) => {
      const selection = targetSelection(options, { sql: options.sql === true });
      if (selection !== null) return migrateTargets(context, name, to, options, selection);
      const result = await (await load(name))(await context.config(), to, {
        ...lockWaitOptions(options, context.reporter),
        sql: options.sql === true,
        ...(options.lint === false ? { lint: false } : {}),
        onStep: context.onStep,
        onWarning: context.onWarning,
        ...(context.onStatement === undefined ? {} : { onStatement: context.onStatement }),
      });
      return { data: migrationDocument(result), text: (style) => format.migration(result, style) };
    },
  });
}

/** `upgrade`/`downgrade` with `--all` or `--targets`: progress on stderr, the table on stdout, exit 1 naming failed targets. */
async function migrateTargets(
  context: CliContext,
  name: 'upgrade' | 'downgrade',
  to: string,
  options: LockTimeoutFlag & TargetFlags & { lint?: boolean },
  selection: commands.TargetSelection,
): Promise<Report> {
  const run = await load(name === 'upgrade' ? 'upgradeTargets' : 'downgradeTargets');
  const result = await run(await context.config(), to, {
    ...selection,
    ...(options.lint === false ? { lint: false } : {}),
    ...(options.lockTimeout === undefined ? {} : { lockTimeout: options.lockTimeout }),
    ...(options.parallel === undefined ? {} : { parallel: options.parallel }),
    ...(options.canary === undefined ? {} : { canary: options.canary }),
    ...targetListeners(context.reporter),
  });
  const failure = targetsFailure(result);
  if (failure === null) return { data: result, text: () => formatTargets.targetsTable(result) };
  const error = { code: failure.code, message: failure.message, hint: failure.hint ?? null };
  return {
    data: { ...result, ok: false, error },
    text: () => formatTargets.targetsTable(result),
    exitCode: 1,
    failure,
  };
}

/** The run's failure, naming its failed (and skipped) targets; null when every target is done. */
function targetsFailure(result: commands.TargetsMigrationResult): KilnError | null {
  if (result.failed.length === 0 && result.skipped.length === 0) return null;
  const skipped = result.skipped.length === 0 ? '' : `; ${result.skipped.length} not started after a canary failed`;
  return new KilnError(
    'targets.failed',
    `${result.failed.length} of ${result.targets.length} target(s) failed: ${result.failed.join(', ')}${skipped}`,
    {
      hint: 'each failed row says why; fix it and run the same command again: targets already done have nothing to do',
    },
  );
}

/**
 * The `--json` document of upgrade/downgrade: where the database was and is
 * (`from`, `to`: version rows) and each revision run, with its duration.
 */
function migrationDocument(result: commands.MigrationResult): object {
  const { direction, from, heads, steps, sql, warnings, lint } = result;
  return { direction, from, to: heads, steps, sql, warnings, lint };
}

/**
 * `kiln status` exits with its verdict, so CI and start-up scripts need not
 * read the output: 0 up to date, 3 revisions pending (nothing else), 4 something
 * a person must settle (see `StatusState`).
 */
export const STATUS_EXIT_CODES: Readonly<Record<commands.StatusState, number>> = {
  'up-to-date': 0,
  pending: 3,
  attention: 4,
};

const status = defineCommand<[], TargetFlags>({
  name: 'status',
  description:
    'where the database is: pending revisions, models vs database, edited or half-applied revisions, the lock',
  options: ['json', 'targets'],
  run: async (context, _args, options) => {
    const selection = targetSelection(options, { canary: options.canary !== undefined });
    if (selection === null) {
      const result = await (await load('status'))(await context.config());
      // Loaded with the command: its wording shares check's, which other commands need not load.
      const { status: statusText } = await import('./status-text.js');
      return { data: result, text: () => statusText(result), exitCode: STATUS_EXIT_CODES[result.state] };
    }
    const { onSelected } = targetListeners(context.reporter);
    const result = await (await load('statusTargets'))(await context.config(), {
      ...selection,
      ...(options.parallel === undefined ? {} : { parallel: options.parallel }),
      onSelected,
    });
    const text = () => formatTargets.statusTable(result);
    // The worst target's verdict; a target that could not be read makes the fleet's status unknown: 1.
    if (result.state !== 'failed') return { data: result, text, exitCode: STATUS_EXIT_CODES[result.state] };
    return unreadTargets(result, text);
  },
});

/** `check --all` / `--targets`: exit 0 when every target is clean, else 1 (with `targets.failed` when one could not be read). */
async function checkTargetsReport(
  context: CliContext,
  selection: commands.TargetSelection,
  parallel: number | undefined,
): Promise<Report> {
  const { onSelected } = targetListeners(context.reporter);
  const result = await (await load('checkTargets'))(await context.config(), {
    ...selection,
    ...(parallel === undefined ? {} : { parallel }),
    onSelected,
  });
  const text = () => formatTargets.checkTable(result);
  if (result.failed.length === 0) return { data: result, text, exitCode: result.differs.length === 0 ? 0 : 1 };
  return unreadTargets(result, text);
}

/** A multi-target read (`current`, `status`, `check --all`) where some targets could not be read: exit 1 naming them. */
function unreadTargets(
  result: { readonly targets: readonly unknown[]; readonly failed: readonly string[] },
  text: () => string,
): Report {
  const failure = new KilnError(
    'targets.failed',
    `${result.failed.length} of ${result.targets.length} target(s) could not be read: ${result.failed.join(', ')}`,
    { hint: 'each failed row says why' },
  );
  const error = { code: failure.code, message: failure.message, hint: failure.hint ?? null };
  return { data: { ...result, ok: false, error }, text, exitCode: 1, failure };
}

/** A reading command with no arguments whose text is one formatter call. */
function readCommand<R extends object>(
  name: 'heads' | 'branches',
  description: string,
  text: (result: R, verbose: boolean, style: Style) => string,
  run: (context: CliContext) => Promise<R>,
): CliCommand {
  return defineCommand<[], Verbose>({
    name,
    description,
    options: ['verbose', 'json'],
    run: async (context, _args, options) => {
      const result = await run(context);
      return { data: result, text: (style) => text(result, options.verbose === true, style) };
    },
  });
}

const currentCommand = defineCommand<[], Verbose & TargetFlags>({
  name: 'current',
  description: 'show the revision(s) the database is at',
  options: ['verbose', 'json', 'targets'],
  run: async (context, _args, options) => {
    const selection = targetSelection(options, { canary: options.canary !== undefined });
    if (selection === null) {
      const result = await (await load('current'))(await context.config());
      return { data: result, text: () => format.current(result, options.verbose === true) };
    }
    const { onSelected } = targetListeners(context.reporter);
    const result = await (await load('currentTargets'))(await context.config(), {
      ...selection,
      ...(options.parallel === undefined ? {} : { parallel: options.parallel }),
      onSelected,
    });
    const text = () => formatTargets.currentTable(result);
    if (result.failed.length === 0) return { data: result, text };
    return unreadTargets(result, text);
  },
});

const history = defineCommand<[], Verbose & { revRange?: string; indicateCurrent?: boolean; graph?: boolean }>({
  name: 'history',
  description: 'list revisions, newest first',
  options: [
    { flags: '-r, --rev-range <range>', description: 'a range a:b (either side optional)' },
    'verbose',
    { flags: '-i, --indicate-current', description: 'mark the revision(s) the database is at' },
    { flags: '--graph', description: 'draw the graph like git log --graph' },
    'json',
  ],
  run: async (context, _args, options) => {
    const result = await (await load('history'))(await context.config(), {
      ...(options.revRange === undefined ? {} : { range: options.revRange }),
      indicateCurrent: options.indicateCurrent === true,
    });
    const shape = { verbose: options.verbose === true, graph: options.graph === true };
    return { data: result, text: (style) => format.history(result, shape, style) };
  },
});

const stamp = defineCommand<[string[]], { sql?: boolean; purge?: boolean } & LockTimeoutFlag>({
  name: 'stamp',
  description: 'set the version table to revision(s) without running any migration',
  arguments: [{ syntax: '<revs...>', description: 'revisions (or base, head, heads)' }],
  options: [
    'sql',
    {
      flags: '--purge',
      description: 'empty the version table first (use when it names revisions that no longer exist)',
    },
    'json',
    'lockTimeout',
  ],
  run: async (context, [revs], options) => {
    const result = await (await load('stamp'))(await context.config(), revs, {
      ...lockWaitOptions(options, context.reporter),
      sql: options.sql === true,
      purge: options.purge === true,
    });
    return { data: result, text: () => format.stamp(result) };
  },
});

const resolve = defineCommand<
  [string],
  { applied?: boolean; rolledBack?: boolean; rehash?: boolean } & LockTimeoutFlag
>({
  name: 'resolve',
  description: 'settle a revision a failed run left half-applied, or accept an edited revision file',
  arguments: [{ syntax: '<rev>', description: 'the revision (id or unique prefix)' }],
  options: [
    { flags: '--applied', description: 'you finished the half-applied revision by hand: record it as applied' },
    { flags: '--rolled-back', description: 'you undid the half-applied revision by hand: clear its record' },
    {
      flags: '--rehash',
      description: "the applied revision's file was edited on purpose: record its new checksum",
    },
    'json',
    'lockTimeout',
  ],
  run: async (context, [rev], options) => {
    const result = await (await load('resolve'))(await context.config(), rev, {
      ...lockWaitOptions(options, context.reporter),
      applied: options.applied === true,
      rolledBack: options.rolledBack === true,
      rehash: options.rehash === true,
    });
    return { data: result, text: () => format.resolve(result) };
  },
});

const graph = defineCommand<[], { format?: string; out?: string; offline?: boolean }>({
  name: 'graph',
  description:
    'draw the revision graph (Mermaid, DOT or SVG) with heads, merges, labels, dependencies, the current revision',
  options: [
    { flags: '--format <format>', description: 'mermaid (renders on GitHub; the default), dot (Graphviz) or svg' },
    { flags: '-o, --out <file>', description: 'write the graph to this file instead of stdout' },
    { flags: '--offline', description: 'do not read the database (the current revision is not marked)' },
    'json',
  ],
  run: async (context, _args, options) => {
    const result = await (await load('graph'))(await context.config(), {
      format: (options.format ?? 'mermaid') as commands.GraphFormat,
      offline: options.offline === true,
      ...(options.out === undefined ? {} : { out: options.out }),
    });
    if (result.note !== null) context.onWarning(result.note);
    return { data: result, text: () => format.graph(result) };
  },
});

/** Every command, in the order `kiln --help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  defineCommand<[string], object>({
    name: 'init',
    description: 'create migrations/ (versions/, the revision template, a README) and kiln.config.ts if missing',
    arguments: [{ syntax: '[directory]', description: 'folder to create', default: 'migrations' }],
    options: ['json'],
    run: async (_context, [directory]) => {
      const result = await (await load('init'))({ directory });
      return { data: result, text: () => format.init(result) };
    },
  }),
  revisionCommand('revision', 'write a new revision file'),
  revisionCommand('migrate', '= revision --autogenerate'),
  migrationCommand(
    'upgrade',
    'apply revisions up to a target',
    'head, heads, a revision, +N, <label>@head; with --sql also a range a:b',
  ),
  migrationCommand(
    'downgrade',
    'revert revisions down to a target',
    'base, a revision, -N, <label>@-N; with --sql also a range a:b',
  ),
  currentCommand,
  history,
  readCommand(
    'heads',
    'list the head revisions',
    (result: commands.HeadsResult, verbose, style) => format.revisionList(result.heads, verbose, style),
    async (context) => (await load('heads'))(await context.config()),
  ),
  readCommand('branches', 'list the branch points', format.branches, async (context) =>
    (await load('branches'))(await context.config()),
  ),
  defineCommand<[string], object>({
    name: 'show',
    description: 'show one revision',
    arguments: [{ syntax: '<rev>', description: 'a revision id, unique prefix, head, <label>@head, …' }],
    options: ['json'],
    run: async (context, [rev]) => {
      const result = await (await load('show'))(await context.config(), rev);
      return { data: result, text: (style) => format.revisionList([result.revision], true, style) };
    },
  }),
  stamp,
  defineCommand<[string[]], { message: string; branchLabel?: string; revId?: string }>({
    name: 'merge',
    description: 'write a revision that joins several heads',
    arguments: [{ syntax: '<revs...>', description: 'the revisions to merge (or heads)' }],
    options: [
      { flags: '-m, --message <message>', description: 'what the merge does', required: true },
      { flags: '--branch-label <label>', description: 'label for the merged branch' },
      { flags: '--rev-id <id>', description: 'use this revision id instead of a generated one' },
      'json',
    ],
    run: async (context, [revs], options) => {
      const result = await (await load('merge'))(await context.config(), revs, options);
      return { data: result, text: () => format.revision(result) };
    },
  }),
  defineCommand<[string], { message?: string; force?: boolean }>({
    name: 'squash',
    description: 'replace the history base→<rev> by one baseline revision with the same id',
    arguments: [{ syntax: '<rev>', description: 'the last revision to fold into the baseline' }],
    options: [
      { flags: '-m, --message <message>', description: "the baseline's message (default: squash of <rev>)" },
      { flags: '--force', description: 'squash although revisions in the range run data steps (they are lost)' },
      'json',
    ],
    run: async (context, [rev], options) => {
      const result = await (await load('squash'))(await context.config(), rev, options);
      return { data: result, text: () => format.squash(result) };
    },
  }),
  defineCommand<[string], object>({
    name: 'edit',
    description: 'open a revision file in $EDITOR',
    arguments: [{ syntax: '[rev]', description: 'the revision to edit', default: 'head' }],
    options: ['json'],
    run: async (context, [rev]) => {
      const json = context.reporter.json;
      const result = await (await load('edit'))(await context.config(), rev, { editorOutputToStderr: json });
      // Without --json the editor's session is the whole output.
      return { data: result, text: () => '' };
    },
  }),
  resolve,
  status,
  graph,
  defineCommand<[], TargetFlags>({
    name: 'check',
    description: 'exit 1 if the schema modules and the database differ',
    options: ['json', 'targets'],
    run: async (context, _args, options) => {
      const selection = targetSelection(options, { canary: options.canary !== undefined });
      if (selection !== null) return checkTargetsReport(context, selection, options.parallel);
      const result = await (await load('check'))(await context.config());
      const { pending, halfApplied, edited, schemaDifferences } = result;
      return {
        data: { pending, halfApplied, edited, differences: schemaDifferences },
        text: () => format.check(result),
        exitCode: result.differences.length === 0 ? 0 : 1,
      };
    },
  }),
  defineCommand<[], { out?: string; split?: string; force?: boolean }>({
    name: 'pull',
    description: "write the live database's schema as a schema module in kiln's DSL",
    options: [
      { flags: '--out <file>', description: "the file to write (default: the config's schema, if it does not exist)" },
      { flags: '--split <dir>', description: 'one file per table in <dir>, with an index.ts re-exporting them' },
      { flags: '--force', description: 'overwrite files that exist' },
      'json',
    ],
    run: async (context, _args, options) => {
      const result = await (await load('pull'))(await context.config(), {
        ...(options.out === undefined ? {} : { out: options.out }),
        ...(options.split === undefined ? {} : { split: options.split }),
        force: options.force === true,
      });
      return { data: result, text: () => format.pull(result) };
    },
  }),
  defineCommand<[string | undefined], object>({
    name: 'lint',
    description: 'report what revisions will do that loses data, fails on rows, locks or breaks running code',
    arguments: [{ syntax: '[range]', description: 'a:b, a:, :b or one revision (default: the pending revisions)' }],
    options: ['json'],
    run: async (context, [range]) => {
      const result = await (await load('lint'))(await context.config(), range);
      return { data: result, text: () => format.lint(result), exitCode: result.failed ? 1 : 0 };
    },
  }),
];
