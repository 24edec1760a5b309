import { spawnSync } from 'node:child_process';

/**
 * A small tmpfs mounted over `dir`, to give tests a real read-only or full
 * file system. Needs root (the test containers run as root); elsewhere the
 * reason comes back so the test can say why it is skipped.
 */
export function mountTmpfs(dir: string, size: string): string | null {
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root';
  const run = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' });
  return run.status === 0 ? null : `mount failed: ${(run.stderr || String(run.error)).trim()}`;
}

export function remountReadOnly(dir: string): void {
  const run = spawnSync('mount', ['-o', 'remount,ro', dir], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`remount ${dir} read-only failed: ${run.stderr}`);
}

export function unmount(dir: string): void {
  spawnSync('umount', [dir]);
}
