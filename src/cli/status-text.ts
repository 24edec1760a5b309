import type { SchemaStatus, StatusResult, StatusState } from '../commands/index.js';
import { describeEdited } from '../commands/check.js';
import { assertNever } from '../util/assert-never.js';
import { terminalLine } from '../util/escape.js';
import { pendingLine } from './format.js';

const VERDICT: Readonly<Record<StatusState, string>> = {
  'up-to-date': 'up to date',
  pending: 'revisions pending: run kiln upgrade',
  attention: 'needs attention (see above)',
};

const revisions = (ids: readonly string[]) => (ids.length === 0 ? '<base>' : ids.join(', '));

/** `kiln status` for people: one line per fact, the findings that need someone, the verdict last. */
export function status(result: StatusResult): string {
  const lines = [
    `Database: ${result.database}`,
    `Current:  ${revisions(result.current)}`,
    `Heads:    ${result.heads.length === 0 ? '(no revisions)' : result.heads.join(', ')}`,
    `Pending:  ${result.pending.length === 0 ? 'none' : `${result.pending.length}: ${result.pending.join(', ')}`}`,
    ...schemaLines(result.schema),
    `Lock:     ${result.lock === null ? 'free' : `held by ${result.lock.summary}`}`,
  ];
  for (const rev of result.unknown) {
    const squashed = result.squashed.find((s) => s.revision === rev);
    if (squashed !== undefined) {
      lines.push(
        `Squashed: ${rev} was folded into the baseline ${squashed.baseline} by 'kiln squash': upgrade refuses it; upgrade this database with the files in versions/squashed/${squashed.baseline}/ first`,
      );
      continue;
    }
    lines.push(
      `Unknown:  ${rev} is in the version table but has no revision file ('kiln stamp --purge <rev>' resets it)`,
    );
  }
  for (const e of result.edited) lines.push(`Edited:   ${describeEdited(e)}`);
  for (const record of result.halfApplied) lines.push(`Half-applied: ${pendingLine(record)}`);
  lines.push(`Status:   ${VERDICT[result.state]}`);
  return lines.join('\n');
}

function schemaLines(schema: SchemaStatus): string[] {
  switch (schema.state) {
    case 'in-sync':
      return ['Models:   match the database'];
    case 'differs':
      return [
        `Models:   differ from the database (${schema.differences.length}; kiln migrate writes a revision):`,
        ...schema.differences.map((d) => `  - ${terminalLine(d.detail)}`),
      ];
    case 'not-compared':
      return [`Models:   not compared: ${schema.reason ?? ''}`];
    case 'failed':
      return [`Models:   cannot be loaded: ${terminalLine(schema.error?.message ?? '')}`];
    default:
      return assertNever(schema.state, 'schema state');
  }
}
