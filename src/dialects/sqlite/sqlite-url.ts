import type { ConnectionOptions } from '../dialect.js';
import { type DialectUrl, invalidUrl } from '../dialect-url.js';

/**
 * `sqlite:./app.db`, `sqlite:app.db`, `sqlite:/abs/app.db`, `sqlite::memory:`
 * (SQLAlchemy's `sqlite:///rel.db` and `sqlite:////abs.db` work too), with
 * `?busy_timeout=<ms>` and `?driver=better-sqlite3|node`.
 */
export const sqliteUrl: DialectUrl = Object.freeze({
  schemes: ['sqlite'],
  example: 'sqlite:./app.db',
  parse: (url: string, scheme: string, name: string) => parseSqliteUrl(url.slice(scheme.length + 1), name),
  redact: (options: ConnectionOptions) => `sqlite:${options.database}`,
} satisfies DialectUrl);

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
  checkParams(params, name);
  return { scheme: 'sqlite', host: null, port: null, user: null, password: null, database: path, params };
}

/** The parameters SQLite's URL takes; the driver's name is checked where drivers are chosen. */
const PARAMS = ['busy_timeout', 'driver'];

/** A mistyped parameter would otherwise be ignored, and a bad busy_timeout silently replaced by the default. */
function checkParams(params: Readonly<Record<string, string>>, name: string): void {
  const unknown = Object.keys(params).filter((key) => !PARAMS.includes(key));
  if (unknown.length > 0) {
    throw invalidUrl(
      `${name} has an unknown SQLite parameter: ${unknown.map((key) => `'${key}'`).join(', ')}`,
      `SQLite takes ${PARAMS.map((key) => `?${key}=`).join(' and ')}`,
    );
  }
  const timeout = params.busy_timeout;
  if (timeout !== undefined && !/^\d+$/.test(timeout)) {
    throw invalidUrl(
      `${name} sets busy_timeout to '${timeout}', not a number of milliseconds`,
      "e.g. 'sqlite:./app.db?busy_timeout=10000' waits up to 10 s for another writer",
    );
  }
}
