/**
 * kiln beside its floor and its peers, one run, one table per workload:
 *   1. heads / history / current over 2,000 revisions (floor `node -e 0`, peer Alembic);
 *   2. upgrade head over 500 revisions, a table and an index each, per dialect
 *      (floor: kiln's `--sql` piped into sqlite3 / psql / mariadb; peers knex, Alembic);
 *   3. check with 300 tables and no change on PostgreSQL (peers Alembic, drizzle-kit push);
 *   4. upgrade head --sql over 500 revisions (peer Alembic);
 *   5. a SQLite change needing a table rebuild on 1M rows (floor: by hand in sqlite3; peer Alembic batch);
 *   6. upgrade head --all on 200 SQLite targets × 20 revisions, vs --parallel 1 and one process per target,
 *      with peak memory.
 * Every timed command's effect is verified, so a fast failure never counts as fast.
 *
 * Run: npm run bench [-- --quick] [--only graph,upgrade,check,sql,rebuild,targets] [--growth] [--runs N]
 *        [--heavy-runs N] [--keep];   npm run -s bench -- --json > figures.json
 *   --quick       small sizes (100 revisions, 20 tables, 10k rows): a smoke test of the harness
 *   --growth      graph at 1k/2k/8k revisions and check at 30/300/1,000 tables
 *   --runs        best of N for the short commands (default 3, 1 with --quick)
 *   --heavy-runs  best of N for upgrades, rebuilds and drizzle-kit push (default 1)
 *   --json        JSON on stdout, tables on stderr; otherwise the JSON goes to bench/results.json
 * Peers: bench/package.json (knex, drizzle-kit, pg, mysql2; installed on demand), Alembic from
 * Debian (apt-get install -y python3-alembic python3-psycopg2 python3-pymysql). A peer or server
 * that is missing is reported as skipped with the reason.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { BenchContext, WorkloadResult } from './lib/context.js';
import { type DialectName, serverUnavailable } from './lib/databases.js';
import { benchDir, makeBenchTmp } from './lib/paths.js';
import { peerStatus } from './lib/peers.js';
import { renderSummary, renderWorkload, toJson } from './lib/report.js';
import { checkWorkload } from './workloads/check.js';
import { graphWorkload } from './workloads/graph.js';
import { rebuildWorkload } from './workloads/rebuild.js';
import { targetsWorkload } from './workloads/targets.js';
import { offlineSqlWorkload, upgradeWorkload } from './workloads/upgrade.js';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i === -1 ? undefined : argv[i + 1];
};
const quick = flag('--quick');
const json = flag('--json');
const only = new Set((option('--only') ?? 'graph,upgrade,check,sql,rebuild,targets').split(','));
// With --json the tables go to stderr, so stdout is the JSON alone.
const log = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);

const sizes = quick
  ? {
      chain: 100,
      upgrade: 20,
      tables: 20,
      rebuildRows: 10_000,
      growthChains: [50, 200],
      growthTables: [10, 40],
      targets: 20,
      targetRevisions: 5,
    }
  : {
      chain: 2000,
      upgrade: 500,
      tables: 300,
      rebuildRows: 1_000_000,
      growthChains: [1000, 2000, 8000],
      growthTables: [30, 300, 1000],
      targets: 200,
      targetRevisions: 20,
    };

const tmp = makeBenchTmp();
// The load average is printed because the figures mean little on a busy machine.
const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
const loadAtStart = load();
log(
  `kiln bench${quick ? ' (--quick: small sizes, a smoke test)' : ''}; ${cpus().length} cores, load ${loadAtStart}; Node ${process.version}`,
);
const peers = peerStatus(log);
const servers = Object.fromEntries(
  (['sqlite', 'postgres', 'mysql'] as const).map((d) => [d, serverUnavailable(d)]),
) as Record<DialectName, string | undefined>;
const ctx: BenchContext = {
  quick,
  runs: Number(option('--runs') ?? (quick ? 1 : 3)),
  heavyRuns: Number(option('--heavy-runs') ?? 1),
  peers,
  servers,
  log,
};

const growth = flag('--growth');
// Thunks, one per table printed, so each table appears as soon as it is measured.
const plan: [string, (() => WorkloadResult)[]][] = [
  ['graph', (growth ? sizes.growthChains : [sizes.chain]).map((size) => () => graphWorkload(ctx, size))],
  ['upgrade', [() => upgradeWorkload(ctx, sizes.upgrade)]],
  ['check', (growth ? sizes.growthTables : [sizes.tables]).map((n) => () => checkWorkload(ctx, n))],
  ['sql', [() => offlineSqlWorkload(ctx, sizes.upgrade)]],
  ['rebuild', [() => rebuildWorkload(ctx, sizes.rebuildRows)]],
  ['targets', [() => targetsWorkload(ctx, sizes.targets, sizes.targetRevisions)]],
];

const results: WorkloadResult[] = [];
try {
  for (const [name, workloads] of plan) {
    if (!only.has(name)) continue;
    log(`running ${name} …`);
    for (const workload of workloads) {
      const result = workload();
      results.push(result);
      log(`\n${renderWorkload(result)}\n`);
    }
  }
  log(renderSummary(results));
} finally {
  if (!flag('--keep')) rmSync(tmp, { recursive: true, force: true });
}

const output = toJson(results, {
  date: new Date().toISOString(),
  quick,
  node: process.version,
  cores: cpus().length,
  load: { start: loadAtStart, end: load() },
  alembic: peers.alembicVersion ?? null,
  runs: { light: ctx.runs, heavy: ctx.heavyRuns, figure: 'best of the runs, ms' },
});
if (json) process.stdout.write(output);
else {
  writeFileSync(join(benchDir, 'results.json'), output);
  log(`figures written to bench/results.json; load at the end ${load()}`);
}
