import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkSchema, createTestDatabase, current, type ResolvedConfig } from 'kiln';
import { KilnProject } from '../support/project.js';

/**
 * `createTestDatabase`: what a user's test suite calls to get its own
 * database at head. The project's database URL stands for the server (on
 * PostgreSQL and MySQL it names a database to connect to while creating the
 * new one).
 */
describe('createTestDatabase gives a fresh database at head and drops it', () => {
  let project: KilnProject;
  let config: ResolvedConfig;

  before(async () => {
    project = await KilnProject.create();
    project.writeSchema(
      readFileSync(new URL('../types/typed-queries/schema.ts', import.meta.url), 'utf8').replace(
        /\nexport const attachments[\s\S]*?\n\}\);\n/,
        '\n',
      ),
    );
    await project.migrate('init');
    config = await project.config();
  });

  after(async () => {
    await project?.remove();
  });

  it('is at head, matches the models, and is gone after drop()', async () => {
    const database = await createTestDatabase(config);
    try {
      assert.notEqual(database.url, config.url);
      assert.equal(database.migration.steps.length, 1);
      const heads = (await current(database.config)).current.map((c) => c.revision);
      assert.equal(heads.length, 1);
      assert.deepEqual((await checkSchema(database.config)).differences, []);
      // The project's own database was not touched.
      assert.deepEqual((await current(config)).current, []);
    } finally {
      await database.drop();
      await database.drop(); // twice is harmless
    }
    if (database.url.startsWith('sqlite:')) {
      assert.equal(existsSync(join(database.url.slice('sqlite:'.length), '..')), false);
    } else {
      await assert.rejects(current(database.config), (error: Error) =>
        /does not exist|unknown database/i.test(error.message),
      );
    }
  });

  it('two at once are separate; target base leaves one empty', async () => {
    const [a, b] = await Promise.all([createTestDatabase(config), createTestDatabase(config, { target: 'base' })]);
    try {
      assert.notEqual(a.url, b.url);
      assert.equal((await current(a.config)).current.length, 1);
      assert.equal((await current(b.config)).current.length, 0);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
  });
});
