import type { BenchContext, WorkloadResult } from '../lib/context.js';

export function checkWorkload(_ctx: BenchContext, tables: number): WorkloadResult {
  return { id: `check-${tables}`, title: 'todo', cases: [], notes: [] };
}
