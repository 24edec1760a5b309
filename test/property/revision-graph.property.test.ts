import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { propertyParameters } from '../support/property-settings.js';
import { RevisionError } from '../../src/errors.js';
import { planDowngrade, planUpgrade, type Step } from '../../src/revisions/plan.js';
import type { RevisionMeta } from '../../src/revisions/read-metadata.js';
import { graphOf, meta } from '../support/revision-fixtures.js';

/*
 * Random revision graphs with branches, merges, several bases and dependsOn
 * edges, checked against a deliberately naive model written here: a revision
 * needs its downRevisions and dependsOn; the version rows are the applied
 * revisions nothing applied needs.
 */

const spec = fc.record({
  parents: fc.uniqueArray(fc.nat(), { maxLength: 2 }),
  deps: fc.uniqueArray(fc.nat(), { maxLength: 2 }),
  newBase: fc.integer({ min: 0, max: 7 }),
});

/** A DAG: each revision points only at earlier ones. */
const dag = fc.array(spec, { minLength: 1, maxLength: 12 }).map((specs): RevisionMeta[] =>
  specs.map((s, i) => {
    if (i === 0) return meta('r0');
    let parents = [...new Set(s.parents.map((p) => p % i))];
    if (s.newBase === 0) parents = [];
    else if (parents.length === 0) parents = [i - 1];
    const deps = [...new Set(s.deps.map((d) => d % i))].filter((d) => !parents.includes(d));
    return meta(
      `r${i}`,
      parents.map((p) => `r${p}`),
      { dependsOn: deps.map((d) => `r${d}`) },
    );
  }),
);

class Model {
  private readonly needs = new Map<string, string[]>();
  constructor(readonly metas: readonly RevisionMeta[]) {
    for (const m of metas) this.needs.set(m.revision, [...m.downRevisions, ...m.dependsOn]);
  }
  requires(id: string): string[] {
    return this.needs.get(id) ?? [];
  }
  ancestors(ids: Iterable<string>): Set<string> {
    const out = new Set(ids);
    for (let grew = true; grew; ) {
      grew = false;
      for (const id of [...out]) for (const r of this.requires(id)) if (!out.has(r)) grew = out.add(r) !== undefined;
    }
    return out;
  }
  descendants(ids: Iterable<string>): Set<string> {
    const out = new Set(ids);
    for (let grew = true; grew; ) {
      grew = false;
      for (const m of this.metas) {
        if (!out.has(m.revision) && this.requires(m.revision).some((r) => out.has(r)))
          grew = out.add(m.revision) !== undefined;
      }
    }
    return out;
  }
  rows(applied: ReadonlySet<string>): string[] {
    return [...applied].filter((id) => ![...applied].some((other) => this.requires(other).includes(id))).sort();
  }
  pick(n: number): string {
    return this.metas[n % this.metas.length]?.revision as string;
  }
}

/** Replays steps, checking order, uniqueness and the rows after every step. */
function replay(model: Model, startApplied: ReadonlySet<string>, startRows: readonly string[], steps: readonly Step[]) {
  const applied = new Set(startApplied);
  let rows = [...startRows];
  const seen = new Set<string>();
  for (const step of steps) {
    const id = step.revision.revision;
    assert.ok(!seen.has(id), `${id} runs twice`);
    seen.add(id);
    if (step.direction === 'up') {
      assert.ok(!applied.has(id), `${id} is already applied`);
      for (const r of model.requires(id)) assert.ok(applied.has(r), `${id} runs before ${r}`);
      applied.add(id);
    } else {
      assert.ok(applied.has(id), `${id} is not applied`);
      applied.delete(id);
      for (const other of applied) assert.ok(!model.requires(other).includes(id), `${id} reverted before ${other}`);
    }
    rows = rows.filter((r) => !step.versionDelete.includes(r)).concat(step.versionInsert);
    assert.deepEqual([...rows].sort(), model.rows(applied), `rows after ${step.direction} ${id}`);
  }
  return { applied, rows: [...rows].sort() };
}

const state = fc.uniqueArray(fc.nat(), { maxLength: 4 });

describe('revision graph properties', () => {
  it('upgrade to X then down to base empties the rows; order and once-only hold both ways', () => {
    fc.assert(
      fc.property(dag, state, fc.nat(), (metas, picks, x) => {
        const model = new Model(metas);
        const graph = graphOf(...metas);
        const applied0 = model.ancestors(picks.map((p) => model.pick(p)));
        const rows0 = model.rows(applied0);
        const target = model.pick(x);
        const up = planUpgrade(graph, rows0, target);
        const wanted = [...model.ancestors([target])].filter((id) => !applied0.has(id)).sort();
        assert.deepEqual(up.map((s) => s.revision.revision).sort(), wanted);
        const after = replay(model, applied0, rows0, up);
        const back = planDowngrade(graph, after.rows, 'base');
        const restored = replay(model, after.applied, after.rows, back);
        assert.deepEqual(restored.rows, []);
        assert.equal(restored.applied.size, 0);
      }),
      propertyParameters(400),
    );
  });

  it('downgrade to T reverts exactly what is above T, children first, once', () => {
    fc.assert(
      fc.property(dag, state, fc.option(fc.nat()), (metas, picks, t) => {
        const model = new Model(metas);
        const graph = graphOf(...metas);
        const applied0 = model.ancestors(picks.map((p) => model.pick(p)));
        const rows0 = model.rows(applied0);
        const target = t === null ? 'base' : model.pick(t);
        if (target !== 'base' && !applied0.has(target)) {
          assert.throws(
            () => planDowngrade(graph, rows0, target),
            (e: unknown) => e instanceof RevisionError && e.code === 'revision.downgrade-above-current',
          );
          return;
        }
        const keep = target === 'base' ? new Set<string>() : model.ancestors([target]);
        const roots = target === 'base' ? [] : graph.children(target).filter((c) => !keep.has(c));
        const expected =
          target === 'base' ? [...applied0] : [...model.descendants(roots)].filter((id) => applied0.has(id));
        const steps = planDowngrade(graph, rows0, target);
        assert.deepEqual(steps.map((s) => s.revision.revision).sort(), expected.sort());
        const after = replay(model, applied0, rows0, steps);
        if (target !== 'base') assert.ok(after.applied.has(target));
      }),
      propertyParameters(400),
    );
  });
});
