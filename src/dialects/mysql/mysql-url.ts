import { connectionTarget } from '../connection-target.js';
import type { DialectUrl } from '../dialect-url.js';
import { parseServerUrl } from '../server-url.js';

/** `mysql://user:pass@host:3306/db` (`mariadb://` too). */
export const mysqlUrl: DialectUrl = Object.freeze({
  schemes: ['mysql', 'mariadb'],
  example: 'mysql://user@host:3306/db',
  parse: parseServerUrl,
  redact: (options) => connectionTarget(options),
} satisfies DialectUrl);
