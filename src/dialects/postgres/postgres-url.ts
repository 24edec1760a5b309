import { connectionTarget } from '../connection-target.js';
import type { DialectUrl } from '../dialect-url.js';
import { parseServerUrl } from '../server-url.js';

/** `postgres://user:pass@host:5432/db?sslmode=require&schema=app` (`postgresql://` too). */
export const postgresUrl: DialectUrl = Object.freeze({
  schemes: ['postgres', 'postgresql'],
  example: 'postgres://user@host:5432/db',
  parse: parseServerUrl,
  redact: (options) => connectionTarget(options),
} satisfies DialectUrl);
