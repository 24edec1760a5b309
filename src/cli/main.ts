import { Command, CommanderError } from 'commander';
import { loadConfig, type ResolvedConfig } from '../config/load-config.js';
import { UsageError } from '../errors.js';
import { VERSION } from '../version.js';
import type { CliContext } from './command-spec.js';
import { COMMANDS } from './command-table.js';
import type { Reporter } from './output.js';

interface GlobalOptions {
  readonly config?: string;
  readonly url?: string;
}

const USAGE_HINT = 'run kiln --help for usage';

/**
 * Builds the command line from the command table and runs it; returns the
 * exit code. Each command is a thin adapter (see `command-table.ts`):
 * arguments → command function → reporter.
 *
 * @throws KilnError from the command that ran, and `UsageError` for bad usage under `--json`
 * (without `--json` commander has printed it already and 2 is returned).
 */
export async function runCli(argv: readonly string[], reporter: Reporter): Promise<number> {
  protectUrls(argv, reporter);
  // Known before parsing, so that a usage error is a JSON document too; the parsed options settle it below.
  reporter.setJson(beforeTerminator(argv).includes('--json'));
  let exitCode = 0;
  const program = buildProgram(reporter);
  const context = cliContext(program, reporter);
  for (const command of COMMANDS) {
    command.attach(program, context, (code) => {
      exitCode = code;
    });
  }
  program.hook('preAction', (_program, action) => reporter.setJson(action.opts<{ json?: boolean }>().json === true));
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // Help and version are not errors; commander already printed them.
    if (error.exitCode === 0) return 0;
    if (reporter.json) throw usageError(error);
    // commander has printed the usage error already: exit 2 without repeating it.
    return 2;
  }
  return exitCode;
}

function buildProgram(reporter: Reporter): Command {
  return new Command('kiln')
    .description('Schema migrations for TypeScript: autogenerate, upgrade, downgrade, and a revision graph')
    .version(VERSION, '-V, --version')
    .option('-c, --config <path>', 'config file (default: kiln.config.* found from the working directory up)')
    .option('-u, --url <url>', 'database URL; overrides DATABASE_URL and the config')
    .showHelpAfterError(`(${USAGE_HINT})`)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => reporter.raw('stdout', text),
      // Under --json the usage error becomes the JSON document instead (see `usageError`).
      writeErr: (text) => {
        if (!reporter.json) reporter.raw('stderr', text);
      },
    });
}

function cliContext(program: Command, reporter: Reporter): CliContext {
  return {
    reporter,
    async config(): Promise<ResolvedConfig> {
      const globals = program.opts<GlobalOptions>();
      reporter.protect(globals.url);
      const loaded = await loadConfig({
        ...(globals.config === undefined ? {} : { configPath: globals.config }),
        ...(globals.url === undefined ? {} : { url: globals.url }),
      });
      reporter.protect(loaded.url ?? undefined);
      return loaded;
    },
    onStep: (event) => reporter.step(event),
    get onStatement() {
      return reporter.live ? (sql: string) => reporter.statement(sql) : undefined;
    },
    onWarning: (message) => reporter.warn(message),
  };
}

/** Known before anything is parsed, so that not even a usage error can show these passwords. */
function protectUrls(argv: readonly string[], reporter: Reporter): void {
  reporter.protect(process.env.DATABASE_URL);
  argv.forEach((arg, i) => {
    if (arg === '--url' || arg === '-u') reporter.protect(argv[i + 1]);
    else if (arg.startsWith('--url=')) reporter.protect(arg.slice('--url='.length));
  });
}

/** The arguments commander may read as options: everything before a `--`. */
function beforeTerminator(argv: readonly string[]): readonly string[] {
  const end = argv.indexOf('--');
  return end === -1 ? argv : argv.slice(0, end);
}

/**
 * commander's usage error as a `UsageError` (exit 2): `commander.unknownOption`
 * becomes `usage.unknown-option`, its message loses the `error: ` prefix.
 */
function usageError(error: CommanderError): UsageError {
  const kind = error.code.replace(/^commander\./, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  // `kiln` alone prints the help on stderr and exits non-zero; its "message" is a marker.
  const message = error.code === 'commander.help' ? 'no command given' : error.message.replace(/^error: /, '');
  return new UsageError(`usage.${kind}`, message, { hint: USAGE_HINT });
}
