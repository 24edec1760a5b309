import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { ConnectionOptions } from '../dialects/dialect.js';
import { ConfigError, KilnError } from '../errors.js';
import type { NamingConvention } from '../schema/naming.js';
import { defaultExport, importFailure, importUserModule } from '../util/import-module.js';
import { shownPath } from '../util/shown-path.js';
import { parseDatabaseUrl } from './database-url.js';
import type { KilnConfig } from './define-config.js';
import { DEFAULT_LOCK_TIMEOUT_SECONDS, isLockTimeout } from './lock-timeout.js';
import { readTablePatterns, type TablePatterns } from './table-filter.js';
import { type ConfiguredTargets, readTargetsSetting } from './targets.js';

export const CONFIG_FILE_NAMES = [
  'kiln.config.ts',
  'kiln.config.mts',
  'kiln.config.mjs',
  'kiln.config.js',
  'kiln.config.json',
];

/** A config with every path absolute and every default applied. */
export interface ResolvedConfig {
  /** The config file, or null when kiln runs from flags alone. */
  readonly configFile: string | null;
  /** The folder relative paths are resolved against (the config file's). */
  readonly rootDir: string;
  /** The URL as written, or null when none is set anywhere. */
  readonly url: string | null;
  /**
   * Where `url` came from, as messages name it (they never quote the URL):
   * `--url`, `DATABASE_URL` or the config file's path.
   */
  readonly urlSource: string;
  readonly schemaFiles: readonly string[];
  readonly migrationsDir: string;
  readonly versionsDir: string;
  readonly naming: Partial<NamingConvention>;
  readonly versionTable: string;
  readonly logTable: string;
  /** Seconds to wait for another kiln run's lock (`lockTimeout`, default 60; 0 = fail at once). */
  readonly lockTimeout: number;
  /** The `include` / `exclude` table patterns (see `KilnConfig`); the built-in exclusions are not listed here. */
  readonly tables: TablePatterns;
  /** The config's `targets` (for `--all` / `--targets`), or null when it names none. */
  readonly targets: ConfiguredTargets | null;
}

export interface LoadConfigOptions {
  /** `--config PATH`. */
  readonly configPath?: string;
  /** `--url`: wins over DATABASE_URL and the config's `url`. */
  readonly url?: string;
  /** Where to start looking for a config file. Default: the working directory. */
  readonly cwd?: string;
  /** Environment (DATABASE_URL). Default: process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Finds `kiln.config.{ts,mts,mjs,js,json}` by walking up from `cwd` (or takes
 * `--config`), loads it, and resolves every path against its folder.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<ResolvedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const configFile = options.configPath === undefined ? findConfigFile(cwd) : resolve(cwd, options.configPath);
  if (configFile === null) {
    throw new ConfigError(
      'config.not-found',
      `no kiln.config.ts (or .mts/.mjs/.js/.json) in ${cwd} or any parent folder`,
      {
        hint: "run 'kiln init' to create one, or pass --config PATH",
      },
    );
  }
  if (!existsSync(configFile)) {
    throw new ConfigError('config.not-found', `config file ${configFile} does not exist`, {
      hint: 'check the --config path',
    });
  }
  const raw = await readConfigFile(configFile);
  return resolveConfig(raw, configFile, options);
}

export function findConfigFile(start: string): string | null {
  let dir = resolve(start);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

async function readConfigFile(file: string): Promise<KilnConfig> {
  let value: unknown;
  try {
    if (file.endsWith('.json')) {
      value = parseJsonConfig(readFileSync(file, 'utf8'), file);
    } else {
      const module = await importUserModule(file);
      value = defaultExport(module) ?? module;
    }
  } catch (error) {
    if (error instanceof KilnError) throw error;
    throw new ConfigError('config.load-failed', `cannot load the config: ${importFailure(error, file)}`, {
      hint: 'fix the error in the config file',
      cause: error,
    });
  }
  if (value === null || typeof value !== 'object') {
    throw new ConfigError('config.invalid', `${file} does not export a config object`, {
      hint: 'export default defineConfig({ url, schema, migrations })',
    });
  }
  return value as KilnConfig;
}

/**
 * JSON.parse, with a syntax error placed at `file:line:column` as for the
 * other config formats. V8's own message is not repeated: some of its forms
 * quote the text around the error, which may be the URL and its password.
 */
function parseJsonConfig(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = jsonErrorOffset(text, message);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    // The reason only: the text after it may quote the file (and the password in its URL).
    const reason = (/^Unexpected token '.'/.exec(message)?.[0] ?? message.replace(/ (in|after) JSON.*$/, '')).split(
      '"',
    )[0];
    throw new ConfigError(
      'config.load-failed',
      `cannot load the config: ${shownPath(file)}:${line}:${column}: invalid JSON${reason ? ` (${reason})` : ''}`,
      { hint: 'fix the error in the config file', cause: error },
    );
  }
}

/** Where JSON.parse failed: its "at position N", else the shortest prefix that fails for another reason than ending early. */
function jsonErrorOffset(text: string, message: string): number {
  const position = /at position (\d+)/.exec(message);
  if (position !== null) return Number(position[1]);
  for (let end = 1; end <= text.length; end++) {
    try {
      JSON.parse(text.slice(0, end));
    } catch (error) {
      const early = error instanceof Error ? error.message : '';
      if (/Unexpected end of JSON input/.test(early) || early.includes(`at position ${end}`)) continue;
      return end - 1;
    }
  }
  return text.length;
}

function resolveConfig(raw: KilnConfig, configFile: string, options: LoadConfigOptions): ResolvedConfig {
  const rootDir = dirname(configFile);
  const env = options.env ?? process.env;
  const schemaEntries = raw.schema === undefined ? [] : typeof raw.schema === 'string' ? [raw.schema] : [...raw.schema];
  for (const entry of schemaEntries) {
    if (typeof entry !== 'string') {
      throw new ConfigError('config.invalid', `${configFile}: 'schema' must be a path or a list of paths`);
    }
  }
  const migrationsDir = absolute(rootDir, checkString(raw.migrations, 'migrations', configFile) ?? './migrations');
  const envUrl = nonEmpty(env.DATABASE_URL);
  return {
    configFile,
    rootDir,
    url: options.url ?? envUrl ?? configUrl(raw.url, configFile),
    urlSource: options.url !== undefined ? '--url' : envUrl !== undefined ? 'DATABASE_URL' : shownPath(configFile),
    schemaFiles: schemaEntries.map((entry) => absolute(rootDir, entry)),
    migrationsDir,
    versionsDir: join(migrationsDir, 'versions'),
    naming: raw.naming ?? {},
    versionTable: checkString(raw.versionTable, 'versionTable', configFile) ?? 'kiln_version',
    logTable: checkString(raw.logTable, 'logTable', configFile) ?? 'kiln_log',
    lockTimeout: checkLockTimeout(raw.lockTimeout, configFile),
    tables: readTablePatterns(raw, configFile),
    targets: readTargetsSetting(raw.targets, configFile),
  };
}

/** The parsed URL of a config; a clear error when there is none. */
export function connectionOptions(config: ResolvedConfig): ConnectionOptions {
  if (config.url === null) {
    throw new ConfigError('config.no-url', `no database URL: ${config.configFile ?? 'the config'} sets no 'url'`, {
      hint:
        config.targets === null
          ? "set 'url' in the config, the DATABASE_URL variable, or pass --url"
          : "the config names targets: pick them with --all or --targets, or set 'url' for one database",
    });
  }
  return parseDatabaseUrl(config.url, config.urlSource);
}

function configUrl(value: unknown, file: string): string | null {
  if (value === '') {
    throw new ConfigError('config.invalid', `${file}: 'url' is an empty string`, {
      hint: 'is DATABASE_URL set but empty? unset it, or give the config a URL',
    });
  }
  return checkString(value, 'url', file) ?? null;
}

function checkLockTimeout(value: unknown, file: string): number {
  if (value === undefined) return DEFAULT_LOCK_TIMEOUT_SECONDS;
  if (!isLockTimeout(value)) {
    throw new ConfigError('config.invalid', `${file}: 'lockTimeout' must be a number of seconds, 0 or more`, {
      hint: 'e.g. lockTimeout: 120 (0 fails at once when another kiln run holds the lock)',
    });
  }
  return value;
}

function checkString(value: unknown, key: string, file: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') {
    throw new ConfigError('config.invalid', `${file}: '${key}' must be a non-empty string`);
  }
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function absolute(root: string, path: string): string {
  return isAbsolute(path) ? path : resolve(root, path);
}
