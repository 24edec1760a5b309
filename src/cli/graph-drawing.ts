/**
 * Draws a revision graph in the terminal the way `git log --graph` does:
 * one lane per line of descent, `*` for a revision, `|\` where a merge
 * opens a lane for its next parent, `|/` where the lane of a branch point's
 * other child joins it, and ` /` where lanes move left after a lane ends
 * (at a base).
 *
 * @example
 * *   merge001 …
 * |\
 * | * carol001 …
 * * | alice001 …
 * |/
 * * base0001 …
 */
export interface GraphNode {
  readonly revision: string;
  readonly downRevisions: readonly string[];
}

/** `nodes` newest first (children before parents); `label` is printed after each `*`. */
export function drawGraph<T extends GraphNode>(nodes: readonly T[], label: (node: T) => string): string {
  const shown = new Set(nodes.map((n) => n.revision));
  let lanes: string[] = [];
  const out: string[] = [];
  for (const node of nodes) {
    let col = lanes.indexOf(node.revision);
    if (col === -1) {
      col = lanes.length;
      lanes.push(node.revision);
    }
    // Lanes that also waited for this revision join it: they were its other children.
    const joining = lanes.flatMap((rev, i) => (rev === node.revision && i !== col ? [i] : []));
    if (joining.length > 0) {
      out.push(...moveLeft(lanes.map((_, i) => (joining.includes(i) ? col : i - joining.filter((j) => j < i).length))));
      lanes = lanes.filter((_, i) => !joining.includes(i));
    }
    out.push(`${lanes.map((_, i) => (i === col ? '*' : '|')).join(' ')} ${label(node)}`);
    const parents = node.downRevisions.filter((p) => shown.has(p));
    if (parents.length === 0) {
      // A base ends its lane; the lanes right of it close the gap.
      out.push(
        ...moveLeft(
          lanes.map((_, i) => (i > col ? i - 1 : i)).filter((_, i) => i !== col),
          col,
        ),
      );
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

/**
 * The rows that move lanes from their positions to `targets[i]` (never to
 * the right), one column per row as git draws them: `/` for a lane moving
 * left, `|` for one staying. `gap` is a position already emptied (a base's
 * lane), so lane `i` starts at `i + 1` when `i >= gap`.
 */
function moveLeft(targets: readonly number[], gap = Number.POSITIVE_INFINITY): string[] {
  const positions = targets.map((_, i) => (i >= gap ? i + 1 : i));
  const rows: string[] = [];
  while (positions.some((p, i) => p > (targets[i] as number))) {
    const width = Math.max(...positions) * 2 + 1;
    const chars = Array.from({ length: width }, () => ' ');
    positions.forEach((p, i) => {
      if (p > (targets[i] as number)) {
        chars[p * 2 - 1] = '/';
        positions[i] = p - 1;
      } else chars[p * 2] = '|';
    });
    rows.push(chars.join(''));
  }
  return rows;
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
