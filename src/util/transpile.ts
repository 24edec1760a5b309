import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BuildOptions, Loader, Metafile, Plugin } from 'esbuild';
import { writeFileAtomic } from './atomic-write.js';
import { sha256, transpileCacheDir } from './transpile-cache.js';

/** A user file and its text, as kiln already read it. */
export interface SourceText {
  /** Absolute path. */
  readonly path: string;
  readonly text: string;
}

/** Bumped when the transpiled form changes, so that older cached copies are not used. */
const FORMAT = 'kiln-transpile-1';
const HEADER = '// kiln-inputs ';

const LOADERS: Readonly<Record<string, Loader>> = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx' };

/** Whether kiln transpiles this file before importing it (TypeScript), rather than importing it as it is. */
export function needsTranspiling(path: string): boolean {
  return LOADERS[extname(path)] !== undefined;
}

/**
 * The URLs to import TypeScript files from: each file bundled with the
 * relative files it imports into one ES module (packages stay imports, so
 * `'kiln'` is the very module instance the CLI runs), cached by content
 * under `node_modules/.cache/kiln`. The files not cached yet are transpiled
 * in one esbuild pass; a repeat run starts no esbuild at all. The code comes
 * from `text`, the bytes kiln checksums, so what runs is what is recorded.
 *
 * @throws esbuild's failure (`errors[0].location` names file, line and column) for a syntax error.
 * @example const [url] = await transpiledUrls([{ path: '/app/kiln.config.ts', text }]);
 */
export async function transpiledUrls(files: readonly SourceText[]): Promise<string[]> {
  const targets = files.map((file) => ({
    ...file,
    key: join(transpileCacheDir(dirname(file.path)), sha256(`${FORMAT}\0${file.path}\0${file.text}`)),
  }));
  const urls = new Map<string, string>();
  for (const target of targets) {
    const url = cachedUrl(target.key);
    if (url !== null) urls.set(target.path, url);
  }
  const missing = targets.filter((target) => !urls.has(target.path));
  if (missing.length > 0) {
    for (const [path, { code, alone }] of await bundle(missing)) {
      const out = `${missing.find((target) => target.path === path)?.key}${alone ? ALONE : WITH_INPUTS}`;
      writeFileAtomic(out, code);
      urls.set(path, urlOf(out, code));
    }
  }
  return files.map((file) => urls.get(file.path) as string);
}

/** Bumped when the plan module's form changes. */
const PLAN_FORMAT = 'kiln-plan-1';

/**
 * Code that needs its own file's identity (`import.meta`, `__dirname`,
 * `__filename`, `require`): one module of many files cannot give each its
 * own, so such a file is imported on its own.
 */
const FILE_IDENTITY = /\bimport\.meta\b|\b__dirname\b|\b__filename\b|\brequire\s*\(/;

/** Whether `text` can share one module with other files (see `planModuleUrl`). */
export function canShareModule(text: string): boolean {
  return !FILE_IDENTITY.test(text);
}

/**
 * The URL of one ES module holding every file of `files` (revisions of one
 * plan), each as a namespace export `m0`, `m1`, … in order: importing 500
 * revisions is then one import, not 500 trips through Node's module loader.
 * Bundled in one esbuild pass with the relative files they import (packages
 * stay imports), cached by the content of every file under
 * `node_modules/.cache/kiln`; when a new plan module is written, the older
 * ones of the same folder are removed.
 *
 * @throws esbuild's failure (`errors[0].location` names file, line and column) for a syntax error.
 */
export async function planModuleUrl(files: readonly SourceText[]): Promise<string> {
  const first = files[0];
  if (first === undefined) throw new Error('planModuleUrl: no files');
  const dir = transpileCacheDir(dirname(first.path));
  const family = `plan-${sha256(dirname(first.path)).slice(0, 12)}-`;
  const key = join(dir, `${family}${sha256([PLAN_FORMAT, ...files.flatMap((f) => [f.path, f.text])].join('\0'))}`);
  const cached = cachedUrl(key);
  if (cached !== null) return cached;
  const esbuild = await import('esbuild');
  const cwd = process.cwd();
  const texts = new Map(files.map((file) => [file.path, file.text]));
  const entry = files.map((file, i) => `export * as m${i} from ${JSON.stringify(file.path)};`).join('\n');
  const result = await esbuild.build({
    ...BUILD_OPTIONS,
    define: {},
    absWorkingDir: cwd,
    stdin: { contents: entry, resolveDir: cwd, sourcefile: 'kiln-plan.js', loader: 'js' },
    outfile: join(cwd, '.kiln-plan.mjs'),
    target: `node${process.versions.node}`,
    plugins: [entryTexts(texts)],
  });
  const output = result.outputFiles?.[0];
  if (output === undefined) throw new Error('esbuild produced no plan module');
  const inputs: Record<string, string> = {};
  for (const input of Object.keys((result.metafile as Metafile).inputs)) {
    const path = resolve(cwd, input);
    if (!texts.has(path) && existsSync(path)) inputs[path] = sha256(readFileSync(path, 'utf8'));
  }
  const alone = Object.keys(inputs).length === 0;
  const out = `${key}${alone ? ALONE : WITH_INPUTS}`;
  const code = `${HEADER}${JSON.stringify(inputs)}\n${output.text}`;
  removeOlder(dir, family);
  writeFileAtomic(out, code);
  return urlOf(out, code);
}

/** The plan modules of one folder but the one about to be written: each plan's module replaces the last. */
function removeOlder(dir: string, family: string): void {
  try {
    for (const name of readdirSync(dir)) if (name.startsWith(family)) rmSync(join(dir, name), { force: true });
  } catch {
    // A cache folder that cannot be listed: the old modules stay, harmless.
  }
}

/**
 * Suffixes of a cached copy: of a file that imports no other user file (most revisions), whose
 * name alone says it is current; and of one whose header lists the files it bundled, to check.
 */
const ALONE = '.mjs';
const WITH_INPUTS = '.inputs.mjs';

/** A cached copy's URL, or null when there is none or a file it bundled has changed since. */
function cachedUrl(key: string): string | null {
  if (existsSync(`${key}${ALONE}`)) return pathToFileURL(`${key}${ALONE}`).href;
  const out = `${key}${WITH_INPUTS}`;
  if (!existsSync(out)) return null;
  const code = readFileSync(out, 'utf8');
  const inputs = parseInputs(code);
  for (const [path, hash] of Object.entries(inputs ?? {})) {
    if (!existsSync(path) || sha256(readFileSync(path, 'utf8')) !== hash) return null;
  }
  return inputs === null ? null : urlOf(out, code);
}

function parseInputs(code: string): Record<string, string> | null {
  if (!code.startsWith(HEADER)) return null;
  try {
    return JSON.parse(code.slice(HEADER.length, code.indexOf('\n'))) as Record<string, string>;
  } catch {
    return null;
  }
}

/** Same entry text, other helpers: another URL, so a long-lived process imports the new code. */
function urlOf(out: string, code: string): string {
  const header = code.slice(0, code.indexOf('\n'));
  const href = pathToFileURL(out).href;
  return header === `${HEADER}{}` ? href : `${href}?inputs=${sha256(header).slice(0, 16)}`;
}

interface Bundled {
  /** The module, its header first. */
  readonly code: string;
  /** True when it bundled no file but its entry. */
  readonly alone: boolean;
}

/** One esbuild pass over `entries`: each entry's module, by entry path. */
async function bundle(entries: readonly SourceText[]): Promise<Map<string, Bundled>> {
  const esbuild = await import('esbuild');
  const cwd = process.cwd();
  const texts = new Map(entries.map((entry) => [entry.path, entry.text]));
  const result = await esbuild.build({
    ...BUILD_OPTIONS,
    absWorkingDir: cwd,
    entryPoints: [...texts.keys()],
    // Nothing is written: the outputs come back in memory and only name their entries.
    outdir: join(cwd, '.kiln-transpiled'),
    target: `node${process.versions.node}`,
    plugins: [entryTexts(texts)],
  });
  const metafile = result.metafile as Metafile;
  const codes = new Map<string, Bundled>();
  for (const output of result.outputFiles ?? []) {
    const meta = metafile.outputs[relative(cwd, output.path)];
    if (meta?.entryPoint === undefined) continue;
    const entry = resolve(cwd, meta.entryPoint);
    const inputs: Record<string, string> = {};
    for (const input of Object.keys(meta.inputs).map((path) => resolve(cwd, path))) {
      if (input !== entry) inputs[input] = sha256(readFileSync(input, 'utf8'));
    }
    const code = `${HEADER}${JSON.stringify(inputs)}\n${prelude(entry, output.text)}${output.text}`;
    codes.set(entry, { code, alone: Object.keys(inputs).length === 0 });
  }
  return codes;
}

/**
 * Where a JavaScript file (or a relative file it imports) fails to parse, as
 * esbuild's failure (`errors[0].location`), for a syntax error Node reported
 * without a place (an ES module's `SyntaxError` names neither file nor line).
 * Null when esbuild finds none, or only unresolved imports (Node's message
 * then stands).
 *
 * @example const located = (await locateSyntaxError('/app/kiln.config.mjs')) ?? error;
 */
export async function locateSyntaxError(path: string): Promise<unknown> {
  const esbuild = await import('esbuild');
  try {
    await esbuild.build({ ...BUILD_OPTIONS, entryPoints: [path], outdir: join(dirname(path), '.kiln-syntax') });
    return null;
  } catch (error) {
    const messages = (error as { errors?: readonly { text?: unknown }[] } | null)?.errors ?? [];
    const parsing = messages.filter((m) => !String(m.text).startsWith('Could not resolve'));
    return parsing.length === 0 ? null : { errors: parsing };
  }
}

const BUILD_OPTIONS: BuildOptions = {
  bundle: true,
  // Packages stay imports, resolved by Node from the cache folder exactly as from the source.
  packages: 'external',
  format: 'esm',
  platform: 'node',
  write: false,
  metafile: true,
  logLevel: 'silent',
  // CommonJS-style TypeScript (a project without "type": "module") runs as an ES module here: these
  // name the original file, not the cached copy; a file's own declaration of them wins.
  define: { __dirname: '__kiln_dirname', __filename: '__kiln_filename', 'import.meta.url': '__kiln_url' },
};

/** What `define` refers to, naming the original file; `require` only where the code calls it (it costs). */
function prelude(entry: string, code: string): string {
  const lines = [
    `const __kiln_url = ${JSON.stringify(pathToFileURL(entry).href)};`,
    `const __kiln_filename = ${JSON.stringify(entry)};`,
    `const __kiln_dirname = ${JSON.stringify(dirname(entry))};`,
  ];
  if (code.includes('__require')) {
    // esbuild's shim for a CommonJS-style require calls this one (it renames a file's own top-level `require`).
    lines.unshift("import { createRequire as __kiln_createRequire } from 'node:module';");
    lines.push('const require = __kiln_createRequire(__kiln_url);');
  }
  return `${lines.join('\n')}\n`;
}

/** Gives esbuild the entries' text as kiln read it instead of reading the files again. */
function entryTexts(texts: ReadonlyMap<string, string>): Plugin {
  return {
    name: 'kiln-entry-texts',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?tsx?$/ }, (args) => {
        const contents = texts.get(args.path);
        return contents === undefined ? undefined : { contents, loader: LOADERS[extname(args.path)] ?? 'ts' };
      });
    },
  };
}
