import { Command, CommanderError } from 'commander';
import { loadConfig, type ResolvedConfig } from '../config/load-config.js';
import type * as commands from '../commands/index.js';
import { VERSION } from '../version.js';
import * as format from './format.js';
import { type LockTimeoutFlag, lockWaitOptions, withLockTimeout } from './lock-timeout.js';
import type { Reporter } from './output.js';

interface GlobalOptions {
  readonly config?: string;
  readonly url?: string;
}

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
  | 'edit'
  | 'check'
  | 'resolve';

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
  edit: () => import('../commands/edit.js'),
  check: () => import('../commands/check.js'),
  resolve: () => import('../commands/resolve.js'),
};

async function command<K extends CommandName>(name: K): Promise<(typeof commands)[K]> {
  return (await MODULES[name]())[name];
}

/**
 * Builds the command line and runs it; returns the exit code. Each command is
 * a thin adapter: arguments → command function → reporter.
 */
export async function runCli(argv: readonly string[], reporter: Reporter): Promise<number> {
  let exitCode = 0;
  const program = new Command('kiln')
    .description('Schema migrations for TypeScript: autogenerate, upgrade, downgrade, and a revision graph')
    .version(VERSION, '-V, --version')
    .option('-c, --config <path>', 'config file (default: kiln.config.* found from the working directory up)')
    .option('-u, --url <url>', 'database URL; overrides DATABASE_URL and the config')
    .showHelpAfterError('(run kiln --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => reporter.raw('stdout', text),
      writeErr: (text) => reporter.raw('stderr', text),
    });

  // Known before anything is parsed, so that not even a usage error can show these passwords.
  reporter.protect(process.env.DATABASE_URL);
  argv.forEach((arg, i) => {
    if (arg === '--url' || arg === '-u') reporter.protect(argv[i + 1]);
    else if (arg.startsWith('--url=')) reporter.protect(arg.slice('--url='.length));
  });
  const config = async (): Promise<ResolvedConfig> => {
    const globals = program.opts<GlobalOptions>();
    reporter.protect(globals.url);
    const loaded = await loadConfig({
      ...(globals.config === undefined ? {} : { configPath: globals.config }),
      ...(globals.url === undefined ? {} : { url: globals.url }),
    });
    reporter.protect(loaded.url ?? undefined);
    return loaded;
  };
  const progress = (event: commands.StepEvent) => reporter.info(format.stepLine(event));
  const warn = (message: string) => reporter.warn(message);

  program
    .command('init')
    .description('create migrations/ (versions/, the revision template, a README) and kiln.config.ts if missing')
    .argument('[directory]', 'folder to create', 'migrations')
    .action(async (directory: string) => {
      const result = await (await command('init'))({ directory });
      reporter.result(result, () => format.init(result), false);
    });

  const revisionOptions = (command: Command) =>
    command
      .requiredOption('-m, --message <message>', 'what the revision does')
      .option('--head <rev>', 'the revision (or <label>@head) to build on', undefined)
      .option('--splice', 'allow --head to name a revision that is not a head (starts a new branch)')
      .option('--branch-label <label>', 'label for a new branch')
      .option('--depends-on <rev...>', 'revisions this one depends on (from other branches)')
      .option('--rev-id <id>', 'use this revision id instead of a generated one')
      .option('--json', 'print the result as JSON');

  revisionOptions(program.command('revision').description('write a new revision file'))
    .option('--autogenerate', 'fill it with the differences between the schema modules and the database')
    .action(async (options: commands.RevisionCliOptions & { autogenerate?: boolean; json?: boolean }) => {
      const result = await (await command('revision'))(await config(), {
        ...options,
        autogenerate: options.autogenerate === true,
      });
      reporter.result(result, () => format.revision(result), options.json === true);
    });

  revisionOptions(program.command('migrate').description('= revision --autogenerate')).action(
    async (options: commands.RevisionCliOptions & { json?: boolean }) => {
      const result = await (await command('revision'))(await config(), { ...options, autogenerate: true });
      reporter.result(result, () => format.revision(result), options.json === true);
    },
  );

  withLockTimeout(
    program
      .command('upgrade')
      .description('apply revisions up to a target')
      .argument('[target]', 'head, heads, a revision, +N, <label>@head; with --sql also a range a:b', 'head')
      .option('--sql', 'print the SQL instead of running it (no connection)')
      .option('--json', 'print the result as JSON'),
  ).action(async (target: string, options: { sql?: boolean; json?: boolean } & LockTimeoutFlag) => {
    const result = await (await command('upgrade'))(await config(), target, {
      ...lockWaitOptions(options, reporter),
      sql: options.sql === true,
      onStep: progress,
      onWarning: warn,
    });
    reporter.result(result, () => format.migration(result), options.json === true);
  });

  withLockTimeout(
    program
      .command('downgrade')
      .description('revert revisions down to a target')
      .argument('<target>', 'base, a revision, -N, <label>@-N; with --sql also a range a:b')
      .option('--sql', 'print the SQL instead of running it (no connection)')
      .option('--json', 'print the result as JSON'),
  ).action(async (target: string, options: { sql?: boolean; json?: boolean } & LockTimeoutFlag) => {
    const result = await (await command('downgrade'))(await config(), target, {
      ...lockWaitOptions(options, reporter),
      sql: options.sql === true,
      onStep: progress,
      onWarning: warn,
    });
    reporter.result(result, () => format.migration(result), options.json === true);
  });

  program
    .command('current')
    .description('show the revision(s) the database is at')
    .option('-v, --verbose', 'show each revision in full')
    .option('--json', 'print the result as JSON')
    .action(async (options: { verbose?: boolean; json?: boolean }) => {
      const result = await (await command('current'))(await config());
      reporter.result(result, () => format.current(result, options.verbose === true), options.json === true);
    });

  program
    .command('history')
    .description('list revisions, newest first')
    .option('-r, --rev-range <range>', 'a range a:b (either side optional)')
    .option('-v, --verbose', 'show each revision in full')
    .option('-i, --indicate-current', 'mark the revision(s) the database is at')
    .option('--graph', 'draw the graph like git log --graph')
    .option('--json', 'print the result as JSON')
    .action(
      async (options: {
        revRange?: string;
        verbose?: boolean;
        indicateCurrent?: boolean;
        graph?: boolean;
        json?: boolean;
      }) => {
        const result = await (await command('history'))(await config(), {
          ...(options.revRange === undefined ? {} : { range: options.revRange }),
          indicateCurrent: options.indicateCurrent === true,
        });
        reporter.result(
          result,
          () => format.history(result, { verbose: options.verbose === true, graph: options.graph === true }),
          options.json === true,
        );
      },
    );

  program
    .command('heads')
    .description('list the head revisions')
    .option('-v, --verbose', 'show each revision in full')
    .option('--json', 'print the result as JSON')
    .action(async (options: { verbose?: boolean; json?: boolean }) => {
      const result = await (await command('heads'))(await config());
      reporter.result(result, () => format.revisionList(result.heads, options.verbose === true), options.json === true);
    });

  program
    .command('branches')
    .description('list the branch points')
    .option('-v, --verbose', 'show each revision in full')
    .option('--json', 'print the result as JSON')
    .action(async (options: { verbose?: boolean; json?: boolean }) => {
      const result = await (await command('branches'))(await config());
      reporter.result(result, () => format.branches(result, options.verbose === true), options.json === true);
    });

  program
    .command('show')
    .description('show one revision')
    .argument('<rev>', 'a revision id, unique prefix, head, <label>@head, …')
    .option('--json', 'print the result as JSON')
    .action(async (rev: string, options: { json?: boolean }) => {
      const result = await (await command('show'))(await config(), rev);
      reporter.result(result, () => format.revisionList([result.revision], true), options.json === true);
    });

  withLockTimeout(
    program
      .command('stamp')
      .description('set the version table to revision(s) without running any migration')
      .argument('<revs...>', 'revisions (or base, head, heads)')
      .option('--sql', 'print the SQL instead of running it (no connection)')
      .option('--purge', 'empty the version table first (use when it names revisions that no longer exist)')
      .option('--json', 'print the result as JSON'),
  ).action(async (revs: string[], options: { sql?: boolean; purge?: boolean; json?: boolean } & LockTimeoutFlag) => {
    const result = await (await command('stamp'))(await config(), revs, {
      ...lockWaitOptions(options, reporter),
      sql: options.sql === true,
      purge: options.purge === true,
    });
    reporter.result(result, () => format.stamp(result), options.json === true);
  });

  program
    .command('merge')
    .description('write a revision that joins several heads')
    .argument('<revs...>', 'the revisions to merge (or heads)')
    .requiredOption('-m, --message <message>', 'what the merge does')
    .option('--branch-label <label>', 'label for the merged branch')
    .option('--rev-id <id>', 'use this revision id instead of a generated one')
    .option('--json', 'print the result as JSON')
    .action(
      async (revs: string[], options: { message: string; branchLabel?: string; revId?: string; json?: boolean }) => {
        const result = await (await command('merge'))(await config(), revs, options);
        reporter.result(result, () => format.revision(result), options.json === true);
      },
    );

  program
    .command('edit')
    .description('open a revision file in $EDITOR')
    .argument('[rev]', 'the revision to edit', 'head')
    .action(async (rev: string) => {
      await (await command('edit'))(await config(), rev);
    });

  withLockTimeout(
    program
      .command('resolve')
      .description('settle a revision a failed run left half-applied, or accept an edited revision file')
      .argument('<rev>', 'the revision (id or unique prefix)')
      .option('--applied', 'you finished the half-applied revision by hand: record it as applied')
      .option('--rolled-back', 'you undid the half-applied revision by hand: clear its record')
      .option('--rehash', "the applied revision's file was edited on purpose: record its new checksum")
      .option('--json', 'print the result as JSON'),
  ).action(
    async (
      rev: string,
      options: { applied?: boolean; rolledBack?: boolean; rehash?: boolean; json?: boolean } & LockTimeoutFlag,
    ) => {
      const result = await (await command('resolve'))(await config(), rev, {
        ...lockWaitOptions(options, reporter),
        applied: options.applied === true,
        rolledBack: options.rolledBack === true,
        rehash: options.rehash === true,
      });
      reporter.result(result, () => format.resolve(result), options.json === true);
    },
  );

  program
    .command('check')
    .description('exit 1 if the schema modules and the database differ')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const result = await (await command('check'))(await config());
      reporter.result(result, () => format.check(result), options.json === true);
      exitCode = result.differences.length === 0 ? 0 : 1;
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; commander already printed them.
      // commander has printed the usage error already: exit 2 without repeating it.
      return error.exitCode === 0 ? 0 : 2;
    }
    throw error;
  }
  return exitCode;
}
