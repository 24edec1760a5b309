import { describe, it } from 'node:test';
import { assertRoundTripProperty } from '../support/property-round-trip.js';
import { selectedDialect } from '../support/test-database.js';

/**
 * The core invariant on random schemas (see test/support/property-round-trip.ts):
 * schema module → autogenerate → upgrade → check clean → derived schema →
 * autogenerate → upgrade → check clean, rows kept → downgrade -1 → the first
 * schema exactly, rows kept → downgrade base → only kiln's tables.
 */
describe(`round trip on random schemas (${selectedDialect()})`, () => {
  it('autogenerate, upgrade, check, downgrade agree', { timeout: 15 * 60_000 }, async () => {
    await assertRoundTripProperty(selectedDialect() === 'sqlite' ? 20 : 8);
  });
});
