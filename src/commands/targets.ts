import { type ResolvedConfig, connectionOptions } from '../config/load-config.js';
import { redactUrl } from '../config/database-url.js';
import { tableMatches } from '../config/table-filter.js';
import { checkTargetSpecs, type TargetSpec } from '../config/targets.js';
import { loadDialect } from '../dialects/index.js';
import { ConfigError, isKilnError, UsageError } from '../errors.js';
import { withDatabase } from './database.js';

/** One database (or PostgreSQL schema) a multi-target command runs on. */
export interface Target {
  /** The config's name; `<name>.<schema>` for a schema of a `schemas` entry. */
  readonly name: string;
  /** The URL to connect with. Never printed: use `name` (or `shown`). */
  readonly url: string;
  /** The URL without its password (and the schema it is pointed at), for messages that need more than the name. */
  readonly shown: string;
}

/** Which targets a command runs on: `--all`, or `--targets` patterns (`eu-*,us-east`). */
export interface TargetSelection {
  readonly all?: boolean;
  /** Names or globs (`*` any run, `?` one character), matched against target names. */
  readonly targets?: readonly string[];
}

/** Whether a selection asks for targets at all (else the command runs on the config's one `url`). */
export function selectsTargets(selection: TargetSelection): boolean {
  return selection.all === true || selection.targets !== undefined;
}

/**
 * The targets a selection names, in the config's order: runs the config's
 * `targets` function if it is one, expands `schemas` (a query runs on its
 * URL), and matches the patterns. Names stay unique after expansion.
 *
 * @throws ConfigError when the config names no targets (or its list is empty) or a target is invalid;
 *   UsageError when a pattern matches none.
 * @example await selectTargets(config, { targets: ['eu-*'] })
 */
export async function selectTargets(config: ResolvedConfig, selection: TargetSelection): Promise<Target[]> {
  if (config.targets === null) {
    throw new ConfigError('config.no-targets', `${config.configFile ?? 'the config'} names no targets`, {
      hint: "add targets: [{ name, url }, …] to the config, or drop --all / --targets to use 'url'",
    });
  }
  const { source, setting } = config.targets;
  const specs =
    typeof setting === 'function' ? checkTargetSpecs(await runTargetsFunction(setting, source), source) : setting;
  const expanded = (await Promise.all(specs.map((spec) => expandSchemas(config, spec, source)))).flat();
  if (expanded.length === 0) {
    throw new ConfigError('config.no-targets', `${source}: the targets list is empty`, {
      hint: "the config's targets function (or its schemas query) returned no targets",
    });
  }
  if (selection.all === true) return expanded;
  const patterns = selection.targets ?? [];
  const unmatched = patterns.filter((pattern) => !expanded.some((t) => nameMatches(pattern, t.name)));
  if (unmatched.length > 0) {
    throw new UsageError(
      'targets.no-match',
      `--targets: no target is named ${unmatched.map((p) => `'${p}'`).join(', ')}`,
      {
        hint: `the config's targets are ${expanded
          .map((t) => t.name)
          .slice(0, 10)
          .join(', ')}${expanded.length > 10 ? ', …' : ''}`,
      },
    );
  }
  return expanded.filter((t) => patterns.some((pattern) => nameMatches(pattern, t.name)));
}

function nameMatches(pattern: string, name: string): boolean {
  return tableMatches(pattern, { schema: null, name });
}

async function runTargetsFunction(setting: () => unknown, source: string): Promise<unknown> {
  try {
    return await setting();
  } catch (error) {
    if (isKilnError(error)) throw error;
    // The function's own message only: it is the user's code, and it may hold a URL, which the CLI scrubs.
    throw new ConfigError(
      'config.targets-failed',
      `${source}: the 'targets' function failed: ${error instanceof Error ? error.message : String(error)}`,
      { hint: 'fix the targets function in the config', cause: error },
    );
  }
}

/** A spec as its targets: itself, or one per schema (PostgreSQL's `search_path`, via the URL's `schema` parameter). */
async function expandSchemas(config: ResolvedConfig, spec: TargetSpec, source: string): Promise<Target[]> {
  const single = { ...config, url: spec.url, urlSource: `target '${spec.name}' of ${source}` };
  const options = connectionOptions(single);
  if (spec.schemas === undefined) return [{ name: spec.name, url: spec.url, shown: redactUrl(spec.url) }];
  if (!(await loadDialect(options.scheme)).capabilities.schemas) {
    throw new ConfigError(
      'config.targets-invalid',
      `${source}: target '${spec.name}' has 'schemas', but its database has none`,
      {
        hint: "'schemas' is for PostgreSQL URLs; list each database as its own target",
      },
    );
  }
  if (options.params.schema !== undefined) {
    throw new ConfigError(
      'config.targets-invalid',
      `${source}: target '${spec.name}' has both 'schemas' and a URL with ?schema=`,
      {
        hint: "drop the URL's schema parameter: each schema of 'schemas' becomes its search_path",
      },
    );
  }
  const schemas = Array.isArray(spec.schemas) ? spec.schemas : await querySchemas(single, spec);
  const separator = spec.url.includes('?') ? '&' : '?';
  return schemas.map((schema) => ({
    name: `${spec.name}.${schema}`,
    url: `${spec.url}${separator}schema=${encodeURIComponent(schema)}`,
    shown: `${redactUrl(spec.url)} (schema ${schema})`,
  }));
}

/** The schema names the spec's query returns (its first column), without duplicates or empty names. */
async function querySchemas(config: ResolvedConfig, spec: TargetSpec): Promise<string[]> {
  const query = (spec.schemas as { query: string }).query;
  const rows = await withDatabase(config, ({ connection }) => connection.query(query), { command: 'targets' });
  const names = rows.map((row) => Object.values(row)[0]);
  return [...new Set(names.filter((name): name is string => typeof name === 'string' && name !== ''))];
}
