import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findConfigFile } from '../config/load-config.js';
import { ConfigError } from '../errors.js';
import { tsString } from '../util/escape.js';
import { makeFolder, withFileErrors } from '../util/fs-errors.js';

export interface InitOptions {
  /** Folder to create, relative to `cwd`. Default `migrations`. */
  readonly directory?: string;
  readonly cwd?: string;
}

export interface InitResult {
  readonly migrationsDir: string;
  /** Files and folders created, relative to cwd. */
  readonly created: readonly string[];
  /** The config file in use (created or found). */
  readonly configFile: string;
}

/** Where the package's templates live (beside dist/ and src/). */
export const TEMPLATES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates');

export function readTemplate(name: string): string {
  return readFileSync(join(TEMPLATES_DIR, name), 'utf8');
}

/**
 * `kiln init`: creates `migrations/` with `versions/`, the revision template
 * and a README, plus a `kiln.config.ts` when no config is found. Refuses to
 * touch a non-empty migrations folder.
 */
export async function init(options: InitOptions = {}): Promise<InitResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const directory = options.directory ?? 'migrations';
  const migrationsDir = resolve(cwd, directory);
  if (existsSync(migrationsDir) && readdirSync(migrationsDir).length > 0) {
    throw new ConfigError(
      'init.exists',
      `${relative(cwd, migrationsDir) || migrationsDir} already exists and is not empty`,
      {
        hint: 'choose another folder: kiln init <directory>',
      },
    );
  }
  const created: string[] = [];
  const write = (path: string, text: string) => {
    withFileErrors('write', path, () => writeFileSync(path, text));
    created.push(relative(cwd, path));
  };
  makeFolder(join(migrationsDir, 'versions'));
  created.push(relative(cwd, join(migrationsDir, 'versions')));
  write(join(migrationsDir, 'versions', '.gitkeep'), '');
  write(join(migrationsDir, 'script.ts.template'), readTemplate('script.ts.template'));
  write(join(migrationsDir, 'README.md'), readTemplate('migrations-README.md'));

  let configFile = findConfigFile(cwd);
  if (configFile === null) {
    configFile = join(cwd, 'kiln.config.ts');
    const migrations = relative(cwd, migrationsDir).split('\\').join('/');
    // A function replacer: a folder name holding `$&` or `$'` must not be read as a replacement pattern.
    const source = readTemplate('kiln.config.ts.template').replace('{{migrations}}', () => tsString(`./${migrations}`));
    write(configFile, source);
  }
  return { migrationsDir, created, configFile };
}
