import { commerce } from '../support/corpus/commerce-mysql.js';
import { corpusLifecycle } from '../support/corpus/lifecycle.js';

/**
 * Issue 9's corpus on MySQL/MariaDB: a 47-table multi-store shop (unsigned
 * auto-increment keys, TINYINT/MEDIUMINT, collations, table charsets, inline
 * ENUMs, `store_idx` on 17 tables and other index names reused, as MySQL
 * scopes them per table) through init, rows, ten changes and a step-by-step
 * downgrade to base.
 */
corpusLifecycle('corpus: multi-store shop on MySQL/MariaDB', commerce(true));
