import { alembic, alembicProject, writeAlembicRevision } from '../lib/alembic-project.js';
import type { BenchCase, BenchContext, WorkloadResult } from '../lib/context.js';
import { sqliteDatabase } from '../lib/databases.js';
import { kiln, kilnProject, revisionId, writeKilnRevision } from '../lib/kiln-project.js';
import { type Contender, expect, measureAll } from '../lib/measure.js';
import { benchRoot } from '../lib/paths.js';
import { run } from '../lib/proc.js';

const readCommands = ['heads', 'history', 'current'] as const;
type ReadCommand = (typeof readCommands)[number];

/** What each command must print for a chain whose head is `head`, so an early exit never passes. */
function verifyRead(command: ReadCommand, head: string, size: number, output: string): void {
  expect(output.includes(head), `${command} names the head ${head}`);
  if (command === 'history') {
    expect(output.includes(revisionId(0)), `history reaches the base ${revisionId(0)}`);
    expect(output.split('\n').length >= size, `history lists ${size} revisions`);
  }
}

/**
 * Workload 1: `heads`/`history`/`current` over a chain of revisions. kiln's
 * files throw if executed, so reading the graph provably neither runs nor
 * transpiles them. Floor: a bare `node -e 0`. Peer: Alembic on the same graph.
 */
export function graphWorkload(ctx: BenchContext, size: number): WorkloadResult {
  const db = sqliteDatabase(benchRoot.tmp, `graph${size}`);
  const kilnDir = kilnProject(db.kilnUrl);
  const alembicDir = alembicProject(sqliteDatabase(benchRoot.tmp, `graph${size}-alembic`).alembicUrl);
  for (let i = 0; i < size; i++) {
    writeKilnRevision(
      kilnDir,
      i,
      '  void op;',
      "throw new Error('a revision file was executed while reading the graph');",
    );
    writeAlembicRevision(alembicDir, i, '    pass');
  }
  const head = revisionId(size - 1);
  run(kiln(kilnDir, ['stamp', 'head']));
  const alembicSkip = ctx.peers.alembic;
  if (alembicSkip === undefined) run(alembic(alembicDir, ['stamp', 'head']));

  const floor: Contender = {
    name: 'node -e 0',
    role: 'floor',
    command: () => ({ file: process.execPath, args: ['-e', '0'] }),
    verify: () => {},
  };
  const cases: BenchCase[] = readCommands.map((command) => {
    ctx.log(`  ${command} over ${size} revisions`);
    const contenders: Contender[] = [
      {
        name: 'kiln',
        role: 'kiln',
        command: () => kiln(kilnDir, [command]),
        verify: (o) => verifyRead(command, head, size, o.stdout),
      },
      floor,
      {
        name: `Alembic ${ctx.peers.alembicVersion ?? ''}`.trim(),
        role: 'peer',
        ...(alembicSkip === undefined ? {} : { skip: alembicSkip }),
        command: () => alembic(alembicDir, [command]),
        verify: (o) => verifyRead(command, head, size, o.stdout),
      },
    ];
    return {
      label: `${command}, ${size.toLocaleString('en')} revisions`,
      entries: measureAll(contenders, ctx.runs),
    };
  });
  return {
    id: `graph-${size}`,
    title: `heads / history / current over a chain of ${size.toLocaleString('en')} revisions`,
    cases,
    notes: ["kiln's revision files throw if executed; the floor is Node's own start-up"],
  };
}
