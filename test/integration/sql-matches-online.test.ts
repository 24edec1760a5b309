import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { upgrade } from 'kiln';
import { KilnProject } from '../support/project.js';
import { selectedDialect } from '../support/test-database.js';

/**
 * `--sql` prints what an online run executes: the same compilers read the
 * same tracked schema online and offline, so a range printed with `--sql`
 * and the statements an online `upgrade` ran over it are one list. Only the
 * log's duration (0 offline, so the script is reproducible) and, on MySQL,
 * the pending-record bookkeeping of revisions that cannot be atomic differ.
 */

const REVISIONS: readonly { body: string; imports?: string }[] = [
  {
    imports: 'integer, varchar',
    body: `await op.createTable('parity_person', {
    id: integer().primaryKey(),
    name: varchar(30),
    score: integer(),
  });
  await op.createIndex('ix_parity_person_name', 'parity_person', ['name']);
  await op.bulkInsert('parity_person', [{ id: 1, name: 'ann', score: 3 }, { id: 2, name: 'bob', score: 4 }]);`,
  },
  {
    imports: 'text, varchar',
    body: `await op.addColumn('parity_person', 'note', text());
  await op.alterColumn('parity_person', 'name', { type: varchar(60), notNull: true, default: '' });
  await op.dropIndex('ix_parity_person_name', 'parity_person');
  await op.dropColumn('parity_person', 'score');`,
  },
  {
    imports: 'integer, varchar',
    body: `await op.execute('CREATE TABLE parity_side (a INTEGER)');
  await op.alterColumn('parity_person', 'name', { type: varchar(80) });
  await op.createTable('parity_tag', {
    id: integer().primaryKey(),
    personId: integer('person_id'),
  });
  await op.createForeignKey('fk_parity_tag_person', 'parity_tag', 'parity_person', ['person_id'], ['id']);`,
  },
];

function revisionSource(index: number, spec: { body: string; imports?: string }): string {
  const id = `parity${String(index).padStart(6, '0')}`;
  const down = index === 0 ? 'null' : `'parity${String(index - 1).padStart(6, '0')}'`;
  return `import type { Operations } from 'kiln';
${spec.imports === undefined ? '' : `import { ${spec.imports} } from 'kiln';`}
export const revision = '${id}';
export const downRevision = ${down};
export const message = 'parity ${index}';
export async function upgrade(op: Operations) {
  ${spec.body}
}
export async function downgrade(op: Operations) {
  void op;
}
`;
}

/** The statements of a `--sql` script: comments, blank lines and transaction brackets left out. */
function scriptStatements(script: string): string {
  return script
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('-- ') && line !== 'BEGIN;' && line !== 'COMMIT;')
    .join('\n');
}

/** Online statements as the script writes them, the run's duration and pending bookkeeping masked. */
function onlineStatements(statements: readonly string[]): string {
  return statements
    .filter((sql) => !/^(INSERT INTO|UPDATE|DELETE FROM) [`"]kiln_pending[`"]/.test(sql))
    .map((sql) => {
      const text = sql.trimEnd();
      return text.endsWith(';') ? text : `${text};`;
    })
    .map((sql) => sql.replace(/^(INSERT INTO [`"]kiln_log[`"] .*), \d+\);$/, '$1, 0);'))
    .join('\n');
}

describe(`--sql prints what an online upgrade executes on ${selectedDialect()}`, () => {
  let project: KilnProject;

  before(async () => {
    project = await KilnProject.create();
    project.writeSchema('export {};\n');
    for (const [index, spec] of REVISIONS.entries()) {
      writeFileSync(join(project.dir, 'migrations', 'versions', `r${index}.ts`), revisionSource(index, spec));
    }
  });

  after(async () => {
    await project?.remove();
  });

  it('the statements of upgrade head online equal the --sql script of base:head', async () => {
    const config = await project.config();
    const script = await upgrade(config, 'head', { sql: true });
    const executed: string[] = [];
    await upgrade(config, 'head', { onStatement: (sql) => executed.push(sql) });
    assert.ok(executed.length > 10, 'the online run executed its statements');
    assert.equal(onlineStatements(executed), scriptStatements(script.sql ?? ''));
  });
});
