import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { checkSchema, current, downgrade, KilnError, resolve, stamp, upgrade } from 'kiln';
import { KILN_BIN } from '../support/cli-project.js';
import { KilnProject } from '../support/project.js';
import { selectedDialect } from '../support/test-database.js';

/**
 * Issue 7's safety guarantees on a real database: edited revision files are
 * refused, a revision a crash or failure left half-applied is recorded and
 * blocks further runs until `kiln resolve`, and the version rows a step moves
 * must be where the plan says.
 */

interface RevisionSpec {
  readonly id: string;
  readonly down: string | null;
  readonly upgrade: string;
  readonly downgrade?: string;
  readonly transactional?: boolean;
}

function revisionSource(spec: RevisionSpec): string {
  return `import type { Operations } from 'kiln';
import { integer } from 'kiln';
export const revision = '${spec.id}';
export const downRevision = ${spec.down === null ? 'null' : `'${spec.down}'`};
export const branchLabels: string[] = [];
export const dependsOn: string[] = [];
export const message = 'revision ${spec.id}';
${spec.transactional === false ? 'export const transactional = false;\n' : ''}export async function upgrade(op: Operations) {
${spec.upgrade}
}
export async function downgrade(op: Operations) {
${spec.downgrade ?? ''}
}
`;
}

/** The error a promise rejects with (fails when it resolves). */
async function failure(promise: Promise<unknown>): Promise<KilnError> {
  const error = await promise.then(
    () => assert.fail('expected the command to fail'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof KilnError, String(error));
  return error;
}

describe('safety: checksums, pending records, checked version rows', () => {
  let project: KilnProject;
  const file = (name: string) => join(project.dir, 'migrations', 'versions', `${name}.ts`);
  const write = (name: string, spec: RevisionSpec) => writeFileSync(file(name), revisionSource(spec));
  const q = (name: string) => project.quote(name);
  const rows = async () =>
    (await project.query<{ version_num: string }>(`SELECT version_num FROM ${q('kiln_version')}`))
      .map((r) => r.version_num)
      .sort();
  const log = async () =>
    (
      await project.query<{ revision: string; direction: string; checksum: string | null }>(
        `SELECT revision, direction, checksum FROM ${q('kiln_log')} ORDER BY id`,
      )
    ).map((r) => ({ revision: r.revision, direction: r.direction, checksum: r.checksum }));
  const tableNames = async () => (await project.schema()).tables.map((t) => t.name).sort();

  before(async () => {
    project = await KilnProject.create();
  });
  after(() => project.remove());

  it('a plan with a file that does not load fails before kiln creates its tables', async () => {
    writeFileSync(
      file('broken'),
      `${revisionSource({ id: 'bad000000001', down: null, upgrade: '' })}\nexport const = ;\n`,
    );
    const error = await failure(project.upgrade());
    assert.equal(error.code, 'revision.load-failed');
    assert.match(error.message, /bad000000001/);
    assert.deepEqual((await project.schema([])).tables, [], 'the database must be untouched');
    rmSync(file('broken'));
  });

  it('an applied revision edited afterwards is refused by upgrade and downgrade and reported by check', async () => {
    write('s1', {
      id: 'sa0000000001',
      down: null,
      upgrade: "  await op.createTable('s_one', { id: integer().primaryKey() });",
      downgrade: "  await op.dropTable('s_one');",
    });
    write('s2', {
      id: 'sa0000000002',
      down: 'sa0000000001',
      upgrade: "  await op.createTable('s_two', { id: integer().primaryKey() });",
      downgrade: "  await op.dropTable('s_two');",
    });
    await project.upgrade();
    const recorded = (await log()).find((r) => r.revision === 'sa0000000002')?.checksum;
    assert.ok(typeof recorded === 'string');
    writeFileSync(file('s2'), `${readFileSync(file('s2'), 'utf8')}// edited after it ran\n`);
    write('s3', { id: 'sa0000000003', down: 'sa0000000002', upgrade: '' });

    const refused = await failure(project.upgrade());
    assert.equal(refused.code, 'revision.edited');
    assert.match(refused.message, /revision sa0000000002 \(.*s2\.ts\) was edited after it was applied/);
    assert.match(refused.message, new RegExp(`recorded ${recorded.slice(0, 12)}, now [0-9a-f]{12}`));
    assert.match(refused.hint ?? '', /kiln resolve sa0000000002 --rehash/);
    const edited = refused.data.edited as { revision: string; recorded: string; actual: string }[];
    assert.equal(edited.length, 1);
    assert.equal(edited[0]?.recorded, recorded);
    assert.match(edited[0]?.actual ?? '', /^[0-9a-f]{64}$/);
    assert.deepEqual(await rows(), ['sa0000000002'], 'nothing ran');

    const down = await failure(project.downgrade('-1'));
    assert.equal(down.code, 'revision.edited');
    assert.deepEqual(await tableNames(), ['s_one', 's_two'], 'nothing was reverted');

    project.writeSchema(
      "import { integer, table } from 'kiln';\nexport const one = table('s_one', { id: integer().primaryKey() });\nexport const two = table('s_two', { id: integer().primaryKey() });\n",
    );
    const report = await checkSchema(await project.config());
    assert.deepEqual(
      report.edited.map((e) => [e.revision, e.recorded]),
      [['sa0000000002', recorded]],
    );
    assert.ok(report.differences.some((d) => /sa0000000002 .*was edited after it was applied/.test(d)));
  });

  it('CRLF line endings and a byte-order mark are not edits; resolve --rehash accepts a real one', async () => {
    const s1 = readFileSync(file('s1'), 'utf8');
    writeFileSync(file('s1'), `\uFEFF${s1.replaceAll('\n', '\r\n')}`);
    const before = await checkSchema(await project.config());
    assert.deepEqual(
      before.edited.map((e) => e.revision),
      ['sa0000000002'],
      'only the real edit is reported',
    );

    const result = await resolve(await project.config(), 'sa0000000002', { rehash: true });
    assert.equal(result.action, 'rehash');
    assert.match(result.checksum ?? '', /^[0-9a-f]{64}$/);
    assert.notEqual(result.checksum, result.previousChecksum);
    const last = (await log()).at(-1);
    assert.deepEqual(last, { revision: 'sa0000000002', direction: 'rehash', checksum: result.checksum });
    const again = await resolve(await project.config(), 'sa0000000002', { rehash: true });
    assert.equal(again.previousChecksum, again.checksum, 'the file is as recorded now');
    assert.deepEqual((await log()).at(-1), last, 'an unchanged file writes no record');

    await project.upgrade();
    assert.deepEqual(await rows(), ['sa0000000003']);
    await project.assertClean('after the rehash and the upgrade');
  });

  it('resolve refuses nonsense: nothing pending, rehash of a revision not applied, no or several actions', async () => {
    const config = await project.config();
    const notPending = await failure(resolve(config, 'sa0000000003', { applied: true }));
    assert.equal(notPending.code, 'resolve.not-pending');
    write('s4', { id: 'sa0000000004', down: 'sa0000000003', upgrade: '' });
    const notApplied = await failure(resolve(config, 'sa0000000004', { rehash: true }));
    assert.equal(notApplied.code, 'resolve.not-applied');
    rmSync(file('s4'));
    assert.equal((await failure(resolve(config, 'sa0000000003', {}))).code, 'resolve.one-action');
    assert.equal(
      (await failure(resolve(config, 'sa0000000003', { applied: true, rehash: true }))).code,
      'resolve.one-action',
    );
  });

  it('a version row moved under the runner aborts the step, naming the revision', async () => {
    write('s5', {
      id: 'sa0000000005',
      down: 'sa0000000003',
      upgrade: "  await op.execute('DELETE FROM kiln_version');",
    });
    const error = await failure(project.upgrade());
    assert.equal(error.code, 'migration.version-moved');
    assert.match(error.message, /revision sa0000000005.*'sa0000000003'.*changed under the run/);
    assert.equal((await log()).filter((r) => r.revision === 'sa0000000005').length, 0, 'nothing logged');
    const config = await project.config();
    if (project.capabilities.transactionalDdl) {
      assert.deepEqual(await rows(), ['sa0000000003'], 'the step was rolled back');
    } else {
      // MySQL commits the revision's own statement; the record of how far it got stays.
      assert.deepEqual(await rows(), []);
      assert.deepEqual(
        (await current(config)).halfApplied.map((p) => [p.revision, p.applied]),
        [['sa0000000005', 1]],
      );
      await project.execute(`INSERT INTO ${q('kiln_version')} (version_num) VALUES ('sa0000000003')`);
      await resolve(config, 'sa0000000005', { rolledBack: true });
    }
    rmSync(file('s5'));
  });

  it('a throw after some statements of a non-atomic revision says how many applied and leaves it pending', async () => {
    write('s6', {
      id: 'sa0000000006',
      down: 'sa0000000003',
      transactional: false,
      upgrade: [
        "  await op.createTable('s_six', { id: integer().primaryKey() });",
        "  await op.execute('INSERT INTO s_six (id) VALUES (1)');",
        "  throw new Error('boom after two statements');",
      ].join('\n'),
    });
    const config = await project.config();
    const error = await failure(upgrade(config));
    assert.match(error.message, /revision sa0000000006 .*boom after two statements; 2 statement\(s\) of it applied/);
    assert.match(error.hint ?? '', /kiln resolve sa0000000006 --rolled-back/);
    const [record] = (await current(config)).halfApplied;
    assert.equal(record?.revision, 'sa0000000006');
    assert.equal(record?.direction, 'upgrade');
    assert.equal(record?.applied, 2);
    assert.match(record?.lastStatement ?? '', /INSERT INTO s_six/);

    const blocked = await failure(upgrade(config));
    assert.equal(blocked.code, 'migration.pending');
    assert.match(blocked.message, /upgrade of revision sa0000000006 stopped after 2 statement\(s\)/);
    assert.match(blocked.hint ?? '', /kiln resolve sa0000000006 --applied/);
    assert.equal((await failure(downgrade(config, '-1'))).code, 'migration.pending');
    assert.equal((await failure(stamp(config, ['sa0000000006']))).code, 'migration.pending', 'stamp waits too');
    assert.ok((await checkSchema(config)).differences.some((d) => /sa0000000006 stopped after 2/.test(d)));

    await project.execute(`DROP TABLE ${q('s_six')}`);
    const resolved = await resolve(config, 'sa0000000006', { rolledBack: true });
    assert.deepEqual(resolved.heads, ['sa0000000003'], 'the version table is unchanged');
    assert.deepEqual((await current(config)).halfApplied, []);
    assert.equal((await log()).at(-1)?.direction, 'rolled-back');
    rmSync(file('s6'));
  });

  it('a statement the database refuses is not recorded as possibly applied: only a kill leaves that', async () => {
    write('s8', {
      id: 'sa0000000008',
      down: 'sa0000000003',
      transactional: false,
      upgrade: [
        "  await op.createTable('s_eight', { id: integer().primaryKey() });",
        "  await op.execute('INSERT INTO s_eight (id) VALUES (1)');",
        "  await op.execute('INSERT INTO s_eight (id) VALUES (1)');",
      ].join('\n'),
    });
    const config = await project.config();
    const error = await failure(upgrade(config));
    assert.match(error.message, /revision sa0000000008 .*at statement 3.*2 statement\(s\) of it applied/);
    const [record] = (await current(config)).halfApplied;
    assert.equal(record?.applied, 2);
    assert.equal(record?.runningStatement, null, 'the refused statement did not run');

    await project.execute(`DROP TABLE ${q('s_eight')}`);
    await resolve(config, 'sa0000000008', { rolledBack: true });
    rmSync(file('s8'));
  });

  it('an old database (kiln_version and kiln_log only) keeps working: the missing table is created', async () => {
    await project.execute(`DROP TABLE ${q('kiln_pending')}`);
    const config = await project.config();
    assert.deepEqual((await current(config)).halfApplied, []);
    assert.deepEqual((await checkSchema(config)).halfApplied, []);
    write('s7', { id: 'sa0000000007', down: 'sa0000000003', transactional: false, upgrade: '' });
    await upgrade(config);
    assert.deepEqual(await rows(), ['sa0000000007']);
    assert.ok((await project.schema([])).tables.some((t) => t.name === 'kiln_pending'));
  });
});

describe('safety: a run killed in the middle of a non-atomic revision', () => {
  let project: KilnProject;
  const q = (name: string) => project.quote(name);
  const versions = (name: string) => join(project.dir, 'migrations', 'versions', `${name}.ts`);

  before(async () => {
    project = await KilnProject.create();
    // MySQL/MariaDB: any revision is non-atomic; elsewhere only a transactional = false one.
    writeFileSync(
      versions('k1'),
      revisionSource({
        id: 'ki0000000001',
        down: null,
        transactional: !project.capabilities.transactionalDdl,
        upgrade: [
          "  await op.createTable('k_one', { id: integer().primaryKey() });",
          '  const wait = Number(process.env.KILN_TEST_PAUSE_MS ?? 0);',
          '  if (wait > 0) await new Promise((done) => setTimeout(done, wait));',
          "  await op.execute('INSERT INTO k_one (id) VALUES (1)');",
        ].join('\n'),
        downgrade: "  await op.dropTable('k_one');",
      }),
    );
    project.writeSchema(
      "import { integer, table } from 'kiln';\nexport const one = table('k_one', { id: integer().primaryKey() });\n",
    );
  });
  after(() => project.remove());

  /** Starts `kiln upgrade` as a user would, and kill -9s it once `ready` (a query on kiln_pending) returns a row. */
  async function killWhen(ready: string): Promise<void> {
    const child: ChildProcess = spawn(process.execPath, [KILN_BIN, 'upgrade', 'head'], {
      cwd: project.dir,
      env: { ...process.env, DATABASE_URL: '', KILN_TEST_PAUSE_MS: '30000' },
      stdio: 'ignore',
    });
    const exited = once(child, 'exit');
    try {
      for (;;) {
        assert.equal(child.exitCode, null, 'kiln upgrade ended before it could be killed');
        const found = await project.query(ready).catch(() => []);
        if (found.length > 0) break;
        await sleep(50);
      }
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
  }

  const killAfterFirstStatement = () => killWhen(`SELECT applied FROM ${q('kiln_pending')} WHERE applied >= 1`);

  it('current names the pending revision; upgrade refuses; --rolled-back after undoing leads out', async () => {
    await killAfterFirstStatement();
    const config = await project.config();
    assert.deepEqual(
      (await project.schema()).tables.map((t) => t.name),
      ['k_one'],
    );
    const state = await current(config);
    assert.deepEqual(state.current, []);
    assert.equal(state.halfApplied.length, 1);
    const [record] = state.halfApplied;
    assert.equal(record?.revision, 'ki0000000001');
    assert.equal(record?.direction, 'upgrade');
    assert.equal(record?.applied, 1);
    assert.match(record?.lastStatement ?? '', /CREATE TABLE/);

    const blocked = await failure(upgrade(config));
    assert.equal(blocked.code, 'migration.pending');
    assert.match(blocked.message, /ki0000000001 .*stopped after 1 statement\(s\)/);
    assert.match(blocked.hint ?? '', /kiln resolve ki0000000001 --rolled-back/);

    await project.execute(`DROP TABLE ${q('k_one')}`);
    await resolve(config, 'ki0000000001', { rolledBack: true });
    assert.deepEqual((await current(config)).halfApplied, []);
  });

  it('after a second kill, --applied after finishing by hand records it; upgrade head then completes, check is clean', async () => {
    await killAfterFirstStatement();
    const config = await project.config();
    await project.execute(`INSERT INTO ${q('k_one')} (id) VALUES (1)`);
    const result = await resolve(config, 'ki0000000001', { applied: true });
    assert.deepEqual(result.heads, ['ki0000000001']);
    const log = await project.query<{ direction: string; checksum: string | null }>(
      `SELECT direction, checksum FROM ${q('kiln_log')} ORDER BY id`,
    );
    assert.deepEqual(
      log.map((r) => r.direction),
      ['rolled-back', 'applied'],
    );
    assert.match(String(log[1]?.checksum), /^[0-9a-f]{64}$/, 'the file that ran is the one recorded');

    writeFileSync(
      versions('k2'),
      revisionSource({
        id: 'ki0000000002',
        down: 'ki0000000001',
        upgrade: "  await op.createTable('k_two', { id: integer().primaryKey() });",
      }),
    );
    project.writeSchema(
      "import { integer, table } from 'kiln';\nexport const one = table('k_one', { id: integer().primaryKey() });\nexport const two = table('k_two', { id: integer().primaryKey() });\n",
    );
    await upgrade(config);
    assert.deepEqual(
      (await current(config)).current.map((r) => r.revision),
      ['ki0000000002'],
    );
    await project.assertClean('after resolving and upgrading');
    const kept = await project.query<{ id: number }>(`SELECT id FROM ${q('k_one')}`);
    assert.deepEqual(
      kept.map((r) => Number(r.id)),
      [1],
    );
  });
  it('a kill while a statement that commits on its own runs leaves that statement in the record', async () => {
    const long: Record<string, string> = {
      sqlite:
        'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) SELECT count(*) FROM c',
      postgres: 'SELECT pg_sleep(3)',
      mysql: 'SELECT SLEEP(3)',
    };
    writeFileSync(
      versions('k3'),
      revisionSource({
        id: 'ki0000000003',
        down: 'ki0000000002',
        transactional: false,
        upgrade: `  await op.execute(${JSON.stringify(long[selectedDialect()])});`,
      }),
    );
    await killWhen(`SELECT revision FROM ${q('kiln_pending')} WHERE running_statement IS NOT NULL`);
    const config = await project.config();
    const [record] = (await current(config)).halfApplied;
    assert.equal(record?.revision, 'ki0000000003');
    assert.equal(record?.applied, 0);
    assert.match(record?.runningStatement ?? '', /RECURSIVE|pg_sleep|SLEEP/);
    const blocked = await failure(upgrade(config));
    assert.match(blocked.message, /statement 1 had started and may have taken effect: (WITH|SELECT)/);
    await resolve(config, 'ki0000000003', { applied: true });
    assert.deepEqual(
      (await current(config)).current.map((r) => r.revision),
      ['ki0000000003'],
    );
  });
});
