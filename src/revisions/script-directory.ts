import { createHash } from 'node:crypto';
import { type Dirent, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileSystemError, withFileErrors } from '../util/fs-errors.js';
import { RevisionGraph } from './graph.js';
import { MetadataCache } from './metadata-cache.js';
import { readRevisionMetadata } from './read-metadata.js';
import { versionsDirMissingError } from './revision-errors.js';

/** Extensions of revision files; declaration files (`.d.ts`, `.d.mts`) are not revisions. */
const REVISION_FILE = /\.(?:ts|js|mts|mjs)$/;
const DECLARATION_FILE = /\.d\.m?ts$/;

/** The loaded `migrations/versions` directory. */
export interface ScriptDirectory {
  /** Absolute path of the versions directory. */
  readonly versionsDir: string;
  readonly graph: RevisionGraph;
  /**
   * A revision file's text by absolute path, read once: the files a plan
   * runs are checksummed and transpiled from it, not read again.
   */
  source(path: string): string;
}

/**
 * Reads every revision file in `versionsDir` (flat; `.ts`, `.js`, `.mts`,
 * `.mjs`; not `.d.ts`, not dot-files such as editor swap files) and builds
 * the graph from their metadata. No file is executed, and a file unchanged
 * since the last command is not even read (see metadata-cache.ts).
 *
 * @throws RevisionError `revision.versions-missing` when the directory does not exist, or any graph/metadata error.
 * @example
 * const { graph } = await loadScriptDirectory('migrations/versions');
 */
export async function loadScriptDirectory(versionsDir: string): Promise<ScriptDirectory> {
  const dir = resolve(versionsDir);
  const names = await listRevisionFiles(dir);
  const texts = new Map<string, string>();
  // Synchronous reads on purpose: for 2,000 small files they took 20-60 ms here, against
  // 115-160 ms for concurrent fs.readFile callbacks and 400+ ms for fs/promises.readFile,
  // whose chunked reads make several thread-pool round trips per file.
  const source = (path: string): string => {
    let text = texts.get(path);
    if (text === undefined) {
      text = withFileErrors('read the revision file', path, () => readFileSync(path, 'utf8'));
      texts.set(path, text);
    }
    return text;
  };
  const cache = MetadataCache.open(dir);
  const metas = names.map((name) => {
    const path = join(dir, name);
    const cached = withFileErrors('read the revision file', path, () => cache.lookup(name, path));
    if (cached.meta !== null) return cached.meta;
    const meta = readRevisionMetadata(source(path), path);
    cache.store(name, cached.key, meta);
    return meta;
  });
  const graph = RevisionGraph.build(metas);
  cache.save(new Set(names));
  return { versionsDir: dir, graph, source };
}

/** File names (not paths) of the revision files in `dir`, sorted. */
export async function listRevisionFiles(dir: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw versionsDirMissingError(dir);
    throw fileSystemError(error, 'read the folder', dir) ?? error;
  }
  return entries
    .filter(
      (e) => e.isFile() && !e.name.startsWith('.') && REVISION_FILE.test(e.name) && !DECLARATION_FILE.test(e.name),
    )
    .map((e) => e.name)
    .sort();
}

/**
 * SHA-256 (hex) of a revision file's text in canonical form (UTF-8, LF line
 * endings, no byte-order mark), recorded in `kiln_log` so a file edited after
 * it was applied can be noticed. Canonical, so that a checkout that converts
 * line endings (git's `core.autocrlf`) or an editor that adds a BOM is not
 * taken for an edit.
 *
 * @example await revisionFileChecksum(meta.path) // 'e3b0c442…'
 */
export async function revisionFileChecksum(path: string): Promise<string> {
  return revisionTextChecksum(await readFile(path));
}

/** The checksum of a revision file's content (see `revisionFileChecksum`). */
export function revisionTextChecksum(bytes: Uint8Array): string {
  return revisionSourceChecksum(Buffer.from(bytes).toString('utf8'));
}

/** The checksum of a revision file's text, decoded as UTF-8 (see `revisionFileChecksum`). */
export function revisionSourceChecksum(source: string): string {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Whether a file still matches a checksum `kiln_log` recorded. kiln 0.1
 * hashed the raw bytes, so a record it wrote for a file with CRLF endings or
 * a BOM is accepted in that form too, rather than reported as an edit.
 */
export function revisionFileMatches(
  path: string,
  recorded: string,
): { readonly matches: boolean; readonly actual: string } {
  // Synchronous, as in loadScriptDirectory: thousands of small files read faster this way.
  const bytes = readFileSync(path);
  const actual = revisionTextChecksum(bytes);
  if (actual === recorded) return { matches: true, actual };
  return { matches: createHash('sha256').update(bytes).digest('hex') === recorded, actual };
}
