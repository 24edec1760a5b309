import { ConfigError } from '../errors.js';
import type { Dialect } from './dialect.js';
import type { DialectUrl } from './dialect-url.js';
import { mysqlUrl } from './mysql/mysql-url.js';
import { postgresUrl } from './postgres/postgres-url.js';
import { sqliteUrl } from './sqlite/sqlite-url.js';

/**
 * The dialects kiln knows: how each reads its URLs (light, always loaded)
 * and how to load the dialect itself (lazily, so that a SQLite user never
 * loads `pg` or `mysql2`, and the reverse). Adding a dialect is a folder
 * under `dialects/` plus one line here.
 */
const DIALECTS: readonly { readonly url: DialectUrl; readonly load: () => Promise<Dialect> }[] = [
  { url: sqliteUrl, load: async () => (await import('./sqlite/sqlite-dialect.js')).sqliteDialect },
  { url: postgresUrl, load: async () => (await import('./postgres/postgres-dialect.js')).postgresDialect },
  { url: mysqlUrl, load: async () => (await import('./mysql/mysql-dialect.js')).mysqlDialect },
];

/** Every URL scheme some dialect answers to, e.g. `sqlite`, `postgres`, `postgresql`, `mysql`, `mariadb`. */
export const SUPPORTED_SCHEMES: readonly string[] = DIALECTS.flatMap((d) => d.url.schemes);

/** One example URL per dialect, for hints. */
export const EXAMPLE_URLS: readonly string[] = DIALECTS.map((d) => d.url.example);

/** The URL reader for `scheme` (lower case), or undefined when no dialect takes it. */
export function dialectUrl(scheme: string): DialectUrl | undefined {
  return DIALECTS.find((d) => d.url.schemes.includes(scheme))?.url;
}

export async function loadDialect(scheme: string): Promise<Dialect> {
  const entry = DIALECTS.find((d) => d.url.schemes.includes(scheme));
  if (entry === undefined) {
    throw new ConfigError('config.url-scheme', `unsupported database URL scheme '${scheme}:'`, {
      hint: `use one of ${SUPPORTED_SCHEMES.map((s) => `${s}:`).join(', ')}`,
    });
  }
  return entry.load();
}

export type { ConnectionOptions, DatabaseConnection, Dialect, QueryExecutor } from './dialect.js';
export type { DialectUrl } from './dialect-url.js';
