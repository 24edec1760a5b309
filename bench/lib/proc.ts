import { spawnSync } from 'node:child_process';

/** One process to run: the unit every contender is timed in, so start-up counts for everyone alike. */
export interface Command {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Fed to stdin, as `cli < file.sql` would (the floor's way in). */
  readonly input?: string;
}

export interface Outcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs a command to completion; a non-zero exit throws, so a failure can never be recorded as a time. */
export function run(command: Command): Outcome {
  const started = performance.now();
  const result = spawnSync(command.file, [...command.args], {
    cwd: command.cwd,
    env: { ...process.env, ...command.env },
    input: command.input,
    encoding: 'utf8',
    // kiln's --sql over 500 revisions and Alembic's history are several MB.
    maxBuffer: 512 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const tail = `${result.stderr}\n${result.stdout}`.trim().split('\n').slice(-8).join('\n');
    throw new Error(`${command.file} ${command.args.join(' ')} exited ${result.status}:\n${tail}`);
  }
  return { stdout: result.stdout, stderr: result.stderr, ms };
}

/** True when the command runs and exits 0 (used to probe for servers and peers). */
export function succeeds(command: Command): boolean {
  try {
    run(command);
    return true;
  } catch {
    return false;
  }
}
