import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { CliProject, type CliRun } from '../support/cli-project.js';
import { KilnProcess, stopStragglers, waitUntil } from '../support/kiln-process.js';
import { selectedDialect, type TestDatabase, testDatabaseProvider } from '../support/test-database.js';

/**
 * `upgrade --all` on fleets of real databases, through the built CLI, on the
 * dialect `KILN_TEST_DIALECT` selects: SQLite 50 files, PostgreSQL 20
 * databases and 50 schemas of one database, MariaDB 10 databases. Each fleet:
 * all at head; one target broken on purpose (reported, the others done, a
 * re-run finishes it); a `kill -9` in the middle of a run leaves every target
 * at a revision (or, where DDL commits as it goes, with a pending record,
 * settled by hand), and a re-run finishes; `status --all` says so at each step.
 */

/** A small SaaS history: tables with foreign keys, a unique index, a data migration, a column change. */
const REVISIONS: readonly { readonly message: string; readonly up: string; readonly down: string }[] = [
  {
    message: 'organisations',
    up: "await op.createTable('org', { id: integer().primaryKey(), slug: varchar(40).notNull(), name: varchar(120).notNull() });\n  await op.createIndex('ux_org_slug', 'org', ['slug'], { unique: true });",
    down: "await op.dropTable('org');",
  },
  {
    message: 'users',
    up: "await op.createTable('app_user', { id: integer().primaryKey(), org_id: integer().notNull().references('org.id', { onDelete: 'cascade' }), email: varchar(200).notNull() });\n  await op.createIndex('ix_app_user_org_id', 'app_user', ['org_id']);",
    down: "await op.dropTable('app_user');",
  },
  {
    message: 'invoices',
    up: "await op.createTable('invoice', { id: integer().primaryKey(), org_id: integer().notNull().references('org.id', { onDelete: 'cascade' }), total: numeric(12, 2).notNull(), issued_on: date() });",
    down: "await op.dropTable('invoice');",
  },
  {
    message: 'seed the default organisation',
    up: "await op.execute(\"INSERT INTO org (id, slug, name) VALUES (1, 'default', 'Default')\");",
    down: 'await op.execute("DELETE FROM org WHERE id = 1");',
  },
  {
    message: 'user display name',
    up: "await op.addColumn('app_user', 'display_name', varchar(80));",
    down: "await op.dropColumn('app_user', 'display_name');",
  },
  {
    message: 'invoice status',
    up: "await op.addColumn('invoice', 'status', varchar(20).notNull().default('open'));\n  await op.createIndex('ix_invoice_status', 'invoice', ['status']);",
    down: "await op.dropIndex('ix_invoice_status', 'invoice');\n  await op.dropColumn('invoice', 'status');",
  },
];

/**
 * Undoing each revision by hand on MariaDB, whichever of its statements ran
 * (a `kill -9` can leave one half-applied there): what a user would type
 * before `kiln resolve <rev> --rolled-back`.
 */
const MARIADB_HAND_UNDO: readonly string[] = [
  'DROP TABLE IF EXISTS org;',
  'DROP TABLE IF EXISTS app_user;',
  'DROP TABLE IF EXISTS invoice;',
  'DELETE FROM org WHERE id = 1;',
  'ALTER TABLE app_user DROP COLUMN IF EXISTS display_name;',
  'DROP INDEX IF EXISTS ix_invoice_status ON invoice;\nALTER TABLE invoice DROP COLUMN IF EXISTS status;',
];

const ids = REVISIONS.map((_, i) => `f1ee7${String(i).padStart(7, '0')}`);
const HEAD = ids.at(-1) as string;

function revisionFile(index: number): string {
  const { message, up, down } = REVISIONS[index] as (typeof REVISIONS)[number];
  return `import type { Operations } from 'kiln';
import { date, integer, numeric, varchar } from 'kiln';
void date; void numeric; void varchar; void integer;
export const revision = '${ids[index]}';
export const downRevision = ${index === 0 ? 'null' : `'${ids[index - 1]}'`};
export const message = ${JSON.stringify(message)};
export async function upgrade(op: Operations) {
  ${up}
}
export async function downgrade(op: Operations) {
  ${down}
}
`;
}

/** One target of a fleet: its config entry and a way to run SQL on it behind kiln's back. */
interface FleetTarget {
  readonly name: string;
  readonly url: string;
  sql(script: string): void;
}

interface Fleet {
  readonly title: string;
  /** The config's `targets` as source text (schema targets are one entry). */
  readonly targetsSource: string;
  readonly targets: readonly FleetTarget[];
  drop(): Promise<void>;
}

function runOn(database: TestDatabase, script: string): void {
  const run = database.runScript(script);
  if (run.status !== 0) throw new Error(`setup SQL failed: ${run.stderr}`);
}

async function databaseFleet(title: string, count: number): Promise<Fleet> {
  const provider = await testDatabaseProvider();
  const databases = await Promise.all(Array.from({ length: count }, () => provider.create()));
  const targets = databases.map((database, i) => ({
    name: `db-${String(i).padStart(2, '0')}`,
    url: database.url,
    sql: (script: string) => runOn(database, script),
  }));
  return {
    title,
    targetsSource: JSON.stringify(targets.map(({ name, url }) => ({ name, url }))),
    targets,
    drop: async () => {
      await Promise.all(databases.map((d) => d.drop()));
    },
  };
}

async function schemaFleet(count: number): Promise<Fleet> {
  const database = await (await testDatabaseProvider('postgres')).create();
  const schemas = Array.from({ length: count }, (_, i) => `tenant_${String(i).padStart(2, '0')}`);
  runOn(database, schemas.map((s) => `CREATE SCHEMA ${s};`).join('\n'));
  return {
    title: `${count} PostgreSQL schemas in one database`,
    // Half by a list, half by a query: both forms of `schemas`.
    targetsSource: JSON.stringify([
      { name: 'listed', url: database.url, schemas: schemas.slice(0, count / 2) },
      {
        name: 'queried',
        url: database.url,
        schemas: {
          query: `SELECT nspname FROM pg_namespace WHERE nspname >= 'tenant_${count / 2}' AND nspname LIKE 'tenant\\_%' ORDER BY 1`,
        },
      },
    ]),
    targets: schemas.map((schema, i) => ({
      name: `${i < count / 2 ? 'listed' : 'queried'}.${schema}`,
      url: database.url,
      sql: (script: string) => runOn(database, `SET search_path TO ${schema};\n${script}`),
    })),
    drop: () => database.drop(),
  };
}

function fleets(): (() => Promise<Fleet>)[] {
  switch (selectedDialect()) {
    case 'postgres':
      return [() => databaseFleet('20 PostgreSQL databases', 20), () => schemaFleet(50)];
    case 'mysql':
      return [() => databaseFleet('10 MariaDB databases', 10)];
    default:
      return [() => databaseFleet('50 SQLite files', 50)];
  }
}

interface CurrentRow {
  readonly target: string;
  readonly status: string;
  readonly current: { readonly versionRows: string[]; readonly halfApplied: { revision: string }[] } | null;
}

function currentRows(project: CliProject): CurrentRow[] {
  return (JSON.parse(project.ok(['current', '--all', '--json']).stdout) as { targets: CurrentRow[] }).targets;
}

function assertAllAtHead(project: CliProject, fleet: Fleet): void {
  const rows = currentRows(project);
  assert.deepEqual(
    rows.map((r) => r.target),
    fleet.targets.map((t) => t.name),
  );
  for (const row of rows) assert.deepEqual(row.current?.versionRows, [HEAD], `${row.target} is not at head`);
}

interface StatusRow {
  readonly target: string;
  readonly state: string;
  readonly current: string[] | null;
  readonly pending: number | null;
  readonly halfApplied: string[] | null;
}

const EXIT_CODES: Readonly<Record<string, number>> = { 'up-to-date': 0, pending: 3, attention: 4 };

/**
 * One `status --all --json` call, every target read, in the config's order.
 * Its exit code is `exitCode`, or (null) the worst row's verdict.
 */
function statusRows(project: CliProject, fleet: Fleet, exitCode: number | null): StatusRow[] {
  const run = project.kiln(['status', '--all', '--json']);
  const report = JSON.parse(run.stdout) as { state: string; failed: string[]; targets: StatusRow[] };
  assert.deepEqual(report.failed, [], `no target failed to be read\n${run.stderr}`);
  assert.deepEqual(
    report.targets.map((r) => r.target),
    fleet.targets.map((t) => t.name),
  );
  const worst = ['attention', 'pending', 'up-to-date'].find((state) => report.targets.some((r) => r.state === state));
  assert.equal(report.state, worst);
  assert.equal(run.status, exitCode ?? EXIT_CODES[report.state], `exit code for ${report.state}`);
  return report.targets;
}

/** Every target's status row matches `current --all` and says what its revisions say: at head, behind or half-applied. */
function assertStatusMatchesCurrent(project: CliProject, fleet: Fleet): StatusRow[] {
  const rows = statusRows(project, fleet, null);
  const current = new Map(currentRows(project).map((r) => [r.target, r.current]));
  for (const row of rows) {
    const truth = current.get(row.target);
    assert.deepEqual(row.current, truth?.versionRows, `${row.target}: status and current disagree`);
    assert.deepEqual(
      row.halfApplied,
      truth?.halfApplied.map((h) => h.revision),
      `${row.target}: half-applied`,
    );
    const at = row.current?.length === 1 ? ids.indexOf(row.current[0] as string) + 1 : 0;
    assert.equal(row.pending, ids.length - at, `${row.target}: pending count`);
    const expected = (row.halfApplied?.length ?? 0) > 0 ? 'attention' : at === ids.length ? 'up-to-date' : 'pending';
    assert.equal(row.state, expected, row.target);
  }
  return rows;
}

function assertStatusAllUpToDate(project: CliProject, fleet: Fleet): void {
  for (const row of statusRows(project, fleet, 0)) {
    assert.equal(row.state, 'up-to-date', row.target);
    assert.deepEqual(row.current, [HEAD], row.target);
  }
}

function json(run: CliRun): { targets: { target: string; status: string; applied: number }[]; failed: string[] } {
  return JSON.parse(run.stdout);
}

for (const makeFleet of fleets()) {
  describe('upgrade --all on a fleet', { timeout: 600_000 }, () => {
    let fleet: Fleet;
    let project: CliProject;
    before(async () => {
      fleet = await makeFleet();
      project = new CliProject({
        'package.json': '{ "type": "module" }\n',
        'kiln.config.mjs': `export default { migrations: './migrations', targets: async () => ${fleet.targetsSource} };\n`,
      });
      ids.forEach((id, index) => {
        project.write(`migrations/versions/${id}.ts`, revisionFile(index));
      });
    });
    afterEach(stopStragglers);
    after(async () => {
      project.remove();
      await fleet.drop();
    });

    it('brings every target to head; a broken one fails alone and a re-run finishes it', () => {
      const broken = fleet.targets[3] as FleetTarget;
      for (const row of statusRows(project, fleet, 3)) assert.equal(row.state, 'pending', row.target);
      // The table revision 3 creates is in the way on one target.
      broken.sql('CREATE TABLE invoice (id INTEGER PRIMARY KEY);');
      const first = project.ok(['upgrade', 'head', '--all', '--parallel', '4', '--json'], 1);
      const report = json(first);
      assert.deepEqual(report.failed, [broken.name], fleet.title);
      for (const row of report.targets) {
        assert.equal(row.status, row.target === broken.name ? 'failed' : 'done', row.target);
        if (row.target !== broken.name) assert.equal(row.applied, ids.length);
        else assert.equal(row.applied, 2);
      }
      assert.match(first.stderr, new RegExp(`\\[${broken.name.replace('.', '\\.')}\\] failed after`));
      const text = project.ok(['upgrade', '--all'], 1);
      assert.match(
        text.stderr,
        new RegExp(`kiln: error: 1 of ${fleet.targets.length} target\\(s\\) failed: ${broken.name}`),
      );
      // The broken target stays behind (half-applied only where DDL is not transactional), the others at head.
      const midway = assertStatusMatchesCurrent(project, fleet);
      for (const row of midway) {
        if (row.target !== broken.name) assert.equal(row.state, 'up-to-date', row.target);
        else assert.deepEqual(row.current, [ids[1]], row.target);
      }
      broken.sql('DROP TABLE invoice;');
      const rerun = json(project.ok(['upgrade', 'head', '--all', '--json']));
      for (const row of rerun.targets) assert.equal(row.applied, row.target === broken.name ? ids.length - 2 : 0);
      assertAllAtHead(project, fleet);
      assertStatusAllUpToDate(project, fleet);
    });

    it('survives a kill -9 in the middle of the run; a re-run finishes', async () => {
      project.ok(['downgrade', 'base', '--all', '--parallel', '8']);
      for (const row of statusRows(project, fleet, 3)) {
        assert.equal(row.state, 'pending', row.target);
        assert.deepEqual(row.current, [], row.target);
      }
      const run = new KilnProcess(project.dir, ['upgrade', 'head', '--all', '--parallel', '4']);
      await waitUntil('three targets done', () => (run.stderr.match(/\] done in /g) ?? []).length >= 3);
      run.kill();
      const exit = await run.exited;
      assert.equal(exit.signal, 'SIGKILL', 'the run ended before it was killed');
      const killed = assertStatusMatchesCurrent(project, fleet);
      assert.ok(
        killed.some((r) => r.state !== 'up-to-date'),
        'the run was killed before it finished',
      );
      assert.ok(killed.filter((r) => r.state === 'up-to-date').length >= 3, 'three targets were done');
      if (selectedDialect() !== 'mysql') assert.ok(!killed.some((r) => r.state === 'attention'));
      const pending: string[] = [];
      for (const row of currentRows(project)) {
        const rows = row.current?.versionRows ?? [];
        assert.ok(rows.length === 0 || (rows.length === 1 && ids.includes(rows[0] as string)), row.target);
        if ((row.current?.halfApplied.length ?? 0) > 0) pending.push(row.target);
      }
      // Only where DDL commits as it runs (MariaDB) may a revision be left half-applied; it is then named.
      if (pending.length > 0) {
        assert.equal(selectedDialect(), 'mysql', `pending records on ${pending.join(', ')}`);
        const rerun = json(project.ok(['upgrade', 'head', '--all', '--json'], 1));
        assert.deepEqual(rerun.failed, pending);
        // The half-applied ones still ask for attention; every other target is at head.
        for (const row of assertStatusMatchesCurrent(project, fleet))
          assert.equal(row.state, pending.includes(row.target) ? 'attention' : 'up-to-date', row.target);
        // As the hint says: undo the revision by hand, `kiln resolve --rolled-back`, run again.
        for (const row of currentRows(project).filter((r) => pending.includes(r.target))) {
          const target = fleet.targets.find((t) => t.name === row.target) as FleetTarget;
          const revision = row.current?.halfApplied[0]?.revision as string;
          target.sql(MARIADB_HAND_UNDO[ids.indexOf(revision)] as string);
          project.ok(['resolve', revision, '--rolled-back'], 0, { DATABASE_URL: target.url });
        }
      }
      const rerun = json(project.ok(['upgrade', 'head', '--all', '--json']));
      assert.deepEqual(rerun.failed, []);
      assertAllAtHead(project, fleet);
      assertStatusAllUpToDate(project, fleet);
    });

    it('--targets picks by name and glob; --canary stops the run when a canary fails', () => {
      const [first, second] = fleet.targets as [FleetTarget, FleetTarget];
      const prefix = first.name.slice(0, first.name.length - 1);
      const down = json(
        project.ok(['downgrade', ids[3] as string, '--targets', `${first.name},${second.name}`, '--json']),
      );
      assert.deepEqual(
        down.targets.map((r) => r.target),
        [first.name, second.name],
      );
      const picked = json(project.ok(['upgrade', '--targets', `${prefix}*`, '--json']));
      assert.ok(picked.targets.some((r) => r.target === first.name && r.applied === 2));
      project.ok(['downgrade', 'base', '--targets', first.name]);
      first.sql('CREATE TABLE org (id INTEGER PRIMARY KEY);');
      const canary = project.ok(['upgrade', '--all', '--canary', '1', '--json'], 1);
      const report = JSON.parse(canary.stdout) as { failed: string[]; skipped: string[]; ok: boolean };
      assert.equal(report.ok, false);
      assert.deepEqual(report.failed, [first.name]);
      assert.equal(report.skipped.length, fleet.targets.length - 1);
      first.sql('DROP TABLE org;');
      project.ok(['upgrade', '--all', '--canary', '2']);
      assertAllAtHead(project, fleet);
    });
  });
}
