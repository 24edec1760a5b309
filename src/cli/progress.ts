import { type StepEvent, stepTitle } from '../commands/step-title.js';
import type { Style, TerminalInfo } from './style.js';

/** Time for the live line, injectable so that tests drive it without waiting. */
export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Calls `tick` every `ms` until the returned function is called; never keeps the process alive. */
  every(ms: number, tick: () => void): () => void;
}

export const SYSTEM_CLOCK: Clock = {
  now: () => performance.now(),
  every(ms, tick) {
    const timer = setInterval(tick, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

export interface ProgressStream extends TerminalInfo {
  write(text: string): unknown;
}

export interface ProgressOptions {
  /** Redraw one line per revision in place (a terminal), or print plain lines (a pipe, a file, CI logs). */
  readonly live: boolean;
  readonly style: Style;
  /** Makes one value safe for one line of a terminal (escapes, and hides the URL's password). */
  readonly clean: (text: string) => string;
  readonly clock?: Clock;
}

/** How long a step runs before its line shows the time and the statement being run. */
export const SLOW_STEP_MS = 1000;
const REDRAW_MS = 200;

/**
 * The progress of `upgrade` / `downgrade` on stderr. Not live: one plain
 * line per revision as it starts (`Running upgrade a -> b, msg`), as Alembic
 * prints it. Live (a terminal): one line per revision that is redrawn while
 * the revision runs — after a second with its running time and the
 * statement being run — and ends as `✓ upgrade a -> b, msg (1.24 s)` (or
 * `✗ … failed after …`). Other lines (warnings, a lock wait) are printed
 * above the live line without breaking it.
 */
export class StepProgress {
  private step: { readonly event: StepEvent; readonly started: number; statement: string | null } | null = null;
  private stopTicking: (() => void) | null = null;
  private readonly clock: Clock;

  constructor(
    private readonly stream: ProgressStream,
    private readonly options: ProgressOptions,
  ) {
    this.clock = options.clock ?? SYSTEM_CLOCK;
  }

  /** A revision starts: the previous one, if any, has finished. */
  start(event: StepEvent): void {
    if (!this.options.live) {
      this.stream.write(`${this.options.clean(stepTitle(event))}\n`);
      return;
    }
    this.end('done');
    this.step = { event, started: this.clock.now(), statement: null };
    this.stopTicking ??= this.clock.every(REDRAW_MS, () => this.draw());
    this.draw();
  }

  /** The statement the running revision executes now (shown once the step is slow). */
  statement(sql: string): void {
    if (this.step !== null) this.step.statement = sql;
  }

  /** Ends the live line of the running revision, if any, as done or failed. */
  end(outcome: 'done' | 'failed'): void {
    const step = this.step;
    if (step === null) return;
    this.step = null;
    this.stopTicking?.();
    this.stopTicking = null;
    const { style } = this.options;
    const took = formatDuration(this.clock.now() - step.started);
    const line =
      outcome === 'done'
        ? `${style.good('✓')} ${this.title(step.event, style)} ${style.dim(`(${took})`)}`
        : `${style.bad('✗')} ${this.title(step.event, style)} ${style.bad(`failed after ${took}`)}`;
    this.stream.write(`${CLEAR_LINE}${line}\n`);
  }

  /** A whole line of other output, above the live line. */
  line(text: string): void {
    if (this.step === null) {
      this.stream.write(`${text}\n`);
      return;
    }
    this.stream.write(`${CLEAR_LINE}${text}\n`);
    this.draw();
  }

  private draw(): void {
    const step = this.step;
    if (step === null) return;
    const { style } = this.options;
    // A pseudo-terminal without a size reports 0 columns.
    const columns = this.stream.columns !== undefined && this.stream.columns > 0 ? this.stream.columns : 80;
    const width = Math.max(columns - 1, 20);
    const elapsed = this.clock.now() - step.started;
    const title = this.title(step.event, style);
    const plainTitle = this.options.clean(stepTitle(step.event)).replace(/^Running /, '');
    let line = `${style.dim('…')} ${title}`;
    if (plainTitle.length + 2 > width) {
      line = `… ${plainTitle.slice(0, width - 3)}…`;
    } else if (elapsed >= SLOW_STEP_MS) {
      const time = ` ${formatDuration(elapsed)}`;
      const room = width - plainTitle.length - 2 - time.length;
      const statement = step.statement === null ? '' : this.options.clean(step.statement.replace(/\s+/g, ' ').trim());
      const shown = room < 8 || statement === '' ? '' : `: ${truncate(statement, room - 2)}`;
      line += style.dim(`${time}${shown}`);
    }
    this.stream.write(`${CLEAR_LINE}${line}`);
  }

  /** `upgrade a -> b, msg` with the revision ids coloured. */
  private title(event: StepEvent, style: Style): string {
    const { clean } = this.options;
    return stepTitle({ ...event, message: event.message === null ? null : clean(event.message) }, (id) =>
      style.rev(clean(id)),
    ).replace(/^Running /, '');
  }
}

/** Back to the start of the line and clear it. */
const CLEAR_LINE = '\r\x1b[2K';

function truncate(text: string, room: number): string {
  return text.length <= room ? text : `${text.slice(0, Math.max(room - 1, 0))}…`;
}

/** `850 ms`, `1.24 s`, `2 min 5 s`: what a person reads at a glance. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
