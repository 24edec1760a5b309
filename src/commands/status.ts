import { redactUrl } from '../config/database-url.js';
import type { ResolvedConfig } from '../config/load-config.js';
import type { LockHolder } from '../dialects/dialect.js';
import { KilnError } from '../errors.js';
import { type SchemaDifference, toDifference } from '../operations/difference.js';
import type { RevisionGraph } from '../revisions/graph.js';
import { loadScriptDirectory } from '../revisions/script-directory.js';
import type { EditedRevision } from '../runtime/applied-checksums.js';
import type { PendingRecord } from '../runtime/pending-record.js';
import { pendingRevisions } from './check.js';
import { type DatabaseSession, withDatabase } from './database.js';
import { safetyReport } from './safety.js';
import { loadSchemaModels, operationsToReach } from './schema-model.js';

/**
 * The overall verdict, worst first: `attention` = something only a person
 * can settle (the models differ from the database at its heads, an applied
 * revision was edited, one was left half-applied, a version row names no
 * revision file, or the models do not load); `pending` = revisions to apply
 * and nothing else (`kiln upgrade` settles it); `up-to-date` = neither.
 */
export type StatusState = 'up-to-date' | 'pending' | 'attention';

/** A failure reported inside a result instead of ending the command. */
export interface ReportedError {
  readonly code: string;
  readonly message: string;
  readonly hint: string | null;
}

/**
 * The models against the database. `not-compared` while revisions are
 * pending or half-applied (the database is not where the models expect it
 * yet, so every pending change would show as a difference) and when the
 * config names no schema module; `failed` when the models do not load.
 */
export interface SchemaStatus {
  readonly state: 'in-sync' | 'differs' | 'not-compared' | 'failed';
  /** Empty unless `differs`. */
  readonly differences: readonly SchemaDifference[];
  /** Why the comparison did not run (`not-compared`), else null. */
  readonly reason: string | null;
  /** Why the models did not load (`failed`), else null. */
  readonly error: ReportedError | null;
}

/** One database's status: a plain object, the same as `kiln status --json` prints it. */
export interface StatusResult {
  /** The database, its URL with the password hidden (the SQLite file for SQLite). */
  readonly database: string;
  readonly state: StatusState;
  /** The version rows: the revision(s) the database is at; empty at base. */
  readonly current: readonly string[];
  /** The heads of the revision files. */
  readonly heads: readonly string[];
  /** Revisions not applied, oldest first (the order `upgrade heads` applies them). */
  readonly pending: readonly string[];
  /** Version rows that name no revision file (`kiln stamp --purge`). */
  readonly unknown: readonly string[];
  /** Those of `unknown` that `kiln squash` folded into a baseline: `upgrade` refuses them (`revision.squashed-current`). */
  readonly squashed: readonly { readonly revision: string; readonly baseline: string }[];
  readonly schema: SchemaStatus;
  /** Applied revisions whose file changed since it ran (`kiln resolve --rehash`). */
  readonly edited: readonly EditedRevision[];
  /** Revisions a crashed or failed run left half-applied (`kiln resolve --applied | --rolled-back`). */
  readonly halfApplied: readonly PendingRecord[];
  /** Who holds kiln's migration lock (a run in progress); null when it is free. */
  readonly lock: LockHolder | null;
}

/**
 * `kiln status`: one read-only look at a database for CI and app start-up:
 * where it is against the revision files, what is pending, whether the
 * models match it, and anything a person must settle. Takes no lock and
 * writes nothing (not even kiln's tables).
 *
 * @example
 * const { state, pending } = await status(await loadConfig());
 * if (state === 'pending') await upgrade(config, 'heads');
 */
export async function status(config: ResolvedConfig): Promise<StatusResult> {
  const { graph } = await loadScriptDirectory(config.versionsDir);
  return statusOf(config, graph);
}

/** `status` against revision files already loaded: `status --all` reads them once for every target. */
export function statusOf(config: ResolvedConfig, graph: RevisionGraph): Promise<StatusResult> {
  return withDatabase(config, (session) => readStatus(config, session, graph), { command: 'status' });
}

async function readStatus(
  config: ResolvedConfig,
  session: DatabaseSession,
  graph: RevisionGraph,
): Promise<StatusResult> {
  const current = await session.context.currentHeads();
  const known = current.filter((rev) => graph.has(rev));
  const safety = await safetyReport(session.context, graph, known);
  const pending = pendingRevisions(graph, known);
  const lock = await session.connection.lockHolder();
  const schema = await schemaStatus(config, session, pending.length + safety.halfApplied.length > 0);
  const unknown = current.filter((rev) => !graph.has(rev));
  const attention =
    safety.halfApplied.length + safety.edited.length + unknown.length > 0 ||
    schema.state === 'differs' ||
    schema.state === 'failed';
  const state: StatusState = attention ? 'attention' : pending.length > 0 ? 'pending' : 'up-to-date';
  const database = config.url === null ? '' : redactUrl(config.url);
  const squashed = unknown.flatMap((revision) => {
    const baseline = graph.squashedInto(revision);
    return baseline === undefined ? [] : [{ revision, baseline }];
  });
  return { database, state, current, heads: graph.heads, pending, unknown, squashed, schema, ...safety, lock };
}

const notCompared = (reason: string): SchemaStatus => ({ state: 'not-compared', differences: [], reason, error: null });

async function schemaStatus(config: ResolvedConfig, session: DatabaseSession, behind: boolean): Promise<SchemaStatus> {
  if (config.schemaFiles.length === 0) return notCompared('the config names no schema module');
  // The models load even while revisions are pending, so a broken schema file is never hidden behind "pending".
  let models: Awaited<ReturnType<typeof loadSchemaModels>>;
  try {
    models = await loadSchemaModels(config, session.dialect);
  } catch (error) {
    // The rest of the status is still worth showing: the models' fault is reported, not thrown.
    if (!(error instanceof KilnError)) throw error;
    const hint = error.hint === undefined || error.hint === '' ? null : error.hint;
    return {
      state: 'failed',
      differences: [],
      reason: null,
      error: { code: error.code, message: error.message, hint },
    };
  }
  if (behind) return notCompared('the database is not at its heads: apply or settle its revisions first');
  const differences = (await operationsToReach(config, session, models)).map(toDifference);
  return { state: differences.length === 0 ? 'in-sync' : 'differs', differences, reason: null, error: null };
}
