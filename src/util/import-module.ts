import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPESCRIPT_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.tsx']);

let tsxImport: ((specifier: string, parent: string) => Promise<unknown>) | undefined;

/**
 * Imports a user file (config, schema module, revision) by absolute path.
 * TypeScript goes through tsx's loader, scoped to that one import so that
 * kiln never registers a global hook in the host application; JavaScript
 * is imported as it is.
 */
export async function importUserModule(absolutePath: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(absolutePath).href;
  if (!TYPESCRIPT_EXTENSIONS.has(extname(absolutePath))) {
    return (await import(url)) as Record<string, unknown>;
  }
  if (tsxImport === undefined) {
    const api = await import('tsx/esm/api');
    tsxImport = api.tsImport as (specifier: string, parent: string) => Promise<unknown>;
  }
  return (await tsxImport(url, import.meta.url)) as Record<string, unknown>;
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
