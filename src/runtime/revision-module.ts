import { resolve } from 'node:path';
import { KilnError, RevisionError } from '../errors.js';
import type { Operations } from '../operations/op.js';
import { shownPath } from '../revisions/revision-errors.js';
import { revisionSourceChecksum } from '../revisions/script-directory.js';
import { importFailure, importModule, userModuleUrls } from '../util/import-module.js';

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

/** A revision file of a plan and its text, as read for the graph. */
export interface RevisionSource {
  readonly revision: string;
  /** Absolute path. */
  readonly path: string;
  readonly source: string;
}

/**
 * Imports the revision files of a plan, in order, and checks their shape:
 * TypeScript files are transpiled together in one pass (or come from the
 * cache), each is imported once, and the checksum is taken from the text
 * already read, so the code that runs is the code that is recorded.
 */
export async function loadRevisionModules(revisions: readonly RevisionSource[]): Promise<LoadedRevision[]> {
  let urls: string[];
  try {
    urls = await userModuleUrls(revisions.map(({ path, source }) => ({ path, text: source })));
  } catch (error) {
    throw loadFailed(failingRevision(error, revisions), error);
  }
  const loaded: LoadedRevision[] = [];
  for (const [index, revision] of revisions.entries()) {
    let module: Record<string, unknown>;
    try {
      module = await importModule(urls[index] as string, revision.path);
    } catch (error) {
      throw loadFailed(revision, error);
    }
    loaded.push(checkShape(revision, module));
  }
  return loaded;
}

/** The revision whose file a transpile failure points into (the first when it points elsewhere, a helper). */
function failingRevision(error: unknown, revisions: readonly RevisionSource[]): RevisionSource | undefined {
  const file = (error as { errors?: readonly { location?: { file?: unknown } | null }[] } | null)?.errors?.[0]?.location
    ?.file;
  const path = typeof file === 'string' ? resolve(file) : null;
  return revisions.find((revision) => revision.path === path) ?? revisions[0];
}

function loadFailed(revision: RevisionSource | undefined, error: unknown): unknown {
  if (error instanceof KilnError || revision === undefined) return error;
  const file = shownPath(revision.path);
  return new RevisionError(
    'revision.load-failed',
    `cannot load revision ${revision.revision}: ${importFailure(error, revision.path)}`,
    { hint: 'fix the error in the revision file', data: { revision: revision.revision, file }, cause: error },
  );
}

function checkShape(source: RevisionSource, module: Record<string, unknown>): LoadedRevision {
  const { revision } = source;
  const file = shownPath(source.path);
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
    checksum: revisionSourceChecksum(source.source),
    upgrade: upgrade as RevisionFunction,
    downgrade: downgrade as RevisionFunction,
  };
}
