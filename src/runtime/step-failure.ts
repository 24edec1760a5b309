import type { Dialect } from '../dialects/dialect.js';
import { DatabaseError, KilnError } from '../errors.js';
import type { Step } from '../revisions/plan.js';
import { pendingHint } from './safety-errors.js';
import { wholeFirstLine } from './statement-target.js';

/** A statement of a revision that the database refused, with how many ran before it. */
export class StatementFailure extends Error {
  constructor(
    readonly sql: string,
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(`statement ${index + 1} failed`);
  }
}

/** Where a failed step left the database. */
export interface StepOutcome {
  /** The revision ran in one transaction, so its failure undid all of it. */
  readonly atomic: boolean;
  /** Statements of the revision still applied (read back from kiln_pending where there is one). */
  readonly applied: number;
  /** The pending record stays: `kiln resolve` is the way out. */
  readonly pending: boolean;
}

/** Words a failed step for people: the revision, the statement, what is applied and what to do. */
export function stepFailure(
  dialect: Dialect,
  step: Step,
  file: string,
  outcome: StepOutcome,
  error: unknown,
): KilnError {
  const revision = step.revision.revision;
  const verb = step.direction === 'up' ? 'upgrade' : 'downgrade';
  const where = `revision ${revision} (${file}) failed in ${verb}`;
  const kept = outcome.pending ? `; ${outcome.applied} statement(s) of it applied, revision marked pending` : '';
  const hint = failureHint(dialect, revision, outcome);
  const data = { revision, applied: outcome.applied, pending: outcome.pending };
  if (error instanceof StatementFailure) {
    const reason = error.cause instanceof Error ? error.cause.message : String(error.cause);
    return new DatabaseError(
      'database.statement-failed',
      `${where} at statement ${error.index + 1}: ${wholeFirstLine(reason.replace(/ \(in: .*\)$/, ''))}${kept}`,
      { hint, data: { ...data, statement: error.sql, statementIndex: error.index }, cause: error.cause },
    );
  }
  if (error instanceof KilnError) {
    return new KilnError(error.code, `${where}: ${error.message}${kept}`, {
      hint: outcome.pending ? hint : (error.hint ?? ''),
      data: { ...error.data, ...data },
      cause: error,
    });
  }
  const reason = wholeFirstLine(String(error instanceof Error ? error.message : error));
  return new DatabaseError('migration.revision-failed', `${where}: ${reason}${kept}`, { hint, data, cause: error });
}

function failureHint(dialect: Dialect, revision: string, outcome: StepOutcome): string {
  if (outcome.atomic) {
    return 'the revision was rolled back: the database is as it was before it; fix the revision and run again';
  }
  if (!outcome.pending) return 'nothing of this revision was applied; fix the revision and run again';
  const why = dialect.capabilities.transactionalDdl
    ? 'the revision runs outside a transaction (transactional = false)'
    : `${dialect.name} commits DDL as it runs`;
  const what =
    outcome.applied === 0
      ? 'none of its statements is applied, but its queries may have changed data'
      : `the first ${outcome.applied} statement(s) of this revision are applied and were not undone`;
  return `${why}: ${what}, and the version table still names the previous revision; ${pendingHint(revision)}`;
}
