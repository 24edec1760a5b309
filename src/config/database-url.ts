import { ConfigError } from '../errors.js';
import { dialectUrl, EXAMPLE_URLS, SUPPORTED_SCHEMES } from '../dialects/index.js';
import type { ConnectionOptions } from '../dialects/dialect.js';

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/**
 * Parses a database URL into connection options: the scheme picks the
 * dialect, which reads the rest (see each dialect's `<name>-url.ts`).
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
    throw new ConfigError('config.url-invalid', `${name} has no scheme`, {
      hint: `write it as ${alternatives(EXAMPLE_URLS.map((u) => `'${u}'`))}`,
    });
  }
  const scheme = match[1].toLowerCase();
  const reader = dialectUrl(scheme);
  if (reader === undefined) {
    // The scheme is what the user needs to see, and it comes before any user name or password.
    throw new ConfigError('config.url-scheme', `${name} has the unsupported scheme '${scheme}:'`, {
      hint: `use ${alternatives(SUPPORTED_SCHEMES.map((s) => `${s}:`))}`,
    });
  }
  return reader.parse(url, scheme, name);
}

/** `a, b or c`. */
function alternatives(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
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
    return dialectUrl(options.scheme.toLowerCase())?.redact(options) ?? `${options.scheme}:…`;
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
  const known = scheme !== undefined && dialectUrl(scheme.toLowerCase()) !== undefined;
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
