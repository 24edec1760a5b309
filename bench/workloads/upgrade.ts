import { alembic, alembicProject, alembicTableAndIndex, writeAlembicRevision } from '../lib/alembic-project.js';
import type { BenchCase, BenchContext, WorkloadResult } from '../lib/context.js';
import { type BenchDatabase, benchDatabase, type DialectName } from '../lib/databases.js';
import { knex, knexProject } from '../lib/knex-project.js';
import { kiln, kilnProject, kilnTableAndIndex, revisionId, writeKilnRevision } from '../lib/kiln-project.js';
import { type Contender, expect, measureAll } from '../lib/measure.js';
import { benchRoot } from '../lib/paths.js';
import { run } from '../lib/proc.js';

const dialects: readonly DialectName[] = ['sqlite', 'postgres', 'mysql'];
const dialectTitle: Record<DialectName, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL', mysql: 'MariaDB' };

/** A kiln project of `size` revisions, a table and an index each. */
export function tableAndIndexProject(url: string, size: number): string {
  const dir = kilnProject(url);
  for (let i = 0; i < size; i++) {
    const { body, prelude } = kilnTableAndIndex(i);
    writeKilnRevision(dir, i, body, prelude);
  }
  return dir;
}

/** The same chain for Alembic. */
export function tableAndIndexAlembic(url: string, size: number): string {
  const dir = alembicProject(url);
  for (let i = 0; i < size; i++) writeAlembicRevision(dir, i, alembicTableAndIndex(i));
  return dir;
}

/** All `size` tables exist and the version table holds exactly `head`. */
function verifyApplied(db: BenchDatabase, size: number, versionTable: string, head: string): void {
  expect(db.countTables('t') === size, `${size} tables t0…t${size - 1} exist`);
  const versions = db.query(`SELECT version_num FROM ${versionTable}`);
  expect(versions === head, `${versionTable} holds ${head} (found ${JSON.stringify(versions)})`);
}

function dialectCase(ctx: BenchContext, dialect: DialectName, size: number): BenchCase {
  const label = `${dialectTitle[dialect]}, ${size} revisions`;
  const down = ctx.servers[dialect];
  const db = benchDatabase(dialect, benchRoot.tmp, 'kiln_bench_upgrade');
  const head = revisionId(size - 1);
  const kilnDir = tableAndIndexProject(db.kilnUrl, size);
  const fresh = () => db.fresh();
  const skipAll = down === undefined ? {} : { skip: down };
  // The floor is kiln's own SQL, produced untimed: the same statements, minus kiln.
  const floorSql = down === undefined ? run(kiln(kilnDir, ['upgrade', 'head', '--sql'])).stdout : '';
  const alembicSkip = down ?? ctx.peers.alembicDriver[dialect];
  const alembicDir = alembicSkip === undefined ? tableAndIndexAlembic(db.alembicUrl, size) : '';
  const knexSkip = down ?? ctx.peers.knex;
  const knexDir = knexSkip === undefined ? knexProject(db, size) : '';
  const contenders: Contender[] = [
    {
      name: 'kiln',
      role: 'kiln',
      ...skipAll,
      prepare: fresh,
      command: () => kiln(kilnDir, ['upgrade', 'head']),
      verify: () => verifyApplied(db, size, 'kiln_version', head),
    },
    {
      name: `floor: --sql | ${dialect === 'postgres' ? 'psql' : dialect === 'mysql' ? 'mariadb' : 'sqlite3'}`,
      role: 'floor',
      ...skipAll,
      prepare: fresh,
      command: () => db.pipe(floorSql),
      verify: () => verifyApplied(db, size, 'kiln_version', head),
    },
    {
      name: 'knex',
      role: 'peer',
      ...(knexSkip === undefined ? {} : { skip: knexSkip }),
      prepare: fresh,
      command: () => knex(knexDir, ['migrate:latest']),
      verify: () => {
        expect(db.countTables('t') === size, `${size} tables exist`);
        expect(Number(db.query('SELECT count(*) FROM knex_migrations')) === size, `${size} knex_migrations rows`);
      },
    },
    {
      name: `Alembic ${ctx.peers.alembicVersion ?? ''}`.trim(),
      role: 'peer',
      ...(alembicSkip === undefined ? {} : { skip: alembicSkip }),
      prepare: fresh,
      command: () => alembic(alembicDir, ['upgrade', 'head']),
      verify: () => verifyApplied(db, size, 'alembic_version', head),
    },
  ];
  ctx.log(`  upgrade head on ${dialectTitle[dialect]}`);
  const entries = measureAll(contenders, ctx.heavyRuns);
  if (down === undefined) db.drop();
  return { label, entries };
}

/**
 * Workload 2: `upgrade head` over revisions that each create a table and an
 * index, per dialect. Floor: kiln's own `upgrade head --sql` piped into the
 * database's CLI. Peers: knex migrations, Alembic.
 */
export function upgradeWorkload(ctx: BenchContext, size: number): WorkloadResult {
  return {
    id: 'upgrade',
    title: `upgrade head over ${size} revisions, a table and an index each`,
    cases: dialects.map((dialect) => dialectCase(ctx, dialect, size)),
    notes: [
      'every contender starts from an empty database; kiln and Alembic commit one transaction per revision',
      'the floor is the CLI of the database running the SQL kiln prints with --sql (version rows included)',
      'knex, by default, runs the whole batch of migrations in one transaction (one commit instead of 500)',
    ],
  };
}

/** Workload 4: `upgrade head --sql` (no connection) on PostgreSQL. Peer: Alembic's offline mode. */
export function offlineSqlWorkload(ctx: BenchContext, size: number): WorkloadResult {
  const url = 'postgres://postgres@127.0.0.1:5432/kiln_bench_offline';
  const kilnDir = tableAndIndexProject(url, size);
  const alembicSkip = ctx.peers.alembicDriver.postgres;
  const alembicDir =
    alembicSkip === undefined
      ? tableAndIndexAlembic('postgresql+psycopg2://postgres@127.0.0.1:5432/kiln_bench_offline', size)
      : '';
  const head = revisionId(size - 1);
  const verify = (sql: string) => {
    const creates = sql.match(/CREATE TABLE\s+"?t\d+/g)?.length ?? 0;
    expect(creates === size, `${size} CREATE TABLE t… statements (found ${creates})`);
    expect(sql.includes(head), `the script records ${head}`);
  };
  ctx.log(`  upgrade head --sql over ${size} revisions`);
  const contenders: Contender[] = [
    {
      name: 'kiln',
      role: 'kiln',
      command: () => kiln(kilnDir, ['upgrade', 'head', '--sql']),
      verify: (o) => verify(o.stdout),
    },
    {
      name: `Alembic ${ctx.peers.alembicVersion ?? ''}`.trim(),
      role: 'peer',
      ...(alembicSkip === undefined ? {} : { skip: alembicSkip }),
      command: () => alembic(alembicDir, ['upgrade', 'head', '--sql']),
      verify: (o) => verify(o.stdout),
    },
  ];
  return {
    id: 'offline-sql',
    title: `upgrade head --sql over ${size} revisions (PostgreSQL, no connection)`,
    cases: [{ label: `PostgreSQL, ${size} revisions`, entries: measureAll(contenders, ctx.runs) }],
    notes: [],
  };
}
