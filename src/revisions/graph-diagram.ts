import { dotText, mermaidLabel } from '../util/escape.js';
import { assertNever } from '../util/assert-never.js';
import type { RevisionGraph } from './graph.js';

/** The text languages `kiln graph` writes (SVG is DOT laid out by Graphviz). */
export type DiagramFormat = 'mermaid' | 'dot';

/**
 * One revision as a diagram shows it: the first line is the id, its branch
 * labels and its marks (`(head)`, `(current)`), the second its message.
 */
interface DiagramNode {
  /** `r0`, `r1`, … in topological order: revision ids are user text and never a diagram identifier. */
  readonly key: string;
  readonly title: string;
  readonly message: string | null;
  readonly head: boolean;
  readonly merge: boolean;
  readonly current: boolean;
}

interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  /** A `dependsOn` link (drawn dashed) rather than a downRevision. */
  readonly dependency: boolean;
}

/**
 * The revision graph as a Mermaid flowchart or a Graphviz digraph: each
 * revision a node (heads bold, merges a hexagon, the database's current
 * revisions filled), an arrow from each parent to its child, a dashed
 * `depends on` arrow from each dependency to its dependent, oldest at the
 * top. `current` is the database's position, or null when it was not read.
 * Every piece of user text goes through the format's one escaping function.
 *
 * @example renderDiagram(graph, 'mermaid', new Set(['3f2a9c1d7e4b']))
 */
export function renderDiagram(
  graph: RevisionGraph,
  format: DiagramFormat,
  current: ReadonlySet<string> | null,
): string {
  const keys = new Map(graph.topologicalOrder.map((id, index) => [id, `r${index}`]));
  const key = (id: string) => keys.get(id) as string;
  const nodes: DiagramNode[] = graph.revisions().map((meta) => {
    const head = graph.isHead(meta.revision);
    const isCurrent = current?.has(meta.revision) === true;
    const labels = meta.branchLabels.length === 0 ? '' : ` (${meta.branchLabels.join(', ')})`;
    const marks = `${head ? ' (head)' : ''}${isCurrent ? ' (current)' : ''}`;
    return {
      key: key(meta.revision),
      title: `${meta.revision}${labels}${marks}`,
      message: meta.message,
      head,
      merge: graph.isMergePoint(meta.revision),
      current: isCurrent,
    };
  });
  const edges: DiagramEdge[] = graph.topologicalOrder.flatMap((id) => [
    ...graph.parents(id).map((parent) => ({ from: key(parent), to: key(id), dependency: false })),
    ...graph.dependencies(id).map((dep) => ({ from: key(dep), to: key(id), dependency: true })),
  ]);
  switch (format) {
    case 'mermaid':
      return mermaid(nodes, edges);
    case 'dot':
      return dot(nodes, edges);
    default:
      return assertNever(format, 'diagram format');
  }
}

function mermaid(nodes: readonly DiagramNode[], edges: readonly DiagramEdge[]): string {
  const lines = ['flowchart TD'];
  for (const node of nodes) {
    const text = [node.title, ...(node.message === null ? [] : [node.message])].map(mermaidLabel).join('<br/>');
    lines.push(node.merge ? `  ${node.key}{{"${text}"}}` : `  ${node.key}["${text}"]`);
  }
  for (const edge of edges) {
    lines.push(edge.dependency ? `  ${edge.from} -. depends on .-> ${edge.to}` : `  ${edge.from} --> ${edge.to}`);
  }
  for (const [name, style, members] of [
    ['head', 'stroke-width:3px', nodes.filter((n) => n.head)],
    ['current', 'fill:#d9f2d9,stroke:#2e7d32,stroke-width:3px', nodes.filter((n) => n.current)],
  ] as const) {
    if (members.length === 0) continue;
    lines.push(`  classDef ${name} ${style}`, `  class ${members.map((n) => n.key).join(',')} ${name}`);
  }
  return `${lines.join('\n')}\n`;
}

function dot(nodes: readonly DiagramNode[], edges: readonly DiagramEdge[]): string {
  const lines = [
    'digraph kiln {',
    '  rankdir=TB;',
    '  node [shape=box, style=rounded, fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  for (const node of nodes) {
    const label = [node.title, ...(node.message === null ? [] : [node.message])].map(dotText).join('\\n');
    const attributes = [
      `label="${label}"`,
      ...(node.merge ? ['shape=hexagon'] : []),
      ...(node.head ? ['penwidth=2.5'] : []),
      ...(node.current ? ['style="rounded,filled"', 'fillcolor="#d9f2d9"', 'color="#2e7d32"'] : []),
    ];
    lines.push(`  ${node.key} [${attributes.join(', ')}];`);
  }
  for (const edge of edges) {
    lines.push(
      edge.dependency
        ? `  ${edge.from} -> ${edge.to} [style=dashed, label="depends on"];`
        : `  ${edge.from} -> ${edge.to};`,
    );
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
