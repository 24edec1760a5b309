/**
 * Values a feature test needs that only the database can name (collation
 * names are the server's own), per dialect the suite runs on. Data, not
 * skipping: whether a feature runs is still decided by capability flags.
 */
import { selectedDialect } from './test-database.js';

export interface DialectSamples {
  /** Two collations the server has, other than its default. */
  readonly collations: readonly [string, string];
}

const SAMPLES: Readonly<Record<string, DialectSamples>> = {
  sqlite: { collations: ['NOCASE', 'RTRIM'] },
  postgres: { collations: ['C', 'POSIX'] },
  mysql: { collations: ['utf8mb4_bin', 'utf8mb4_unicode_ci'] },
};

/** The samples of the dialect KILN_TEST_DIALECT selects. */
export const samples: DialectSamples = SAMPLES[selectedDialect()] ?? (SAMPLES.sqlite as DialectSamples);
