import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { importDriver } from '../../src/dialects/optional-module.js';
import { loadNodeSqlite } from '../../src/dialects/sqlite/sqlite-driver-node.js';
import { sqliteDriver } from '../../src/dialects/sqlite/sqlite-driver.js';
import { ConfigError } from '../../src/errors.js';

/** The driver seam: which driver a URL gets, and what a missing one says. */

const nodeSqlite = await loadNodeSqlite();
const withoutNodeSqlite = typeof nodeSqlite === 'string' ? nodeSqlite : false;

describe('database drivers', () => {
  it('refuses an unknown SQLite driver name, listing the known ones', async () => {
    await assert.rejects(sqliteDriver('sqlite4'), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.code, 'config.driver-unknown');
      assert.match(error.message, /\?driver=.*'sqlite4'/);
      assert.match(error.hint ?? '', /better-sqlite3 or node/);
      return true;
    });
  });

  it('a missing driver package is one error naming the npm install command', async () => {
    const missing = () => import(['kiln-no-such', 'driver'].join('-'));
    await assert.rejects(importDriver('kiln-no-such-driver', 'Test', missing), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.code, 'config.driver-missing');
      assert.equal(error.message, "the Test driver 'kiln-no-such-driver' is not installed");
      assert.equal(error.hint, 'install it in your project: npm install kiln-no-such-driver');
      return true;
    });
  });

  it('a driver that fails for another reason keeps its own error', async () => {
    const broken = async () => {
      throw new TypeError('native build mismatch');
    };
    await assert.rejects(importDriver('pg', 'PostgreSQL', broken), TypeError);
  });

  it('pg, mysql2 and better-sqlite3 are optional peer dependencies', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      dependencies: Record<string, string>;
      peerDependencies: Record<string, string>;
      peerDependenciesMeta: Record<string, { optional?: boolean }>;
    };
    for (const name of ['better-sqlite3', 'pg', 'mysql2']) {
      assert.equal(manifest.dependencies[name], undefined, name);
      assert.ok(manifest.peerDependencies[name], name);
      assert.equal(manifest.peerDependenciesMeta[name]?.optional, true, name);
    }
  });

  it('node:sqlite where Node lacks it: says which Node has it', { skip: withoutNodeSqlite === false }, async () => {
    assert.match(String(withoutNodeSqlite), /Node 22\.16 or later/);
    await assert.rejects(sqliteDriver('node'), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.code, 'config.driver-missing');
      assert.match(error.hint ?? '', /npm install better-sqlite3/);
      return true;
    });
  });

  it('node:sqlite reports faults in the SQLITE_* form and rows as plain objects', {
    skip: withoutNodeSqlite,
  }, async () => {
    const driver = await sqliteDriver('node');
    assert.equal(driver.name, 'node');
    const db = driver.open(':memory:');
    try {
      const [row] = db.all('SELECT ? AS a, ? AS big, ? AS flag', [1, 2n ** 60n, true]);
      assert.deepEqual(row, { a: 1, big: 2n ** 60n, flag: 1 });
      assert.throws(() => db.exec('SELECT * FROM nowhere'), { code: 'SQLITE_ERROR' });
      db.exec('BEGIN');
      assert.equal(db.inTransaction, true);
      db.exec('ROLLBACK');
      assert.equal(db.inTransaction, false);
    } finally {
      db.close();
    }
    assert.throws(() => driver.open('/nonexistent-kiln-folder/app.db'), { code: 'SQLITE_CANTOPEN' });
  });
});
