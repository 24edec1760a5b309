import type { WorkloadResult } from './context.js';
import type { Entry } from './measure.js';

const seconds = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

/** kiln's time over this entry's: below 1 kiln is faster, above 1 it is slower. */
export function ratio(kiln: Entry | undefined, other: Entry): number | null {
  if (kiln?.ms == null || other.ms == null || other.ms === 0) return null;
  return kiln.ms / other.ms;
}

function cell(entry: Entry): string {
  if (entry.skipped !== undefined) return 'skipped';
  if (entry.failed !== undefined) return 'FAILED';
  return entry.ms === null ? '—' : seconds(entry.ms);
}

function pad(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
  return rows.map((row) =>
    row
      .map((text, i) => text.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * One table per workload: each contender's best time and kiln ÷ that time
 * ("2.0×" = kiln takes twice as long). Skips and failures are listed with
 * their reason under the table.
 */
export function renderWorkload(result: WorkloadResult): string {
  const rows: string[][] = [['case', 'contender', 'role', 'time', 'kiln ÷ this']];
  const reasons: string[] = [];
  for (const { label, entries } of result.cases) {
    const kiln = entries.find((e) => e.role === 'kiln');
    for (const entry of entries) {
      const r = entry.role === 'kiln' ? null : ratio(kiln, entry);
      rows.push([label, entry.name, entry.role, cell(entry), r === null ? '' : `${r.toFixed(2)}×`]);
      const why = entry.skipped ?? entry.failed;
      if (why !== undefined) {
        reasons.push(
          `  ${entry.skipped !== undefined ? 'skipped' : 'FAILED'}: ${entry.name} (${label}): ${why.split('\n').join('\n    ')}`,
        );
      }
    }
  }
  return [
    `## ${result.title}`,
    ...pad(rows).map((line) => `  ${line}`),
    ...reasons,
    ...result.notes.map((n) => `  note: ${n}`),
  ].join('\n');
}

/** The machine-readable form: the same figures, with each ratio computed. */
export function toJson(results: readonly WorkloadResult[], meta: Record<string, unknown>): string {
  const workloads = results.map((result) => ({
    ...result,
    cases: result.cases.map(({ label, entries }) => {
      const kiln = entries.find((e) => e.role === 'kiln');
      return {
        label,
        entries: entries.map((entry) => ({ ...entry, kilnRatio: entry.role === 'kiln' ? null : ratio(kiln, entry) })),
      };
    }),
  }));
  return `${JSON.stringify({ ...meta, workloads }, null, 2)}\n`;
}

/**
 * The ratios alone, one line per case: the form the README quotes, since
 * absolute times depend on the machine and its load while ratios taken in
 * the same run mostly do not.
 */
export function renderSummary(results: readonly WorkloadResult[]): string {
  const lines = ['## kiln ÷ floor and kiln ÷ each peer (below 1: kiln is faster)'];
  for (const result of results) {
    for (const { label, entries } of result.cases) {
      const kiln = entries.find((e) => e.role === 'kiln');
      const parts = entries
        .filter((e) => e.role !== 'kiln')
        .map((e) => {
          const r = ratio(kiln, e);
          return `${e.name} ${r === null ? (e.skipped !== undefined ? 'skipped' : 'n/a') : `${r.toFixed(2)}×`}`;
        });
      lines.push(`  ${result.id} · ${label}: ${parts.join(' · ')}`);
    }
  }
  return lines.join('\n');
}
