import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { revision } from 'kiln';
import { KilnProject } from '../support/project.js';
import { schemaModule } from '../support/round-trip-schemas.js';
import { capabilities as caps, roundTrip } from '../support/round-trip-suite.js';

/**
 * Inline enums (`inlineEnum([...])`, no type of their own) beside a named
 * one: MySQL/MariaDB's ENUM(…), SQLite's TEXT with a CHECK. A revision never
 * invents a type name for them, and a named enum keeps its name. PostgreSQL
 * has none and refuses them by column.
 */

const diary = (values: string) => `
export const mood = enumType('rt_mood', ['happy', 'sad']);
export const diary = table('rt_inline_diary', {
  id: integer().primaryKey(),
  feeling: inlineEnum([${values}]).notNull().default('sad'),
  weather: inlineEnum('sky', ['sun', "it's raining"]),
  named: mood(),
});
`;

roundTrip(
  'inline enums beside a named one',
  [
    {
      title: 'create',
      body: diary("'happy', 'sad'"),
      detects: [/create table rt_inline_diary/],
      after: async (project, result) => {
        const source = readFileSync(resolve(project.dir, result.path as string), 'utf8');
        assert.match(source, /feeling: inlineEnum\(\['happy', 'sad'\]\)/);
        assert.match(source, /sky: inlineEnum\(\['sun', "it's raining"\]\)/);
        assert.match(source, /enumType\('rt_mood', \['happy', 'sad'\]\)/);
        assert.doesNotMatch(source, /rt_inline_diary_feeling|rt_inline_diary_sky/);
        await project.execute(`INSERT INTO ${project.quote('rt_inline_diary')} (id, sky) VALUES (1, 'sun')`);
      },
    },
    {
      title: 'append a value to an inline enum',
      body: diary("'happy', 'sad', 'meh'"),
      detects: [/alter column rt_inline_diary.feeling \(type\)/],
    },
  ],
  { skip: caps.namedEnums && 'an enum is a named type here (capability namedEnums)' },
);

describe('an inline ENUM made by hand SQL (a database kiln did not create)', {
  skip: caps.enumNames && 'the database keeps enum names (capability enumNames)',
}, () => {
  let project: KilnProject;
  before(async () => {
    project = await KilnProject.create();
    const q = (name: string) => project.quote(name);
    await project.execute(
      `CREATE TABLE ${q('hx_person')} (${q('id')} integer NOT NULL PRIMARY KEY, ` +
        `${q('feeling')} ENUM('happy','sad') NOT NULL DEFAULT 'sad', ${q('mood')} ENUM('up','down'))`,
    );
  });
  after(() => project.remove());

  it('checks clean against inlineEnum columns, and migrate writes nothing', async () => {
    project.writeSchema(
      schemaModule(`
export const mood = enumType('person_mood', ['up', 'down']);
export const person = table('hx_person', {
  id: integer().primaryKey(),
  feeling: inlineEnum(['happy', 'sad']).notNull().default('sad'),
  mood: mood(),
});
`),
    );
    await project.assertClean('for a hand-made ENUM');
    const result = await revision(await project.config(), { message: 'nothing', autogenerate: true });
    assert.equal(result.path, null, `autogenerate wrote a revision: ${result.changes.join('; ')}`);
  });

  it('a model without the table drops it; the downgrade re-creates it inline, inventing no name', async () => {
    project.writeSchema(schemaModule("export const other = table('hx_other', { id: integer().primaryKey() });"));
    const result = await project.migrate('drop person');
    const source = readFileSync(resolve(project.dir, result.path as string), 'utf8');
    assert.match(source, /feeling: inlineEnum\(\['happy', 'sad'\]\)/);
    assert.doesNotMatch(source, /hx_person_feeling|hx_person_mood/);
    await project.upgrade();
    await project.downgrade('-1');
    const live = (await project.schema()).tables.find((t) => t.name === 'hx_person');
    assert.deepEqual(
      live?.columns.map((c) => c.type),
      [
        { kind: 'integer' },
        { kind: 'enum', name: null, values: ['happy', 'sad'], schema: null },
        { kind: 'enum', name: null, values: ['up', 'down'], schema: null },
      ],
    );
  });
});

describe('inline enums where an enum is a named type', {
  skip: !caps.namedEnums && 'enums are inline here (capability namedEnums)',
}, () => {
  let project: KilnProject;
  before(async () => {
    project = await KilnProject.create();
    project.writeSchema(
      schemaModule(
        "export const diary = table('rt_diary', { id: integer().primaryKey(), feeling: inlineEnum(['a', 'b']) });",
      ),
    );
  });
  after(() => project.remove());

  it('are refused by column, before a revision is written', async () => {
    await assert.rejects(
      revision(await project.config(), { message: 'create', autogenerate: true }),
      (error: unknown) =>
        (error as { code?: string }).code === 'operation.unsupported' &&
        /column 'rt_diary.feeling' is an inline enum, and PostgreSQL has no inline enums/.test(String(error)),
    );
  });
});
