import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { upgrade } from 'kiln';
import { KilnProject } from '../support/project.js';

/**
 * One rebuild per table per run of changes to it: a revision that drops a
 * column and alters others copies the table once (no ALTER TABLE … DROP
 * COLUMN pass first), keeps every row, and a column dropped and added again
 * in the run comes back with its default, not its old values.
 */

function revision(id: string, down: string | null, body: string): string {
  return `import type { Operations } from 'kiln';
import { integer, text, varchar } from 'kiln';
export const revision = '${id}';
export const downRevision = ${down === null ? 'null' : `'${down}'`};
export const message = '${id}';
export async function upgrade(op: Operations) {
${body}
}
export async function downgrade(op: Operations) {
  void op;
}
`;
}

describe('a run of changes to one SQLite table is one rebuild', () => {
  let project: KilnProject;

  before(async () => {
    project = await KilnProject.create();
    project.writeSchema('export {};\n');
    const versions = join(project.dir, 'migrations', 'versions');
    writeFileSync(
      join(versions, 'a.ts'),
      revision(
        'one000000001',
        null,
        `  await op.createTable('item', { id: integer().primaryKey(), name: varchar(10), note: text(), tag: text().default('x') });
  await op.createIndex('ix_item_name', 'item', ['name']);
  await op.bulkInsert('item', [{ id: 1, name: 'a', note: 'n1', tag: 't1' }, { id: 2, name: null, note: 'n2', tag: 't2' }]);`,
      ),
    );
    writeFileSync(
      join(versions, 'b.ts'),
      revision(
        'one000000002',
        'one000000001',
        `  await op.dropColumn('item', 'note');
  await op.alterColumn('item', 'name', { type: varchar(40), notNull: true, default: '?' });
  await op.dropColumn('item', 'tag');
  await op.addColumn('item', 'tag', text().default('fresh'));
  await op.alterColumn('item', 'id', { type: integer() });`,
      ),
    );
  });

  after(() => project.remove());

  it('drops, alters and re-adds through one copy of the table, rows kept', async () => {
    const config = await project.config();
    await upgrade(config, 'one000000001');
    const executed: string[] = [];
    await upgrade(config, 'head', { onStatement: (sql) => executed.push(sql) });
    assert.equal(
      executed.filter((sql) => sql.startsWith('CREATE TABLE "_kiln_new_item"')).length,
      1,
      executed.join('\n'),
    );
    assert.equal(executed.filter((sql) => /DROP COLUMN/.test(sql)).length, 0, 'no ALTER TABLE … DROP COLUMN pass');
    assert.ok(
      executed.some((sql) => sql.startsWith('CREATE INDEX "ix_item_name"')),
      'the index is re-created',
    );
    assert.deepEqual(await project.query('SELECT id, name, tag FROM item ORDER BY id'), [
      { id: 1, name: 'a', tag: 'fresh' },
      { id: 2, name: '?', tag: 'fresh' },
    ]);
  });
});
