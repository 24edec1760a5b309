/** Reported before each revision runs, for progress output. */
export interface StepEvent {
  readonly direction: 'up' | 'down';
  readonly revision: string;
  /** The revision's downRevisions (several for a merge, none for a base). */
  readonly parents: readonly string[];
  /** Version rows the step replaces, and the ones it writes. */
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly message: string | null;
}

/**
 * `Running upgrade 1a2b -> 3c4d, add email` (parents -> revision) and
 * `Running downgrade 3c4d -> 1a2b, add email`, as Alembic words them; a
 * merge lists its parents, a base shows `<base>`. `rev` dresses each
 * revision id (the CLI colours them on a terminal).
 */
export function stepTitle(event: StepEvent, rev: (id: string) => string = (id) => id): string {
  const parents = event.parents.length === 0 ? '<base>' : event.parents.map(rev).join(', ');
  const [from, to] = event.direction === 'up' ? [parents, rev(event.revision)] : [rev(event.revision), parents];
  const verb = event.direction === 'up' ? 'upgrade' : 'downgrade';
  return `Running ${verb} ${from} -> ${to}${event.message === null ? '' : `, ${event.message}`}`;
}
