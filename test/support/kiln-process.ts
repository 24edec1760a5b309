import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { KILN_BIN } from './cli-project.js';

export interface KilnExit {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Processes not yet exited: a failed assertion must not leave one holding a lock (and the test file open). */
const running = new Set<ChildProcess>();

/**
 * Kills (`kill -9`) every kiln process a test started that still runs, and
 * waits for them: for `afterEach`, so a test that failed halfway neither
 * leaves a lock held for the next one nor keeps the test run from ending.
 */
export async function stopStragglers(): Promise<void> {
  const left = [...running];
  await Promise.all(
    left.map((child) => {
      const closed = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGKILL');
      return closed;
    }),
  );
}

/**
 * The built CLI as a separate process, running alongside others (spawnSync
 * in `CliProject` runs one at a time). Output is collected as it comes, so a
 * test can wait for a line while the process still runs.
 */
export class KilnProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<KilnExit>;
  private readonly child: ChildProcess;

  constructor(dir: string, args: readonly string[], env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, [KILN_BIN, ...args], {
      cwd: dir,
      env: { ...process.env, DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => {
      this.stdout += chunk.toString();
    });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    running.add(this.child);
    this.exited = new Promise((resolve) => {
      this.child.on('close', (status, signal) => {
        running.delete(this.child);
        resolve({ status, signal, stdout: this.stdout, stderr: this.stderr });
      });
    });
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('kiln did not start');
    return this.child.pid;
  }

  /** `kill -9`: no cleanup code of kiln's runs. */
  kill(): void {
    this.child.kill('SIGKILL');
  }
}

/** Runs several kiln processes at once and waits for all of them. */
export function runAll(dir: string, count: number, args: readonly string[]): Promise<KilnExit[]> {
  return Promise.all(Array.from({ length: count }, () => new KilnProcess(dir, args).exited));
}

/**
 * Waits until `ready()` holds. The limit only keeps a broken run from
 * hanging the suite; nothing is asserted about how long it took.
 */
export async function waitUntil(
  what: string,
  ready: () => boolean | Promise<boolean>,
  limitMs = 120_000,
): Promise<void> {
  const give = Date.now() + limitMs;
  while (!(await ready())) {
    if (Date.now() > give) throw new Error(`gave up waiting for ${what}`);
    await sleep(50);
  }
}

export const fileExists = (path: string) => (): boolean => existsSync(path);

/** A one-line summary of exits for assertion messages. */
export function describeExits(exits: readonly KilnExit[]): string {
  return exits
    .map((e, i) => `#${i}: status ${e.status}${e.signal === null ? '' : ` ${e.signal}`}\n${e.stderr.trim()}`)
    .join('\n');
}
