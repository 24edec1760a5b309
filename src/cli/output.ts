import { passwordCandidates } from '../config/database-url.js';
import { isKilnError, UsageError } from '../errors.js';
import { terminalText } from '../util/escape.js';

/**
 * The one way the CLI writes: results to stdout (text or `--json`), progress
 * and errors to stderr. Commands never print; they return data and the CLI
 * renders it here.
 */
export interface Reporter {
  /** A command's result: `text()` for people, `data` as JSON with `--json`. */
  result(data: unknown, text: () => string, json: boolean): void;
  /** A progress line on stderr (`Running upgrade 1a2b -> 3c4d, add email`). */
  info(line: string): void;
  /** A warning on stderr: `kiln: warning: …`; the command still succeeds. */
  warn(line: string): void;
  error(error: unknown): void;
  /** Text already formatted elsewhere (commander's help and usage errors). */
  raw(stream: 'stdout' | 'stderr', text: string): void;
  /**
   * Marks the password of a database URL as secret: from now on it is
   * replaced by `***` in everything this reporter writes.
   */
  protect(url: string | undefined): void;
}

export interface OutputStreams {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown };
}

export function createReporter(streams: OutputStreams = process): Reporter {
  // Longest first, so that a password inside a longer candidate (the URL) never leaves a tail behind.
  let secrets: string[] = [];
  // The last line of defence: messages never quote a URL, but a driver or a user's file might.
  const scrub = (text: string) => secrets.reduce((out, secret) => out.replaceAll(secret, '***'), text);
  const write = (stream: 'stdout' | 'stderr', text: string) => streams[stream].write(scrub(text));
  // Names and messages come from databases and files: on a terminal they are shown, never obeyed.
  // Piped stdout (`--sql | psql`, `--json`) stays byte for byte what kiln made.
  const say = (line: string) => write('stderr', terminalText(line));
  return {
    result(data, text, json) {
      const body = json ? JSON.stringify(data, null, 2) : text();
      if (body === '') return;
      const shown = !json && streams.stdout.isTTY === true ? terminalText(body) : body;
      write('stdout', shown.endsWith('\n') ? shown : `${shown}\n`);
    },
    info(line) {
      say(`${line}\n`);
    },
    warn(line) {
      say(`kiln: warning: ${line}\n`);
    },
    error(error) {
      if (isKilnError(error)) {
        say(`kiln: error: ${error.message}\n`);
        if (error.hint !== undefined && error.hint !== '') say(`  hint: ${error.hint}\n`);
        return;
      }
      // Not a user mistake: a bug. Keep the stack so it can be reported.
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      write('stderr', `kiln: internal error (please report it): ${text}\n`);
    },
    raw(stream, text) {
      write(stream, text);
    },
    protect(url) {
      if (url === undefined || url === '') return;
      secrets = [...new Set([...secrets, ...passwordCandidates(url)])].sort((a, b) => b.length - a.length);
    },
  };
}

export function exitCodeFor(error: unknown): number {
  return error instanceof UsageError ? 2 : 1;
}
