import type { Parameters } from 'fast-check';

/**
 * The seed property tests use unless `KILN_PROPERTY_SEED` names another (a
 * reported one, to replay it) or is `random`: CI runs a reproducible sample
 * and exploring is a deliberate run.
 */
export const DEFAULT_PROPERTY_SEED = 20261122;

/**
 * fast-check parameters for `numRuns` cases: `KILN_PROPERTY_RUNS` overrides
 * the count, `KILN_PROPERTY_SEED` the seed (a number, or `random`). No time
 * limit is set, and an interrupted run is a failure: a run cut short never
 * passes for one that checked every case.
 *
 * @example fc.assert(fc.property(arb, check), propertyParameters(300))
 */
export function propertyParameters<T>(numRuns: number): Parameters<T> {
  const seedSetting = process.env.KILN_PROPERTY_SEED ?? String(DEFAULT_PROPERTY_SEED);
  const seed = seedSetting === 'random' ? undefined : Number(seedSetting);
  return {
    numRuns: Number(process.env.KILN_PROPERTY_RUNS ?? numRuns),
    ...(seed === undefined ? {} : { seed }),
    markInterruptAsFailure: true,
  };
}
