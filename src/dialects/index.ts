import { ConfigError } from '../errors.js';
import type { Dialect } from './dialect.js';

/**
 * URL scheme → dialect. Loaded lazily so that a SQLite user never loads `pg`
 * or `mysql2`, and the reverse.
 */
const loaders: Readonly<Record<string, () => Promise<Dialect>>> = {
  sqlite: async () => (await import('./sqlite/sqlite-dialect.js')).sqliteDialect,
  postgres: async () => (await import('./postgres/postgres-dialect.js')).postgresDialect,
  postgresql: async () => (await import('./postgres/postgres-dialect.js')).postgresDialect,
  mysql: async () => (await import('./mysql/mysql-dialect.js')).mysqlDialect,
  mariadb: async () => (await import('./mysql/mysql-dialect.js')).mysqlDialect,
};

export const SUPPORTED_SCHEMES: readonly string[] = Object.keys(loaders);

export async function loadDialect(scheme: string): Promise<Dialect> {
  const loader = loaders[scheme];
  if (loader === undefined) {
    throw new ConfigError('config.url-scheme', `unsupported database URL scheme '${scheme}:'`, {
      hint: `use one of ${SUPPORTED_SCHEMES.map((s) => `${s}:`).join(', ')}`,
    });
  }
  return loader();
}

export type { ConnectionOptions, DatabaseConnection, Dialect, QueryExecutor } from './dialect.js';
