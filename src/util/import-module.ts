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
