import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MysqlConnection } from '../../src/dialects/mysql/mysql-connection.js';
import { mysqlDialect as dialect } from '../../src/dialects/mysql/mysql-dialect.js';
import { DatabaseError } from '../../src/errors.js';
import { mysqlProvider, mysqlTestOptions } from '../support/databases/mysql.js';

/** The MySQL/MariaDB connection: redacted errors, one statement per call, per-database lock, transactions. */

const unavailable = await mysqlProvider.unavailableReason();

describe('mysql connection', { skip: unavailable ?? false }, () => {
  it('never shows the password in an error', async () => {
    const options = { ...mysqlTestOptions('no_such_db_kiln'), password: 's3cr3t-pw' };
    const error = await MysqlConnection.open(options).then(
      () => assert.fail('connected with a wrong password'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof DatabaseError);
    assert.doesNotMatch(`${error.message} ${error.hint} ${JSON.stringify(error.data)}`, /s3cr3t-pw/);
    assert.match(error.message, /127\.0\.0\.1:3306\/no_such_db_kiln/);
  });

  it('wraps statement errors with the statement and target', async () => {
    const db = await mysqlProvider.create();
    const connection = await db.dialect.connect(db.options, process.cwd());
    try {
      await assert.rejects(connection.execute('SELECT * FROM missing_table'), (e: unknown) => {
        assert.ok(e instanceof DatabaseError);
        assert.equal(e.code, 'database.statement-failed');
        assert.equal(e.data.sql, 'SELECT * FROM missing_table');
        return true;
      });
      await assert.rejects(connection.execute('SELECT 1; SELECT 2'), DatabaseError, 'multipleStatements is off');
    } finally {
      await connection.close();
      await db.drop();
    }
  });

  it('locks per database, rolls back DML, reports the server', async () => {
    const db = await mysqlProvider.create();
    const first = await db.dialect.connect(db.options, process.cwd());
    const second = await db.dialect.connect(db.options, process.cwd());
    try {
      assert.ok(first instanceof MysqlConnection);
      assert.match(first.server.versionText, /\d+\.\d+/);
      await first.acquireLock({ timeoutMs: 0 });
      const [busy] = await second.query('SELECT IS_FREE_LOCK(?) AS free', [`kiln:${db.options.database}`]);
      assert.equal(Number(busy?.free), 0);
      await first.releaseLock();
      await second.acquireLock({ timeoutMs: 5000 });
      await second.releaseLock();
      await first.execute('CREATE TABLE t (id INT)');
      await assert.rejects(
        first.transaction(async () => {
          await first.execute('INSERT INTO t VALUES (1)');
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.deepEqual(await first.query('SELECT COUNT(*) AS n FROM t'), [{ n: 0 }]);
      await first.transaction(() => first.execute('INSERT INTO t VALUES (2)'));
      assert.deepEqual(await first.query('SELECT COUNT(*) AS n FROM t'), [{ n: 1 }]);
      assert.equal(await dialect.tableExists(first, 't', null), true);
      assert.equal(await dialect.tableExists(first, 'nope', null), false);
    } finally {
      await first.close();
      await second.close();
      await db.drop();
    }
  });
});
