import { commerce } from '../support/corpus/commerce-mysql.js';
import { pullRoundTrip } from '../support/pull-trip.js';

/**
 * Issue 10's pull round trip on the 47-table MariaDB commerce schema:
 * unsigned keys, TINYINT/MEDIUMINT, inline enums, column collations and
 * table charsets, JSON, fractional seconds, one index name reused on many
 * tables.
 */
pullRoundTrip('pull: multi-store shop on MySQL/MariaDB', commerce(true).body(0));
