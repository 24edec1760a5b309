/**
 * Draws a revision graph in the terminal the way `git log --graph` does:
 * one lane per line of descent, `*` for a revision, `/` where lanes join at
 * a branch point (read downwards) and `\` where a merge opens a lane.
 */
export interface GraphNode {
  readonly revision: string;
  readonly downRevisions: readonly string[];
}

/** `nodes` newest first (children before parents). */
export function drawGraph<T extends GraphNode>(nodes: readonly T[], label: (node: T) => string): string {
  const shown = new Set(nodes.map((n) => n.revision));
  const lanes: string[] = [];
  const out: string[] = [];
  for (const node of nodes) {
    let col = lanes.indexOf(node.revision);
    if (col === -1) {
      col = lanes.length;
      lanes.push(node.revision);
    }
    // Lanes that also waited for this revision join it: they were its other children.
    for (let k = lanes.lastIndexOf(node.revision); k > col; k = lanes.lastIndexOf(node.revision)) {
      out.push(joinLine(lanes.length, k));
      lanes.splice(k, 1);
    }
    out.push(`${row(lanes.length, col, '*')} ${label(node)}`);
    const parents = node.downRevisions.filter((p) => shown.has(p));
    if (parents.length === 0) {
      lanes.splice(col, 1);
      continue;
    }
    lanes[col] = parents[0] as string;
    for (const [offset, parent] of parents.slice(1).entries()) {
      out.push(splitLine(lanes.length, col + offset));
      lanes.splice(col + offset + 1, 0, parent);
    }
  }
  return out.map((line) => line.trimEnd()).join('\n');
}

function row(width: number, col: number, mark: string): string {
  return Array.from({ length: width }, (_, i) => (i === col ? mark : '|')).join(' ');
}

/** Lane `k` moves into lane `k - 1`; every lane right of it shifts left. */
function joinLine(width: number, k: number): string {
  const chars = Array.from({ length: width * 2 }, () => ' ');
  for (let i = 0; i < width; i++) {
    if (i < k) chars[i * 2] = '|';
    else chars[i * 2 - 1] = '/';
  }
  return chars.join('');
}

/** A new lane opens right of `col`; lanes right of it shift right. */
function splitLine(width: number, col: number): string {
  const chars = Array.from({ length: width * 2 + 2 }, () => ' ');
  for (let i = 0; i < width; i++) {
    if (i <= col) chars[i * 2] = '|';
    else chars[i * 2 + 1] = '\\';
  }
  chars[col * 2 + 1] = '\\';
  return chars.join('');
}
