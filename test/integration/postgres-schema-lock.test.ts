import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DatabaseConnection } from '../../src/dialects/dialect.js';
import { connectPostgres } from '../../src/dialects/postgres/postgres-connection.js';
import { isKilnError } from '../../src/errors.js';
import { type TestDatabase, testDatabaseProvider } from '../support/test-database.js';

/**
 * kiln's lock for a schema target (`?schema=` in the URL, as `targets` with
 * `schemas` makes them) is the schema's: runs on two schemas of one database
 * go side by side, two runs on one schema still exclude each other, and a
 * run without a schema keeps the database's key.
 */
describe('PostgreSQL: one kiln lock per schema target', () => {
  let database: TestDatabase;
  const open: DatabaseConnection[] = [];
  const connect = async (schema?: string) => {
    const params: Record<string, string> = schema === undefined ? {} : { schema };
    const connection = await connectPostgres({
      ...database.options,
      params: { ...database.options.params, ...params },
    });
    open.push(connection);
    return connection;
  };
  const lockNow = async (connection: DatabaseConnection): Promise<boolean> => {
    try {
      await connection.acquireLock({ timeoutMs: 0 });
      return true;
    } catch (error) {
      if (isKilnError(error) && error.code === 'database.lock-timeout') return false;
      throw error;
    }
  };

  before(async () => {
    database = await (await testDatabaseProvider('postgres')).create();
    const run = database.runScript('CREATE SCHEMA tenant_a; CREATE SCHEMA tenant_b;');
    assert.equal(run.status, 0, run.stderr);
  });
  after(async () => {
    await Promise.all(open.map((c) => c.close()));
    await database.drop();
  });

  it('lets two schemas lock at once, and keeps one schema to one holder', async () => {
    const a = await connect('tenant_a');
    const b = await connect('tenant_b');
    const whole = await connect();
    assert.equal(await lockNow(a), true);
    assert.equal(await lockNow(b), true, 'tenant_b waited for tenant_a');
    assert.equal(await lockNow(whole), true, 'the database key waited for a schema');
    assert.equal(await lockNow(await connect('tenant_a')), false, 'two holders of tenant_a');
    assert.equal(await lockNow(await connect()), false, 'two holders of the database key');
    await a.releaseLock();
    assert.equal(await lockNow(await connect('tenant_a')), true, 'tenant_a was not released');
  });
});
