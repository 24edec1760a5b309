import type { Command } from 'commander';
import type { StepEvent } from '../commands/index.js';
import type { ResolvedConfig } from '../config/load-config.js';
import type { KilnError } from '../errors.js';
import { withLockTimeout } from './lock-timeout.js';
import { withTargetOptions } from './target-options.js';
import type { Reporter } from './output.js';
import type { Style } from './style.js';

/** What every command adapter gets from the CLI: the reporter and the config, loaded on first use. */
export interface CliContext {
  readonly reporter: Reporter;
  /** The config with `--config`/`--url` applied; loaded only by commands that need it. */
  config(): Promise<ResolvedConfig>;
  /** Progress lines (`Running upgrade …`) on stderr. */
  readonly onStep: (event: StepEvent) => void;
  /** The statement being run, for the live progress line; undefined when nothing shows it (not a terminal). */
  readonly onStatement: ((sql: string) => void) | undefined;
  /** Warnings on stderr; the command still succeeds. */
  readonly onWarning: (message: string) => void;
}

/** A command's outcome for the reporter: `data` is the `--json` document, `text(style)` what people read. */
export interface Report {
  readonly data: object;
  readonly text: (style: Style) => string;
  /** Default 0; `check` exits 1 when it finds differences. */
  readonly exitCode?: number;
  /**
   * A failure to report after the result (`upgrade --all` with failed
   * targets): said on stderr as errors are; under `--json` it is up to `data`
   * to carry it, so stdout stays one document.
   */
  readonly failure?: KilnError;
}

/** An option only one command (or one family, like revision/migrate) has. */
export interface OptionSpec {
  readonly flags: string;
  readonly description: string;
  readonly required?: boolean;
}

/**
 * Options several commands share, declared once here so that their flags and
 * help texts cannot drift apart: `--json`, `--sql`, `--lock-timeout`, `-v`.
 */
const SHARED_OPTIONS = {
  json: (command: Command) => command.option('--json', 'print the result as JSON'),
  sql: (command: Command) => command.option('--sql', 'print the SQL instead of running it (no connection)'),
  lockTimeout: withLockTimeout,
  targets: withTargetOptions,
  verbose: (command: Command) => command.option('-v, --verbose', 'show each revision in full'),
} as const satisfies Record<string, (command: Command) => Command>;

export type SharedOption = keyof typeof SHARED_OPTIONS;

/** `[target]`, `<rev>`, `<revs...>` with commander's syntax; a default only for optional ones. */
export interface ArgumentSpec {
  readonly syntax: string;
  readonly description: string;
  readonly default?: string;
}

/**
 * One command of the table: its help, its arguments and options (in help
 * order), and `run`, the adapter from parsed arguments to a command function
 * and a report. `A` is the positional arguments as commander passes them,
 * `O` the parsed options (camel-cased flag names).
 */
export interface CommandSpec<A extends readonly unknown[], O extends object> {
  readonly name: string;
  readonly description: string;
  readonly arguments?: readonly ArgumentSpec[];
  readonly options?: readonly (SharedOption | OptionSpec)[];
  run(context: CliContext, args: A, options: O): Promise<Report | undefined>;
}

/** A table entry with its argument types closed over, so that one list can hold every command. */
export interface CliCommand {
  readonly name: string;
  /** Adds the command to `program`; `exit` receives the exit code of a run that does not throw. */
  attach(program: Command, context: CliContext, exit: (code: number) => void): void;
}

/**
 * Turns a spec into a table entry.
 *
 * @example defineCommand<[string], { json?: boolean }>({ name: 'show', description: '…', run: … })
 */
export function defineCommand<A extends readonly unknown[], O extends object>(spec: CommandSpec<A, O>): CliCommand {
  return {
    name: spec.name,
    attach(program, context, exit) {
      const command = program.command(spec.name).description(spec.description);
      for (const argument of spec.arguments ?? [])
        command.argument(argument.syntax, argument.description, argument.default);
      for (const option of spec.options ?? []) addOption(command, option);
      const arity = spec.arguments?.length ?? 0;
      command.action(async (...received: unknown[]) => {
        // commander's contract: the declared arguments in order, then the options object.
        const report = await spec.run(context, received.slice(0, arity) as unknown as A, received[arity] as O);
        if (report !== undefined) context.reporter.result(report.data, report.text);
        if (report?.failure !== undefined && !context.reporter.json) context.reporter.error(report.failure);
        exit(report?.exitCode ?? 0);
      });
    },
  };
}

function addOption(command: Command, option: SharedOption | OptionSpec): void {
  if (typeof option === 'string') SHARED_OPTIONS[option](command);
  else if (option.required === true) command.requiredOption(option.flags, option.description);
  else command.option(option.flags, option.description);
}
