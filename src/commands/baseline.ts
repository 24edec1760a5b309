import { compareSchemas } from '../autogenerate/compare.js';
import type { ResolvedConfig } from '../config/load-config.js';
import { RevisionError, UsageError } from '../errors.js';
import type { Operation } from '../operations/operation.js';
import type { RevisionGraph } from '../revisions/graph.js';
import { EMPTY_SCHEMA } from '../schema/model.js';
import { withDatabase } from './database.js';
import { introspectOwnSchema } from './schema-model.js';

/** What `revision --baseline` refuses to combine with: it always starts the history. */
const NOT_WITH_BASELINE = ['autogenerate', 'head', 'splice', 'dependsOn'] as const;

const FLAGS: Record<(typeof NOT_WITH_BASELINE)[number], string> = {
  autogenerate: '--autogenerate',
  head: '--head',
  splice: '--splice',
  dependsOn: '--depends-on',
};

/**
 * The operations of a baseline revision: what creates the live schema from
 * an empty database (schemas, enum types, tables, foreign keys closing
 * cycles), as autogenerate would write them against an empty database.
 * Refused once a history exists: in the versions folder (a baseline is the
 * first revision; later changes are `kiln migrate`) or in the database
 * (already managed by kiln).
 *
 * @throws UsageError when combined with an option that places the revision elsewhere.
 * @throws RevisionError `revision.baseline-history`, `revision.baseline-managed`, `database.no-tables`.
 */
export async function baselineOperations(
  config: ResolvedConfig,
  graph: RevisionGraph,
  options: Partial<Record<(typeof NOT_WITH_BASELINE)[number], unknown>>,
): Promise<Operation[]> {
  for (const key of NOT_WITH_BASELINE) {
    const value = options[key];
    if (value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0)) {
      throw new UsageError('usage.conflicting-options', `--baseline cannot be combined with ${FLAGS[key]}`, {
        hint: 'a baseline is the first revision of the history, made from the database',
      });
    }
  }
  const existing = graph.topologicalOrder;
  if (existing.length > 0) {
    throw new RevisionError(
      'revision.baseline-history',
      `a baseline starts the history, but ${existing.length} revision(s) exist already (${existing.slice(0, 3).join(', ')}${existing.length > 3 ? ', …' : ''})`,
      { hint: "record further changes with 'kiln migrate'; to start over, empty the versions folder first" },
    );
  }
  return withDatabase(
    config,
    async (session) => {
      const current = await session.context.currentHeads();
      if (current.length > 0) {
        throw new RevisionError(
          'revision.baseline-managed',
          `the database is already managed by kiln: ${config.versionTable} holds ${current.join(', ')}`,
          { hint: "run 'kiln stamp base --purge' first if those revisions are gone for good", data: { current } },
        );
      }
      const live = await introspectOwnSchema(config, session);
      if (live.tables.length === 0) {
        throw new RevisionError('database.no-tables', 'the database has no tables: there is nothing to baseline', {
          hint: "write the schema module and run 'kiln migrate' instead",
        });
      }
      return compareSchemas(EMPTY_SCHEMA, live, { namespaces: [] });
    },
    { command: 'revision' },
  );
}
