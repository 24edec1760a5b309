import { resolve } from 'node:path';
import { KilnError, RevisionError } from '../errors.js';
import type { Operations } from '../operations/op.js';
import { shownPath } from '../revisions/revision-errors.js';
import { revisionSourceChecksum } from '../revisions/script-directory.js';
import { importFailure, importModule, userModuleUrls } from '../util/import-module.js';
import { canShareModule, needsTranspiling, planModuleUrl } from '../util/transpile.js';

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
 * TypeScript files are transpiled together in one pass into one module (or
 * it comes from the cache) and imported once; a file that needs its own
 * identity (`import.meta`, `__dirname`) or is JavaScript is imported on its
 * own. The checksum is taken from the text already read, so the code that
 * runs is the code that is recorded.
 */
export async function loadRevisionModules(revisions: readonly RevisionSource[]): Promise<LoadedRevision[]> {
  const shared = revisions.filter((r) => needsTranspiling(r.path) && canShareModule(r.source));
  const modules = new Map<RevisionSource, Record<string, unknown>>();
  if (shared.length > 1) {
    let plan: Record<string, unknown> | null = null;
    try {
      plan = (await import(await planModuleUrl(shared.map(({ path, source }) => ({ path, text: source }))))) as Record<
        string,
        unknown
      >;
    } catch (error) {
      // A syntax error names its file; a file that throws while loading is found by importing each alone, below.
      if (isTranspileFailure(error)) throw loadFailed(failingRevision(error, revisions), error);
    }
    if (plan !== null)
      for (const [i, revision] of shared.entries()) modules.set(revision, plan[`m${i}`] as Record<string, unknown>);
  }
  const alone = revisions.filter((r) => !modules.has(r));
  let urls: string[];
  try {
    urls = await userModuleUrls(alone.map(({ path, source }) => ({ path, text: source })));
  } catch (error) {
    throw loadFailed(failingRevision(error, revisions), error);
  }
  for (const [index, revision] of alone.entries()) {
    try {
      modules.set(revision, await importModule(urls[index] as string, revision.path));
    } catch (error) {
      throw loadFailed(revision, error);
    }
  }
  return revisions.map((revision) => checkShape(revision, modules.get(revision) as Record<string, unknown>));
}

/** esbuild's build failure: it carries the messages, with the file at fault. */
function isTranspileFailure(error: unknown): boolean {
  return Array.isArray((error as { errors?: unknown } | null)?.errors);
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

/** Loads revision files for plans; see `sharedRevisionLoader`. */
export type RevisionLoader = (revisions: readonly RevisionSource[]) => Promise<LoadedRevision[]>;

/**
 * A loader for many plans over one revision directory (one per target of
 * `upgrade --all`): each file is imported once for the whole run, whichever
 * target needs it first, in one batch with the other files that target needs
 * and nobody has loaded yet. Targets at the same revision share one batch;
 * a file that fails to load fails every target that needs it with the same
 * error, without being imported again.
 *
 * @example const load = sharedRevisionLoader(); await Promise.all(plans.map((plan) => load(plan)));
 */
export function sharedRevisionLoader(): RevisionLoader {
  const loaded = new Map<string, Promise<LoadedRevision>>();
  return (revisions) => {
    const missing = revisions.filter((r) => !loaded.has(r.revision));
    if (missing.length > 0) {
      const batch = loadRevisionModules(missing);
      for (const [index, revision] of missing.entries()) {
        loaded.set(
          revision.revision,
          batch.then((modules) => modules[index] as LoadedRevision),
        );
      }
    }
    return Promise.all(revisions.map((r) => loaded.get(r.revision) as Promise<LoadedRevision>));
  };
}
