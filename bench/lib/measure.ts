import type { Command, Outcome } from './proc.js';
import { run } from './proc.js';

export type Role = 'kiln' | 'floor' | 'peer';

/** Something timed in a workload: kiln itself, its floor, or a peer. */
export interface Contender {
  readonly name: string;
  readonly role: Role;
  /** Set to skip this contender; the reason is printed, never dropped. */
  readonly skip?: string;
  /** Untimed: a fresh database, a copied file. Runs before every timed run. */
  readonly prepare?: () => void;
  readonly command: () => Command;
  /** Throws when the command's effect is not there (tables, version rows, output). */
  readonly verify: (outcome: Outcome) => void;
  /** Fewer runs than the workload's, for a peer that takes tens of seconds. */
  readonly runs?: number;
}

export interface Entry {
  readonly name: string;
  readonly role: Role;
  /** Best of the runs, in ms; null when skipped or failed. */
  readonly ms: number | null;
  readonly runs: readonly number[];
  readonly skipped?: string;
  readonly failed?: string;
}

/** Past this, a contender is run once whatever `runs` says. */
const longRunMs = 10_000;

/**
 * Best of `runs` for each contender, taken in rounds (A, B, C, A, B, C …)
 * so that a burst of load from the machine's other users falls on all of
 * them alike. The minimum is the least disturbed figure. Every run is
 * verified, and one failed run fails that contender only.
 */
export function measureAll(contenders: readonly Contender[], runs: number): Entry[] {
  const state = contenders.map((contender) => ({
    contender,
    times: [] as number[],
    failed: undefined as string | undefined,
  }));
  for (let round = 0; round < runs; round++) {
    for (const s of state) {
      const { contender } = s;
      if (contender.skip !== undefined || s.failed !== undefined || round >= (contender.runs ?? runs)) continue;
      // A run of many seconds is barely moved by a burst of load, and repeating
      // it (Alembic's `current` over 8,000 revisions takes minutes) buys nothing.
      if (round > 0 && (s.times[0] ?? 0) > longRunMs) continue;
      try {
        contender.prepare?.();
        const outcome = run(contender.command());
        contender.verify(outcome);
        s.times.push(outcome.ms);
      } catch (error) {
        s.failed = error instanceof Error ? error.message : String(error);
      }
    }
  }
  return state.map(({ contender: { name, role, skip }, times, failed }): Entry => {
    if (skip !== undefined) return { name, role, ms: null, runs: [], skipped: skip };
    if (failed !== undefined) return { name, role, ms: null, runs: times, failed };
    return { name, role, ms: Math.min(...times), runs: times };
  });
}

/** Throws with a message naming what was expected, for `verify` functions. */
export function expect(condition: boolean, what: string): void {
  if (!condition) throw new Error(`verification failed: ${what}`);
}
