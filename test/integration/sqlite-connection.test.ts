import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { DatabaseConnection, LockWait } from '../../src/dialects/dialect.js';
import { sqliteDialect } from '../../src/dialects/sqlite/sqlite-dialect.js';
import { DatabaseError } from '../../src/errors.js';
import { sqliteProvider } from '../support/databases/sqlite.js';
import { openSqlite } from '../support/sqlite-file.js';

/** SQLite only: URLs, the lock file, transactions. */

/** Another process that takes kiln's lock on `<folder>/app.db` through the built dialect, then idles. */
const HOLDER_SCRIPT = `
const { sqliteDialect } = await import(${JSON.stringify(new URL('../../dist/dialects/sqlite/sqlite-dialect.js', import.meta.url).href)});
const options = { scheme: 'sqlite', host: null, port: null, user: null, password: null, database: 'app.db', params: {} };
const connection = await sqliteDialect.connect(options, process.argv[1]);
await connection.acquireLock({ timeoutMs: 0 });
// Once this module has run, nothing refers to the connection: a collection must not take the lock with it.
setTimeout(() => {
  globalThis.gc();
  process.stdout.write('held\\n');
}, 50);
setInterval(() => undefined, 1000);
`;

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
      await memory.acquireLock({ timeoutMs: 0 });
      await memory.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('locks with a transaction on a SQLite file beside the database, and names the holder', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kiln-sqlite-lock-'));
    try {
      const first = await sqliteDialect.connect(options('app.db'), folder, { name: 'kiln upgrade' });
      const second = await sqliteDialect.connect(options('app.db'), folder);
      await first.acquireLock({ timeoutMs: 0 });
      assert.ok(existsSync(join(folder, 'app.db.kiln-lock')));
      const waits: LockWait[] = [];
      const error = await second.acquireLock({ timeoutMs: 300, onWait: (w) => waits.push(w) }).then(
        () => assert.fail('two connections held the lock'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof DatabaseError);
      assert.equal(error.code, 'database.lock-timeout');
      assert.match(error.message, new RegExp(`on ${folder}/app\\.db is held by another process: pid ${process.pid} `));
      assert.match(error.message, /\(kiln upgrade\)/);
      assert.equal(waits.length, 1, 'the wait is reported once');
      assert.equal(waits[0]?.holder.details.pid, process.pid);
      // The migration connection itself is not blocked by the lock.
      await second.execute('CREATE TABLE t (a INTEGER)');
      await first.releaseLock();
      await second.acquireLock({ timeoutMs: 0 });
      await first.execute('INSERT INTO t VALUES (1)');
      await second.close();
      await first.acquireLock({ timeoutMs: 0 });
      await first.close();
      assert.ok(existsSync(join(folder, 'app.db.kiln-lock')), 'the lock file stays: deleting it would split the lock');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('is free the moment a holder is killed (no stale lock, no pid check)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kiln-sqlite-kill-'));
    const connection = await sqliteDialect.connect(options('app.db'), folder);
    const holder = spawn(process.execPath, ['--expose-gc', '--input-type=module', '-e', HOLDER_SCRIPT, folder], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (chunk: Buffer) => (chunk.toString().includes('held') ? resolve() : undefined));
        holder.on('exit', (code) => reject(new Error(`the holder exited (${code}) before taking the lock`)));
      });
      await assert.rejects(connection.acquireLock({ timeoutMs: 0 }), new RegExp(`pid ${holder.pid} `));
      const exited = new Promise((resolve) => holder.on('exit', resolve));
      holder.kill('SIGKILL');
      await exited;
      await connection.acquireLock({ timeoutMs: 0 });
    } finally {
      holder.kill('SIGKILL');
      await connection.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('takes no notice of a record naming its own pid (a restarted container whose kiln was pid 1)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kiln-sqlite-pid-'));
    try {
      const record = openSqlite(join(folder, 'app.db.kiln-lock'));
      record.exec('CREATE TABLE holder (pid INTEGER, host TEXT, command TEXT, started_at TEXT)');
      record.all('INSERT INTO holder VALUES (?, ?, ?, ?)', [process.pid, 'old-container', 'kiln upgrade', '2026']);
      record.close();
      const connection = await sqliteDialect.connect(options('app.db'), folder);
      await connection.acquireLock({ timeoutMs: 0 });
      await connection.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses a lock file an older kiln left (a pid), without deleting it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kiln-sqlite-old-lock-'));
    const lock = join(folder, 'app.db.kiln-lock');
    try {
      writeFileSync(lock, '2147483646');
      const connection = await sqliteDialect.connect(options('app.db'), folder);
      await assert.rejects(connection.acquireLock({ timeoutMs: 0 }), (e: unknown) => {
        assert.ok(e instanceof DatabaseError);
        assert.equal(e.code, 'database.lock-file');
        assert.match(e.hint ?? '', /older kiln/);
        return true;
      });
      await connection.close();
      assert.ok(existsSync(lock));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('rolls back a failed transaction; what runs outside one has foreign keys enforced', () =>
    withDatabase(async (c) => {
      await assert.rejects(
        c.transaction(async () => {
          await c.execute('CREATE TABLE t (a INTEGER)');
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.equal(await sqliteDialect.tableExists(c, 't', null), false);
      await c.execute('CREATE TABLE p (id INTEGER PRIMARY KEY)');
      await c.execute('CREATE TABLE ch (p_id INTEGER REFERENCES p (id))');
      await assert.rejects(c.execute('INSERT INTO ch VALUES (7)'), /FOREIGN KEY/, 'enforced again outside');
      await c.transaction(() => c.transaction(async () => c.execute('CREATE TABLE nested (a INTEGER)')));
      assert.equal(await sqliteDialect.tableExists(c, 'nested', null), true);
    }));
});
