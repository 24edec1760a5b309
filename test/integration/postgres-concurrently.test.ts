import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { upgrade } from 'kiln';
import { fileExists, KilnProcess, stopStragglers, waitUntil } from '../support/kiln-process.js';
import { KilnProject } from '../support/project.js';

const REVISION = `import type { Operations } from 'kiln';
import { integer, varchar } from 'kiln';
export const revision = 'cc11cc11cc11';
export const downRevision = null;
export const branchLabels: string[] = [];
export const dependsOn: string[] = [];
export const message = 'index built concurrently';
// CREATE INDEX CONCURRENTLY cannot run inside a transaction block.
export const transactional = false;
export async function upgrade(op: Operations) {
  await op.createTable('item', { id: integer().primaryKey(), name: varchar(40) });
  await op.execute('CREATE INDEX CONCURRENTLY ix_item_name ON item (name)');
}
export async function downgrade(op: Operations) {
  await op.execute('DROP INDEX CONCURRENTLY ix_item_name');
  await op.dropTable('item');
}
`;

describe('PostgreSQL: a revision outside a transaction', () => {
  let project: KilnProject;
  before(async () => {
    project = await KilnProject.create();
    writeFileSync(join(project.dir, 'migrations', 'versions', 'cc.ts'), REVISION);
  });
  after(async () => {
    await stopStragglers();
    await project.remove();
  });

  it('runs CREATE INDEX CONCURRENTLY and records the revision', async () => {
    const result = await upgrade(await project.config(), 'head');
    assert.deepEqual(result.heads, ['cc11cc11cc11']);
    const indexes = await project.query<{ indexname: string }>(
      "SELECT indexname FROM pg_indexes WHERE tablename = 'item' ORDER BY indexname",
    );
    assert.deepEqual(
      indexes.map((r) => r.indexname),
      ['ix_item_name', 'pk_item'],
    );
  });

  it('writes no BEGIN around the bare statement in --sql output', async () => {
    const result = await upgrade(await project.config(), 'base:head', { sql: true });
    const sql = result.sql ?? '';
    const at = sql.indexOf('CREATE INDEX CONCURRENTLY');
    assert.ok(at > 0);
    assert.doesNotMatch(sql.slice(sql.lastIndexOf('COMMIT;', at), at), /BEGIN;/);
  });
});

/**
 * The same revision, except that the run holding the lock stops between the
 * table and the index until the test lets it go (`<KILN_TEST_HOLD>.go`).
 */
const HELD_REVISION = REVISION.replace(
  "  await op.execute('CREATE INDEX CONCURRENTLY",
  `  const marker = process.env.KILN_TEST_HOLD ?? '';
  if (marker !== '') {
    writeFileSync(marker + '.held', '');
    while (!existsSync(marker + '.go')) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await op.execute('CREATE INDEX CONCURRENTLY`,
).replace(
  "import { integer, varchar } from 'kiln';",
  "import { integer, varchar } from 'kiln';\nimport { existsSync, writeFileSync } from 'node:fs';",
);

describe('PostgreSQL: two runners on a CREATE INDEX CONCURRENTLY revision', () => {
  let project: KilnProject;
  before(async () => {
    project = await KilnProject.create();
    writeFileSync(join(project.dir, 'migrations', 'versions', 'cc.ts'), HELD_REVISION);
  });
  after(async () => {
    await stopStragglers();
    await project.remove();
  });

  it('do not deadlock: the waiting runner holds no transaction the index build waits for', async () => {
    const marker = join(project.dir, 'hold');
    const first = new KilnProcess(project.dir, ['upgrade', 'head'], { KILN_TEST_HOLD: marker });
    await waitUntil('the first runner to hold the lock', fileExists(`${marker}.held`));
    const second = new KilnProcess(project.dir, ['upgrade', 'head']);
    // The second runner must be waiting for the lock before the index is built: blocked in the server
    // (a blocking pg_advisory_lock, the deadlock this guards against) or polling and saying so.
    await waitUntil('the second runner to wait for the lock', async () => {
      if (second.stderr.includes('Waiting for the migration lock')) return true;
      const blocked = await project.query(
        "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'advisory'",
      );
      return blocked.length > 0;
    });
    writeFileSync(`${marker}.go`, '');
    const [a, b] = await Promise.all([first.exited, second.exited]);
    assert.equal(a.status, 0, a.stderr);
    assert.equal(b.status, 0, b.stderr);
    assert.match(b.stderr, /held by pid \d+ \(kiln upgrade\)/);
    const indexes = await project.query<{ n: string }>(
      "SELECT COUNT(*) AS n FROM pg_indexes WHERE tablename = 'item' AND indexname = 'ix_item_name'",
    );
    assert.equal(Number(indexes[0]?.n), 1);
    const log = await project.query<{ n: string }>(
      "SELECT COUNT(*) AS n FROM kiln_log WHERE direction = 'upgrade' AND revision = 'cc11cc11cc11'",
    );
    assert.equal(Number(log[0]?.n), 1);
  });
});
