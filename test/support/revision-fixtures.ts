import { RevisionGraph } from '../../src/revisions/graph.js';
import type { RevisionMeta } from '../../src/revisions/read-metadata.js';

/** A revision's metadata for tests: `meta('b', 'a')`, `meta('m', ['b', 'c'])`, `meta('x', null, { branchLabels: ['lib'] })`. */
export function meta(
  revision: string,
  down: string | readonly string[] | null = null,
  extra: Partial<Omit<RevisionMeta, 'revision' | 'downRevisions'>> = {},
): RevisionMeta {
  return {
    revision,
    downRevisions: down === null ? [] : typeof down === 'string' ? [down] : [...down],
    branchLabels: extra.branchLabels ?? [],
    dependsOn: extra.dependsOn ?? [],
    message: extra.message ?? null,
    createDate: extra.createDate ?? null,
    path: extra.path ?? `versions/${revision}.ts`,
  };
}

export function graphOf(...metas: RevisionMeta[]): RevisionGraph {
  return RevisionGraph.build(metas);
}

/** `count` revisions r00000 ← r00001 ← …, for size and speed tests. */
export function chain(count: number): RevisionMeta[] {
  const id = (i: number): string => `r${String(i).padStart(5, '0')}`;
  return Array.from({ length: count }, (_, i) => meta(id(i), i === 0 ? null : id(i - 1)));
}

/**
 * The branchy graph most target tests use:
 *
 *   aaaa0001 ← aaaa0002 ← bp000003 ← feat0001 [feature] ← feat0002
 *                                  ← oth00001 [other]   ← oth00002
 */
export function twoBranches(): RevisionMeta[] {
  return [
    meta('aaaa0001'),
    meta('aaaa0002', 'aaaa0001'),
    meta('bp000003', 'aaaa0002'),
    meta('feat0001', 'bp000003', { branchLabels: ['feature'] }),
    meta('feat0002', 'feat0001'),
    meta('oth00001', 'bp000003', { branchLabels: ['other'] }),
    meta('oth00002', 'oth00001'),
  ];
}
