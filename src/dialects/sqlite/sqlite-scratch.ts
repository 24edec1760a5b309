import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ScratchDatabases } from '../dialect.js';

/**
 * Scratch databases on SQLite: a file in a new folder under the OS's
 * temporary directory, so that dropping one removes its journal and WAL
 * files with it. The URL's parameters (`?driver=`) are kept.
 */
export const sqliteScratch: ScratchDatabases = Object.freeze({
  async create(url: string, _server: unknown, name: string): Promise<string> {
    const folder = await mkdtemp(join(tmpdir(), 'kiln-test-'));
    const query = url.includes('?') ? url.slice(url.indexOf('?')) : '';
    return `sqlite:${join(folder, `${name}.db`)}${query}`;
  },
  async drop(database): Promise<void> {
    // Only the folder `create` made: the file's own folder, named by kiln.
    const folder = dirname(database.database);
    if (!folder.startsWith(join(tmpdir(), 'kiln-test-'))) return;
    await rm(folder, { recursive: true, force: true });
  },
} satisfies ScratchDatabases);
