import type { DialectCapabilities } from '../dialect.js';
import type { IdentifierLimit } from '../identifier-limit.js';

/** 63 bytes (NAMEDATALEN − 1): the server cuts longer names to this, silently. */
export const POSTGRES_IDENTIFIER_LIMIT: IdentifierLimit = Object.freeze({
  database: 'PostgreSQL',
  max: 63,
  unit: 'bytes',
});

/**
 * What PostgreSQL can do, as flags the layers above read instead of testing
 * the dialect's name (after kysely's `DialectAdapter`).
 *
 * - transactionalDdl: every revision runs in one transaction and rolls back whole.
 * - namedEnums: `CREATE TYPE … AS ENUM`, `ALTER TYPE … ADD VALUE`.
 * - schemas: tables may live in other schemas than the default one.
 * - partialIndexes: `CREATE INDEX … WHERE`.
 * - comments: `COMMENT ON TABLE/COLUMN`.
 * - identifierLimit: 63 bytes (NAMEDATALEN − 1), not characters: the server
 *   cuts a longer name silently, so `'ü'.repeat(40)` (80 bytes) would be cut.
 * - sharedNamespaces: tables, indexes and the indexes behind primary keys and
 *   unique constraints are relations (`pg_class`), one namespace per schema;
 *   foreign keys and checks are named per table.
 */
export const postgresCapabilities: DialectCapabilities = Object.freeze({
  transactionalDdl: true,
  namedEnums: true,
  schemas: true,
  partialIndexes: true,
  expressionIndexes: true,
  comments: true,
  identifierLimit: POSTGRES_IDENTIFIER_LIMIT,
  sharedNamespaces: Object.freeze([Object.freeze(['table', 'index', 'primaryKey', 'unique'] as const)]),
  primaryKeyNames: true,
  enumNames: true,
});
