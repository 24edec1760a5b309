import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext, WorkloadResult } from '../lib/context.js';
import { kilnProject, kilnTableAndIndex, revisionId, writeKilnRevision } from '../lib/kiln-project.js';
import { type Contender, expect, measureAll } from '../lib/measure.js';
import { kilnRoot } from '../lib/paths.js';
import type { Command } from '../lib/proc.js';

const TIME = '/usr/bin/time';

/** GNU time's peak resident set size (KB) line, written after the command's own stderr. */
const PEAK = /^peak-kb (\d+)$/m;

/** The command under GNU time, which reports the peak memory of it and its children. */
function timed(command: Command): Command {
  return { ...command, file: TIME, args: ['-f', 'peak-kb %M', command.file, ...command.args] };
}

/** Every target's file holds the head version row (read through `kiln current --all`: no sqlite3 needed). */
function verifyAllAtHead(dir: string, targets: number, head: string): void {
  const files = readdirSync(join(dir, 'db')).filter((f) => f.endsWith('.db'));
  expect(files.length === targets, `${targets} database files`);
  const result = spawnSync(process.execPath, [join(kilnRoot, 'bin', 'kiln.js'), 'current', '--all', '--json'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(result.status === 0, 'kiln current --all succeeds');
  const current = JSON.parse(result.stdout) as { targets: { current: { versionRows: string[] } | null }[] };
  expect(
    current.targets.every((t) => t.current?.versionRows.join() === head),
    `every target at ${head}`,
  );
}

/**
 * Workload 6: `targets` × `revisions` on SQLite files (a table and an index
 * per revision): `upgrade --all --parallel 4` in one process, the same with
 * `--parallel 1`, and the floor a fleet without `--all` has: one `kiln
 * upgrade --url …` process per target, one after the other. Peak memory of
 * each (GNU time's maximum resident set) is in the notes.
 */
export function targetsWorkload(ctx: BenchContext, targets: number, revisions: number): WorkloadResult {
  const names = Array.from({ length: targets }, (_, i) => `t${String(i).padStart(3, '0')}`);
  const dir = kilnProject('sqlite:./unused.db', {
    targets: names.map((name) => ({ name, url: `sqlite:./db/${name}.db` })),
  });
  for (let i = 0; i < revisions; i++) {
    const { body, prelude } = kilnTableAndIndex(i);
    writeKilnRevision(dir, i, body, prelude);
  }
  const head = revisionId(revisions - 1);
  const fresh = () => {
    rmSync(join(dir, 'db'), { recursive: true, force: true });
    // SQLite creates the file, not its folder.
    mkdirSync(join(dir, 'db'));
  };
  const node = process.execPath;
  const bin = join(kilnRoot, 'bin', 'kiln.js');
  // A script file rather than \`sh -c\`, so that a failure's message quotes a short command.
  writeFileSync(
    join(dir, 'one-by-one.sh'),
    `set -e\n${names.map((name) => `"${node}" "${bin}" upgrade head --url sqlite:./db/${name}.db >/dev/null\n`).join('')}`,
  );
  const peaks = new Map<string, number>();
  const contender = (name: string, role: Contender['role'], command: Command): Contender => ({
    name,
    role,
    prepare: fresh,
    command: () => timed(command),
    verify: (outcome) => {
      const peak = PEAK.exec(outcome.stderr);
      expect(peak !== null, 'GNU time reported the peak memory');
      peaks.set(name, Math.max(peaks.get(name) ?? 0, Number(peak?.[1])));
      verifyAllAtHead(dir, targets, head);
    },
  });
  const kilnCommand = (args: readonly string[]): Command => ({
    file: node,
    args: [bin, ...args],
    cwd: dir,
    env: { DATABASE_URL: '' },
  });
  const skip = existsSync(TIME) ? undefined : `${TIME} (GNU time) is not installed`;
  const contenders: Contender[] = [
    contender('kiln --all --parallel 4', 'kiln', kilnCommand(['upgrade', 'head', '--all', '--parallel', '4'])),
    contender('kiln --all --parallel 1', 'peer', kilnCommand(['upgrade', 'head', '--all', '--parallel', '1'])),
    contender('kiln one process per target', 'peer', {
      file: '/bin/sh',
      args: ['one-by-one.sh'],
      cwd: dir,
      env: { DATABASE_URL: '' },
    }),
  ].map((c) => (skip === undefined ? c : { ...c, skip }));
  const entries = measureAll(contenders, ctx.heavyRuns);
  return {
    id: 'targets',
    title: `upgrade head on ${targets} SQLite targets × ${revisions} revisions (a table and an index each)`,
    cases: [{ label: `${targets} targets`, entries }],
    notes: [...peaks].map(([name, kb]) => `peak memory, ${name}: ${(kb / 1024).toFixed(0)} MB`),
  };
}
