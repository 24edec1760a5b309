import { copyFileSync } from 'node:fs';
import { alembic, alembicProject, writeAlembicRevision } from '../lib/alembic-project.js';
import type { BenchContext, WorkloadResult } from '../lib/context.js';
import { type BenchDatabase, sqliteDatabase } from '../lib/databases.js';
import { kiln, kilnProject, revisionId, writeKilnRevision } from '../lib/kiln-project.js';
import { type Contender, expect, measureAll } from '../lib/measure.js';
import { benchRoot } from '../lib/paths.js';
import { run } from '../lib/proc.js';

const [r0, r1] = [revisionId(0), revisionId(1)];

/** `rows` rows in one statement, untimed: sqlite3's recursive CTE is the quickest way in. */
const fill = (rows: number) =>
  `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${rows})
   INSERT INTO big (id, name, n) SELECT x, 'name ' || x, x FROM c;`;

// The same rebuild by hand, in SQLite's documented order (foreign keys off
// outside the transaction, copy, drop, rename, indexes, check, commit).
const byHand = `PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE big_new (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(30) NOT NULL, n INTEGER);
INSERT INTO big_new (id, name, n) SELECT id, name, n FROM big;
DROP TABLE big;
ALTER TABLE big_new RENAME TO big;
CREATE INDEX ix_big_name ON big (name);
PRAGMA foreign_key_check;
UPDATE kiln_version SET version_num = '${r1}' WHERE version_num = '${r0}';
COMMIT;
PRAGMA foreign_keys = ON;
`;

/** Every row is still there, `name` is NOT NULL now, its index exists, and the version row moved. */
function verifyRebuilt(db: BenchDatabase, rows: number, versionTable: string): void {
  expect(Number(db.query('SELECT count(*) FROM big')) === rows, `big keeps its ${rows} rows`);
  const notNull = db.query("SELECT \"notnull\" FROM pragma_table_info('big') WHERE name = 'name'");
  expect(notNull === '1', 'big.name is NOT NULL');
  expect(db.query("SELECT count(*) FROM sqlite_master WHERE name = 'ix_big_name'") === '1', 'ix_big_name exists');
  expect(db.query(`SELECT version_num FROM ${versionTable}`) === r1, `${versionTable} holds ${r1}`);
}

/** A database at r0 with the rows in, copied before every timed run. */
function template(name: string, rows: number, migrate: () => void, db: BenchDatabase): string {
  migrate();
  db.query(fill(rows));
  const file = `${benchRoot.tmp}/${name}.template.db`;
  copyFileSync(db.kilnUrl.slice('sqlite:'.length), file);
  return file;
}

/**
 * Workload 5: on SQLite, making a column NOT NULL needs a table rebuild.
 * Floor: the same rebuild by hand in sqlite3. Peer: Alembic's batch mode.
 */
export function rebuildWorkload(ctx: BenchContext, rows: number): WorkloadResult {
  const db = sqliteDatabase(benchRoot.tmp, 'rebuild');
  const file = db.kilnUrl.slice('sqlite:'.length);
  const kilnDir = kilnProject(db.kilnUrl);
  writeKilnRevision(
    kilnDir,
    0,
    `  await op.createTable('big', { id: integer().primaryKey(), name: varchar(30), n: integer() });
  await op.createIndex('ix_big_name', 'big', ['name']);`,
    "import { integer, varchar } from 'kiln';",
  );
  writeKilnRevision(kilnDir, 1, "  await op.alterColumn('big', 'name', { notNull: true });");
  ctx.log(`  filling ${rows.toLocaleString('en')} rows`);
  db.fresh();
  const kilnTemplate = template('kiln', rows, () => run(kiln(kilnDir, ['upgrade', r0])), db);

  const alembicSkip = ctx.peers.alembic;
  const alembicDir = alembicProject(db.alembicUrl);
  let alembicTemplate = '';
  if (alembicSkip === undefined) {
    writeAlembicRevision(
      alembicDir,
      0,
      `    op.create_table('big', sa.Column('id', sa.Integer(), primary_key=True, autoincrement=False),
                    sa.Column('name', sa.String(30)), sa.Column('n', sa.Integer()))
    op.create_index('ix_big_name', 'big', ['name'])`,
    );
    writeAlembicRevision(
      alembicDir,
      1,
      `    with op.batch_alter_table('big') as batch:
        batch.alter_column('name', existing_type=sa.String(30), nullable=False)`,
    );
    db.fresh();
    alembicTemplate = template('alembic', rows, () => run(alembic(alembicDir, ['upgrade', r0])), db);
  }
  const from = (source: string) => () => copyFileSync(source, file);
  ctx.log('  rebuilding');
  const contenders: Contender[] = [
    {
      name: 'kiln',
      role: 'kiln',
      prepare: from(kilnTemplate),
      command: () => kiln(kilnDir, ['upgrade', 'head']),
      verify: () => verifyRebuilt(db, rows, 'kiln_version'),
    },
    {
      name: 'floor: by hand in sqlite3',
      role: 'floor',
      prepare: from(kilnTemplate),
      command: () => db.pipe(byHand),
      verify: () => verifyRebuilt(db, rows, 'kiln_version'),
    },
    {
      name: `Alembic ${ctx.peers.alembicVersion ?? ''} batch`.trim(),
      role: 'peer',
      ...(alembicSkip === undefined ? {} : { skip: alembicSkip }),
      prepare: from(alembicTemplate),
      command: () => alembic(alembicDir, ['upgrade', 'head']),
      verify: () => verifyRebuilt(db, rows, 'alembic_version'),
    },
  ];
  const label = `${rows.toLocaleString('en')} rows`;
  return {
    id: 'rebuild',
    title: `SQLite: make a column NOT NULL (a table rebuild) on ${label}`,
    cases: [{ label, entries: measureAll(contenders, ctx.heavyRuns) }],
    notes: ['each run starts from a copy of a database at the first revision with the rows in (untimed)'],
  };
}
