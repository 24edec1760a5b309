import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RevisionError } from '../../src/errors.js';
import {
  type ResolveOptions,
  resolveParents,
  resolveRange,
  resolveRevisions,
  resolveTarget,
  splitRange,
} from '../../src/revisions/resolve-target.js';
import { graphOf, meta, twoBranches } from '../support/revision-fixtures.js';

const branched = graphOf(...twoBranches());
const merged = graphOf(...twoBranches(), meta('merge001', ['feat0002', 'oth00002']));

function ids(expression: string, options: ResolveOptions = {}, graph = branched): readonly string[] {
  return resolveTarget(graph, expression, options).revisions;
}

function fails(fn: () => unknown, code: string, pattern?: RegExp, hint?: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof RevisionError, String(error));
    assert.equal(error.code, code, error.message);
    if (pattern) assert.match(error.message, pattern);
    if (hint) assert.match(error.hint ?? '', hint);
    return true;
  });
}

describe('resolveTarget: names', () => {
  it('resolves head, heads, base and current', () => {
    assert.deepEqual(ids('head', {}, merged), ['merge001']);
    assert.deepEqual(ids('heads'), ['feat0002', 'oth00002']);
    assert.deepEqual(ids('base'), []);
    assert.deepEqual(ids('current', { currentHeads: ['feat0001'] }), ['feat0001']);
    assert.deepEqual(ids('head', {}, graphOf()), []);
  });

  it('refuses head with several heads, listing them and the ways out', () => {
    fails(() => ids('head'), 'revision.multiple-heads', /feat0002, oth00002/, /heads.*@head.*merge/);
  });

  it('resolves full ids, labels and any unique prefix', () => {
    assert.deepEqual(ids('feat0002'), ['feat0002']);
    assert.deepEqual(ids('feature'), ['feat0001']);
    assert.deepEqual(ids('bp'), ['bp000003']);
    assert.deepEqual(ids('b'), ['bp000003']);
    assert.deepEqual(ids('  oth00002 '), ['oth00002']);
  });

  it('lists the candidates of an ambiguous prefix; an unknown id is named', () => {
    fails(
      () => ids('feat000'),
      'revision.ambiguous',
      /'feat000'.*feat0001 \(versions\/feat0001\.ts\), feat0002 \(versions\/feat0002\.ts\)/,
    );
    fails(() => ids('zzz'), 'revision.unknown', /'zzz'/);
    fails(() => ids('1'), 'revision.unknown', /'1'/, /-1 or \+1/);
  });

  it('resolves label@head, label@heads, label@base and label@rev', () => {
    assert.deepEqual(ids('feature@head'), ['feat0002']);
    assert.deepEqual(ids('other@heads'), ['oth00002']);
    const base = resolveTarget(branched, 'feature@base');
    assert.deepEqual(base.revisions, []);
    assert.equal(base.branchStart, 'feat0001');
    assert.deepEqual(ids('feature@feat0001'), ['feat0001']);
    assert.deepEqual(ids('other@aaaa0002'), ['aaaa0002']);
    assert.deepEqual(ids('oth00002@head'), ['oth00002']);
    fails(() => ids('feature@oth00001'), 'revision.not-in-branch', /oth00001 .*'feature'/);
    fails(() => ids('feature@feat'), 'revision.ambiguous', /feat0001 \(.*\), feat0002/);
    fails(() => ids('nobranch@head'), 'revision.unknown', /'nobranch'/);
  });

  it('narrows a prefix to the branch', () => {
    const graph = graphOf(meta('k1'), meta('ab02', 'k1', { branchLabels: ['x'] }), meta('ab03', 'k1'));
    assert.deepEqual(ids('x@ab', {}, graph), ['ab02']);
    fails(() => ids('ab', {}, graph), 'revision.ambiguous');
  });

  it('rejects ranges and empty targets', () => {
    fails(() => ids('a:b'), 'revision.target-syntax', /range/);
    fails(() => ids(''), 'revision.target-syntax');
  });
});

describe('resolveTarget: relative steps', () => {
  it('steps up from the current row', () => {
    assert.deepEqual(ids('+1', { currentHeads: ['aaaa0002'], purpose: 'upgrade' }), ['bp000003']);
    assert.deepEqual(ids('+2', { currentHeads: [] }), ['aaaa0002']);
  });

  it('refuses a step up through a branch point, naming the children', () => {
    fails(
      () => ids('+2', { currentHeads: ['aaaa0002'] }),
      'revision.ambiguous-walk',
      /branch point bp000003: .*feat0001 and oth00001/,
    );
  });

  it('steps along a named branch', () => {
    assert.deepEqual(ids('feature@+1', { currentHeads: ['bp000003'] }), ['feat0001']);
    assert.deepEqual(ids('feature@+2', { currentHeads: ['bp000003'] }), ['feat0002']);
    assert.deepEqual(ids('other@+1', { currentHeads: ['feat0002'] }), ['oth00001']);
    assert.deepEqual(ids('feature@+1', { currentHeads: [] }), ['aaaa0001']);
  });

  it('steps down from the current row, on its branch', () => {
    const target = resolveTarget(branched, '-1', { currentHeads: ['feat0002'], purpose: 'downgrade' });
    assert.deepEqual(target.revisions, ['feat0001']);
    assert.equal(target.lineage, 'feat0002');
    assert.deepEqual(ids('-2', { currentHeads: ['feat0002'] }), ['bp000003']);
    assert.deepEqual(ids('-5', { currentHeads: ['feat0002'] }), []);
    assert.deepEqual(ids('feature@-1', { currentHeads: ['feat0002', 'oth00002'] }), ['feat0001']);
  });

  it('refuses -1 with several current heads, suggesting label@-1 and <rev>-1', () => {
    fails(
      () => ids('-1', { currentHeads: ['feat0002', 'oth00002'], purpose: 'downgrade' }),
      'revision.ambiguous-current',
      /feat0002, oth00002/,
      /<label>@-N.*<rev>-N/,
    );
  });

  it('steps from a named revision, head or base', () => {
    assert.deepEqual(ids('feat0002-2'), ['bp000003']);
    assert.deepEqual(ids('aaaa0001+2'), ['bp000003']);
    assert.deepEqual(ids('base+1'), ['aaaa0001']);
    assert.deepEqual(ids('head-2', {}, graphOf(...twoBranches().slice(0, 5))), ['bp000003']);
  });

  it('steps down one from a merge point to both parents, and refuses to go further, naming them', () => {
    assert.deepEqual(ids('merge001-1', {}, merged), ['feat0002', 'oth00002']);
    assert.deepEqual(ids('-1', { currentHeads: ['merge001'], purpose: 'downgrade' }, merged), ['feat0002', 'oth00002']);
    fails(
      () => ids('merge001-2', {}, merged),
      'revision.ambiguous-walk',
      /merge point merge001: .*feat0002 and oth00002/,
    );
  });

  it('refuses steps past a head or below base, and the wrong direction', () => {
    fails(() => ids('feat0002+1'), 'revision.relative-out-of-range', /past head feat0002/);
    fails(() => ids('-6', { currentHeads: ['feat0002'] }), 'revision.relative-out-of-range', /below base/);
    fails(() => ids('-1', { currentHeads: [] }), 'revision.relative-out-of-range');
    fails(() => ids('-1', { currentHeads: ['feat0002'], purpose: 'upgrade' }), 'revision.target-not-allowed');
    fails(() => ids('+1', { currentHeads: ['feat0001'], purpose: 'downgrade' }), 'revision.target-not-allowed');
  });

  it('takes an id containing a dash and digits literally', () => {
    const graph = graphOf(meta('fix-2'), meta('fix-3', 'fix-2'));
    assert.deepEqual(ids('fix-2', {}, graph), ['fix-2']);
    assert.deepEqual(ids('fix-3-1', {}, graph), ['fix-2']);
  });
});

describe('ranges', () => {
  it('splits a:b with optional sides', () => {
    assert.deepEqual(splitRange('a:b'), { from: 'a', to: 'b' });
    assert.deepEqual(splitRange(':b'), { from: null, to: 'b' });
    assert.deepEqual(splitRange('a:'), { from: 'a', to: null });
    assert.equal(splitRange('head'), null);
    fails(() => splitRange('a:b:c'), 'revision.target-syntax');
  });

  it('selects what the upper end needs beyond the lower end, lower end included', () => {
    const sorted = (expr: string, current: string[] = []): string[] =>
      [...resolveRange(branched, expr, current)].sort();
    assert.deepEqual(sorted('aaaa0002:feat0002'), ['aaaa0002', 'bp000003', 'feat0001', 'feat0002']);
    assert.deepEqual(sorted(':aaaa0002'), ['aaaa0001', 'aaaa0002']);
    assert.deepEqual(sorted('feat0001:'), ['feat0001', 'feat0002', 'oth00001', 'oth00002']);
    assert.deepEqual(sorted('-1:current', ['feat0002']), ['feat0001', 'feat0002']);
    assert.equal(resolveRange(branched, ':').size, 7);
  });

  it('refuses a lower end that is not below the upper end', () => {
    fails(() => resolveRange(branched, 'feat0002:feat0001'), 'revision.range-not-ancestor', /feat0002 .*feat0001/);
    fails(() => resolveRange(branched, 'head'), 'revision.target-syntax');
  });
});

describe('resolveParents', () => {
  it('builds on the head, a labelled head, or base', () => {
    assert.deepEqual(resolveParents(merged, 'head'), ['merge001']);
    assert.deepEqual(resolveParents(branched, 'feature@head'), ['feat0002']);
    assert.deepEqual(resolveParents(branched, 'base'), []);
    assert.deepEqual(resolveParents(graphOf(), 'head'), []);
    assert.deepEqual(resolveRevisions(branched, 'heads'), ['feat0002', 'oth00002']);
  });

  it('needs --splice to branch from a revision with children', () => {
    fails(() => resolveParents(branched, 'bp000003'), 'revision.not-a-head', /bp000003/, /--splice/);
    assert.deepEqual(resolveParents(branched, 'bp000003', { splice: true }), ['bp000003']);
    fails(() => resolveParents(branched, 'head'), 'revision.multiple-heads');
  });
});
