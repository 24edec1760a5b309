import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { shownPath } from './shown-path.js';
import { locateSyntaxError, needsTranspiling, type SourceText, transpiledUrls } from './transpile.js';

/**
 * Imports a user file (config, schema module) by absolute path. TypeScript
 * is transpiled by esbuild and imported from kiln's cache (see
 * `userModuleUrls`); no loader is registered, in the CLI or in a host
 * application. JavaScript is imported as it is.
 *
 * @example const module = await importUserModule('/app/kiln.config.ts');
 */
export async function importUserModule(absolutePath: string): Promise<Record<string, unknown>> {
  const source = needsTranspiling(absolutePath)
    ? { path: absolutePath, text: readFileSync(absolutePath, 'utf8') }
    : null;
  const [url] = await userModuleUrls([source ?? { path: absolutePath, text: '' }]);
  return importModule(url as string, absolutePath);
}

/**
 * Imports `url`, the module of the user file `path`. A JavaScript syntax
 * error, which Node reports without file or line, is thrown as esbuild's
 * located failure instead, so `importFailure` shows `file:line:column`.
 */
export async function importModule(url: string, path: string): Promise<Record<string, unknown>> {
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof SyntaxError) || needsTranspiling(path)) throw error;
    throw (await locateSyntaxError(path)) ?? error;
  }
}

/**
 * The URL to import each file from, in order: TypeScript files transpiled in
 * one esbuild pass (or found in the content-hash cache), JavaScript files as
 * they are, their mtime and size in the URL so that an edited file is a new
 * module in a long-lived process and an unchanged one is cached.
 */
export async function userModuleUrls(files: readonly SourceText[]): Promise<string[]> {
  const typescript = files.filter((file) => needsTranspiling(file.path));
  const transpiled = typescript.length === 0 ? [] : await transpiledUrls(typescript);
  const urls = new Map(typescript.map((file, i) => [file.path, transpiled[i] as string]));
  return files.map((file) => urls.get(file.path) ?? javascriptUrl(file.path));
}

function javascriptUrl(path: string): string {
  const stats = statSync(path);
  return `${pathToFileURL(path).href}?kiln=${stats.mtimeMs.toString(36)}-${stats.size.toString(36)}`;
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

/** esbuild's error location, as a build failure carries it (`errors[0].location`) or prints it in the message. */
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
