import { readFileSync, type BigIntStats, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { sha256, transpileCacheDir } from '../util/transpile-cache.js';
import type { RevisionMeta } from './read-metadata.js';

/** The cache's own format; another version's file is ignored. */
const FORMAT = 1;

type CachedMeta = Omit<RevisionMeta, 'path'>;

interface CacheFile {
  readonly format: number;
  /** File name → its stat key and metadata. */
  readonly entries: Record<string, { readonly key: string; readonly meta: CachedMeta }>;
}

/**
 * The metadata of revision files as last read, kept between commands in the
 * transpile cache folder (`node_modules/.cache/kiln/`), so that reading the
 * graph of 2,000 revisions costs 2,000 `stat` calls instead of reading and
 * scanning 2,000 files. A file counts as unchanged only when its size,
 * modification time, change time (which no editor or `touch` can set back)
 * and inode, in nanoseconds, all match what was recorded: any edit, copy or
 * checkout reads it again. The cache is an optimisation only: a cache that
 * cannot be read or written is ignored.
 */
export class MetadataCache {
  private readonly entries: Map<string, { key: string; meta: CachedMeta }>;
  private changed = false;

  private constructor(
    private readonly file: string | null,
    entries: CacheFile['entries'],
  ) {
    this.entries = new Map(Object.entries(entries));
  }

  /** The cache for `versionsDir` (empty when there is none yet or it cannot be read). */
  static open(versionsDir: string): MetadataCache {
    let file: string | null = null;
    try {
      file = join(transpileCacheDir(versionsDir), `graph-${sha256(versionsDir).slice(0, 16)}.json`);
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>;
      if (parsed.format === FORMAT && parsed.entries !== undefined && typeof parsed.entries === 'object') {
        return new MetadataCache(file, parsed.entries);
      }
    } catch {
      // No cache yet, or one that cannot be read: every file is read.
    }
    return new MetadataCache(file, {});
  }

  /** What `name` held when it was last read, if the file at `path` is unchanged since; else null. */
  lookup(name: string, path: string): { readonly meta: RevisionMeta | null; readonly key: string } {
    const key = statKey(statSync(path, { bigint: true }));
    const entry = this.entries.get(name);
    return { meta: entry !== undefined && entry.key === key ? { ...entry.meta, path } : null, key };
  }

  store(name: string, key: string, meta: RevisionMeta): void {
    const { path: _path, ...rest } = meta;
    this.entries.set(name, { key, meta: rest });
    this.changed = true;
  }

  /** Writes the cache when it changed, dropping files that are gone. */
  save(present: ReadonlySet<string>): void {
    for (const name of this.entries.keys()) {
      if (!present.has(name)) {
        this.entries.delete(name);
        this.changed = true;
      }
    }
    if (!this.changed || this.file === null) return;
    try {
      writeFileAtomic(this.file, JSON.stringify({ format: FORMAT, entries: Object.fromEntries(this.entries) }));
    } catch {
      // A read-only cache folder: the next command reads the files again.
    }
  }
}

function statKey(stat: BigIntStats): string {
  return `${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}:${stat.ino}`;
}
