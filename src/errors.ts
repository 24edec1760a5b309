/**
 * Every failure a user can cause or fix is a `KilnError`: it carries a stable
 * `code`, a one-line `message` that names the file, revision or option at
 * fault, an optional `hint` saying what to do, and structured `data` for
 * `--json` output. Lower layers throw them; only `cli/bin.ts` turns them into
 * exit codes. Anything that is not a `KilnError` is a bug and keeps its stack.
 */
export class KilnError extends Error {
  override readonly name: string = 'KilnError';
  readonly code: string;
  readonly hint: string | undefined;
  readonly data: Readonly<Record<string, unknown>>;

  constructor(
    code: string,
    message: string,
    options: { hint?: string; data?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.data = Object.freeze({ ...(options.data ?? {}) });
  }
}

/** Bad or missing configuration: no config file, a bad URL, no schema module. */
export class ConfigError extends KilnError {
  override readonly name = 'ConfigError';
}

/** A schema module or DSL value that cannot become a model. */
export class SchemaError extends KilnError {
  override readonly name = 'SchemaError';
}

/** The revision graph or a target: unknown/ambiguous ids, cycles, bad files. */
export class RevisionError extends KilnError {
  override readonly name = 'RevisionError';
}

/** An operation that cannot be carried out or reversed as asked. */
export class OperationError extends KilnError {
  override readonly name = 'OperationError';
}

/** The database refused a statement, or could not be reached. */
export class DatabaseError extends KilnError {
  override readonly name = 'DatabaseError';
}

/** Wrong command-line usage (exit code 2). */
export class UsageError extends KilnError {
  override readonly name = 'UsageError';
}

export function isKilnError(value: unknown): value is KilnError {
  return value instanceof KilnError;
}

/** A file or folder kiln must read or write is not usable: permissions, a read-only or full disk. */
export class FileSystemError extends KilnError {
  override readonly name = 'FileSystemError';
}
