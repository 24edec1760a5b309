import { DatabaseError, RevisionError } from '../errors.js';
import type { EditedRevision } from './applied-checksums.js';
import type { PendingRecord } from './pending-record.js';

/** The first 12 hex digits of a checksum: enough to tell two apart in a message. */
export function shortChecksum(checksum: string): string {
  return checksum.slice(0, 12);
}

/** What `kiln resolve` offers for a half-applied revision. */
export function pendingHint(revision: string): string {
  return `undo those statements by hand and run 'kiln resolve ${revision} --rolled-back', or finish the revision by hand and run 'kiln resolve ${revision} --applied'`;
}

/** How a pending record reads in one line: `upgrade of 3f2a… stopped after 1 statement(s) (last: CREATE …)`. */
export function describePending(record: PendingRecord): string {
  const last = record.lastStatement === null ? '' : ` (last: ${record.lastStatement})`;
  const running =
    record.runningStatement === null
      ? ''
      : `, and statement ${record.applied + 1} had started and may have taken effect: ${record.runningStatement}`;
  return `${record.direction} of revision ${record.revision} stopped after ${record.applied} statement(s)${last}${running}`;
}

/** A half-applied revision blocks `upgrade` and `downgrade` until it is resolved. */
export function pendingRevisionError(record: PendingRecord, file: string | null): DatabaseError {
  const where = file === null ? '' : ` (${file})`;
  return new DatabaseError(
    'migration.pending',
    `a previous run did not finish: the ${describePending(record)}${where}; it is half-applied`,
    { hint: pendingHint(record.revision), data: { pending: record, file } },
  );
}

/** Applied revision files that differ from what ran: `upgrade`/`downgrade` refuse to start. */
export function editedRevisionsError(edited: readonly EditedRevision[]): RevisionError {
  const first = edited[0] as EditedRevision;
  const more =
    edited.length > 1
      ? ` (and ${edited.length - 1} more: ${edited
          .slice(1)
          .map((e) => e.revision)
          .join(', ')})`
      : '';
  return new RevisionError(
    'revision.edited',
    `revision ${first.revision} (${first.file}) was edited after it was applied: recorded ${shortChecksum(first.recorded)}, now ${shortChecksum(first.actual)}${more}`,
    {
      hint: `restore the file as it was applied, or accept the edit with 'kiln resolve <rev> --rehash' (e.g. kiln resolve ${first.revision} --rehash)`,
      data: { edited },
    },
  );
}

/** The version row a step meant to change was not there: another process (or the revision itself) moved it. */
export function versionMovedError(revision: string, row: string, changed: number, versionTable: string): DatabaseError {
  return new DatabaseError(
    'migration.version-moved',
    `revision ${revision}: the ${versionTable} row '${row}' it records over was changed under the run (${changed} row(s) affected, 1 expected)`,
    {
      hint: `something else changed ${versionTable} while the revision ran; check 'kiln current' and the revision's own statements`,
      data: { revision, row, changed },
    },
  );
}

/** `kiln resolve --applied/--rolled-back` of a revision that has no pending record. */
export function notPendingError(revision: string, pending: readonly PendingRecord[]): DatabaseError {
  const others =
    pending.length === 0 ? 'no revision is pending' : `pending: ${pending.map((p) => p.revision).join(', ')}`;
  return new DatabaseError('resolve.not-pending', `revision ${revision} is not pending (${others})`, {
    hint: '--applied and --rolled-back resolve a revision a failed or killed run left half-applied; see kiln current',
    data: { revision, pending: pending.map((p) => p.revision) },
  });
}
