import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { upgrade } from 'kiln';
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
  after(() => project.remove());

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
