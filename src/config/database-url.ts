import { ConfigError } from '../errors.js';
import type { ConnectionOptions } from '../dialects/dialect.js';

const SERVER_SCHEMES = new Set(['postgres', 'postgresql', 'mysql', 'mariadb']);

/**
 * Parses a database URL into connection options.
 *
 * `sqlite:./app.db`, `sqlite:app.db`, `sqlite:/abs/app.db`, `sqlite::memory:`
 * (SQLAlchemy's `sqlite:///rel.db` and `sqlite:////abs.db` work too);
 * `postgres://user:pass@host:5432/db?sslmode=require` (`postgresql://`);
 * `mysql://user:pass@host:3306/db` (`mariadb://`).
 * Errors never contain the password.
 */
export function parseDatabaseUrl(url: string): ConnectionOptions {
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
  if (match === null || match[1] === undefined) {
    throw new ConfigError('config.url-invalid', `database URL '${redactUrl(url)}' has no scheme`, {
      hint: "write it as 'sqlite:./app.db', 'postgres://user@host:5432/db' or 'mysql://user@host:3306/db'",
    });
  }
  const scheme = match[1].toLowerCase();
  if (scheme === 'sqlite') return parseSqliteUrl(url.slice(match[0].length));
  if (!SERVER_SCHEMES.has(scheme)) {
    throw new ConfigError('config.url-scheme', `unsupported database URL scheme '${scheme}:' in '${redactUrl(url)}'`, {
      hint: 'use sqlite:, postgres:, postgresql:, mysql: or mariadb:',
    });
  }
  return parseServerUrl(url, scheme);
}

function parseSqliteUrl(rest: string): ConnectionOptions {
  let path = rest;
  // SQLAlchemy spelling: three slashes = relative path, four = absolute.
  if (path.startsWith('///')) path = path.slice(3);
  else if (path.startsWith('//')) path = path.slice(2);
  const queryAt = path.indexOf('?');
  const params = queryAt === -1 ? {} : Object.fromEntries(new URLSearchParams(path.slice(queryAt + 1)));
  if (queryAt !== -1) path = path.slice(0, queryAt);
  if (path === '') {
    throw new ConfigError('config.url-invalid', "SQLite URL 'sqlite:' names no file", {
      hint: "write 'sqlite:./app.db' or 'sqlite::memory:'",
    });
  }
  return { scheme: 'sqlite', host: null, port: null, user: null, password: null, database: path, params };
}

function parseServerUrl(url: string, scheme: string): ConnectionOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('config.url-invalid', `database URL '${redactUrl(url)}' is not a valid URL`, {
      hint: `write it as '${scheme}://user:password@host:port/database'`,
    });
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (database === '') {
    throw new ConfigError('config.url-invalid', `database URL '${redactUrl(url)}' names no database`, {
      hint: `add the database name after the host: '${scheme}://…/mydb'`,
    });
  }
  const port = parsed.port === '' ? null : Number(parsed.port);
  return {
    scheme,
    host: parsed.hostname === '' ? null : decodeURIComponent(parsed.hostname),
    port,
    user: parsed.username === '' ? null : decodeURIComponent(parsed.username),
    password: parsed.password === '' ? null : decodeURIComponent(parsed.password),
    database,
    params: Object.fromEntries(parsed.searchParams),
  };
}

/** Replaces the password of a URL with `***` (also for URLs that do not parse). */
export function redactUrl(url: string): string {
  return url.replace(/^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^:/@?#]*):[^@/?#]*@/, '$1:***@');
}
