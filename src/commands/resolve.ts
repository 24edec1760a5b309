import type { ResolvedConfig } from '../config/load-config.js';
import { RevisionError, UsageError } from '../errors.js';
import type { RevisionGraph } from '../revisions/graph.js';
import { resolveRevisions } from '../revisions/resolve-target.js';
import { loadScriptDirectory, revisionFileChecksum } from '../revisions/script-directory.js';
import type { PendingRecord } from '../runtime/pending-record.js';
import { notPendingError } from '../runtime/safety-errors.js';
import { withDatabase } from './database.js';
import type { LockWaitOptions } from './lock-options.js';

/** Exactly one of `applied`, `rolledBack`, `rehash`. */
export interface ResolveOptions extends LockWaitOptions {
  /** The half-applied revision was finished by hand: record it as applied. */
  readonly applied?: boolean;
  /** The half-applied revision was undone by hand: clear its record, version rows unchanged. */
  readonly rolledBack?: boolean;
  /** The applied revision's file was edited on purpose: record its new checksum. */
  readonly rehash?: boolean;
}

export type ResolveAction = 'applied' | 'rolled-back' | 'rehash';

export interface ResolveResult {
  readonly revision: string;
  readonly action: ResolveAction;
  /** The version rows afterwards. */
  readonly heads: readonly string[];
  /** `applied` / `rolled-back`: the pending record that was resolved. */
  readonly resolved: PendingRecord | null;
  /** `rehash`: the checksum recorded before (null: none, e.g. stamped) and the one recorded now. */
  readonly previousChecksum: string | null;
  readonly checksum: string | null;
}

/**
 * `kiln resolve <rev> --applied | --rolled-back | --rehash`: the way out of
 * the two states `upgrade` and `downgrade` refuse to start from. A revision a
 * crash or failure left half-applied is recorded as finished (`applied`: the
 * version rows move as its step would have) or undone (`rolledBack`: they
 * stay); an applied revision whose file was edited on purpose gets its new
 * checksum (`rehash`). Each writes a `kiln_log` record, under kiln's lock.
 *
 * @example await resolve(await loadConfig(), '3f2a9c1d7e4b', { rolledBack: true });
 */
export async function resolve(config: ResolvedConfig, rev: string, options: ResolveOptions): Promise<ResolveResult> {
  const action = chosenAction(options);
  const { graph } = await loadScriptDirectory(config.versionsDir);
  return withDatabase(
    config,
    async ({ context }) => {
      const before = await context.currentHeads();
      const revision = oneRevision(graph, rev, before);
      const none = { previousChecksum: null, checksum: null };
      if (action === 'rehash') {
        if (!graph.ancestors(before.filter((head) => graph.has(head))).has(revision)) {
          throw new RevisionError('resolve.not-applied', `revision ${revision} is not applied: nothing to rehash`, {
            hint: 'only an applied revision has a recorded checksum; see kiln current',
            data: { revision },
          });
        }
        const previousChecksum = (await context.recordedChecksums()).get(revision) ?? null;
        const checksum = await revisionFileChecksum(graph.require(revision).path);
        // The file is as it ran: a record saying it changed would be false.
        if (checksum !== previousChecksum) {
          await context.rehash(revision, checksum, `rehashed by hand (was ${previousChecksum ?? 'not recorded'})`);
        }
        return { revision, action, heads: before, resolved: null, previousChecksum, checksum };
      }
      const pending = await context.pendingRecords();
      const record = pending.find((r) => r.revision === revision);
      if (record === undefined) throw notPendingError(revision, pending);
      const done = `after ${record.applied} statement(s) run by kiln`;
      if (action === 'applied') await context.resolveApplied(record, `${record.direction} finished by hand ${done}`);
      else await context.resolveRolledBack(record, `${record.direction} undone by hand ${done}`);
      return { revision, action, heads: await context.currentHeads(), resolved: record, ...none };
    },
    { lock: options, command: 'resolve' },
  );
}

function chosenAction(options: ResolveOptions): ResolveAction {
  const chosen = (
    [
      ['applied', options.applied],
      ['rolled-back', options.rolledBack],
      ['rehash', options.rehash],
    ] as const
  ).filter(([, on]) => on === true);
  if (chosen.length !== 1) {
    throw new UsageError('resolve.one-action', 'kiln resolve needs exactly one of --applied, --rolled-back, --rehash', {
      hint: '--applied: you finished the revision by hand; --rolled-back: you undid it; --rehash: its file was edited on purpose',
    });
  }
  return (chosen[0] as (typeof chosen)[number])[0];
}

function oneRevision(graph: RevisionGraph, rev: string, heads: readonly string[]): string {
  const revisions = resolveRevisions(graph, rev, heads);
  if (revisions.length !== 1) {
    throw new RevisionError(
      'revision.not-one',
      `'${rev}' names ${revisions.length} revisions: ${revisions.join(', ')}`,
      {
        hint: 'resolve one revision at a time, by its id',
        data: { revisions },
      },
    );
  }
  return revisions[0] as string;
}
