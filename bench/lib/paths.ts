import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The kiln checkout (bench/..), whose built CLI is measured. */
export const kilnRoot = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
export const benchDir = join(kilnRoot, 'bench');

/** One temporary folder per bench run, removed at the end (`--keep` leaves it). */
export const benchRoot = { tmp: '' };

export function makeBenchTmp(): string {
  mkdirSync(tmpdir(), { recursive: true });
  benchRoot.tmp = mkdtempSync(join(tmpdir(), 'kiln-bench-'));
  return benchRoot.tmp;
}
