// biome-ignore-all lint/suspicious/noControlCharactersInRegex: terminal escape sequences are what these tests read
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as format from '../../src/cli/format.js';
import { createReporter } from '../../src/cli/output.js';
import type { Clock } from '../../src/cli/progress.js';
import { COLOURED, colourFor, PLAIN, styledTerminalText } from '../../src/cli/style.js';
import type { HistoryResult, MigrationResult, StepEvent } from '../../src/commands/index.js';
import { revisionInfo } from '../../src/commands/revision-info.js';
import { DatabaseError } from '../../src/errors.js';
import { graphOf, meta } from '../support/revision-fixtures.js';

/**
 * What kiln prints for a person, with the stream's capabilities injected (a
 * terminal is `isTTY: true` and some columns), and a clock the test moves:
 * colours, the live line per revision, and plain lines everywhere else.
 */

const YELLOW = '\x1b[33m';
const ANY_ESCAPE = /\x1b/;

/** A clock that only moves when told, and whose ticker runs when the test says. */
function manualClock() {
  let now = 0;
  let ticks: (() => void) | null = null;
  const clock: Clock = {
    now: () => now,
    every(_ms, tick) {
      ticks = tick;
      return () => {
        ticks = null;
      };
    },
  };
  return {
    clock,
    advance(ms: number) {
      now += ms;
      ticks?.();
    },
    get ticking() {
      return ticks !== null;
    },
  };
}

function terminal(options: { stdoutTTY?: boolean; stderrTTY?: boolean; env?: NodeJS.ProcessEnv; columns?: number }) {
  const out = { text: '' };
  const err = { text: '' };
  const time = manualClock();
  const reporter = createReporter(
    {
      stdout: { write: (text: string) => (out.text += text), isTTY: options.stdoutTTY ?? true, columns: 100 },
      stderr: {
        write: (text: string) => (err.text += text),
        isTTY: options.stderrTTY ?? true,
        columns: options.columns ?? 100,
      },
    },
    { env: options.env ?? {}, clock: time.clock },
  );
  return { reporter, out, err, time };
}

const history = (): HistoryResult => {
  const graph = graphOf(meta('aaaa0001', null, { message: 'create users' }), meta('bbbb0002', 'aaaa0001'));
  return { revisions: graph.newestFirst().map((m) => revisionInfo(graph, m, new Set(['bbbb0002']))) };
};

const step = (revision: string, parents: string[], message: string | null = 'add email'): StepEvent => ({
  direction: 'up',
  revision,
  parents,
  from: parents,
  to: [revision],
  message,
});

const upgraded: MigrationResult = {
  direction: 'up',
  steps: [
    { revision: 'aaaa0001', direction: 'up', statements: 2, durationMs: 400 },
    { revision: 'bbbb0002', direction: 'up', statements: 1, durationMs: 1840 },
  ],
  from: [],
  heads: ['bbbb0002'],
  sql: null,
  warnings: [],
  lint: [],
};

describe('colours: when', () => {
  it('colours a terminal, not a pipe; NO_COLOR wins; FORCE_COLOR colours a pipe; TERM=dumb stays plain', () => {
    assert.equal(colourFor({ isTTY: true }, {}), true);
    assert.equal(colourFor({ isTTY: false }, {}), false);
    assert.equal(colourFor({}, {}), false);
    assert.equal(colourFor({ isTTY: true }, { NO_COLOR: '1' }), false);
    assert.equal(colourFor({ isTTY: true }, { NO_COLOR: '' }), true, 'an empty NO_COLOR is unset (no-color.org)');
    assert.equal(colourFor({ isTTY: false }, { FORCE_COLOR: '1' }), true);
    assert.equal(colourFor({ isTTY: false }, { FORCE_COLOR: '' }), true);
    assert.equal(colourFor({ isTTY: true }, { FORCE_COLOR: '0' }), false);
    assert.equal(colourFor({ isTTY: true }, { FORCE_COLOR: 'false' }), false);
    assert.equal(colourFor({ isTTY: false }, { FORCE_COLOR: '1', NO_COLOR: '1' }), false);
    assert.equal(colourFor({ isTTY: true }, { TERM: 'dumb' }), false);
  });

  it('the reporter colours results on a terminal, and nothing in a pipe, under NO_COLOR or under --json', () => {
    const text = (style: typeof PLAIN) => format.history(history(), { verbose: false, graph: false }, style);
    const tty = terminal({});
    tty.reporter.result(history(), text);
    assert.ok(tty.out.text.includes(`${YELLOW}bbbb0002`), JSON.stringify(tty.out.text));
    for (const plain of [terminal({ stdoutTTY: false }), terminal({ env: { NO_COLOR: '1' } })]) {
      plain.reporter.result(history(), text);
      assert.equal(plain.out.text, `${text(PLAIN)}\n`);
      assert.doesNotMatch(plain.out.text, ANY_ESCAPE);
    }
    const json = terminal({});
    json.reporter.setJson(true);
    json.reporter.result({ n: 1 }, text);
    json.reporter.error(new DatabaseError('db.x', 'refused', { hint: 'start it' }));
    assert.doesNotMatch(json.out.text + json.err.text, ANY_ESCAPE);
  });
});

describe('colours: what', () => {
  it('plain text is exactly what kiln printed before colours (the tests and pipes read it)', () => {
    assert.equal(
      format.history(history(), { verbose: false, graph: false }),
      ['aaaa0001 -> bbbb0002 (head) (current), ', '<base> -> aaaa0001, create users'].join('\n'),
    );
    assert.equal(format.migration(upgraded), 'upgraded 2 revision(s) in 2.24 s: <base> -> bbbb0002');
  });

  it('highlights revision ids and the current revision; the text without colour is the plain text', () => {
    const coloured = format.history(history(), { verbose: false, graph: false }, COLOURED);
    const strip = (text: string) => text.replace(/\x1b\[\d+m/g, '');
    assert.equal(strip(coloured), format.history(history(), { verbose: false, graph: false }));
    assert.match(coloured, /\x1b\[33maaaa0001\x1b\[39m -> \x1b\[33mbbbb0002\x1b\[39m/);
    assert.match(coloured, /\x1b\[32m \(head\) \(current\)\x1b\[39m/);
    assert.equal(strip(format.migration(upgraded, COLOURED)), format.migration(upgraded));
    assert.match(format.migration(upgraded, COLOURED), /-> \x1b\[32mbbbb0002\x1b\[39m$/);
  });

  it('writes `kiln: error:` in red and the hint dim on a terminal; the same words in a pipe', () => {
    const tty = terminal({});
    tty.reporter.error(new DatabaseError('db.x', 'table "t" is odd', { hint: 'rename it' }));
    assert.equal(
      tty.err.text,
      '\x1b[1m\x1b[31mkiln: error:\x1b[39m\x1b[22m table "t" is odd\n\x1b[2m  hint: rename it\x1b[22m\n',
    );
    const piped = terminal({ stderrTTY: false });
    piped.reporter.error(new DatabaseError('db.x', 'table "t" is odd', { hint: 'rename it' }));
    assert.equal(piped.err.text, 'kiln: error: table "t" is odd\n  hint: rename it\n');
  });

  it('keeps only its own colour codes: a name holding escape sequences is shown, not obeyed', () => {
    assert.equal(
      styledTerminalText(`${COLOURED.rev('a1')}\x1b[2J\x1b]0;t\x07`),
      '\x1b[33ma1\x1b[39m\\x1b[2J\\x1b]0;t\\x07',
    );
    const tty = terminal({});
    tty.reporter.error(new DatabaseError('db.x', 'no table \x1b[31mred\x1b[2J'));
    assert.ok(tty.err.text.includes('no table \\x1b[31mred\\x1b[2J'), JSON.stringify(tty.err.text));
  });
});

describe('progress of upgrade and downgrade', () => {
  it('in a pipe: one plain line per revision, as Alembic prints them, and no ticker', () => {
    const piped = terminal({ stderrTTY: false });
    piped.reporter.step(step('aaaa0001', []));
    piped.reporter.statement('ALTER TABLE t ADD c int');
    piped.time.advance(5000);
    piped.reporter.step(step('bbbb0002', ['aaaa0001'], 'evil\n\x1b[2J'));
    piped.reporter.result(upgraded, (style) => format.migration(upgraded, style));
    assert.equal(
      piped.err.text,
      'Running upgrade <base> -> aaaa0001, add email\nRunning upgrade aaaa0001 -> bbbb0002, evil\\n\\x1b[2J\n',
    );
    assert.equal(piped.time.ticking, false);
    assert.equal(piped.reporter.live, false);
  });

  it('on a terminal: a live line per revision that shows its time and statement after a second, then ✓ and the time', () => {
    const tty = terminal({});
    assert.equal(tty.reporter.live, true);
    tty.reporter.step(step('aaaa0001', [], 'add "x"\nDROP'));
    assert.equal(
      tty.err.text,
      '\r\x1b[2K\x1b[2m…\x1b[22m upgrade <base> -> \x1b[33maaaa0001\x1b[39m, add "x"\\nDROP',
      'the message on one line, escaped',
    );
    tty.reporter.statement('ALTER TABLE  "t"\n  ADD COLUMN c int');
    tty.time.advance(400);
    assert.ok(!tty.err.text.includes('ALTER'), 'a fast step shows no statement');
    tty.err.text = '';
    tty.time.advance(1100);
    assert.equal(
      tty.err.text,
      '\r\x1b[2K\x1b[2m…\x1b[22m upgrade <base> -> \x1b[33maaaa0001\x1b[39m, add "x"\\nDROP\x1b[2m 1.50 s: ALTER TABLE "t" ADD COLUMN c int\x1b[22m',
    );
    tty.err.text = '';
    tty.reporter.step(step('bbbb0002', ['aaaa0001']));
    assert.ok(
      tty.err.text.startsWith(
        '\r\x1b[2K\x1b[32m✓\x1b[39m upgrade <base> -> \x1b[33maaaa0001\x1b[39m, add "x"\\nDROP \x1b[2m(1.50 s)\x1b[22m\n',
      ),
      JSON.stringify(tty.err.text),
    );
    tty.err.text = '';
    tty.reporter.warn('orphan rows in t');
    assert.ok(
      tty.err.text.startsWith('\r\x1b[2K\x1b[33mkiln: warning:\x1b[39m orphan rows in t\n\r\x1b[2K'),
      'above the live line',
    );
    tty.time.advance(30);
    tty.out.text = '';
    tty.err.text = '';
    tty.reporter.result(upgraded, (style) => format.migration(upgraded, style));
    assert.match(tty.err.text, /^\r\x1b\[2K\x1b\[32m✓\x1b\[39m upgrade .*bbbb0002.* \x1b\[2m\(30 ms\)\x1b\[22m\n$/);
    assert.equal(tty.out.text, `${format.migration(upgraded, COLOURED)}\n`);
    assert.equal(tty.time.ticking, false, 'the ticker stops with the run');
  });

  it('a failing step ends its line with ✗ and the time before the error', () => {
    const tty = terminal({});
    tty.reporter.step(step('aaaa0001', []));
    tty.time.advance(2500);
    tty.err.text = '';
    tty.reporter.error(new DatabaseError('db.x', 'duplicate column c'));
    assert.equal(
      tty.err.text,
      '\r\x1b[2K\x1b[1m\x1b[31m✗\x1b[39m\x1b[22m upgrade <base> -> \x1b[33maaaa0001\x1b[39m, add email \x1b[1m\x1b[31mfailed after 2.50 s\x1b[39m\x1b[22m\n' +
        '\x1b[1m\x1b[31mkiln: error:\x1b[39m\x1b[22m duplicate column c\n',
    );
  });

  it('fits the live line to the terminal: the statement is cut to the columns left', () => {
    const tty = terminal({ columns: 60 });
    tty.reporter.step(step('aaaa0001', []));
    tty.reporter.statement(`INSERT INTO t VALUES ${'(1), '.repeat(40)}(2)`);
    tty.err.text = '';
    tty.time.advance(1200);
    const shown = tty.err.text.replace(/\r|\x1b\[\d*[mK]/g, '');
    assert.ok(shown.length <= 59, `${shown.length}: ${shown}`);
    assert.match(shown, /add email 1\.20 s: INSERT INT.*…$/);
  });

  it('under --json on a terminal: plain progress lines, no live line', () => {
    const tty = terminal({});
    tty.reporter.setJson(true);
    tty.reporter.step(step('aaaa0001', []));
    assert.equal(tty.err.text, 'Running upgrade <base> -> aaaa0001, add email\n');
  });
});
