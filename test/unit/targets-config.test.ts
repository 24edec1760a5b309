import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkTargetSpecs } from '../../src/config/targets.js';
import { POSTGRES_LOCK_KEY, postgresLockKey } from '../../src/dialects/postgres/postgres-connection.js';
import { ConfigError } from '../../src/errors.js';

const SOURCE = 'kiln.config.ts';

function refused(value: unknown, message: RegExp): void {
  assert.throws(
    () => checkTargetSpecs(value, SOURCE),
    (error: unknown) =>
      error instanceof ConfigError &&
      error.code === 'config.targets-invalid' &&
      error.message.startsWith(`${SOURCE}: `) &&
      message.test(error.message),
  );
}

describe('config targets', () => {
  it('takes a list of { name, url } and schema lists or queries', () => {
    const specs = checkTargetSpecs(
      [
        { name: 'eu-west_1', url: 'sqlite:./a.db' },
        { name: 'tenants', url: 'postgres://u@h/db', schemas: ['a', 'b'] },
        { name: 'trial', url: 'postgres://u@h/db', schemas: { query: 'SELECT 1' } },
      ],
      SOURCE,
    );
    assert.deepEqual(
      specs.map((s) => s.name),
      ['eu-west_1', 'tenants', 'trial'],
    );
  });

  it('refuses what it cannot run, naming the config and the entry', () => {
    refused({ name: 'a', url: 'sqlite:a.db' }, /'targets' must be a list/);
    refused(['sqlite:a.db'], /target #1 is not an object/);
    refused([{ url: 'sqlite:a.db' }], /target #1 has no name/);
    for (const name of ['', 'a.b', 'a*', 'a,b', '-a', 'a b']) refused([{ name, url: 'x' }], /the invalid name/);
    refused(
      [
        { name: 'a', url: 'sqlite:a.db' },
        { name: 'a', url: 'sqlite:b.db' },
      ],
      /target name 'a' is used twice/,
    );
    refused([{ name: 'a' }], /target 'a' has no url/);
    refused([{ name: 'a', url: 'x', schemas: ['s', 's'] }], /names a schema twice/);
    refused([{ name: 'a', url: 'x', schemas: [''] }], /must hold schema names/);
    refused([{ name: 'a', url: 'x', schemas: 'public' }], /a list of schema names or \{ query/);
  });
});

describe('the PostgreSQL lock key', () => {
  it('is the database key without a schema, and one per schema with one', () => {
    assert.equal(postgresLockKey(undefined), String(POSTGRES_LOCK_KEY));
    const keys = new Set(Array.from({ length: 500 }, (_, i) => postgresLockKey(`tenant_${i}`)));
    assert.equal(keys.size, 500);
    for (const key of keys) {
      const value = BigInt(key);
      // A bigint PostgreSQL accepts, with 'kiln' in the high half as the holder query reads it.
      assert.ok(value < 2n ** 63n);
      assert.equal(value >> 32n, BigInt(POSTGRES_LOCK_KEY));
    }
    assert.equal(postgresLockKey('tenant_1'), postgresLockKey('tenant_1'));
  });
});
