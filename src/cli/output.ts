import type { StepEvent } from '../commands/step-title.js';
import { passwordCandidates } from '../config/database-url.js';
import { isKilnError, UsageError } from '../errors.js';
import { terminalLine } from '../util/escape.js';
import { type Clock, StepProgress } from './progress.js';
import { COLOURED, colourFor, PLAIN, type Style, styledTerminalText, type TerminalInfo } from './style.js';

/**
 * The one way the CLI writes: results to stdout (text or `--json`), progress
 * and errors to stderr. Commands never print; they return data and the CLI
 * renders it here. Under `--json` stdout carries exactly one JSON document,
 * the result (`{ "ok": true, … }`) or the failure (`{ "ok": false, "error":
 * { "code", "message", "hint" } }`); progress and warnings stay on stderr.
 */
export interface Reporter {
  /**
   * Switches `--json` on or off (default off). The CLI sets it from the
   * arguments before parsing, so that usage errors are JSON too, and again
   * from the parsed options of the command that runs.
   */
  setJson(json: boolean): void;
  /** Whether results and errors are JSON documents (see `setJson`). */
  readonly json: boolean;
  /**
   * A command's result: `text(style)` for people (coloured on a terminal, see
   * `Style`), `data` (a plain object) as the `--json` document.
   */
  result(data: object, text: (style: Style) => string): void;
  /** A progress line on stderr (`Waiting for the migration lock …`). */
  info(line: string): void;
  /**
   * A revision starts running: `Running upgrade 1a2b -> 3c4d, add email` on
   * stderr, or on a terminal a live line that ends with the step's time
   * (see `StepProgress`); the result or the error ends the last one.
   */
  step(event: StepEvent): void;
  /** The statement being run (a live line shows it once the step is slow). */
  statement(sql: string): void;
  /** Whether progress is drawn live (stderr is a terminal, no `--json`): only then are statements worth reporting. */
  readonly live: boolean;
  /** A warning on stderr: `kiln: warning: …`; the command still succeeds. */
  warn(line: string): void;
  /** A failure: `kiln: error: …` and a hint on stderr, or the `--json` error document on stdout. */
  error(error: unknown): void;
  /** Text already formatted elsewhere (commander's help and usage errors). */
  raw(stream: 'stdout' | 'stderr', text: string): void;
  /**
   * Marks the password of a database URL as secret: from now on it is
   * replaced by `***` in every error, warning, progress line and raw text
   * this reporter writes (results never hold the URL, and are left as made).
   */
  protect(url: string | undefined): void;
}

export interface OutputStreams {
  readonly stdout: TerminalInfo & { write(text: string): unknown };
  readonly stderr: TerminalInfo & { write(text: string): unknown };
}

/** What decides colours and live lines besides the streams; injectable for tests. */
export interface ReporterEnvironment {
  /** `NO_COLOR`, `FORCE_COLOR`, `TERM` (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  readonly clock?: Clock;
}

/**
 * The reporter for `streams`: colours on each stream that is a terminal (see
 * `colourFor`: `NO_COLOR`, `FORCE_COLOR`), none under `--json`; live progress
 * lines when stderr is a terminal.
 */
export function createReporter(streams: OutputStreams = process, environment: ReporterEnvironment = {}): Reporter {
  const env = environment.env ?? process.env;
  // Longest first, so that a password inside a longer candidate (the URL) never leaves a tail behind.
  let secrets: string[] = [];
  let json = false;
  // The last line of defence, for what kiln does not word itself: messages never quote a URL, but a
  // driver's or a user's file's might. Results are built from parsed data and never hold the URL, so
  // they are left alone: a password that is also a word ('head') must not garble a revision list or a
  // JSON key.
  const scrub = (text: string) => secrets.reduce((out, secret) => out.replaceAll(secret, '***'), text);
  const write = (stream: 'stdout' | 'stderr', text: string) => streams[stream].write(text);
  const styleFor = (stream: 'stdout' | 'stderr') => (!json && colourFor(streams[stream], env) ? COLOURED : PLAIN);
  const clean = (text: string) => terminalLine(scrub(text));
  let progress: StepProgress | null = null;
  // Created on the first step, once `--json` is known.
  const steps = () => {
    progress ??= new StepProgress(streams.stderr, {
      live: isLive(),
      style: styleFor('stderr'),
      clean,
      ...(environment.clock === undefined ? {} : { clock: environment.clock }),
    });
    return progress;
  };
  const isLive = () => !json && streams.stderr.isTTY === true && env.TERM !== 'dumb';
  // Names and messages come from databases and files: shown, never obeyed. Each of these is one
  // line, so a line feed in a value is shown too. Piped stdout (`--sql | psql`) stays byte for byte.
  // `styled` puts colour around parts that are already clean.
  const say = (line: string, styled: (clean: string) => string = (text) => text) => {
    const text = styled(clean(line));
    if (progress === null) write('stderr', `${text}\n`);
    else progress.line(text);
  };
  // Strings are scrubbed before JSON escapes them: a password holding `"` or `\` would not match afterwards.
  const document = (data: object, scrubbed: boolean) =>
    write(
      'stdout',
      `${JSON.stringify(data, (key, value: unknown) => jsonValue(key, value, scrubbed ? scrub : null), 2)}\n`,
    );
  return {
    setJson(on) {
      json = on;
    },
    get json() {
      return json;
    },
    get live() {
      return isLive();
    },
    result(data, text) {
      progress?.end('done');
      if (json) return document({ ok: true, ...data }, false);
      const body = text(styleFor('stdout'));
      if (body === '') return;
      const shown = streams.stdout.isTTY === true ? styledTerminalText(body) : body;
      write('stdout', shown.endsWith('\n') ? shown : `${shown}\n`);
    },
    info(line) {
      say(line);
    },
    step(event) {
      steps().start(event);
    },
    statement(sql) {
      progress?.statement(sql);
    },
    warn(line) {
      const style = styleFor('stderr');
      say(line, (text) => `${style.warn('kiln: warning:')} ${text}`);
    },
    error(error) {
      progress?.end('failed');
      const style = styleFor('stderr');
      if (!isKilnError(error)) {
        // Not a user mistake: a bug. Keep the stack so it can be reported.
        const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
        write('stderr', scrub(`kiln: internal error (please report it): ${text}\n`));
        const message = String(error instanceof Error ? error.message : error);
        if (json) document(errorDocument('internal', message, BUG_HINT), true);
        return;
      }
      const hint = error.hint === undefined || error.hint === '' ? null : error.hint;
      if (json) return document(errorDocument(error.code, error.message, hint), true);
      say(error.message, (text) => `${style.bad('kiln: error:')} ${text}`);
      if (hint !== null) say(hint, (text) => style.dim(`  hint: ${text}`));
    },
    raw(stream, text) {
      write(stream, scrub(text));
    },
    protect(url) {
      if (url === undefined || url === '') return;
      secrets = [...new Set([...secrets, ...passwordCandidates(url)])].sort((a, b) => b.length - a.length);
    },
  };
}

/**
 * One value of a `--json` document: durations (every `…Ms` field) are whole
 * milliseconds, and under `scrub` strings lose any secret. A timer's
 * fraction of a millisecond is noise that would make every run's document differ.
 */
function jsonValue(key: string, value: unknown, scrub: ((text: string) => string) | null): unknown {
  if (typeof value === 'number' && key.endsWith('Ms')) return Math.round(value);
  return scrub !== null && typeof value === 'string' ? scrub(value) : value;
}

const BUG_HINT = 'this is a bug in kiln: please report it with the stack trace printed on stderr';

/** The `--json` failure document: the same three fields for every error, usage errors included. */
function errorDocument(code: string, message: string, hint: string | null): object {
  return { ok: false, error: { code, message, hint } };
}

export function exitCodeFor(error: unknown): number {
  return error instanceof UsageError ? 2 : 1;
}
