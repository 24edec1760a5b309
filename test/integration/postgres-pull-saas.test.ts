import { SAAS } from '../support/corpus/saas-postgres.js';
import { pullRoundTrip } from '../support/pull-trip.js';

/**
 * Issue 10's pull round trip on the 48-table PostgreSQL SaaS schema: several
 * schemas, enum types, arrays, partial and GIN indexes, identity and
 * generated columns, collations, comments.
 */
pullRoundTrip('pull: SaaS issue tracker on PostgreSQL', SAAS.body(0), SAAS.schemas ?? []);
