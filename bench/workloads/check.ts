import {
  alembicCheck,
  alembicCreate,
  alembicSchemaProject,
  drizzleProject,
  drizzlePush,
  kilnSchemaProject,
} from '../lib/check-projects.js';
import type { BenchContext, WorkloadResult } from '../lib/context.js';
import { type BenchDatabase, postgresDatabase } from '../lib/databases.js';
import { kiln } from '../lib/kiln-project.js';
import { type Contender, expect, measureAll } from '../lib/measure.js';
import { drizzleCli } from '../lib/peers.js';
import { run } from '../lib/proc.js';

/** Set-up (untimed) may fail for one contender only: that one is reported failed, the others still run. */
function setUp(steps: () => void): string | undefined {
  try {
    steps();
    return undefined;
  } catch (error) {
    return `set-up failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

const tablesThere = (db: BenchDatabase, tables: number) =>
  expect(db.countTables('t') === tables, `${tables} tables t… exist`);

/**
 * Workload 3: `check` on PostgreSQL with every table in sync. Each tool
 * gets its own database, created by that tool. Peers: Alembic (1.9's
 * `check`), drizzle-kit `push` (which says "No changes detected").
 */
export function checkWorkload(ctx: BenchContext, tables: number): WorkloadResult {
  const label = `PostgreSQL, ${tables} tables`;
  const down = ctx.servers.postgres;
  const kilnDb = postgresDatabase('kiln_bench_check_kiln');
  const alembicDb = postgresDatabase('kiln_bench_check_alembic');
  const drizzleDb = postgresDatabase('kiln_bench_check_drizzle');
  const kilnDir = kilnSchemaProject(kilnDb.kilnUrl, tables);
  ctx.log(`  setting up ${tables} tables`);
  const kilnSetup =
    down ??
    setUp(() => {
      kilnDb.fresh();
      run(kiln(kilnDir, ['migrate', '-m', 'init']));
      run(kiln(kilnDir, ['upgrade', 'head']));
    });
  const alembicDir = alembicSchemaProject(alembicDb.alembicUrl, tables);
  const alembicSkip = down ?? ctx.peers.alembicDriver.postgres;
  const alembicSetup =
    alembicSkip ??
    setUp(() => {
      alembicDb.fresh();
      run(alembicCreate(alembicDir));
    });
  const drizzleSkip = down ?? ctx.peers.drizzle;
  const drizzleDir = drizzleProject(tables);
  const drizzleSetup =
    drizzleSkip ??
    setUp(() => {
      drizzleDb.fresh();
      run(drizzlePush(drizzleDir, drizzleCli, drizzleDb.kilnUrl, true));
    });
  const failIf = (why: string | undefined) => () => {
    if (why !== undefined) throw new Error(why);
  };
  ctx.log(`  check with ${tables} tables`);
  const contenders: Contender[] = [
    {
      name: 'kiln',
      role: 'kiln',
      ...(down === undefined ? {} : { skip: down }),
      prepare: failIf(kilnSetup),
      command: () => kiln(kilnDir, ['check']),
      verify: (o) => {
        tablesThere(kilnDb, tables);
        expect(o.stdout.includes('No differences'), 'kiln check reports no differences');
      },
    },
    {
      name: `Alembic ${ctx.peers.alembicVersion ?? ''} check`.trim(),
      role: 'peer',
      ...(alembicSkip === undefined ? {} : { skip: alembicSkip }),
      prepare: failIf(alembicSetup),
      command: () => alembicCheck(alembicDir),
      verify: (o) => {
        tablesThere(alembicDb, tables);
        expect(o.stdout.includes('No new upgrade operations detected'), 'Alembic reports no operations');
      },
    },
    {
      name: 'drizzle-kit push',
      role: 'peer',
      runs: ctx.heavyRuns,
      ...(drizzleSkip === undefined ? {} : { skip: drizzleSkip }),
      prepare: failIf(drizzleSetup),
      command: () => drizzlePush(drizzleDir, drizzleCli, drizzleDb.kilnUrl, false),
      verify: (o) => {
        tablesThere(drizzleDb, tables);
        expect(`${o.stdout}${o.stderr}`.includes('No changes detected'), 'drizzle-kit reports no changes');
      },
    },
  ];
  const entries = measureAll(contenders, ctx.runs);
  if (down === undefined) {
    for (const db of [kilnDb, alembicDb, drizzleDb]) db.drop();
  }
  return {
    id: `check-${tables}`,
    title: `check with ${tables} tables and no change (PostgreSQL)`,
    cases: [{ label, entries }],
    notes: [
      "Alembic 1.8 has no `alembic check`; the peer runs 1.9's command.check (autogenerate in memory) on 1.8",
      'drizzle-kit push is its nearest command: it compares the schema with the database and applies nothing when in sync',
    ],
  };
}
