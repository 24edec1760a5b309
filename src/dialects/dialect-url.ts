import { ConfigError } from '../errors.js';
import type { ConnectionOptions } from './dialect.js';

/**
 * How a dialect reads its database URLs. Each dialect folder exports one
 * (`<name>-url.ts`), kept free of driver imports so that parsing a URL loads
 * no database driver; the registry in `index.ts` maps schemes to them.
 */
export interface DialectUrl {
  /** The URL schemes it answers to, lower case, e.g. `['postgres', 'postgresql']`. */
  readonly schemes: readonly string[];
  /** One URL as a user writes it, for hints: `'postgres://user@host:5432/db'`. */
  readonly example: string;
  /**
   * Parses `url` (whose scheme is `scheme`). `name` says where it came from,
   * for messages (e.g. `the database URL from --url`). Errors never quote
   * the URL: a password could be anywhere in one that does not parse.
   *
   * @throws ConfigError `config.url-invalid`.
   */
  parse(url: string, scheme: string, name: string): ConnectionOptions;
  /** The database without its password, for logs: `sqlite:./app.db`, `postgres://app@db:5432/app`. */
  redact(options: ConnectionOptions): string;
}

/** The one shape of a malformed-URL error. */
export function invalidUrl(message: string, hint: string): ConfigError {
  return new ConfigError('config.url-invalid', message, { hint });
}
