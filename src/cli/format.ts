import { isAbsolute } from 'node:path';
import type {
  PullResult,
  SquashResult,
  BranchesResult,
  CheckResult,
  CurrentResult,
  GraphResult,
  HistoryResult,
  InitResult,
  LintResult,
  LockWait,
  MigrationResult,
  PendingRecord,
  ResolveResult,
  RevisionInfo,
  RevisionResult,
  StampResult,
} from '../commands/index.js';
import { drawGraph } from './graph-drawing.js';
import { formatDuration } from './progress.js';
import { PLAIN, type Style } from './style.js';
import { terminalLine } from '../util/escape.js';
import { assertNever } from '../util/assert-never.js';

/**
 * Text renderings of command results, Alembic's wording where it has one.
 * The `style` colours revision ids and the current revision on a terminal;
 * with `PLAIN` (pipes, files, tests) the text is the same without colour.
 */

export function init(result: InitResult): string {
  return [...result.created.map((path) => `Created ${path}`), `Config: ${result.configFile}`].join('\n');
}

export function revision(result: RevisionResult): string {
  if (result.path === null) {
    return 'No changes detected: the schema modules and the database agree; nothing written.';
  }
  if (result.baseline) {
    return [
      `Generated ${result.path}: the baseline, ${result.changes.length} operation(s) creating the current schema`,
      `Stamped the database at ${result.revision}: it is at the baseline, a fresh database gets everything by 'kiln upgrade'`,
    ].join('\n');
  }
  const lines = result.changes.map((change) => `Detected ${terminalLine(change)}`);
  lines.push(`Generated ${result.path}`);
  return lines.join('\n');
}

export function squash(result: SquashResult): string {
  const lines = [
    `Generated ${terminalLine(result.path)}: the baseline ${result.revision}, ${result.changes.length} operation(s) creating the schema at ${result.revision}`,
    `Moved ${result.squashed.length} revision file(s) to ${terminalLine(result.movedTo)}: databases at ${result.revision} or later are unaffected, one at base upgrades through the baseline`,
  ];
  if (result.dropped.length > 0) {
    lines.push(
      `Dropped the data steps of ${result.dropped.join(', ')} (--force): the baseline creates the schema only`,
    );
  }
  return lines.join('\n');
}

export function pull(result: PullResult): string {
  const enums = result.enums === 0 ? '' : ` and ${result.enums} enum type(s)`;
  const lines = [
    ...result.files.map((file) => `Wrote ${terminalLine(file)}`),
    `Pulled ${result.tables} table(s)${enums}.`,
  ];
  if (!result.configured) {
    const schema = isAbsolute(result.schema) ? result.schema : `./${result.schema}`;
    lines.push(`Next: set schema: '${terminalLine(schema)}' in the config, then run 'kiln check'.`);
  }
  return lines.join('\n');
}

/** `upgraded 3 revision(s) in 1.24 s: <base> -> 3f2a9c1d7e4b`: how many, how long, from where to where. */
export function migration(result: MigrationResult, style: Style = PLAIN): string {
  if (result.sql !== null) return result.sql.trimEnd();
  if (result.steps.length === 0) return 'Nothing to do: the database is already there.';
  const verb = result.direction === 'up' ? 'upgraded' : 'downgraded';
  const total = result.steps.reduce((sum, step) => sum + step.durationMs, 0);
  const revisions = (ids: readonly string[], paint: (id: string) => string) =>
    ids.length === 0 ? '<base>' : ids.map(paint).join(', ');
  const path = `${revisions(result.from, style.rev)} -> ${revisions(result.heads, style.good)}`;
  return `${verb} ${result.steps.length} revision(s) in ${formatDuration(total)}: ${path}`;
}

function summary(info: RevisionInfo, style: Style = PLAIN): string {
  const parents = info.downRevisions.length === 0 ? '<base>' : info.downRevisions.map(style.rev).join(', ');
  const flags = [
    info.isHead ? 'head' : null,
    info.isBranchPoint ? 'branchpoint' : null,
    info.isMergePoint ? 'mergepoint' : null,
    info.isCurrent ? 'current' : null,
  ].filter((flag) => flag !== null);
  const labels = info.branchLabels.length === 0 ? '' : ` (${info.branchLabels.join(', ')})`;
  const marks = flags.length === 0 ? '' : ` (${flags.join(') (')})`;
  const shownMarks = info.isCurrent ? style.good(marks) : marks;
  return `${parents} -> ${style.rev(info.revision)}${labels}${shownMarks}, ${terminalLine(info.message ?? '')}`;
}

function verbose(info: RevisionInfo, dependencyOf: readonly string[] = [], style: Style = PLAIN): string {
  const current = info.isCurrent ? style.good(' (current)') : '';
  const lines = [`Rev: ${style.rev(info.revision)}${info.isHead ? ' (head)' : ''}${current}`];
  lines.push(`Parent: ${info.downRevisions.length === 0 ? '<base>' : info.downRevisions.join(', ')}`);
  if (info.children.length > 1) lines.push(`Branches into: ${info.children.join(', ')}`);
  if (info.isMergePoint) lines.push(`Merges: ${info.downRevisions.join(', ')}`);
  if (info.branchLabels.length > 0) lines.push(`Branch names: ${info.branchLabels.join(', ')}`);
  if (info.dependsOn.length > 0) lines.push(`Also depends on: ${info.dependsOn.join(', ')}`);
  if (dependencyOf.length > 0) lines.push(`Applied as a dependency of: ${dependencyOf.join(', ')}`);
  lines.push(`Path: ${info.path}`);
  if (info.createDate !== null) lines.push(`Create Date: ${info.createDate}`);
  lines.push('', `    ${terminalLine(info.message ?? '')}`, '');
  return lines.join('\n');
}

export function revisionList(infos: readonly RevisionInfo[], full: boolean, style: Style = PLAIN): string {
  return infos.map((info) => (full ? verbose(info, [], style) : summary(info, style))).join('\n');
}

export function current(result: CurrentResult, full: boolean, style: Style = PLAIN): string {
  const lines = result.current.map((info) =>
    full
      ? verbose(info, info.dependencyOf, style)
      : `${style.good(info.revision)}${info.isHead ? ' (head)' : ''}${info.branchLabels.length > 0 ? ` (${info.branchLabels.join(', ')})` : ''}${asDependency(info.dependencyOf)}`,
  );
  for (const rev of result.unknown) {
    lines.push(`${rev} (unknown: no such revision file; 'kiln stamp --purge <rev>' resets the version table)`);
  }
  if (lines.length === 0) lines.push('(no revision applied: the database is at base)');
  for (const record of result.halfApplied) lines.push(pendingLine(record));
  return lines.join('\n');
}

function asDependency(of: readonly string[]): string {
  return of.length === 0 ? '' : ` (applied as a dependency of ${of.join(', ')})`;
}

/** A half-applied revision, as `kiln current` shows it. */
export function pendingLine(record: PendingRecord): string {
  const last = record.lastStatement === null ? '' : `, last: ${terminalLine(record.lastStatement)}`;
  const running =
    record.runningStatement === null
      ? ''
      : `; statement ${record.applied + 1} had started and may have taken effect: ${terminalLine(record.runningStatement)}`;
  return [
    `${record.revision} (pending: ${record.direction} stopped after ${record.applied} statement(s) applied${last}${running})`,
    `  resolve it: 'kiln resolve ${record.revision} --rolled-back' after undoing them by hand, or 'kiln resolve ${record.revision} --applied' after finishing it by hand`,
  ].join('\n');
}

export function resolve(result: ResolveResult): string {
  const at = result.heads.length === 0 ? '<base>' : result.heads.join(', ');
  switch (result.action) {
    case 'applied':
      return `Resolved ${result.revision}: recorded as applied; now at ${at}`;
    case 'rolled-back':
      return `Resolved ${result.revision}: recorded as rolled back; the version table is unchanged (${at})`;
    case 'rehash': {
      const short = (checksum: string | null) => (checksum === null ? 'none' : checksum.slice(0, 12));
      if (result.previousChecksum === result.checksum) {
        return `${result.revision}: its file matches the recorded checksum ${short(result.checksum)}; nothing recorded`;
      }
      return `Rehashed ${result.revision}: checksum ${short(result.previousChecksum)} -> ${short(result.checksum)}`;
    }
    default:
      return assertNever(result.action, 'resolve action');
  }
}

export function history(
  result: HistoryResult,
  options: { verbose: boolean; graph: boolean },
  style: Style = PLAIN,
): string {
  if (result.revisions.length === 0) return '(no revisions)';
  if (options.graph) return drawGraph(result.revisions, (info) => summary(info, style));
  return revisionList(result.revisions, options.verbose, style);
}

export function branches(result: BranchesResult, full: boolean, style: Style = PLAIN): string {
  if (result.branchPoints.length === 0) return '(no branch points)';
  const children = (info: RevisionInfo) => info.children.map((c) => `    -> ${style.rev(c)}`).join('\n');
  return result.branchPoints
    .map((info) => (full ? verbose(info, [], style) : `${summary(info, style)}\n${children(info)}`))
    .join('\n');
}

export function stamp(result: StampResult): string {
  if (result.sql !== null) return result.sql.trimEnd();
  if (!result.changed) {
    const why = result.alreadyApplied.map(
      (target) => `already at ${target.revision}${asDependency(target.dependencyOf)}`,
    );
    return `${why.length === 0 ? 'already at <base>' : why.join('; ')}; nothing changed`;
  }
  return `Stamped: ${result.current.length === 0 ? '<base>' : result.current.join(', ')}`;
}

/** `kiln lint`: one block per finding, grouped by revision, then a count line. */
export function lint(result: LintResult): string {
  const lines: string[] = [];
  let revision: string | null = null;
  for (const finding of result.findings) {
    if (finding.revision !== revision) {
      revision = finding.revision;
      lines.push(`Revision ${revision}:`);
    }
    lines.push(`  ${finding.severity.padEnd(7)} ${finding.code}: ${terminalLine(finding.message)}`);
    lines.push(`          fix: ${terminalLine(finding.hint)}`);
  }
  const count = (severity: string) => result.findings.filter((f) => f.severity === severity).length;
  const silenced = result.silenced === 0 ? '' : `, ${result.silenced} allowed by lintAllow`;
  const rows = result.rowCounts === 'unknown' ? '; row counts unknown (no database read)' : '';
  lines.push(
    `Linted ${result.revisions.length} revision(s): ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info${silenced}${rows}`,
  );
  return lines.join('\n');
}

export function check(result: CheckResult): string {
  if (result.differences.length === 0) return 'No differences: the schema modules and the database agree.';
  return [
    'Differences between the schema modules and the database:',
    ...result.differences.map((d) => `  - ${terminalLine(d)}`),
  ].join('\n');
}

/** The line a waiting command prints once (stderr): where, who holds the lock, how long kiln waits. */
export function lockWait(wait: LockWait): string {
  return `Waiting for the migration lock on ${wait.target}, held by ${wait.holder.summary} (up to ${wait.timeoutMs / 1000} s)`;
}

/** The diagram itself, or where it was written (`--out`). */
export function graph(result: GraphResult): string {
  if (result.out === null) return result.text;
  return `Wrote the ${result.format} graph of ${result.revisions} revision(s) to ${result.out}`;
}
