import { type Command, type Outcome, run } from './proc.js';

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

/**
 * Best of `runs`: the minimum is the least disturbed figure on a shared
 * machine. Every run is verified, and one failed run fails the entry.
 */
export function measure(contender: Contender, runs: number): Entry {
  const { name, role } = contender;
  if (contender.skip !== undefined) return { name, role, ms: null, runs: [], skipped: contender.skip };
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      contender.prepare?.();
      const outcome = run(contender.command());
      contender.verify(outcome);
      times.push(outcome.ms);
    }
  } catch (error) {
    const failed = error instanceof Error ? error.message : String(error);
    return { name, role, ms: null, runs: times, failed };
  }
  return { name, role, ms: Math.min(...times), runs: times };
}

/** Throws with a message naming what was expected, for `verify` functions. */
export function expect(condition: boolean, what: string): void {
  if (!condition) throw new Error(`verification failed: ${what}`);
}
