import { readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { shownPath } from './shown-path.js';

const TYPESCRIPT_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.tsx']);

type Importer = (specifier: string, parent: string) => Promise<unknown>;

let freshImporter: Importer | undefined;
let sharedImporter: Importer | undefined;
let processWide: 'off' | 'allowed' | 'registered' = 'off';

/**
 * Lets kiln register tsx for the whole process on its first TypeScript
 * import from an ESM package (`"type": "module"`). Only the CLI does this
 * (the process is kiln's own): user files then import `kiln` as the very
 * modules already loaded, instead of a second copy through a namespaced
 * loader, which costs over a second per command. Library callers keep the
 * namespaced loader and their process untouched.
 */
export function allowProcessWideTypeScript(): void {
  if (processWide === 'off') processWide = 'allowed';
}

export interface ImportOptions {
  /**
   * Evaluate the file and everything it imports anew, even if this process
   * imported it before (schema modules and configs, which users edit while a
   * process runs). Default false: a file is cached until it changes on disk,
   * which keeps running hundreds of revision files fast.
   */
  readonly fresh?: boolean;
}

/**
 * Imports a user file (config, schema module, revision) by absolute path.
 * TypeScript goes through tsx's loader, registered under kiln's own
 * namespace so that kiln never installs a global hook in the host
 * application; JavaScript is imported as it is.
 */
export async function importUserModule(
  absolutePath: string,
  options: ImportOptions = {},
): Promise<Record<string, unknown>> {
  // The file's mtime and size in the URL: an edited file is a new module, an unchanged one is cached.
  const stats = statSync(absolutePath);
  const url = `${pathToFileURL(absolutePath).href}?kiln=${stats.mtimeMs.toString(36)}-${stats.size.toString(36)}`;
  if (!TYPESCRIPT_EXTENSIONS.has(extname(absolutePath))) {
    return (await import(url)) as Record<string, unknown>;
  }
  // tsx's process-wide hooks mishandle TypeScript compiled as CommonJS (no `"type": "module"`), so only
  // ESM packages take the fast path.
  if (processWide !== 'off' && packageType(dirname(absolutePath)) === 'module') {
    if (processWide === 'allowed') {
      (await import('tsx/esm/api')).register();
      processWide = 'registered';
    }
    // One process, one command: the mtime query above is fresh enough.
    return (await import(url)) as Record<string, unknown>;
  }
  const importer = options.fresh === true ? await loadFreshImporter() : await loadSharedImporter();
  return (await importer(url, import.meta.url)) as Record<string, unknown>;
}

async function loadFreshImporter(): Promise<Importer> {
  if (freshImporter === undefined) {
    const api = await import('tsx/esm/api');
    freshImporter = api.tsImport as Importer;
  }
  return freshImporter;
}

async function loadSharedImporter(): Promise<Importer> {
  if (sharedImporter === undefined) {
    const api = await import('tsx/esm/api');
    const registered = api.register({ namespace: 'kiln-revisions' });
    sharedImporter = registered.import as Importer;
  }
  return sharedImporter;
}

const packageTypes = new Map<string, string>();

/** The `type` of the nearest package.json (`commonjs` when there is none). */
function packageType(dir: string): string {
  const known = packageTypes.get(dir);
  if (known !== undefined) return known;
  let type = 'commonjs';
  try {
    const parsed = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { type?: unknown };
    type = parsed.type === 'module' ? 'module' : 'commonjs';
  } catch {
    const parent = dirname(dir);
    type = parent === dir ? 'commonjs' : packageType(parent);
  }
  packageTypes.set(dir, type);
  return type;
}

/**
 * A module's default export. A `.ts` file in a package without
 * `"type": "module"` is loaded as CommonJS, where the namespace's `default`
 * is the whole `exports` object (marked `__esModule`); the real default
 * export is one level down.
 */
export function defaultExport(namespace: Record<string, unknown>): unknown {
  const value = namespace.default;
  if (value !== null && typeof value === 'object' && (value as { __esModule?: unknown }).__esModule === true) {
    return (value as Record<string, unknown>).default;
  }
  return value;
}

/** esbuild's error location, as tsx passes it on (`errors[0].location`) or prints it in the message. */
interface EsbuildMessage {
  readonly text?: unknown;
  readonly location?: { readonly file?: unknown; readonly line?: unknown; readonly column?: unknown } | null;
}

const ESBUILD_LINE = /^(.+):(\d+):(\d+): ERROR: (.+)$/m;

/**
 * One line saying why importing a user file failed: `file:line:column:
 * message` for a syntax error esbuild located (column 1-based, as editors
 * count; esbuild counts from 0), else `file: ` and the error's first line —
 * never esbuild's bare "Transform failed with 1 error:".
 *
 * @example importFailure(error, '/app/migrations/versions/3f2a_x.ts')
 *   // 'migrations/versions/3f2a_x.ts:3:18: Expected identifier but found ")"'
 */
export function importFailure(error: unknown, file: string): string {
  const first = (error as { errors?: readonly EsbuildMessage[] } | null)?.errors?.[0];
  const location = first?.location;
  if (location && typeof location.file === 'string' && typeof location.line === 'number') {
    const column = typeof location.column === 'number' ? location.column + 1 : 1;
    return `${shownPath(resolve(location.file))}:${location.line}:${column}: ${String(first?.text ?? '')}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  const located = ESBUILD_LINE.exec(message);
  if (located !== null) {
    const [, where, line, column, text] = located;
    return `${shownPath(resolve(where ?? file))}:${line}:${Number(column) + 1}: ${text}`;
  }
  const name = error instanceof Error && error.name !== 'Error' ? `${error.name}: ` : '';
  return `${shownPath(file)}: ${name}${message.split('\n')[0]}`;
}
