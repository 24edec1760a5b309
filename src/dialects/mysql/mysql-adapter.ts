import type { DialectCapabilities } from '../dialect.js';

/**
 * What MySQL and MariaDB can do, and which of the two kiln is talking to.
 * DDL commits implicitly (no transactional DDL), enums are inline column
 * types, there is one namespace per database (no schemas in the model), no
 * partial indexes, comments are stored, identifiers are at most 64 characters
 * (characters, not bytes: MariaDB 10.11 takes `'ü'.repeat(64)`, 128 bytes).
 * Index names (keys, unique keys) are per table, so real schemas reuse one
 * (`workspace_idx`) on many tables; foreign-key names are per database
 * (InnoDB refuses a second `fk_x` with errno 121). Neither a primary key's
 * name (always `PRIMARY`) nor an enum's name is stored.
 */
export const mysqlCapabilities: DialectCapabilities = Object.freeze({
  transactionalDdl: false,
  namedEnums: false,
  schemas: false,
  partialIndexes: false,
  expressionIndexes: false,
  comments: true,
  identifierLimit: Object.freeze({ database: 'MySQL/MariaDB', max: 64, unit: 'characters' }),
  sharedNamespaces: Object.freeze([Object.freeze(['foreignKey'] as const)]),
  primaryKeyNames: false,
  enumNames: false,
});

/** The server behind a connection: MariaDB and MySQL differ in what they echo back. */
export interface MysqlServer {
  readonly flavour: 'mysql' | 'mariadb';
  /** [major, minor, patch], e.g. [10, 11, 6]. */
  readonly version: readonly [number, number, number];
  /** `SELECT VERSION()` as printed, e.g. `10.11.6-MariaDB-0+deb12u1`. */
  readonly versionText: string;
}

/**
 * Reads `SELECT VERSION()`: MariaDB says so in the text (`10.11.6-MariaDB…`,
 * or `5.5.5-10.11.6-MariaDB` through old replication prefixes); anything
 * else is MySQL.
 *
 * @example parseServerVersion('8.0.36') // { flavour: 'mysql', version: [8, 0, 36], … }
 */
export function parseServerVersion(versionText: string): MysqlServer {
  const flavour = /mariadb/i.test(versionText) ? 'mariadb' : 'mysql';
  const text = versionText.replace(/^5\.5\.5-(?=\d+\.\d+\.\d+-mariadb)/i, '');
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(text);
  const version: [number, number, number] =
    match === null ? [0, 0, 0] : [Number(match[1]), Number(match[2]), Number(match[3])];
  return { flavour, version, versionText };
}

/** Whether `server` is at least `major.minor.patch`. */
export function serverAtLeast(server: MysqlServer, major: number, minor = 0, patch = 0): boolean {
  const [a, b, c] = server.version;
  if (a !== major) return a > major;
  if (b !== minor) return b > minor;
  return c >= patch;
}
