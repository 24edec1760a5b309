import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
export const KILN_BIN = join(root, 'bin', 'kiln.js');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A throwaway project folder with kiln "installed" (node_modules/kiln → this
 * repository), driven through the built CLI exactly as a user runs it.
 */
export class CliProject {
  readonly dir: string;

  constructor(files: Record<string, string> = {}) {
    this.dir = mkdtempSync(join(tmpdir(), 'kiln-e2e-'));
    mkdirSync(join(this.dir, 'node_modules'));
    symlinkSync(root.replace(/\/$/, ''), join(this.dir, 'node_modules', 'kiln'), 'dir');
    for (const [path, text] of Object.entries(files)) this.write(path, text);
  }

  write(path: string, text: string): void {
    mkdirSync(dirname(join(this.dir, path)), { recursive: true });
    writeFileSync(join(this.dir, path), text);
  }

  path(...parts: string[]): string {
    return join(this.dir, ...parts);
  }

  kiln(args: readonly string[], env: Record<string, string> = {}): CliRun {
    const result = spawnSync(process.execPath, [KILN_BIN, ...args], {
      cwd: this.dir,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '', ...env },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  /** Runs kiln and fails with its output when the exit code is not `expected`. */
  ok(args: readonly string[], expected = 0, env: Record<string, string> = {}): CliRun {
    const run = this.kiln(args, env);
    if (run.status !== expected) {
      throw new Error(
        `kiln ${args.join(' ')} exited ${run.status} (expected ${expected})\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`,
      );
    }
    return run;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
