import { resolve as resolvePath } from 'node:path';
import type { ResolvedConfig } from '../config/load-config.js';
import { isModuleMissing } from '../dialects/optional-module.js';
import { ConfigError, isKilnError, UsageError } from '../errors.js';
import type { RevisionGraph } from '../revisions/graph.js';
import { type DiagramFormat, renderDiagram } from '../revisions/graph-diagram.js';
import { loadScriptDirectory } from '../revisions/script-directory.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { withFileErrors } from '../util/fs-errors.js';
import { shownPath } from '../util/shown-path.js';
import { withDatabase } from './database.js';

/** `mermaid` (renders in GitHub Markdown), `dot` (Graphviz), or `svg` (DOT laid out by a WebAssembly Graphviz). */
export type GraphFormat = DiagramFormat | 'svg';

export const GRAPH_FORMATS: readonly GraphFormat[] = ['mermaid', 'dot', 'svg'];

export interface GraphOptions {
  /** Default `mermaid`. `svg` needs the optional package `@viz-js/viz`. */
  readonly format?: GraphFormat;
  /** Do not read the database: the current revisions are not marked (default false). */
  readonly offline?: boolean;
  /** Also write the graph to this file (relative to the working directory); default: nowhere. */
  readonly out?: string;
}

export interface GraphResult {
  readonly format: GraphFormat;
  /** The diagram: Mermaid or DOT source, or an SVG document. */
  readonly text: string;
  readonly revisions: number;
  /** The revisions marked as the database's position, or null when the database was not read. */
  readonly current: readonly string[] | null;
  /** Why the position is not marked although it was asked for (the database could not be read). */
  readonly note: string | null;
  /** The file written (as shown to the user), or null. */
  readonly out: string | null;
}

/**
 * `kiln graph`: the revision graph as a diagram, with heads, merges, branch
 * labels, dependencies (dashed) and, when the database can be read, its
 * current revisions. An unreachable database is not a failure: the diagram
 * is drawn unmarked and `note` says why.
 *
 * @example const { text } = await graph(await loadConfig(), { format: 'mermaid', offline: true });
 */
export async function graph(config: ResolvedConfig, options: GraphOptions = {}): Promise<GraphResult> {
  const format = options.format ?? 'mermaid';
  if (!GRAPH_FORMATS.includes(format)) {
    throw new UsageError('usage.invalid-argument', `unknown graph format '${format}'`, {
      hint: `use one of: ${GRAPH_FORMATS.join(', ')}`,
    });
  }
  const { graph: revisions } = await loadScriptDirectory(config.versionsDir);
  const position = options.offline === true ? { current: null, note: null } : await currentPosition(config, revisions);
  const marked = position.current === null ? null : new Set(position.current);
  const text =
    format === 'svg' ? await toSvg(renderDiagram(revisions, 'dot', marked)) : renderDiagram(revisions, format, marked);
  let out: string | null = null;
  if (options.out !== undefined) {
    const path = resolvePath(options.out);
    withFileErrors('write the graph to', path, () => writeFileAtomic(path, text));
    out = shownPath(path);
  }
  return { format, text, revisions: revisions.size, ...position, out };
}

/** The database's current revisions, or why they could not be read (any kiln error: no URL, no driver, no server). */
async function currentPosition(
  config: ResolvedConfig,
  revisions: RevisionGraph,
): Promise<{ current: readonly string[] | null; note: string | null }> {
  try {
    const rows = await withDatabase(config, ({ context }) => context.currentHeads());
    return { current: revisions.effectiveHeads(rows.filter((rev) => revisions.has(rev))), note: null };
  } catch (error) {
    if (!isKilnError(error)) throw error;
    return { current: null, note: `the database's position is not marked: ${error.message}` };
  }
}

/**
 * DOT laid out as SVG by `@viz-js/viz` (Graphviz compiled to WebAssembly:
 * no browser, no system binary). An optional peer dependency, imported only
 * here, so that nobody who never asks for SVG installs or loads its 1.5 MB.
 */
async function toSvg(dot: string): Promise<string> {
  const viz = await import('@viz-js/viz').catch((error: unknown) => {
    if (!isModuleMissing(error, '@viz-js/viz')) throw error;
    throw new ConfigError(
      'config.svg-missing',
      "--format svg needs the package '@viz-js/viz', which is not installed",
      {
        hint: 'install it in your project (npm install --save-dev @viz-js/viz), or use --format dot or mermaid',
        data: { package: '@viz-js/viz' },
        cause: error,
      },
    );
  });
  const rendered = (await viz.instance()).render(dot, { format: 'svg' });
  if (rendered.status !== 'success') {
    // kiln wrote the DOT itself, so Graphviz refusing it is a bug, not a user mistake.
    throw new Error(`Graphviz could not lay out the graph: ${rendered.errors.map((e) => e.message).join('; ')}`);
  }
  return rendered.output;
}
