import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KilnError } from 'kiln';
import { KILN_BIN } from '../support/cli-project.js';
import { KilnProject } from '../support/project.js';

const ITEM = `import { integer, table, varchar } from 'kiln';
export const item = table('item', {
  id: integer().primaryKey(),
  name: varchar(40),
`;

/**
 * Rows that would make a revision fail are reported when `migrate` writes
 * it, not only when `upgrade` fails; and when a foreign key does fail, the
 * database's whole reason is shown.
 */
describe('rows in the way of a generated revision', () => {
  let project: KilnProject;
  before(async () => {
    project = await KilnProject.create();
    project.writeSchema(`${ITEM}});\n`);
    await project.migrate('init');
    await project.upgrade();
    await project.execute("INSERT INTO item (id, name) VALUES (1, 'a'), (2, NULL), (3, NULL)");
  });
  after(() => project.remove());

  it('a NOT NULL column without a default, added to a table with rows, is a warning naming table, column and count', async () => {
    project.writeSchema(`${ITEM}  code: varchar(10).notNull(),\n});\n`);
    const result = await project.migrate('add code');
    assert.equal(result.warnings.length, 1, result.warnings.join('\n'));
    assert.match(
      result.warnings[0] as string,
      /^[0-9a-f]{12} not-null-without-default: table item has 3 row\(s\): column code is added NOT NULL without a default.*add a default, or a data step/,
    );
    // Not applied: the revision is dropped, as its author would rewrite it.
    rmSync(resolve(result.path as string));
    project.writeSchema(`${ITEM}});\n`);
  });

  it('with a default, or on an empty table, nothing is reported', async () => {
    project.writeSchema(`${ITEM}});\nexport const other = table('other', { id: integer().primaryKey() });\n`);
    await project.migrate('other');
    await project.upgrade();
    project.writeSchema(
      `${ITEM}  code: varchar(10).notNull().default('x'),\n});\nexport const other = table('other', { id: integer().primaryKey(), k: integer().notNull() });\n`,
    );
    const result = await project.migrate('code with a default, k on an empty table');
    assert.deepEqual(result.warnings, []);
    await project.upgrade();
    await project.assertClean('after the warning-free revision');
  });

  it('NULL -> NOT NULL while NULLs exist is reported, and printed as kiln: warning: by the CLI', async () => {
    project.writeSchema(
      `${ITEM.replace('name: varchar(40),', 'name: varchar(40).notNull(),')}  code: varchar(10).notNull().default('x'),\n});\nexport const other = table('other', { id: integer().primaryKey(), k: integer().notNull() });\n`,
    );
    const run = spawnSync(process.execPath, [KILN_BIN, 'migrate', '-m', 'name not null'], {
      cwd: project.dir,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '' },
    });
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stderr,
      /^kiln: warning: [0-9a-f]{12} not-null-with-nulls: column item\.name holds NULL in 2 row\(s\): making it NOT NULL fails at upgrade; add a default, or a data step/m,
    );
  });
});

describe('a foreign-key violation shows the whole reason', () => {
  let project: KilnProject;
  before(async () => {
    project = await KilnProject.create();
  });
  after(() => project.remove());

  it('names the constraint and the referenced table, uncut', async () => {
    const parent = 'parent_table_with_a_rather_long_name_for_the_message';
    const child = 'child_table_with_a_rather_long_name_for_the_message';
    project.writeSchema(`import { integer, table } from 'kiln';
export const parent = table('${parent}', { id: integer().primaryKey() });
export const child = table('${child}', { id: integer().primaryKey(), parentId: integer('parent_id') });
`);
    await project.migrate('tables');
    await project.upgrade();
    await project.execute(`INSERT INTO ${child} (id, parent_id) VALUES (1, 42)`);
    project.writeSchema(`import { integer, table } from 'kiln';
export const parent = table('${parent}', { id: integer().primaryKey() });
export const child = table('${child}', { id: integer().primaryKey(), parentId: integer('parent_id').references(() => parent.id) });
`);
    await project.migrate('foreign key');
    const error = await project.upgrade().then(
      () => assert.fail('the orphan row must make the upgrade fail'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof KilnError, String(error));
    assert.match(error.message, new RegExp(`${parent}`), error.message);
    assert.doesNotMatch(error.message, /\.\.\.(;|$)/, error.message);
  });
});
