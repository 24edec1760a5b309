import type { BenchContext, WorkloadResult } from '../lib/context.js';

export function rebuildWorkload(_ctx: BenchContext, rows: number): WorkloadResult {
  return { id: `rebuild-${rows}`, title: 'todo', cases: [], notes: [] };
}
