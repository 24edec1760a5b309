import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { buildSchemaModel } from '../../src/schema/build-model.js';
import * as fixture from '../types/mutual-references.js';

const root = new URL('../..', import.meta.url).pathname;

describe('mutual foreign keys type-check without annotations', () => {
  it('tsc --noEmit (strict) accepts tables that reference each other and themselves', () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const run = spawnSync(process.execPath, [tsc, '-p', 'test/types/tsconfig.json'], { cwd: root, encoding: 'utf8' });
    assert.equal(run.status, 0, `tsc reported:\n${run.stdout}${run.stderr}`);
  });

  it('the thunks resolve to the foreign keys', () => {
    const model = buildSchemaModel([fixture]);
    const fk = (table: string) => model.tables.find((t) => t.name === table)?.foreignKeys.map((f) => f.referencedTable);
    assert.deepEqual(fk('app_user'), ['app_post']);
    assert.deepEqual(fk('app_post'), ['app_user']);
    assert.deepEqual(fk('category'), ['category']);
    assert.deepEqual(fk('team'), ['member']);
    assert.deepEqual(fk('member'), ['team']);
  });
});
