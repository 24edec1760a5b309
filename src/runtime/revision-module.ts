import { KilnError, RevisionError } from '../errors.js';
import type { Operations } from '../operations/op.js';
import { shownPath } from '../revisions/revision-errors.js';
import { revisionFileChecksum } from '../revisions/script-directory.js';
import { importFailure, importUserModule } from '../util/import-module.js';

export type RevisionFunction = (op: Operations) => Promise<void> | void;

/** A revision file that has been executed: only the ones about to run ever are. */
export interface LoadedRevision {
  readonly revision: string;
  /** Path relative to the working directory, for messages. */
  readonly file: string;
  readonly checksum: string;
  /** False when the file exports `transactional = false`: no revision-wide transaction. */
  readonly transactional: boolean;
  readonly upgrade: RevisionFunction;
  readonly downgrade: RevisionFunction;
}

/** Imports one revision file (TypeScript through tsx) and checks its shape. */
export async function loadRevisionModule(revision: string, path: string): Promise<LoadedRevision> {
  const file = shownPath(path);
  let module: Record<string, unknown>;
  try {
    module = await importUserModule(path);
  } catch (error) {
    if (error instanceof KilnError) throw error;
    throw new RevisionError('revision.load-failed', `cannot load revision ${revision}: ${importFailure(error, path)}`, {
      hint: 'fix the error in the revision file',
      data: { revision, file },
      cause: error,
    });
  }
  const upgrade = module.upgrade;
  const downgrade = module.downgrade;
  for (const [name, value] of [
    ['upgrade', upgrade],
    ['downgrade', downgrade],
  ] as const) {
    if (typeof value !== 'function') {
      throw new RevisionError(
        'revision.no-function',
        `revision file ${file} does not export an async function '${name}'`,
        {
          hint: `add: export async function ${name}(op: Operations) { … }`,
          data: { revision, file },
        },
      );
    }
  }
  const transactional = module.transactional ?? true;
  if (typeof transactional !== 'boolean') {
    throw new RevisionError(
      'revision.bad-transactional',
      `revision file ${file} exports 'transactional' that is not a boolean`,
      {
        hint: 'write: export const transactional = false;',
        data: { revision, file },
      },
    );
  }
  return {
    revision,
    file,
    transactional,
    checksum: await revisionFileChecksum(path),
    upgrade: upgrade as RevisionFunction,
    downgrade: downgrade as RevisionFunction,
  };
}
