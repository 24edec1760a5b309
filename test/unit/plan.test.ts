import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RevisionError } from '../../src/errors.js';
import type { RevisionGraph } from '../../src/revisions/graph.js';
import { planDowngrade, planUpgrade, type Step, stampPlan } from '../../src/revisions/plan.js';
import { chain, graphOf, meta, twoBranches } from '../support/revision-fixtures.js';

/** `up a: -[] +[a]` per step, readable in assertion diffs. */
function show(steps: readonly Step[]): string[] {
  return steps.map(
    (s) => `${s.direction} ${s.revision.revision}: -[${s.versionDelete.join(',')}] +[${s.versionInsert.join(',')}]`,
  );
}

function rowsAfter(start: readonly string[], steps: readonly Step[]): string[] {
  let rows = [...start];
  for (const s of steps) rows = rows.filter((r) => !s.versionDelete.includes(r)).concat(s.versionInsert);
  return rows.sort();
}

function fails(fn: () => unknown, code: string, pattern?: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof RevisionError, String(error));
    assert.equal(error.code, code, error.message);
    if (pattern) assert.match(error.message, pattern);
    return true;
  });
}

const linear = graphOf(meta('a'), meta('b', 'a'), meta('c', 'b'));
const branched = graphOf(...twoBranches());
const merged = graphOf(...twoBranches(), meta('merge001', ['feat0002', 'oth00002']));

describe('planUpgrade', () => {
  it('applies a linear history in order, moving the one row', () => {
    assert.deepEqual(show(planUpgrade(linear, [], 'head')), ['up a: -[] +[a]', 'up b: -[a] +[b]', 'up c: -[b] +[c]']);
    assert.deepEqual(show(planUpgrade(linear, ['a'], '+1')), ['up b: -[a] +[b]']);
  });

  it('is a no-op for an applied target', () => {
    assert.deepEqual(planUpgrade(linear, ['c'], 'b'), []);
    assert.deepEqual(planUpgrade(linear, ['c'], 'head'), []);
  });

  it('splits rows at a branch point, one branch after the other', () => {
    assert.deepEqual(show(planUpgrade(branched, ['bp000003'], 'heads')), [
      'up feat0001: -[bp000003] +[feat0001]',
      'up feat0002: -[feat0001] +[feat0002]',
      'up oth00001: -[] +[oth00001]',
      'up oth00002: -[oth00001] +[oth00002]',
    ]);
  });

  it('collapses rows at a merge point', () => {
    assert.deepEqual(show(planUpgrade(merged, ['feat0002', 'oth00002'], 'head')), [
      'up merge001: -[feat0002,oth00002] +[merge001]',
    ]);
    const steps = planUpgrade(merged, ['feat0001'], 'head');
    assert.deepEqual(
      steps.map((s) => s.revision.revision),
      ['feat0002', 'oth00001', 'oth00002', 'merge001'],
    );
    assert.deepEqual(rowsAfter(['feat0001'], steps), ['merge001']);
  });

  it('runs a dependency first and drops it from the rows once satisfied', () => {
    const graph = graphOf(
      meta('a'),
      meta('b', 'a'),
      meta('c', 'b', { dependsOn: ['lib'] }),
      meta('x1', null, { branchLabels: ['lib'] }),
      meta('x2', 'x1'),
    );
    assert.deepEqual(show(planUpgrade(graph, ['b'], 'c')), ['up x1: -[] +[x1]', 'up c: -[b,x1] +[c]']);
    // x1 has a child applied (x2), so it is not a row and nothing is dropped.
    assert.deepEqual(show(planUpgrade(graph, ['b', 'x2'], 'c')), ['up c: -[b] +[c]']);
    assert.deepEqual(show(planDowngrade(graph, ['c'], '-1')), ['down c: -[c] +[b,x1]']);
    assert.deepEqual(show(planDowngrade(graph, ['c', 'x2'], 'b')), ['down c: -[c] +[b]']);
    // Removing the lib branch takes its dependent with it.
    assert.deepEqual(show(planDowngrade(graph, ['c', 'x2'], 'lib@base')), [
      'down x2: -[x2] +[]',
      'down c: -[c] +[b,x1]',
      'down x1: -[x1] +[]',
    ]);
  });

  it('refuses a version table naming unknown or overlapping revisions', () => {
    fails(() => planUpgrade(linear, ['zz'], 'head'), 'revision.unknown-current', /zz/);
    fails(() => planUpgrade(linear, ['a', 'c'], 'head'), 'revision.overlap', /a is an ancestor of c/);
  });

  // Speed is measured in bench/, not asserted here.
  it('plans a 2,000-revision chain both ways', () => {
    const graph = graphOf(...chain(2000));
    const up = planUpgrade(graph, [], 'head');
    const down = planDowngrade(graph, [graph.heads[0] as string], 'base');
    assert.equal(up.length, 2000);
    assert.equal(down.length, 2000);
  });
});

describe('planDowngrade', () => {
  it('reverts a linear history', () => {
    assert.deepEqual(show(planDowngrade(linear, ['c'], '-1')), ['down c: -[c] +[b]']);
    assert.deepEqual(show(planDowngrade(linear, ['c'], 'a')), ['down c: -[c] +[b]', 'down b: -[b] +[a]']);
    assert.deepEqual(show(planDowngrade(linear, ['b'], 'base')), ['down b: -[b] +[a]', 'down a: -[a] +[]']);
    assert.deepEqual(planDowngrade(linear, ['b'], 'b'), []);
  });

  it('refuses a target above the current state, naming it', () => {
    fails(() => planDowngrade(linear, ['a'], 'c'), 'revision.downgrade-above-current', /downgrade to c: .*current: a/);
    fails(() => planDowngrade(branched, ['feat0002'], 'oth00001'), 'revision.downgrade-above-current', /oth00001/);
  });

  it('unmerges: reverting a merge restores both rows', () => {
    assert.deepEqual(show(planDowngrade(merged, ['merge001'], 'feat0002')), [
      'down merge001: -[merge001] +[feat0002,oth00002]',
    ]);
    assert.deepEqual(show(planDowngrade(merged, ['merge001'], '-1')), [
      'down merge001: -[merge001] +[feat0002,oth00002]',
    ]);
    fails(() => planDowngrade(merged, ['merge001'], '-2'), 'revision.ambiguous-walk', /feat0002 and oth00002/);
  });

  it('reverts both branches when going below their branch point', () => {
    const steps = planDowngrade(branched, ['feat0002', 'oth00002'], 'bp000003');
    assert.deepEqual(
      steps.map((s) => s.revision.revision),
      ['oth00002', 'oth00001', 'feat0002', 'feat0001'],
    );
    assert.deepEqual(rowsAfter(['feat0002', 'oth00002'], steps), ['bp000003']);
  });

  it('reverts one branch only for label@base, <rev>-N and label@-N', () => {
    const both = ['feat0002', 'oth00002'];
    const featureBase = planDowngrade(branched, both, 'feature@base');
    assert.deepEqual(show(featureBase), ['down feat0002: -[feat0002] +[feat0001]', 'down feat0001: -[feat0001] +[]']);
    assert.deepEqual(rowsAfter(both, featureBase), ['oth00002']);
    assert.deepEqual(show(planDowngrade(branched, both, 'feat0002-1')), ['down feat0002: -[feat0002] +[feat0001]']);
    assert.deepEqual(show(planDowngrade(branched, both, 'other@-2')), [
      'down oth00002: -[oth00002] +[oth00001]',
      'down oth00001: -[oth00001] +[]',
    ]);
    assert.deepEqual(rowsAfter(both, planDowngrade(branched, both, 'feat0002-2')), ['oth00002']);
  });
});

describe('stampPlan', () => {
  const check = (graph: RevisionGraph, current: string[], targets: string[], purge: boolean, heads: string[]) =>
    assert.deepEqual([...stampPlan(graph, current, targets, purge).heads].sort(), heads);

  it('moves rows without running anything', () => {
    check(linear, [], ['head'], false, ['c']);
    check(linear, ['c'], ['a'], false, ['a']);
    check(linear, ['c'], ['base'], false, []);
    check(branched, ['feat0002', 'oth00002'], ['feat0001'], false, ['feat0001', 'oth00002']);
    check(branched, ['feat0001'], ['oth00001'], false, ['feat0001', 'oth00001']);
    check(branched, [], ['feature@head', 'other@head'], false, ['feat0002', 'oth00002']);
    assert.deepEqual(stampPlan(linear, ['a'], ['c'], false), {
      heads: ['c'],
      versionDelete: ['a'],
      versionInsert: ['c'],
    });
  });

  it('purges a table naming unknown revisions; refuses it without purge', () => {
    fails(() => stampPlan(linear, ['gone'], ['head'], false), 'revision.unknown-current', /gone/);
    assert.deepEqual(stampPlan(linear, ['gone'], ['b'], true), {
      heads: ['b'],
      versionDelete: ['gone'],
      versionInsert: ['b'],
    });
  });

  it('refuses overlapping targets', () => {
    fails(() => stampPlan(linear, [], ['a', 'c'], false), 'revision.overlap', /a is an ancestor of c/);
  });
});
