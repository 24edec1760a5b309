import type { ConnectionOptions } from './dialect.js';

/**
 * `scheme://user@host:port/db`: how messages name a database server. Never
 * the password, whatever the driver's own error text says.
 *
 * @example connectionTarget({ scheme: 'mysql', user: 'root', host: '127.0.0.1', port: null, database: 'app', … }, 3306)
 *   // 'mysql://root@127.0.0.1:3306/app'
 */
export function connectionTarget(options: ConnectionOptions, defaultPort: number | null = null): string {
  const user = options.user === null ? '' : `${encodeURIComponent(options.user)}@`;
  const port = options.port ?? defaultPort;
  return `${options.scheme}://${user}${options.host ?? 'localhost'}${port === null ? '' : `:${port}`}/${options.database}`;
}
