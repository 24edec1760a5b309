import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../../src/cli/main.js';
import { createReporter, exitCodeFor } from '../../src/cli/output.js';
import { DatabaseError, UsageError } from '../../src/errors.js';

interface Captured {
  readonly out: string;
  readonly err: string;
  readonly status: number;
}

/** Runs the CLI as bin.ts does (the one catch, the one exit code), capturing both streams. */
async function cli(args: readonly string[]): Promise<Captured> {
  let out = '';
  let err = '';
  const reporter = createReporter({
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
  });
  let status: number;
  try {
    status = await runCli(args, reporter);
  } catch (error) {
    reporter.error(error);
    status = exitCodeFor(error);
  }
  return { out, err, status };
}

describe('--json: one document on stdout, failures too', () => {
  it('a usage error is an ok:false document with a usage code, exit 2, nothing on stderr', async () => {
    for (const [args, code] of [
      [['heads', '--json', '--bogus'], 'usage.unknown-option'],
      [['revision', '--json'], 'usage.missing-mandatory-option-value'],
      [['upgrade', '--json', '--lock-timeout', 'x'], 'usage.invalid-argument'],
      [['bogus', '--json'], 'usage.unknown-command'],
    ] as const) {
      const run = await cli(args);
      assert.equal(run.status, 2, args.join(' '));
      assert.equal(run.err, '', args.join(' '));
      const doc = JSON.parse(run.out) as { ok: boolean; error: { code: string; message: string; hint: string } };
      assert.equal(doc.ok, false);
      assert.equal(doc.error.code, code, args.join(' '));
      assert.doesNotMatch(doc.error.message, /^error:/);
      assert.equal(doc.error.hint, 'run kiln --help for usage');
    }
  });

  it('without --json a usage error stays commander text on stderr', async () => {
    const run = await cli(['heads', '--bogus']);
    assert.equal(run.status, 2);
    assert.equal(run.out, '');
    assert.match(run.err, /^error: unknown option '--bogus'\n\(run kiln --help for usage\)\n$/);
  });

  it('a failing command under --json prints its KilnError as the document, exit 1', async () => {
    const run = await cli(['--config', '/nonexistent/kiln.config.json', 'heads', '--json']);
    assert.equal(run.status, 1);
    assert.equal(run.err, '');
    const doc = JSON.parse(run.out) as { ok: boolean; error: { code: string; message: string; hint: unknown } };
    assert.equal(doc.ok, false);
    assert.match(doc.error.code, /^config\./);
    assert.ok(Object.keys(doc.error).sort().join() === 'code,hint,message');
  });

  it('after `--`, --json is an argument, not the flag', async () => {
    const run = await cli(['show', '--', '--json']);
    assert.notEqual(run.status, 0);
    assert.equal(run.out, '');
    assert.match(run.err, /^kiln: error: /);
  });

  it('the reporter: results get ok:true, errors ok:false with hint null when there is none; bugs keep the stack', () => {
    let out = '';
    let err = '';
    const reporter = createReporter({
      stdout: { write: (text: string) => (out += text) },
      stderr: { write: (text: string) => (err += text) },
    });
    reporter.setJson(true);
    reporter.result({ heads: [] }, () => 'unused');
    assert.deepEqual(JSON.parse(out), { ok: true, heads: [] });
    out = '';
    reporter.error(new DatabaseError('database.connect', 'cannot connect'));
    assert.deepEqual(JSON.parse(out), {
      ok: false,
      error: { code: 'database.connect', message: 'cannot connect', hint: null },
    });
    out = '';
    reporter.error(new Error('boom'));
    assert.equal((JSON.parse(out) as { error: { code: string } }).error.code, 'internal');
    assert.match(err, /internal error \(please report it\): Error: boom\n\s+at /);
    assert.equal(exitCodeFor(new UsageError('usage.x', 'x')), 2);
  });

  it('a password with JSON-escaped characters is scrubbed before escaping', () => {
    let out = '';
    const reporter = createReporter({ stdout: { write: (text: string) => (out += text) }, stderr: { write: () => 0 } });
    reporter.protect('postgres://u:p%22w%5Cd@h/db');
    reporter.setJson(true);
    reporter.error(new DatabaseError('x', 'server echoed p"w\\d'));
    assert.doesNotMatch(out, /p\\"w/);
    assert.match(out, /server echoed \*\*\*/);
  });
});
