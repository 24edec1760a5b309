import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { KilnProject } from '../project.js';
import { roundTrip, type TripStep } from '../round-trip-suite.js';

/** One realistic schema of the corpus and the lifecycle it goes through. */
export interface CorpusSchema {
  /** The schema module's body at version v: 0 the start, then one change per version. */
  readonly body: (v: number) => string;
  /** What each version after 0 changes (its test title), in order. */
  readonly changes: readonly string[];
  /** Statements inserting rows after version 0 is applied. */
  readonly rows: readonly string[];
  /** Tables (`schema.table` where needed) whose row counts must never change. */
  readonly counted: readonly string[];
  /** At least this many tables at version 0. */
  readonly minTables: number;
  /**
   * The foreign keys the init revision may add after its tables: one per
   * foreign-key cycle (the edges closing them), none without cycles.
   */
  readonly deferredForeignKeys?: { readonly count: number };
  /** PostgreSQL schemas besides the default one that the model names. */
  readonly schemas?: readonly string[];
}

/**
 * The corpus lifecycle of issue 9, on the roundTrip suite: migrate (autogenerate)
 * → upgrade → rows in many tables → check clean → each change its own migrate +
 * upgrade, check clean and rows kept → downgrade -1 step by step to base, each
 * time the introspected schema equal to the one before and the rows kept.
 */
export function corpusLifecycle(title: string, corpus: CorpusSchema, options: { skip?: string | false } = {}): void {
  let counts: Record<string, number> = {};
  let initRevision = '';
  const assertRowsKept = async (project: KilnProject, when: string): Promise<void> => {
    assert.deepEqual(await rowCounts(project, corpus.counted), counts, `rows lost ${when}`);
  };
  const steps: TripStep[] = [
    {
      title: 'init: every table created',
      body: corpus.body(0),
      after: async (project, result) => {
        initRevision = readFileSync(String(result.path), 'utf8');
        const tables = (await project.schema()).tables.length;
        assert.ok(tables >= corpus.minTables, `${tables} tables, expected ${corpus.minTables}+`);
        for (const statement of corpus.rows) await project.execute(statement);
        counts = await rowCounts(project, corpus.counted);
        for (const [table, count] of Object.entries(counts)) assert.ok(count > 0, `no rows in ${table}`);
        await project.assertClean('with rows in the tables');
      },
    },
    ...corpus.changes.map(
      (change, i): TripStep => ({
        title: change,
        body: corpus.body(i + 1),
        after: (project) => assertRowsKept(project, `by "${change}"`),
        afterUndo: (project) => assertRowsKept(project, `by the downgrade of "${change}"`),
      }),
    ),
  ];
  roundTrip(title, steps, {
    ...options,
    setup: async (project) => {
      project.schemas = corpus.schemas ?? [];
    },
  });
  // After the round trip, which keeps the init revision's text.
  const deferred = corpus.deferredForeignKeys;
  if (deferred !== undefined) {
    describe(`${title}: the init revision`, { skip: options.skip ?? false }, () => {
      it(`adds ${deferred.count} foreign key(s) after the tables: only the edges closing a cycle`, () => {
        assert.notEqual(initRevision, '', 'the init step did not run');
        const upgrade = initRevision.slice(0, initRevision.indexOf('export async function downgrade'));
        const added = upgrade.match(/createForeignKey\(\s*'[^']*'/g) ?? [];
        assert.equal(added.length, deferred.count, `foreign keys added after the tables:\n  ${added.join('\n  ')}`);
      });
    });
  }
}

async function rowCounts(project: KilnProject, tables: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of tables) {
    const quoted = name
      .split('.')
      .map((part) => project.quote(part))
      .join('.');
    const [row] = await project.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${quoted}`);
    counts[name] = Number(row?.n);
  }
  return counts;
}
