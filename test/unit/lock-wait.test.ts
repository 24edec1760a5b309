import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LockHolder, LockWait } from '../../src/dialects/dialect.js';
import { acquireByPolling, type LockProbe } from '../../src/dialects/lock-wait.js';
import { DatabaseError } from '../../src/errors.js';

/** The polling loop every dialect's lock shares, against a scripted lock (no database, no clock assertions). */

const HOLDER: LockHolder = { summary: 'pid 7 (kiln upgrade)', details: { pid: 7 } };

/** A lock that is free from attempt `freeAt` on (Infinity: never), held by `holders[i]` at the i-th look. */
function scripted(freeAt: number, holders: readonly (LockHolder | null)[] = [HOLDER]) {
  const calls = { attempts: 0, looks: 0 };
  const probe: LockProbe = {
    target: 'postgres://deploy@db:5432/app',
    pollMs: 1,
    tryAcquire: async () => ++calls.attempts >= freeAt,
    holder: async () => holders[Math.min(calls.looks++, holders.length - 1)] ?? null,
  };
  return { probe, calls };
}

describe('acquireByPolling', () => {
  it('takes a free lock at once without saying anything', async () => {
    const { probe, calls } = scripted(1);
    const waits: LockWait[] = [];
    await acquireByPolling(probe, { timeoutMs: 0, onWait: (w) => waits.push(w) });
    assert.deepEqual(calls, { attempts: 1, looks: 0 });
    assert.deepEqual(waits, []);
  });

  it('reports the holder once, then keeps trying until the lock is free', async () => {
    const { probe, calls } = scripted(5);
    const waits: LockWait[] = [];
    await acquireByPolling(probe, { timeoutMs: 60_000, onWait: (w) => waits.push(w) });
    assert.deepEqual(calls, { attempts: 5, looks: 1 });
    assert.deepEqual(waits, [{ target: 'postgres://deploy@db:5432/app', holder: HOLDER, timeoutMs: 60_000 }]);
  });

  it('says nothing about a lock that is free by the second attempt', async () => {
    const { probe, calls } = scripted(2);
    const waits: LockWait[] = [];
    await acquireByPolling(probe, { timeoutMs: 60_000, onWait: (w) => waits.push(w) });
    assert.deepEqual(calls, { attempts: 2, looks: 0 });
    assert.deepEqual(waits, []);
  });

  it('with a timeout of 0 fails after one attempt, naming the database and the holder, without a wait notice', async () => {
    const { probe, calls } = scripted(Number.POSITIVE_INFINITY);
    const waits: LockWait[] = [];
    const error = await acquireByPolling(probe, { timeoutMs: 0, onWait: (w) => waits.push(w) }).then(
      () => assert.fail('took a held lock'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof DatabaseError);
    assert.equal(error.code, 'database.lock-timeout');
    assert.equal(
      error.message,
      'the migration lock on postgres://deploy@db:5432/app is held by pid 7 (kiln upgrade) (lock timeout 0: not waiting)',
    );
    assert.match(error.hint ?? '', /--lock-timeout/);
    assert.deepEqual(error.data, { target: 'postgres://deploy@db:5432/app', timeoutSeconds: 0, holder: { pid: 7 } });
    assert.equal(calls.attempts, 1);
    assert.deepEqual(waits, []);
  });

  it('names the holder seen last when it gives up', async () => {
    const later: LockHolder = { summary: 'pid 9 (kiln stamp)', details: { pid: 9 } };
    const { probe } = scripted(Number.POSITIVE_INFINITY, [HOLDER, later]);
    // A clock that moves 5 ms a look: the run sees the holder at its second attempt and gives up at its fourth,
    // however busy the machine is.
    let clock = 0;
    const ticking: LockProbe = { ...probe, now: () => (clock += 5) };
    await assert.rejects(
      acquireByPolling(ticking, { timeoutMs: 20 }),
      /held by pid 9 \(kiln stamp\) \(gave up after 0\.02 s\)/,
    );
  });

  it('tries again before reporting when the holder let go between the attempt and the look', async () => {
    const { probe, calls } = scripted(2, [null]);
    const waits: LockWait[] = [];
    await acquireByPolling(probe, { timeoutMs: 0, onWait: (w) => waits.push(w) });
    assert.deepEqual(calls, { attempts: 2, looks: 1 });
    assert.deepEqual(waits, []);
  });
});
