import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  APPLIED_ONCE,
  appliedCounts,
  type HeldMarker,
  LOCK_REVISIONS,
  SERVER_SLEEP_SQL,
  writeLockHistory,
} from '../support/lock-history.js';
import {
  describeExits,
  fileExists,
  KilnProcess,
  type KilnExit,
  runAll,
  stopStragglers,
  waitUntil,
} from '../support/kiln-process.js';
import { KilnProject } from '../support/project.js';

/**
 * kiln's migration lock with real processes: the built CLI, several at once,
 * on the dialect `KILN_TEST_DIALECT` selects. A run may only end in success
 * or in a clean lock-timeout error; every revision runs exactly once.
 */

/** The data revision the holder stops in. */
const HELD_REVISION = LOCK_REVISIONS[1];

const LOCK_TIMEOUT_ERROR = /^kiln: error: the migration lock on .+ is held by .+\n {2}hint: /m;

function assertCleanExits(exits: readonly KilnExit[]): void {
  for (const exit of exits) {
    const clean = exit.status === 0 || (exit.status === 1 && LOCK_TIMEOUT_ERROR.test(exit.stderr));
    assert.ok(clean, `a run ended neither in success nor in a lock timeout:\n${describeExits(exits)}`);
  }
}

describe('the migration lock across kiln processes', () => {
  let project: KilnProject;
  let marker: string;
  const dialect = () => project.database.dialect.name;

  beforeEach(async () => {
    project = await KilnProject.create();
    writeLockHistory(project);
    marker = join(project.dir, 'hold');
  });
  afterEach(async () => {
    await stopStragglers();
    await project.remove();
  });

  /** Starts a run that stops inside the first data revision, holding the lock, and waits until it does. */
  async function holder(env: Record<string, string> = {}): Promise<{ run: KilnProcess; held: HeldMarker }> {
    const run = new KilnProcess(project.dir, ['upgrade', 'head'], { KILN_TEST_HOLD: marker, ...env });
    await waitUntil('the holder to reach its data revision', async () => {
      if (run.stderr.includes('kiln: error')) throw new Error(`the holder failed:\n${run.stderr}`);
      // The holder creates the file and then writes it: an empty file is not the marker yet.
      return fileExists(`${marker}.held`)() && readFileSync(`${marker}.held`, 'utf8') !== '';
    });
    return { run, held: JSON.parse(readFileSync(`${marker}.held`, 'utf8')) as HeldMarker };
  }

  /** How the waiting and failing messages name the holder on this dialect. */
  /** The `--json` failure document's error: `{ ok: false, error: { code, message, hint } }`. */
  function jsonError(stdout: string): { code: string; message: string } {
    const doc = JSON.parse(stdout) as { ok: boolean; error: { code: string; message: string } };
    assert.equal(doc.ok, false, stdout);
    return doc.error;
  }

  function holderName(held: HeldMarker): RegExp {
    if (dialect() === 'postgres') return new RegExp(`held by pid ${held.session} \\(kiln upgrade\\), user `);
    if (dialect() === 'mysql') return new RegExp(`held by connection ${held.session}, user `);
    return new RegExp(`held by another process: pid ${held.pid} on .+ \\(kiln upgrade\\)`);
  }

  it('10 concurrent upgrades apply each revision exactly once', async () => {
    const exits = await runAll(project.dir, 10, ['upgrade', 'head']);
    assertCleanExits(exits);
    assert.deepEqual(await appliedCounts(project), APPLIED_ONCE, describeExits(exits));
  });

  it('after a holder is killed (kill -9), concurrent upgrades neither wait on it nor run anything twice', async () => {
    const sleepSql = SERVER_SLEEP_SQL[dialect()]?.(600) ?? null;
    // On a server, the killed run's session sleeps inside a statement: the server must notice the client is gone.
    const { run } = await holder(sleepSql === null ? {} : { KILN_TEST_HOLD_SQL: sleepSql });
    run.kill();
    assert.equal((await run.exited).signal, 'SIGKILL');
    // The lock itself: free the moment the process is gone on SQLite (the OS drops its file locks); a server
    // frees it when it notices the client is gone (PostgreSQL within kiln's 1 s check, MariaDB's SLEEP within
    // 5 s), not after the dead run's 600 s sleep.
    const { dialect: kilnDialect, options } = project.database;
    const probe = await kilnDialect.connect(options, project.dir);
    try {
      await probe.acquireLock({ timeoutMs: dialect() === 'sqlite' ? 0 : 20_000 });
    } finally {
      await probe.close();
    }
    if (!project.capabilities.transactionalDdl) {
      // MySQL: the killed revision was not atomic, so it is recorded as half-applied, and every run refuses
      // at once (none waits on the dead holder, none runs anything) until it is resolved.
      const refused = await runAll(project.dir, 8, ['upgrade', 'head', '--lock-timeout', '20']);
      for (const exit of refused) {
        assert.equal(exit.status, 1, describeExits(refused));
        assert.match(
          exit.stderr,
          /is half-applied\n {2}hint: .*kiln resolve \w+ --rolled-back/,
          describeExits(refused),
        );
      }
      const resolved = await new KilnProcess(project.dir, ['resolve', HELD_REVISION, '--rolled-back']).exited;
      assert.equal(resolved.status, 0, resolved.stderr);
    }
    const exits = await runAll(project.dir, 8, ['upgrade', 'head', '--lock-timeout', '20']);
    assert.ok(
      exits.every((e) => e.status === 0),
      `a run failed after the holder died:\n${describeExits(exits)}`,
    );
    assert.deepEqual(await appliedCounts(project), APPLIED_ONCE, describeExits(exits));
  });

  it('--lock-timeout 0 fails at once naming the holder; 1 waits, says who holds it, then fails; a waiting run goes on when it is free', async () => {
    const { run, held } = await holder();

    const fast = await new KilnProcess(project.dir, ['upgrade', 'head', '--lock-timeout', '0', '--json']).exited;
    assert.equal(fast.status, 1, fast.stderr);
    // Under --json the failure is the one document on stdout.
    const fastError = jsonError(fast.stdout);
    assert.match(fastError.message, holderName(held));
    assert.match(fastError.message, /lock timeout 0: not waiting/);
    assert.doesNotMatch(fast.stderr, /Waiting for/, 'a timeout of 0 does not wait');
    assert.doesNotMatch(
      fast.stdout + fast.stderr,
      /postgres:\/\/[^@\s]*:[^@\s]*@|mysql:\/\/[^@\s]*:[^@\s]*@/,
      'no password in output',
    );

    const timed = await new KilnProcess(project.dir, ['upgrade', 'head', '--lock-timeout', '1', '--json']).exited;
    assert.equal(timed.status, 1, timed.stderr);
    const waits = timed.stderr.split('\n').filter((line) => line.startsWith('Waiting for the migration lock'));
    assert.equal(waits.length, 1, `one wait notice on stderr:\n${timed.stderr}`);
    assert.match(waits[0] ?? '', holderName(held));
    assert.match(waits[0] ?? '', /\(up to 1 s\)$/);
    assert.match(jsonError(timed.stdout).message, /gave up after 1 s/);
    assert.doesNotMatch(timed.stdout, /Waiting/, '--json keeps stdout for the JSON document');

    // Every command that changes the database takes the option and the lock.
    for (const args of [
      ['stamp', 'head'],
      ['downgrade', '-1'],
    ]) {
      const other = await new KilnProcess(project.dir, [...args, '--lock-timeout', '0']).exited;
      assert.equal(other.status, 1, `kiln ${args.join(' ')}: ${other.stderr}`);
      assert.match(other.stderr, holderName(held));
    }

    const waiting = new KilnProcess(project.dir, ['upgrade', 'head', '--json']);
    await waitUntil('the waiting run to say who holds the lock', () => waiting.stderr.includes('Waiting for'));
    assert.match(waiting.stderr, holderName(held));
    writeFileSync(`${marker}.go`, '');
    const [first, second] = await Promise.all([run.exited, waiting.exited]);
    assert.equal(first.status, 0, first.stderr);
    assert.equal(second.status, 0, second.stderr);
    // The wait notice went to stderr: stdout is one JSON document, the (empty) result of the run.
    assert.deepEqual((JSON.parse(second.stdout) as { steps: unknown[] }).steps, []);
    assert.deepEqual(await appliedCounts(project), APPLIED_ONCE);
  });
});
