import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig, statusTargets, type TargetsStatusResult } from 'kiln';
import { CliProject, type CliRun } from '../support/cli-project.js';
import { selectedDialect, type TestDatabase, testDatabaseProvider } from '../support/test-database.js';

/**
 * `kiln status --all` / `--targets` on a fleet of real databases, through the
 * built CLI and `statusTargets()`: SQLite 10 files, PostgreSQL 6 schemas of
 * one database, MariaDB 6 databases, each fleet with targets at head, pending,
 * drifted by a hand ALTER, with an edited revision, and one unreachable.
 */

const REVISIONS: readonly { readonly message: string; readonly up: string; readonly down: string }[] = [
  {
    message: 'organisations',
    up: "await op.createTable('sf_org', { id: integer().primaryKey(), name: varchar(80).notNull() });",
    down: "await op.dropTable('sf_org');",
  },
  {
    message: 'users',
    up: "await op.createTable('sf_user', { id: integer().primaryKey(), org_id: integer().notNull(), email: varchar(200) });",
    down: "await op.dropTable('sf_user');",
  },
  {
    message: 'user display name',
    up: "await op.addColumn('sf_user', 'display_name', varchar(80));",
    down: "await op.dropColumn('sf_user', 'display_name');",
  },
];

const SCHEMA = `import { integer, table, varchar } from 'kiln';
export const org = table('sf_org', { id: integer().primaryKey(), name: varchar(80).notNull() });
export const user = table('sf_user', {
  id: integer().primaryKey(),
  org_id: integer().notNull(),
  email: varchar(200),
  display_name: varchar(80),
});
`;

const ids = REVISIONS.map((_, i) => `5f7a7${String(i).padStart(7, '0')}`);
const HEAD = ids.at(-1) as string;

function revisionFile(index: number): string {
  const { message, up, down } = REVISIONS[index] as (typeof REVISIONS)[number];
  return `import type { Operations } from 'kiln';
import { integer, varchar } from 'kiln';
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

interface FleetTarget {
  readonly name: string;
  sql(script: string): void;
}

interface Fleet {
  readonly title: string;
  /** The config's `targets` as source text, the unreachable target last. */
  readonly targetsSource: string;
  /** The reachable targets, in the config's order. */
  readonly targets: readonly FleetTarget[];
  drop(): Promise<void>;
}

/** A target no one can reach; its URL carries a password that must never be printed. */
const GONE_PASSWORD = 's3cr3t-never-shown';
const GONE = { name: 'gone', url: `postgresql://kiln:${GONE_PASSWORD}@127.0.0.1:1/nowhere` };
const GONE_SQLITE = { name: 'gone', url: 'sqlite:/nonexistent-kiln-dir/gone.db' };

function runOn(database: TestDatabase, script: string): void {
  const run = database.runScript(script);
  if (run.status !== 0) throw new Error(`setup SQL failed: ${run.stderr}`);
}

async function databaseFleet(title: string, count: number, gone: { name: string; url: string }): Promise<Fleet> {
  const provider = await testDatabaseProvider();
  const databases = await Promise.all(Array.from({ length: count }, () => provider.create()));
  const targets = databases.map((database, i) => ({
    name: `db-${String(i).padStart(2, '0')}`,
    url: database.url,
    sql: (script: string) => runOn(database, script),
  }));
  return {
    title,
    targetsSource: JSON.stringify([...targets.map(({ name, url }) => ({ name, url })), gone]),
    targets,
    drop: async () => {
      await Promise.all(databases.map((d) => d.drop()));
    },
  };
}

async function schemaFleet(count: number): Promise<Fleet> {
  const database = await (await testDatabaseProvider('postgres')).create();
  const schemas = Array.from({ length: count }, (_, i) => `sf_tenant_${String(i).padStart(2, '0')}`);
  runOn(database, schemas.map((s) => `CREATE SCHEMA ${s};`).join('\n'));
  return {
    title: `${count} PostgreSQL schemas in one database`,
    targetsSource: JSON.stringify([{ name: 'tenants', url: database.url, schemas }, GONE]),
    targets: schemas.map((schema) => ({
      name: `tenants.${schema}`,
      sql: (script: string) => runOn(database, `SET search_path TO ${schema};\n${script}`),
    })),
    drop: () => database.drop(),
  };
}

function makeFleet(): Promise<Fleet> {
  switch (selectedDialect()) {
    case 'postgres':
      return schemaFleet(6);
    case 'mysql':
      return databaseFleet('6 MariaDB databases', 6, GONE);
    default:
      return databaseFleet('10 SQLite files', 10, GONE_SQLITE);
  }
}

interface Row {
  readonly target: string;
  readonly state: string;
  readonly current: string[] | null;
  readonly pending: number | null;
  readonly schema: string | null;
  readonly edited: number | null;
  readonly halfApplied: string[] | null;
  readonly error: { code: string; message: string } | null;
  readonly status: { schema: { differences: { kind: string; table: string }[] } } | null;
}

interface Report {
  readonly ok: boolean;
  readonly state: string;
  readonly heads: string[];
  readonly targets: Row[];
  readonly failed: string[];
}

function report(run: CliRun): Report {
  return JSON.parse(run.stdout) as Report;
}

describe('status --all on a fleet', { timeout: 600_000 }, () => {
  let fleet: Fleet;
  let project: CliProject;
  let names: {
    head: string;
    base: string;
    behind: string;
    drifted: string;
    edited: string;
  };

  before(async () => {
    fleet = await makeFleet();
    project = new CliProject({
      'package.json': '{ "type": "module" }\n',
      'kiln.config.mjs': `export default { migrations: './migrations', schema: './schema.ts', targets: ${fleet.targetsSource} };\n`,
      'schema.ts': SCHEMA,
    });
    ids.forEach((id, index) => {
      project.write(`migrations/versions/${id}.ts`, revisionFile(index));
    });
    const [head, base, behind, drifted, edited] = fleet.targets.map((t) => t.name) as [
      string,
      string,
      string,
      string,
      string,
    ];
    names = { head, base, behind, drifted, edited };
    const reachable = fleet.targets.map((t) => t.name).join(',');
    project.ok(['upgrade', 'head', '--targets', reachable, '--parallel', '4']);
    project.ok(['downgrade', 'base', '--targets', base]);
    project.ok(['downgrade', ids[0] as string, '--targets', behind]);
    (fleet.targets[3] as FleetTarget).sql('ALTER TABLE sf_org ADD COLUMN extra_note VARCHAR(20);');
    // The file on disk is shared; what this target recorded when it ran the revision is not.
    (fleet.targets[4] as FleetTarget).sql(
      `UPDATE kiln_log SET checksum = '${'0'.repeat(64)}' WHERE revision = '${ids[1]}';`,
    );
  });
  after(async () => {
    project.remove();
    await fleet.drop();
  });

  it('--all --json: one row per target, the unreachable one failed alone; exit 1; no password', () => {
    const run = project.ok(['status', '--all', '--parallel', '3', '--json'], 1);
    const result = report(run);
    assert.equal(result.ok, false, fleet.title);
    assert.equal(result.state, 'failed');
    assert.deepEqual(result.heads, [HEAD]);
    assert.deepEqual(
      result.targets.map((r) => r.target),
      [...fleet.targets.map((t) => t.name), 'gone'],
    );
    assert.deepEqual(result.failed, ['gone']);
    const row = (name: string) => result.targets.find((r) => r.target === name) as Row;
    const brief = (r: Row) => ({
      state: r.state,
      current: r.current,
      pending: r.pending,
      schema: r.schema,
      edited: r.edited,
      halfApplied: r.halfApplied,
    });
    const atHead = { current: [HEAD], pending: 0, edited: 0, halfApplied: [] };
    assert.deepEqual(brief(row(names.head)), { state: 'up-to-date', schema: 'in-sync', ...atHead });
    assert.deepEqual(brief(row(names.base)), {
      state: 'pending',
      current: [],
      pending: 3,
      schema: 'not-compared',
      edited: 0,
      halfApplied: [],
    });
    assert.deepEqual(brief(row(names.behind)), {
      state: 'pending',
      current: [ids[0]],
      pending: 2,
      schema: 'not-compared',
      edited: 0,
      halfApplied: [],
    });
    assert.deepEqual(brief(row(names.drifted)), { state: 'attention', schema: 'differs', ...atHead });
    assert.deepEqual(
      row(names.drifted).status?.schema.differences.map((d) => [d.kind, d.table]),
      [['drop-column', 'sf_org']],
    );
    assert.deepEqual(brief(row(names.edited)), {
      state: 'attention',
      schema: 'in-sync',
      ...atHead,
      edited: 1,
    });
    for (const other of fleet.targets.slice(5)) {
      assert.deepEqual(brief(row(other.name)), { state: 'up-to-date', schema: 'in-sync', ...atHead }, other.name);
    }
    const gone = row('gone');
    assert.equal(gone.state, 'failed');
    assert.equal(gone.current, null);
    assert.match(gone.error?.code ?? '', /^database\./);
    assert.doesNotMatch(run.stdout + run.stderr, new RegExp(GONE_PASSWORD));
    assert.doesNotMatch(run.stdout, /"database"/, 'rows name targets, not URLs');
  });

  it('text: a table row per target and a summary line on stdout; the error once on stderr', () => {
    const run = project.ok(['status', '--all'], 1);
    const lines = run.stdout.split('\n');
    assert.match(lines[0] ?? '', /^target +state +at +pending +models +edited +half-applied +notes$/);
    const line = (name: string) => lines.find((l) => l.startsWith(`${name} `)) ?? '';
    assert.match(line(names.head), new RegExp(` up-to-date +${HEAD} +0 +in-sync +0 +-$`));
    assert.match(line(names.base), / pending +<base> +3 +not-compared +0 +-$/);
    assert.match(line(names.drifted), / attention +\S+ +0 +differs +0 +-$/);
    assert.match(line(names.edited), / attention +\S+ +0 +in-sync +1 +-$/);
    assert.match(line('gone'), /^gone +failed +\? +- +- +- +- +\S/);
    assert.match(run.stdout, new RegExp(`${fleet.targets.length + 1} target\\(s\\) at heads ${HEAD}: `));
    assert.match(run.stderr, /kiln: error: 1 of \d+ target\(s\) could not be read: gone/);
    assert.doesNotMatch(run.stdout + run.stderr, new RegExp(GONE_PASSWORD));
  });

  it("exit code is the worst target's verdict: 0, 3, 4", () => {
    assert.equal(report(project.ok(['status', '--targets', names.head, '--json'])).state, 'up-to-date');
    const pending = report(project.ok(['status', '--targets', `${names.head},${names.base}`, '--json'], 3));
    assert.equal(pending.state, 'pending');
    assert.equal(pending.ok, true);
    const reachable = fleet.targets.map((t) => t.name).join(',');
    assert.equal(report(project.ok(['status', '--targets', reachable, '--json'], 4)).state, 'attention');
    project.ok(['status', '--targets', names.drifted], 4);
  });

  it('statusTargets() returns the same rows', async () => {
    const config = await loadConfig({ cwd: project.dir });
    const result: TargetsStatusResult = await statusTargets(config, { targets: [names.head, names.edited] });
    assert.equal(result.state, 'attention');
    assert.deepEqual(
      result.targets.map((r) => [r.target, r.state, r.edited]),
      [
        [names.head, 'up-to-date', 0],
        [names.edited, 'attention', 1],
      ],
    );
  });

  it('check --all: clean, differs or failed per target, each finding listed; exit 1', () => {
    const run = project.ok(['check', '--all', '--json'], 1);
    const result = JSON.parse(run.stdout) as {
      ok: boolean;
      targets: { target: string; state: string; pending: string[] | null; edited: string[] | null }[];
      differs: string[];
      failed: string[];
    };
    assert.equal(result.ok, false);
    assert.deepEqual(result.failed, ['gone']);
    assert.deepEqual(result.differs, [names.base, names.behind, names.drifted, names.edited]);
    const row = (name: string) => result.targets.find((r) => r.target === name);
    assert.equal(row(names.head)?.state, 'clean');
    assert.deepEqual(row(names.behind)?.pending, ids.slice(1));
    assert.deepEqual(row(names.edited)?.edited, [ids[1]]);
    assert.doesNotMatch(run.stdout + run.stderr, new RegExp(GONE_PASSWORD));
    const text = project.ok(['check', '--all'], 1).stdout;
    assert.match(text, new RegExp(`^${names.drifted}:\n  - .*sf_org`, 'm'));
    assert.match(text, /target\(s\): \d+ clean, 4 differ \(.*\), 1 failed \(gone\)$/m);
    project.ok(['check', '--targets', names.head]);
    project.ok(['check', '--targets', `${names.head},${names.edited}`], 1);
  });

  it('refuses --canary and a selection that names no target', () => {
    assert.match(project.ok(['status', '--all', '--canary', '1'], 2).stderr, /--canary runs on one database/);
    assert.match(project.ok(['status', '--targets', 'nope*'], 2).stderr, /no target is named 'nope\*'/);
  });
});
