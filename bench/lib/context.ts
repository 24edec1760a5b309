import type { DialectName } from './databases.js';
import type { Entry } from './measure.js';
import type { PeerStatus } from './peers.js';

/** What every workload is given. */
export interface BenchContext {
  readonly quick: boolean;
  /** Best of this many for commands under a second or so. */
  readonly runs: number;
  /** Best of this many for the long ones (upgrades, rebuilds), which each need a fresh database. */
  readonly heavyRuns: number;
  readonly peers: PeerStatus;
  /** Why a server cannot be used; absent when it answers. */
  readonly servers: Readonly<Record<DialectName, string | undefined>>;
  readonly log: (line: string) => void;
}

/** One line of a workload's table group: a case (a command, a dialect) and who ran it. */
export interface BenchCase {
  readonly label: string;
  readonly entries: readonly Entry[];
}

export interface WorkloadResult {
  readonly id: string;
  readonly title: string;
  readonly cases: readonly BenchCase[];
  readonly notes: readonly string[];
}
