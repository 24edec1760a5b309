import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { FileSystemError } from '../errors.js';
import { shownPath } from './shown-path.js';

interface Fault {
  /** One code per kind of fault, whichever errno reported it (EACCES and EPERM are both `fs.permission-denied`). */
  readonly code: string;
  readonly reason: string;
  readonly hint: string;
}

const PERMISSION: Fault = {
  code: 'fs.permission-denied',
  reason: 'permission denied',
  hint: 'give the user running kiln access to it (or run kiln as its owner)',
};
const TOO_MANY_FILES: Fault = {
  code: 'fs.too-many-files',
  reason: 'too many open files',
  hint: 'close other programs or raise the limit (ulimit -n), then run again',
};

/** The errno codes a user can do something about; any other code is a bug and keeps its stack. */
const FAULTS: Readonly<Record<string, Fault>> = {
  EACCES: PERMISSION,
  EPERM: PERMISSION,
  EROFS: {
    code: 'fs.read-only',
    reason: 'the file system is read-only',
    hint: 'run kiln where this path is writable, or mount it read-write',
  },
  ENOSPC: { code: 'fs.disk-full', reason: 'no space left on the device', hint: 'free some space, then run again' },
  EDQUOT: {
    code: 'fs.disk-full',
    reason: 'the disk quota is exceeded',
    hint: 'free some space or raise the quota, then run again',
  },
  EMFILE: TOO_MANY_FILES,
  ENFILE: TOO_MANY_FILES,
  ENOENT: {
    code: 'fs.not-found',
    reason: 'the folder does not exist',
    hint: "create it ('kiln init' creates migrations/), or fix the path in the config",
  },
  ENOTDIR: {
    code: 'fs.not-a-folder',
    reason: 'a part of the path is not a folder',
    hint: 'fix the path in the config',
  },
};

/**
 * A Node file-system error as one line saying what failed, where, and what
 * to do (`cannot write migrations/versions/3f2a_x.ts: the file system is
 * read-only`); null for an error that is not a known errno fault.
 *
 * @example throw fileSystemError(error, 'write the revision file', path) ?? error;
 */
export function fileSystemError(error: unknown, action: string, path: string): FileSystemError | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const fault = code === undefined ? undefined : FAULTS[code];
  if (fault === undefined || code === undefined) return null;
  return new FileSystemError(fault.code, `cannot ${action} ${shownPath(path)}: ${fault.reason}`, {
    hint: fault.hint,
    data: { path, errno: code },
    cause: error,
  });
}

/** Runs a file-system call, turning a known errno fault into a `FileSystemError`. */
export function withFileErrors<T>(action: string, path: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw fileSystemError(error, action, path) ?? error;
  }
}

/**
 * `mkdir -p` whose failure says why: Node's recursive mkdir reports ENOENT
 * even when the parent is read-only or forbidden, so the first missing level
 * is created on its own to surface the real errno.
 *
 * @example makeFolder('/app/migrations/versions');
 */
export function makeFolder(path: string): void {
  withFileErrors('create the folder', path, () => {
    try {
      mkdirSync(path, { recursive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      let missing = path;
      while (dirname(missing) !== missing && !existsSync(dirname(missing))) missing = dirname(missing);
      mkdirSync(missing);
      throw error;
    }
  });
}
