import assert from 'node:assert/strict';
import fc from 'fast-check';
import { revision } from 'kiln';
import { loadSchemaModel } from '../../src/commands/schema-model.js';
import type { DialectCapabilities } from '../../src/dialects/dialect.js';
import { canonical } from './model-fixtures.js';
import type { SchemaModel } from '../../src/schema/model.js';
import { assertOnlyKilnTables, comparable, KilnProject } from './project.js';
import { insertRows, readRows, survivingColumns } from './property-rows.js';
import { buildSchema, capabilitiesOf, schemaSeed } from './property-schema.js';
import { changeSeed, deriveSchema } from './property-schema-derive.js';
import { schemaSource } from './property-schema-source.js';
import { propertyParameters } from './property-settings.js';
import type { SchemaSpec } from './property-schema-spec.js';
import { selectedDialect, testDatabaseProvider } from './test-database.js';

/**
 * kiln's core invariant as a property, on the dialect `KILN_TEST_DIALECT`
 * selects: for a random schema module written with the DSL, autogenerate →
 * upgrade → `check` is clean; for a second schema derived from it, the same,
 * with the rows inserted in between kept; `downgrade -1` gives back the first
 * schema exactly (rows kept); `downgrade base` leaves only kiln's tables.
 */

/** One case: the two schema modules' sources and specs. */
interface Case {
  readonly first: SchemaSpec;
  readonly second: SchemaSpec;
}

export function caseArbitrary(capabilities: DialectCapabilities): fc.Arbitrary<Case> {
  const caps = capabilitiesOf(capabilities);
  return fc.tuple(schemaSeed, fc.array(changeSeed, { minLength: 1, maxLength: 6 })).map(([seed, changes]) => {
    const first = buildSchema(seed, caps);
    return { first, second: deriveSchema(first, changes, caps) };
  });
}

/** `check` compares as autogenerate does; beyond that the live schema must be the model, exactly. */
async function assertMatchesModel(project: KilnProject, when: string): Promise<void> {
  const model = await loadSchemaModel(await project.config(), project.database.dialect);
  await assertSameSchema(project, await project.schema(), model, `the database differs from the model ${when}`);
}

/** Equal in the forms kiln compares them in (expressions and raw types in the dialect's canonical spelling). */
async function assertSameSchema(
  project: KilnProject,
  actual: SchemaModel,
  expected: SchemaModel,
  message: string,
): Promise<void> {
  const comparison = await project.comparison(actual, expected);
  assert.deepEqual(
    canonical(comparable(actual, comparison, false)),
    canonical(comparable(expected, comparison, false)),
    message,
  );
}

async function runCase(project: KilnProject, { first, second }: Case): Promise<void> {
  project.writeSchema(schemaSource(first));
  await project.migrate('first');
  await project.upgrade();
  await project.assertClean('after the first upgrade');
  await assertMatchesModel(project, 'after the first upgrade');
  const before = await project.schema();

  await insertRows(project, first);
  const surviving = survivingColumns(first, second);
  const rows = await readRows(project, surviving);

  project.writeSchema(schemaSource(second));
  const changed = await revision(await project.config(), { message: 'second', autogenerate: true });
  if (changed.path !== null) await project.upgrade();
  await project.assertClean('after the second upgrade');
  await assertMatchesModel(project, 'after the second upgrade');
  assert.deepEqual(await readRows(project, surviving), rows, 'rows changed by the second upgrade');

  if (changed.path !== null) {
    await project.downgrade('-1');
    // Column order is not part of the comparison: a dropped column comes back last (ALTER TABLE ADD COLUMN).
    await assertSameSchema(project, await project.schema(), before, 'downgrade -1 did not restore the first schema');
    assert.deepEqual(await readRows(project, surviving), rows, 'rows changed by downgrade -1');
  }
  await project.downgrade('base');
  await assertOnlyKilnTables(project);
}

/** Runs one case on a fresh database; a failure carries both schema modules' sources. */
export async function runOnFreshDatabase(testCase: Case): Promise<void> {
  const project = await KilnProject.create();
  try {
    await runCase(project, testCase);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const report = `${message}\n--- first schema.ts ---\n${schemaSource(testCase.first)}\n--- second schema.ts ---\n${schemaSource(testCase.second)}`;
    throw Object.assign(new Error(report), { cause: error });
  } finally {
    await project.remove();
  }
}

/**
 * The property with `numRuns` cases (`KILN_PROPERTY_RUNS` overrides it,
 * `KILN_PROPERTY_SEED` sets the seed: a number, or `random`).
 */
export async function assertRoundTripProperty(numRuns: number): Promise<void> {
  const provider = await testDatabaseProvider();
  const reason = await provider.unavailableReason();
  assert.equal(reason, null, `${selectedDialect()} unavailable: ${reason}`);
  const { dialect } = await provider.create().then(async (db) => {
    await db.drop();
    return db;
  });
  await fc.assert(fc.asyncProperty(caseArbitrary(dialect.capabilities), runOnFreshDatabase), {
    ...propertyParameters(numRuns),
    // Shrinking a slow case is bounded: a failure found is still reported, and a
    // run that did not reach numRuns cases in time fails rather than passing.
    interruptAfterTimeLimit: 4 * 60_000,
  });
}
