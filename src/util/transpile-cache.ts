import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';

/** The SHA-256 (hex) of a text: the one hash of transpiled-code keys and input records. */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const cacheDirs = new Map<string, string>();

/**
 * Where the transpiled copy of a user file in `sourceDir` goes:
 * `node_modules/.cache/kiln/` of the nearest folder above it that has
 * `node_modules`, so that a bare import (`'kiln'`) in the copy resolves to
 * the very package the source would get. When that folder is not writable
 * (a read-only image), a folder under the system's temp directory, with a
 * `node_modules` link to the project's for the same reason.
 *
 * @example transpileCacheDir('/app/migrations/versions') // '/app/node_modules/.cache/kiln'
 */
export function transpileCacheDir(sourceDir: string): string {
  const known = cacheDirs.get(sourceDir);
  if (known !== undefined) return known;
  const root = projectRoot(sourceDir);
  const modules = root === null ? null : join(root, 'node_modules');
  const dir =
    (modules !== null && writableDir(join(modules, '.cache', 'kiln'))) || tempCacheDir(root ?? sourceDir, modules);
  cacheDirs.set(sourceDir, dir);
  return dir;
}

function projectRoot(start: string): string | null {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'node_modules'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** `dir`, created, when a file can be written in it; else false. */
function writableDir(dir: string): string | false {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return dir;
  } catch {
    return false;
  }
}

function tempCacheDir(root: string, modules: string | null): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  const mine = join(tmpdir(), `kiln-cache-${uid ?? userInfo().username}`);
  mkdirSync(mine, { recursive: true, mode: 0o700 });
  // Code is imported from here: a folder someone else made under this name (the temp dir is shared) is
  // not trusted; a private folder of this run's own serves instead, without caching.
  const owned = uid === null || statSync(mine).uid === uid;
  const dir = owned ? join(mine, sha256(root).slice(0, 16)) : mkdtempSync(join(tmpdir(), 'kiln-'));
  mkdirSync(dir, { recursive: true });
  const link = join(dir, 'node_modules');
  if (modules !== null && !existsSync(link)) {
    try {
      symlinkSync(modules, link, 'dir');
    } catch (error) {
      // Another kiln run made the same link a moment ago.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return dir;
}
