import { isKilnError, UsageError } from '../errors.js';

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
}

export interface OutputStreams {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export function createReporter(streams: OutputStreams = process): Reporter {
  return {
    result(data, text, json) {
      const body = json ? JSON.stringify(data, null, 2) : text();
      if (body !== '') streams.stdout.write(body.endsWith('\n') ? body : `${body}\n`);
    },
    info(line) {
      streams.stderr.write(`${line}\n`);
    },
    warn(line) {
      streams.stderr.write(`kiln: warning: ${line}\n`);
    },
    error(error) {
      if (isKilnError(error)) {
        streams.stderr.write(`kiln: error: ${error.message}\n`);
        if (error.hint !== undefined && error.hint !== '') streams.stderr.write(`  hint: ${error.hint}\n`);
        return;
      }
      // Not a user mistake: a bug. Keep the stack so it can be reported.
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      streams.stderr.write(`kiln: internal error (please report it): ${text}\n`);
    },
  };
}

export function exitCodeFor(error: unknown): number {
  return error instanceof UsageError ? 2 : 1;
}
