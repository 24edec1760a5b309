import { describe, it } from 'node:test';
import { assertRoundTripProperty } from '../support/property-round-trip.js';
import { selectedDialect } from '../support/test-database.js';

/**
 * The round-trip property of test/property/round-trip.property.test.ts with
 * fewer runs, so that the integration pass covers every dialect (the
 * property folder runs on SQLite only).
 */
describe(`round trip on random schemas, integration (${selectedDialect()})`, () => {
  it('autogenerate, upgrade, check, downgrade agree', { timeout: 10 * 60_000 }, async () => {
    await assertRoundTripProperty(selectedDialect() === 'sqlite' ? 5 : 6);
  });
});
