import { ConfigError } from '../errors.js';
import { connectionTarget } from '../dialects/connection-target.js';
import type { ConnectionOptions } from '../dialects/dialect.js';

const SERVER_SCHEMES = new Set(['postgres', 'postgresql', 'mysql', 'mariadb']);
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/**
 * Parses a database URL into connection options.
 *
 * `sqlite:./app.db`, `sqlite:app.db`, `sqlite:/abs/app.db`, `sqlite::memory:`
 * (SQLAlchemy's `sqlite:///rel.db` and `sqlite:////abs.db` work too);
 * `postgres://user:pass@host:5432/db?sslmode=require` (`postgresql://`);
 * `mysql://user:pass@host:3306/db` (`mariadb://`). User, password and
 * database are percent-decoded (`p%40ss` is `p@ss`). A `/`, `?` or `#` in
 * the user or password must be encoded (an `@` after the host part, even in
 * the query string, is taken for one that was not, and refused).
 *
 * Errors never quote the URL, whatever shape it has: a URL that does not
 * parse may hold its password anywhere. They name where it came from
 * (`source`, e.g. `--url`; default: none) and, once it parsed, its scheme,
 * user, host, port and database.
 *
 * @throws ConfigError `config.url-invalid` / `config.url-scheme`.
 * @example parseDatabaseUrl('postgres://app:s%23cret@db:5432/app', '--url').password // 's#cret'
 */
export function parseDatabaseUrl(url: string, source?: string): ConnectionOptions {
  const name = source === undefined ? 'the database URL' : `the database URL from ${source}`;
  const match = SCHEME.exec(url);
  if (match === null || match[1] === undefined) {
    throw invalidUrl(
      `${name} has no scheme`,
      "write it as 'sqlite:./app.db', 'postgres://user@host:5432/db' or 'mysql://user@host:3306/db'",
    );
  }
  const scheme = match[1].toLowerCase();
  if (scheme === 'sqlite') return parseSqliteUrl(url.slice(match[0].length), name);
  if (!SERVER_SCHEMES.has(scheme)) {
    // The scheme is what the user needs to see, and it comes before any user name or password.
    throw new ConfigError('config.url-scheme', `${name} has the unsupported scheme '${scheme}:'`, {
      hint: 'use sqlite:, postgres:, postgresql:, mysql: or mariadb:',
    });
  }
  return parseServerUrl(url, scheme, name);
}

function parseSqliteUrl(rest: string, name: string): ConnectionOptions {
  let path = rest;
  // SQLAlchemy spelling: three slashes = relative path, four = absolute.
  if (path.startsWith('///')) path = path.slice(3);
  else if (path.startsWith('//')) {
    path = path.slice(2);
    // `sqlite://user:pass@…` would become a file name, and file names are printed.
    if (/^[^/]*@/.test(path)) throw invalidUrl(`${name} gives SQLite a user or password`, "write 'sqlite:./app.db'");
  }
  const queryAt = path.indexOf('?');
  const params = queryAt === -1 ? {} : Object.fromEntries(new URLSearchParams(path.slice(queryAt + 1)));
  if (queryAt !== -1) path = path.slice(0, queryAt);
  if (path === '') throw invalidUrl(`${name} names no SQLite file`, "write 'sqlite:./app.db' or 'sqlite::memory:'");
  return { scheme: 'sqlite', host: null, port: null, user: null, password: null, database: path, params };
}

function parseServerUrl(url: string, scheme: string, name: string): ConnectionOptions {
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

function invalidUrl(message: string, hint: string): ConfigError {
  return new ConfigError('config.url-invalid', message, { hint });
}

/**
 * The URL without its password, for logs: the parsed target, or only
 * `<scheme>:…` when it does not parse (its password could be anywhere).
 *
 * @example redactUrl('postgres://app:secret@db/app') // 'postgres://app@db/app'
 */
export function redactUrl(url: string): string {
  try {
    const options = parseDatabaseUrl(url);
    return options.scheme === 'sqlite' ? `sqlite:${options.database}` : connectionTarget(options);
  } catch {
    const scheme = SCHEME.exec(url)?.[1];
    return scheme === undefined ? '…' : `${scheme}:…`;
  }
}

/**
 * Shorter strings are not scrubbed from output: replacing every `ab` would
 * garble it, and such a password is no secret anyway.
 */
const MIN_SECRET_LENGTH = 4;

/**
 * Every string that may be the password of `url`, in the forms it could be
 * printed in (as written, decoded, encoded, JSON-escaped), plus the URL
 * itself: the CLI's last line of defence scrubs them from all it prints.
 * It does not rely on the URL parsing: every `user:…@` reading counts,
 * with and without the scheme, up to each `@`.
 *
 * @example passwordCandidates('postgres:u:s3cret@h/db') // includes 's3cret'
 */
export function passwordCandidates(url: string): string[] {
  const raw = new Set<string>();
  const scheme = SCHEME.exec(url)?.[1];
  const rest = scheme === undefined ? url : url.slice(scheme.length + 1).replace(/^\/\//, '');
  // After a known scheme the first ':' is the scheme's; before anything else it may be the user's.
  const known = scheme !== undefined && (scheme.toLowerCase() === 'sqlite' || SERVER_SCHEMES.has(scheme.toLowerCase()));
  for (const text of known ? [rest] : [url, rest]) {
    for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
      const userinfo = text.slice(0, at);
      const colon = userinfo.indexOf(':');
      if (colon !== -1) raw.add(userinfo.slice(colon + 1));
    }
  }
  if (raw.size > 0) raw.add(url);
  const forms = new Set<string>();
  for (const value of raw) {
    for (const form of [value, safeDecode(value)]) {
      forms.add(form);
      forms.add(encodeURIComponent(form));
      forms.add(JSON.stringify(form).slice(1, -1));
    }
  }
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
