import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KilnError, loadConfig, stamp, upgrade } from 'kiln';
import type { DatabaseConnection } from '../../src/dialects/dialect.js';
import { sqliteDialect } from '../../src/dialects/sqlite/sqlite-dialect.js';
import { CliProject } from '../support/cli-project.js';

/** `--lock-timeout`, `lockTimeout` in the config and the API option: one rule, the same outcome. */

const config = (extra: string) => `export default { url: 'sqlite:./app.db', migrations: './migrations'${extra} };\n`;

describe('the lock timeout: flag, config and API', () => {
  let project: CliProject;
  let holder: DatabaseConnection;

  before(async () => {
    project = new CliProject({ 'kiln.config.mjs': config('') });
    project.ok(['init']);
    project.ok(['revision', '-m', 'one', '--rev-id', 'aa00bb110001']);
    // This test process holds kiln's lock, as another kiln run would.
    const options = { scheme: 'sqlite', host: null, port: null, user: null, password: null, params: {} };
    holder = await sqliteDialect.connect({ ...options, database: 'app.db' }, project.dir, { name: 'kiln test-holder' });
    await holder.acquireLock({ timeoutMs: 0 });
  });
  after(async () => {
    await holder.close();
    project.remove();
  });

  it('rejects a value that is not a number of seconds, 0 or more, as a usage error (exit 2)', () => {
    for (const args of [['upgrade'], ['downgrade', 'base'], ['stamp', 'head']]) {
      for (const value of ['-1', 'soon', '']) {
        const run = project.kiln([...args, '--lock-timeout', value]);
        assert.equal(run.status, 2, `kiln ${args.join(' ')} --lock-timeout '${value}': ${run.stderr}`);
        assert.match(run.stderr, /--lock-timeout <seconds>' argument .* is invalid/);
      }
    }
  });

  it('takes lockTimeout from the config, and the flag wins over it', () => {
    project.write('kiln.config.mjs', config(', lockTimeout: 0'));
    try {
      const fromConfig = project.ok(['upgrade'], 1);
      assert.match(
        fromConfig.stderr,
        /held by another process: pid \d+ on .+ \(kiln test-holder\).*lock timeout 0: not waiting/,
      );
      const fromFlag = project.ok(['upgrade', '--lock-timeout', '0.5'], 1);
      assert.match(fromFlag.stderr, /^Waiting for the migration lock on .+\/app\.db, held by .+ \(up to 0\.5 s\)$/m);
      assert.match(fromFlag.stderr, /gave up after 0\.5 s/);
      project.write('kiln.config.mjs', config(", lockTimeout: 'soon'"));
      const bad = project.ok(['upgrade'], 1);
      assert.match(bad.stderr, /'lockTimeout' must be a number of seconds, 0 or more/);
    } finally {
      project.write('kiln.config.mjs', config(''));
    }
  });

  it('the API takes lockTimeout and onLockWait, and throws the same typed error', async () => {
    const resolved = await loadConfig({ cwd: project.dir, env: {} });
    const waits: string[] = [];
    const error = await upgrade(resolved, 'head', {
      lockTimeout: 0.2,
      onLockWait: (wait) => waits.push(wait.holder.summary),
    }).then(
      () => assert.fail('upgraded while another holder had the lock'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof KilnError);
    assert.equal(error.code, 'database.lock-timeout');
    assert.deepEqual(error.data.holder, {
      pid: process.pid,
      host: (error.data.holder as { host: string }).host,
      command: 'kiln test-holder',
      since: (error.data.holder as { since: string }).since,
    });
    assert.equal(waits.length, 1);
    await assert.rejects(stamp(resolved, ['head'], { lockTimeout: 0 }), /lock timeout 0: not waiting/);
    await assert.rejects(upgrade(resolved, 'head', { lockTimeout: -1 }), /lock timeout must be a number of seconds/);
    await holder.releaseLock();
    assert.deepEqual((await upgrade(resolved, 'head', { lockTimeout: 0 })).heads, ['aa00bb110001']);
  });
});
