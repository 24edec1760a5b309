import type { DialectCapabilities } from '../dialect.js';

/**
 * What PostgreSQL can do, as flags the layers above read instead of testing
 * the dialect's name (after kysely's `DialectAdapter`).
 *
 * - transactionalDdl: every revision runs in one transaction and rolls back whole.
 * - namedEnums: `CREATE TYPE … AS ENUM`, `ALTER TYPE … ADD VALUE`.
 * - schemas: tables may live in other schemas than the default one.
 * - partialIndexes: `CREATE INDEX … WHERE`.
 * - comments: `COMMENT ON TABLE/COLUMN`.
 * - maxIdentifierLength: 63 bytes (NAMEDATALEN − 1); longer names are cut by the server.
 */
export const postgresCapabilities: DialectCapabilities = Object.freeze({
  transactionalDdl: true,
  namedEnums: true,
  schemas: true,
  partialIndexes: true,
  comments: true,
  maxIdentifierLength: 63,
});
