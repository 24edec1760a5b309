import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { buildSchemaModel } from '../../src/schema/build-model.js';
import * as postgresFixture from '../types/typed-queries/postgres-schema.js';
import * as fixture from '../types/typed-queries/schema.js';

const root = new URL('../..', import.meta.url).pathname;

describe('typed queries from the schema module (no code generation)', () => {
  it('tsc --noEmit (strict) accepts the queries and the example app, and refuses each @ts-expect-error line', () => {
    // An `@ts-expect-error` line that compiles is itself an error (TS2578), so a status of 0 proves
    // that a misspelt column, a property key where Kysely wants the column name, an insert missing a
    // NOT NULL column without a default, and a write to a generated column all fail to compile. The
    // project also compiles examples/datatube's server, whose route is typed by its models.
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const run = spawnSync(process.execPath, [tsc, '-p', 'test/types/typed-queries/tsconfig.json'], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, `tsc reported:\n${run.stdout}${run.stderr}`);
  });

  it('the fixture is a schema kiln builds', () => {
    const model = buildSchemaModel([fixture, postgresFixture]);
    assert.deepEqual(model.tables.map((t) => (t.schema === null ? t.name : `${t.schema}.${t.name}`)).sort(), [
      'attachment',
      'billing.invoice',
      'con_user',
      'post',
    ]);
  });
});
