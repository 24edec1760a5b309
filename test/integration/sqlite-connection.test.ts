import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { DatabaseConnection } from '../../src/dialects/dialect.js';
import { sqliteDialect } from '../../src/dialects/sqlite/sqlite-dialect.js';
import { sqliteProvider } from '../support/databases/sqlite.js';

/** SQLite only: URLs, the lock file, transactions. */

async function withDatabase(fn: (connection: DatabaseConnection) => Promise<void>): Promise<void> {
  const database = await sqliteProvider.create();
  const connection = await sqliteDialect.connect(database.options, '/');
  try {
    await fn(connection);
  } finally {
    await connection.close();
    await database.drop();
  }
}

describe('sqlite connection', () => {
  const options = (database: string) =>
    ({ scheme: 'sqlite', host: null, port: null, user: null, password: null, database, params: {} }) as const;

  it('opens a file relative to the base folder, and :memory:', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kiln-sqlite-conn-'));
    try {
      const file = await sqliteDialect.connect(options('./app.db'), folder);
      await file.execute('CREATE TABLE t (a INTEGER)');
      await file.close();
      assert.ok(existsSync(join(folder, 'app.db')));
      const memory = await sqliteDialect.connect(options(':memory:'), folder);
      assert.deepEqual(await memory.query('SELECT ? AS a, ? AS b', [1, true]), [{ a: 1, b: 1 }]);
      await memory.acquireLock();
      await memory.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('locks with a file beside the database, taking over a lock whose process is gone', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kiln-sqlite-lock-'));
    const lock = join(folder, 'app.db.kiln-lock');
    try {
      writeFileSync(lock, '2147483646');
      const connection = await sqliteDialect.connect(options('app.db'), folder);
      await connection.acquireLock();
      assert.ok(existsSync(lock));
      await connection.releaseLock();
      assert.ok(!existsSync(lock));
      await connection.acquireLock();
      await connection.close();
      assert.ok(!existsSync(lock), 'close() releases the lock');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('rolls back a failed transaction and restores foreign-key enforcement', () =>
    withDatabase(async (c) => {
      await assert.rejects(
        c.transaction(async () => {
          await c.execute('CREATE TABLE t (a INTEGER)');
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.equal(await sqliteDialect.tableExists(c, 't', null), false);
      assert.equal((await c.query('PRAGMA foreign_keys'))[0]?.foreign_keys, 1);
      await c.transaction(() => c.transaction(async () => c.execute('CREATE TABLE nested (a INTEGER)')));
      assert.equal(await sqliteDialect.tableExists(c, 'nested', null), true);
    }));
});
