import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RevisionError } from '../../src/errors.js';
import { RevisionGraph } from '../../src/revisions/graph.js';
import { chain, graphOf, meta, twoBranches } from '../support/revision-fixtures.js';

function throwsCode(fn: () => unknown, code: string, pattern?: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof RevisionError, `expected RevisionError, got ${String(error)}`);
    assert.equal(error.code, code);
    if (pattern) assert.match(error.message, pattern);
    return true;
  });
}

describe('RevisionGraph: shape', () => {
  it('describes a linear history', () => {
    const graph = graphOf(meta('c', 'b'), meta('a'), meta('b', 'a'));
    assert.deepEqual(graph.heads, ['c']);
    assert.deepEqual(graph.bases, ['a']);
    assert.deepEqual(graph.topologicalOrder, ['a', 'b', 'c']);
    assert.deepEqual(graph.parents('c'), ['b']);
    assert.deepEqual(graph.children('a'), ['b']);
    assert.equal(graph.isHead('c'), true);
    assert.equal(graph.isHead('b'), false);
    assert.equal(graph.isBase('a'), true);
    assert.deepEqual([...graph.ancestors(['c'])].sort(), ['a', 'b', 'c']);
    assert.deepEqual([...graph.ancestors(['c'], { inclusive: false })].sort(), ['a', 'b']);
    assert.deepEqual([...graph.descendants(['a'], { inclusive: false })].sort(), ['b', 'c']);
    assert.deepEqual(
      graph.newestFirst().map((m) => m.revision),
      ['c', 'b', 'a'],
    );
    assert.equal(graph.size, 3);
  });

  it('finds branch points, merge points, and keeps a branch contiguous in topological order', () => {
    const graph = graphOf(...twoBranches(), meta('merge001', ['feat0002', 'oth00002']));
    assert.deepEqual(graph.branchPoints(), ['bp000003']);
    assert.deepEqual(graph.mergePoints(), ['merge001']);
    assert.deepEqual(graph.heads, ['merge001']);
    assert.deepEqual(graph.topologicalOrder, [
      'aaaa0001',
      'aaaa0002',
      'bp000003',
      'feat0001',
      'feat0002',
      'oth00001',
      'oth00002',
      'merge001',
    ]);
    assert.equal(graph.isBranchPoint('bp000003'), true);
    assert.equal(graph.isMergePoint('merge001'), true);
  });

  it('links dependsOn by id or label; a depended-on head is a head but not a real head', () => {
    const graph = graphOf(
      meta('a'),
      meta('b', 'a', { dependsOn: ['lib'] }),
      meta('x', null, { branchLabels: ['lib'] }),
    );
    assert.deepEqual(graph.dependencies('b'), ['x']);
    assert.deepEqual(graph.dependents('x'), ['b']);
    assert.deepEqual([...graph.heads].sort(), ['b', 'x']);
    assert.deepEqual(graph.realHeads, ['b']);
    assert.deepEqual([...graph.ancestors(['b'])].sort(), ['a', 'b', 'x']);
    assert.deepEqual([...graph.ancestors(['b'], { dependencies: false })].sort(), ['a', 'b']);
    assert.deepEqual(graph.requirements('b'), ['a', 'x']);
  });

  it('get returns undefined for an unknown id, require throws', () => {
    const graph = graphOf(meta('a'));
    assert.equal(graph.get('zz'), undefined);
    assert.equal(graph.get('a')?.revision, 'a');
    throwsCode(() => graph.require('zz'), 'revision.unknown', /'zz'/);
  });

  it('propagates branch labels to descendants and down to the branch point', () => {
    const graph = graphOf(...twoBranches(), meta('feat0003', 'feat0002', { branchLabels: ['late'] }));
    // 'late' also covers the plain chain below feat0003, down to the branch point (Alembic's rule).
    assert.deepEqual([...graph.branchLabelsOf('feat0003')].sort(), ['feature', 'late']);
    assert.deepEqual([...graph.branchLabelsOf('feat0001')].sort(), ['feature', 'late']);
    assert.deepEqual(graph.branchLabelsOf('bp000003'), []);
    assert.deepEqual(graph.branchLabelsOf('oth00002'), ['other']);
    assert.equal(graph.branchStart('feat0002'), 'feat0001');
    assert.equal(graph.branchStart('bp000003'), 'bp000003');
    assert.equal(graph.labelOwner('feature'), 'feat0001');
  });

  it('answers applied questions for a version table, refusing unknown rows', () => {
    const graph = graphOf(...twoBranches());
    assert.equal(graph.isApplied('bp000003', ['feat0001']), true);
    assert.equal(graph.isApplied('oth00001', ['feat0001']), false);
    throwsCode(() => graph.isApplied('a', ['nope']), 'revision.unknown-current', /nope/);
  });
});

describe('RevisionGraph: validation', () => {
  it('names both files of a duplicate id', () => {
    throwsCode(
      () => graphOf(meta('a', null, { path: 'v/one.ts' }), meta('a', null, { path: 'v/two.ts' })),
      'revision.duplicate-id',
      /revision a .*v\/one\.ts and v\/two\.ts/,
    );
  });

  it('names the file whose downRevision points nowhere', () => {
    throwsCode(
      () => graphOf(meta('a'), meta('b', 'gone', { path: 'v/b.ts' })),
      'revision.missing-parent',
      /v\/b\.ts: downRevision gone of revision b/,
    );
  });

  it('names the members of a cycle, including through dependsOn', () => {
    throwsCode(() => graphOf(meta('a'), meta('b', 'c'), meta('c', 'b')), 'revision.cycle', /b -> c -> b|c -> b -> c/);
    throwsCode(() => graphOf(meta('a', 'a')), 'revision.cycle', /a -> a/);
    throwsCode(
      () => graphOf(meta('a'), meta('b', 'a', { dependsOn: ['c'] }), meta('c', 'b')),
      'revision.cycle',
      /b .*c|c .*b/,
    );
  });

  it('refuses an unknown dependsOn', () => {
    throwsCode(
      () => graphOf(meta('a', null, { dependsOn: ['nothing'], path: 'v/a.ts' })),
      'revision.unknown-dependency',
      /v\/a\.ts: dependsOn nothing/,
    );
  });

  it('refuses duplicated, id-like and reserved labels', () => {
    throwsCode(
      () => graphOf(meta('a', null, { branchLabels: ['x'] }), meta('b', 'a', { branchLabels: ['x'] })),
      'revision.label-invalid',
      /'x' is declared twice/,
    );
    throwsCode(() => graphOf(meta('a'), meta('b', 'a', { branchLabels: ['a'] })), 'revision.label-invalid', /equals/);
    throwsCode(() => graphOf(meta('a', null, { branchLabels: ['head'] })), 'revision.label-invalid');
    throwsCode(() => graphOf(meta('a', null, { branchLabels: ['x@y'] })), 'revision.label-invalid');
  });

  it('builds and walks a 20,000-revision chain without recursion', () => {
    const metas = chain(20_000);
    const graph = RevisionGraph.build(metas);
    const head = graph.heads[0] as string;
    assert.equal(graph.ancestors([head]).size, 20_000);
    assert.equal(graph.descendants(['r00000']).size, 20_000);
    for (let i = 0; i < 1000; i++) assert.ok(graph.isApplied('r00000', [head]));
  });
});
