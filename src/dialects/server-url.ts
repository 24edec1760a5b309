import { connectionTarget } from './connection-target.js';
import type { ConnectionOptions } from './dialect.js';
import { invalidUrl } from './dialect-url.js';

/**
 * `scheme://user:pass@host:port/db?params`, the form of every server
 * dialect's URL (PostgreSQL, MySQL/MariaDB). User, password and database are
 * percent-decoded (`p%40ss` is `p@ss`). A `/`, `?` or `#` in the user or
 * password must be encoded (an `@` after the host part, even in the query
 * string, is taken for one that was not, and refused).
 *
 * @throws ConfigError `config.url-invalid`.
 * @example parseServerUrl('postgres://app:s%23cret@db:5432/app', 'postgres', 'the database URL').password // 's#cret'
 */
export function parseServerUrl(url: string, scheme: string, name: string): ConnectionOptions {
  const form = `'${scheme}://user:password@host:port/database'`;
  const rest = url.slice(scheme.length + 1);
  if (!rest.startsWith('//')) throw invalidUrl(`${name} has no '//' after '${scheme}:'`, `write it as ${form}`);
  const afterSlashes = rest.slice(2);
  const authority = afterSlashes.split(/[/?#]/, 1)[0] ?? '';
  // An '@' past the host part means a '/', '?' or '#' inside the user or password cut it short:
  // guessing where the password ends could connect somewhere else, so refuse.
  if (!authority.includes('@') && afterSlashes.includes('@', authority.length)) {
    throw invalidUrl(
      `${name}: its user name or password holds an unencoded '/', '?' or '#'`,
      'percent-encode them (/ as %2F, ? as %3F, # as %23, @ as %40; encodeURIComponent does it)',
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidUrl(`${name} is not a valid URL (check its host and port)`, `write it as ${form}`);
  }
  const user = parsed.username === '' ? null : decode(parsed.username, 'user name', name);
  const password = parsed.password === '' ? null : decode(parsed.password, 'password', name);
  const host = parsed.hostname === '' ? null : decode(parsed.hostname, 'host', name);
  const database = decode(parsed.pathname.replace(/^\//, ''), 'database name', name);
  const port = parsed.port === '' ? null : Number(parsed.port);
  const options = { scheme, host, port, user, password, database, params: Object.fromEntries(parsed.searchParams) };
  if (database === '') {
    throw invalidUrl(
      `${name} (${connectionTarget(options)}) names no database`,
      `add it after the host: '${scheme}://…/mydb'`,
    );
  }
  return options;
}

function decode(value: string, part: string, name: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw invalidUrl(
      `${name}: its ${part} holds a malformed %-escape`,
      'write a literal % as %25 (encodeURIComponent encodes every special character)',
    );
  }
}

/**
 * `url` naming the database `database` instead of its own, every other part
 * (credentials, host, parameters) kept as written: a scratch database's URL.
 */
export function withServerDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}
