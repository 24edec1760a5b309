import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resolve, revision } from 'kiln';
import { KilnProject } from '../support/project.js';
import { schemaModule } from '../support/round-trip-schemas.js';
import { capabilities as caps } from '../support/round-trip-suite.js';

/**
 * A hand-written `op.alterEnum` changes every column of the enum on every
 * dialect, with rows in the tables: values appended, an unused value
 * removed, a value rows hold refused by the database (rows kept). Never
 * silently nothing: where the database keeps no enum names (MySQL) and the
 * revision does not give the list before the change, it is refused.
 */

const schema = (values: string) => `
export const mood = enumType('mood', ${values});
export const diary = table('ae_diary', { id: integer().primaryKey(), feeling: mood().notNull().default('sad') });
export const log = table('ae_log', { id: integer().primaryKey(), was: mood('was') });
`;

describe('hand-written op.alterEnum with rows present', () => {
  let project: KilnProject;
  before(async () => {
    project = await KilnProject.create();
    project.writeSchema(schemaModule(schema("['happy', 'sad', 'unused']")));
    await project.migrate('create');
    await project.upgrade();
    const q = (name: string) => project.quote(name);
    await project.execute(`INSERT INTO ${q('ae_diary')} (${q('id')}, ${q('feeling')}) VALUES (1, 'happy'), (2, 'sad')`);
    await project.execute(`INSERT INTO ${q('ae_log')} (${q('id')}, ${q('was')}) VALUES (1, 'sad')`);
  });
  after(() => project.remove());

  /** Writes a revision whose upgrade is `body`, and applies it. */
  let file = '';
  async function handWritten(message: string, body: string): Promise<void> {
    const result = await revision(await project.config(), { message });
    file = join(project.dir, 'migrations', 'versions', (result.path ?? '').split('/').pop() ?? '');
    const source = readFileSync(file, 'utf8').replace(
      /export async function upgrade\(op: Operations\) \{[^}]*\}/,
      `export async function upgrade(op: Operations) {\n  ${body}\n}`,
    );
    writeFileSync(file, source);
    await project.upgrade();
  }

  const existing = "{ existingValues: ['happy', 'sad', 'unused'] }";

  it('without the list before the change: done where names are kept, refused where not', async (t) => {
    const body = "await op.alterEnum('mood', { addValues: ['great'] });";
    if (caps.enumNames) {
      await handWritten('append', body);
      return;
    }
    await assert.rejects(
      handWritten('append', body),
      /cannot alter enum 'mood'.*values before the change are not given/s,
    );
    t.diagnostic('refused as expected; appending with existingValues instead');
    // The refused revision ran no statement: settle any pending record and take the file back.
    const config = await project.config();
    for (const row of await project.query<{ revision: string }>(
      `SELECT ${project.quote('revision')} FROM ${project.quote('kiln_pending')}`,
    )) {
      await resolve(config, String(row.revision), { rolledBack: true });
    }
    rmSync(file);
    await handWritten('append again', `await op.alterEnum('mood', { addValues: ['great'] }, ${existing});`);
  });

  it('appended values are accepted by every column, and check is clean against the new model', async () => {
    const q = (name: string) => project.quote(name);
    await project.execute(`INSERT INTO ${q('ae_diary')} (${q('id')}, ${q('feeling')}) VALUES (3, 'great')`);
    await project.execute(`INSERT INTO ${q('ae_log')} (${q('id')}, ${q('was')}) VALUES (2, 'great')`);
    project.writeSchema(schemaModule(schema("['happy', 'sad', 'unused', 'great']")));
    await project.assertClean('after appending by hand');
  });

  it('an unused value is removed from every column; rows are kept', async () => {
    const list = "{ existingValues: ['happy', 'sad', 'unused', 'great'] }";
    await handWritten('remove unused', `await op.alterEnum('mood', { removeValues: ['unused'] }, ${list});`);
    project.writeSchema(schemaModule(schema("['happy', 'sad', 'great']")));
    await project.assertClean('after removing a value by hand');
    const rows = await project.query(`SELECT * FROM ${project.quote('ae_diary')}`);
    assert.equal(rows.length, 3);
  });

  it('removing a value rows hold fails with the database error, and the rows stay', async () => {
    const list = "{ existingValues: ['happy', 'sad', 'great'] }";
    await assert.rejects(
      handWritten('remove used', `await op.alterEnum('mood', { removeValues: ['great'] }, ${list});`),
      /great|truncated|CHECK constraint|invalid input value/i,
    );
    const rows = await project.query(`SELECT * FROM ${project.quote('ae_log')}`);
    assert.equal(rows.length, 2);
  });
});
