import type {
  MigrationTargetEvent,
  TargetMigrationRow,
  TargetsCurrentResult,
  TargetsMigrationResult,
  TargetsCheckResult,
  TargetsStatusResult,
  TargetStatusRow,
} from '../commands/index.js';
import { stepTitle } from '../commands/step-title.js';
import { assertNever } from '../util/assert-never.js';
import { terminalLine } from '../util/escape.js';
import { lockWait } from './format.js';

/** Text renderings of multi-target runs: one progress line per event, and the final table. */

/** One stderr line, prefixed with the target's name so that interleaved targets stay readable. */
export function targetEvent(event: MigrationTargetEvent): string {
  const name = `[${event.target}]`;
  switch (event.kind) {
    case 'start':
      return `${name} started`;
    case 'step':
      return `${name} ${stepTitle(event.step)}`;
    case 'lock-wait':
      return `${name} ${lockWait(event.wait)}`;
    case 'warning':
      return `${name} ${event.message}`;
    case 'done':
      return `${name} done in ${seconds(event.ms)}`;
    case 'failed':
      return `${name} failed after ${seconds(event.ms)}: ${event.error.message}`;
    case 'skipped':
      return `${name} skipped: a canary target failed`;
    default:
      return assertNever(event, 'target event');
  }
}

/** The final table: target, from → to, revisions applied, time, status; then one summary line. */
export function targetsTable(result: TargetsMigrationResult): string {
  const header = ['target', 'from → to', result.direction === 'up' ? 'applied' : 'reverted', 'time', 'status'];
  const rows = result.targets.map((row) => [
    terminalLine(row.target),
    `${heads(row.from)} → ${heads(row.to)}`,
    String(row.applied),
    row.ms === null ? '-' : seconds(row.ms),
    status(row),
  ]);
  return [...table(header, rows), '', summary(result)].join('\n');
}

/** `current --all`: each target's version rows, and any half-applied revision it holds. */
export function currentTable(result: TargetsCurrentResult): string {
  const rows = result.targets.map((row) => {
    const at = row.current === null ? '?' : heads(row.current.versionRows);
    const pending = row.current?.halfApplied.map((p) => `${p.revision} pending (${p.direction})`) ?? [];
    const state =
      row.error === null
        ? pending.length === 0
          ? 'ok'
          : pending.join(', ')
        : `failed: ${terminalLine(row.error.message)}`;
    return [terminalLine(row.target), at, state];
  });
  return table(['target', 'at', 'status'], rows).join('\n');
}

/**
 * `status --all`: one row per target (state, version rows, pending count,
 * models vs database, edited and half-applied revisions, lock holder, or the
 * reason it could not be read), then one summary line.
 */
export function statusTable(result: TargetsStatusResult): string {
  const header = ['target', 'state', 'at', 'pending', 'models', 'edited', 'half-applied', 'notes'];
  const rows = result.targets.map((row) => [
    terminalLine(row.target),
    row.state,
    heads(row.current),
    count(row.pending),
    row.schema ?? '-',
    count(row.edited),
    row.halfApplied === null || row.halfApplied.length === 0 ? '-' : row.halfApplied.join(','),
    statusNotes(row),
  ]);
  const counts = new Map<string, number>();
  for (const row of result.targets) counts.set(row.state, (counts.get(row.state) ?? 0) + 1);
  const parts = [...counts].map(([state, n]) => `${n} ${state}`);
  const summary = `${result.targets.length} target(s) at heads ${heads(result.heads)}: ${parts.join(', ')}`;
  return [...table(header, rows), '', summary].join('\n');
}

/**
 * `check --all`: one row per target (clean / differs / failed, with counts),
 * then each differing target's findings as `kiln check` words them, then one
 * summary line.
 */
export function checkTable(result: TargetsCheckResult): string {
  const header = ['target', 'check', 'pending', 'edited', 'half-applied', 'differences', 'error'];
  const size = (list: readonly unknown[] | null) => (list === null ? '-' : String(list.length));
  const rows = result.targets.map((row) => [
    terminalLine(row.target),
    row.state,
    size(row.pending),
    size(row.edited),
    size(row.halfApplied),
    size(row.differences),
    row.error === null ? '' : terminalLine(row.error.message),
  ]);
  const findings = result.targets.flatMap((row) =>
    row.findings === null || row.findings.length === 0
      ? []
      : ['', `${terminalLine(row.target)}:`, ...row.findings.map((f) => `  - ${terminalLine(f)}`)],
  );
  const clean = result.targets.length - result.differs.length - result.failed.length;
  const parts = [`${clean} clean`];
  if (result.differs.length > 0) parts.push(`${result.differs.length} differ (${result.differs.join(', ')})`);
  if (result.failed.length > 0) parts.push(`${result.failed.length} failed (${result.failed.join(', ')})`);
  const summary = `${result.targets.length} target(s): ${parts.join(', ')}`;
  return [...table(header, rows), ...findings, '', terminalLine(summary)].join('\n');
}

function statusNotes(row: TargetStatusRow): string {
  if (row.error !== null) return terminalLine(row.error.message);
  const notes: string[] = [];
  const squashed = new Map((row.status?.squashed ?? []).map((s) => [s.revision, s.baseline]));
  const unknown = (row.unknown ?? []).filter((rev) => !squashed.has(rev));
  for (const [revision, baseline] of squashed) notes.push(`at ${revision}, squashed into ${baseline}`);
  if (unknown.length > 0) notes.push(`unknown version rows ${unknown.join(', ')}`);
  if (row.lock !== null) notes.push(`locked by ${terminalLine(row.lock.summary)}`);
  return notes.join('; ');
}

function count(value: number | null): string {
  return value === null ? '-' : String(value);
}

/** Columns padded to their widest cell; the last one as it is. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

function summary(result: TargetsMigrationResult): string {
  const done = result.targets.length - result.failed.length - result.skipped.length;
  const parts = [`${done} done`];
  if (result.failed.length > 0) parts.push(`${result.failed.length} failed (${result.failed.join(', ')})`);
  if (result.skipped.length > 0) parts.push(`${result.skipped.length} skipped`);
  return `${result.targets.length} target(s): ${parts.join(', ')}`;
}

function status(row: TargetMigrationRow): string {
  return row.error === null ? row.status : `${row.status}: ${terminalLine(row.error.message)}`;
}

function heads(revisions: readonly string[] | null): string {
  if (revisions === null) return '?';
  return revisions.length === 0 ? '<base>' : revisions.join('+');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
