import type { DialectCapabilities } from '../dialect.js';

/**
 * What SQLite can do, as kiln sees it.
 *
 * - transactionalDdl: DDL rolls back with the transaction, so a revision
 *   (table rebuilds included) is applied wholly or not at all.
 * - namedEnums: none; an enum is a TEXT column with a named CHECK (see sqlite-types.ts).
 * - schemas: none (a "schema" would be an attached database file).
 * - partialIndexes: `CREATE INDEX … WHERE` since 3.8.0.
 * - comments: not stored anywhere, so normalize() drops them.
 * - identifierLimit: none (SQLite has no limit). Generated names are still
 *   kept to 63 bytes (naming.ts), so one revision history serves every dialect.
 * - sharedNamespaces: tables and indexes share `sqlite_master`'s one
 *   namespace; constraint names are per table.
 */
export const SQLITE_CAPABILITIES: DialectCapabilities = Object.freeze({
  transactionalDdl: true,
  namedEnums: false,
  schemas: false,
  partialIndexes: true,
  expressionIndexes: true,
  comments: false,
  identifierLimit: null,
  sharedNamespaces: Object.freeze([Object.freeze(['table', 'index'] as const)]),
  primaryKeyNames: true,
  enumNames: true,
});
