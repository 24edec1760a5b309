import { corpusLifecycle } from '../support/corpus/lifecycle.js';
import { SAAS } from '../support/corpus/saas-postgres.js';

/**
 * Issue 9's corpus on PostgreSQL: a 48-table SaaS schema (14 enums, JSON,
 * partial indexes, composite keys, a `billing` schema kiln creates) through
 * init, rows, ten changes and a step-by-step downgrade to base.
 */
corpusLifecycle('corpus: SaaS issue tracker on PostgreSQL', SAAS);
