import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { checkSchema, KilnError } from 'kiln';
import { drizzleFixture, drizzleProject, drizzleSchemaSource } from '../support/drizzle/drizzle-project.js';
import { assertOnlyKilnTables, type KilnProject } from '../support/project.js';
import { selectedDialect } from '../support/test-database.js';

/**
 * drizzle-orm tables as kiln's schema, on the database KILN_TEST_DIALECT
 * selects, with the fixture of its drizzle core (22 tables): migrate →
 * upgrade → check clean → one added column and index → migrate writes
 * exactly those → downgrade base leaves only kiln's tables.
 */
const fixture = drizzleFixture();
const CHANGE = {
  column: `weightGrams: ${fixture.int}('weight_grams').notNull().default(0),`,
  index: "index('products_weight_idx').on(t.weightGrams),",
};

describe(`drizzle-orm ${fixture.core} tables as the schema on ${selectedDialect()}`, () => {
  let project: KilnProject;
  before(async () => {
    project = await drizzleProject();
  });
  after(() => project.remove());

  it('migrate writes every table, upgrade applies it, and check is clean', async () => {
    project.writeSchema(drizzleSchemaSource(fixture));
    const result = await project.migrate('init');
    const created = result.changes.filter((c) => /^create table/i.test(c));
    assert.ok(created.length >= 20, result.changes.join('\n'));
    const source = readFileSync(result.path as string, 'utf8');
    assert.doesNotMatch(source, /drizzle/, 'a revision is kiln operations, not drizzle code');
    await project.upgrade();
    await project.assertClean('after the first upgrade');
  });

  it('an added column and index are all the next migrate writes', async () => {
    project.writeSchema(drizzleSchemaSource(fixture, CHANGE));
    const result = await project.migrate('weight');
    assert.equal(result.changes.length, 2, result.changes.join('\n'));
    assert.match(result.changes.join('\n'), /weight_grams/);
    assert.match(result.changes.join('\n'), /products_weight_idx/);
    await project.upgrade();
    await project.assertClean('after adding the column and index');
  });

  it('downgrade base removes every table and enum', async () => {
    await project.downgrade('base');
    await assertOnlyKilnTables(project);
  });
});

describe(`drizzle-orm schema errors on ${selectedDialect()}`, () => {
  let project: KilnProject;
  before(async () => {
    project = await drizzleProject();
  });
  after(() => project.remove());

  const failure = async (source: string): Promise<KilnError> => {
    project.writeSchema(source);
    const error = await checkSchema(await project.config()).then(
      () => assert.fail('expected a schema error'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof KilnError, String(error));
    assert.doesNotMatch(error.message, /\n/, 'one line');
    return error;
  };

  it("a table of another database's core is refused, naming it and the database", async () => {
    const error = await failure(
      `import { text, ${fixture.otherTable} } from 'drizzle-orm/${fixture.otherCore}';\n` +
        `export const things = ${fixture.otherTable}('things', { name: text() });\n`,
    );
    assert.equal(error.code, 'schema.drizzle-dialect');
    assert.match(error.message, /"things"/);
    assert.match(error.message, new RegExp(fixture.otherTable));
    assert.match(error.message, new RegExp(selectedDialect()));
  });

  it('an index on an expression is refused, naming the table and the index', async () => {
    const error = await failure(
      `import { sql } from 'drizzle-orm';\nimport { index, ${fixture.int}, text, ${fixture.table} } from 'drizzle-orm/${fixture.core}';\n` +
        `export const people = ${fixture.table}('people', { id: ${fixture.int}().primaryKey(), name: text() }, (t) => [index('people_lower_name').on(sql\`lower(\${t.name})\`)]);\n`,
    );
    assert.equal(error.code, 'schema.drizzle-unsupported');
    assert.match(error.message, /"people".*"people_lower_name"/);
  });

  it('two indexes of one table with one name are refused, naming the table and the name', async () => {
    const error = await failure(
      `import { index, ${fixture.int}, text, ${fixture.table} } from 'drizzle-orm/${fixture.core}';\n` +
        `export const people = ${fixture.table}('people', { id: ${fixture.int}().primaryKey(), name: text(), nick: text() }, (t) => [index('people_idx').on(t.name), index('people_idx').on(t.nick)]);\n`,
    );
    assert.equal(error.code, 'schema.duplicate-name');
    assert.match(error.message, /"people".*"people_idx"/);
  });

  it('kiln tables and drizzle tables mix in one schema', async () => {
    project.writeSchema(
      `import { table, integer as kilnInteger } from 'kiln';\nimport { ${fixture.int}, text, ${fixture.table} } from 'drizzle-orm/${fixture.core}';\n` +
        `export const people = ${fixture.table}('people', { id: ${fixture.int}().primaryKey(), name: text() });\n` +
        "export const notes = table('notes', { id: kilnInteger().primaryKey(), personId: kilnInteger('person_id').references(() => 'people.id') });\n",
    );
    const result = await project.migrate('mixed');
    assert.equal(result.changes.length, 2, result.changes.join('\n'));
    await project.upgrade();
    await project.assertClean('with kiln and drizzle tables together');
    await project.downgrade('base');
  });
});

/** What each core can declare that kiln cannot: one clear line naming the table (and column). */
const UNSUPPORTED: Readonly<Record<string, readonly { what: string; source: string; code: string; names: RegExp }[]>> =
  {
    'pg-core': [
      {
        what: 'row-level security',
        source:
          "import { integer, pgTable } from 'drizzle-orm/pg-core';\n" +
          "export const secrets = pgTable('secrets', { id: integer().primaryKey() }).enableRLS();\n",
        code: 'schema.drizzle-unsupported',
        names: /"secrets".*row-level security/,
      },
      {
        what: 'identity sequence options',
        source:
          "import { integer, pgTable } from 'drizzle-orm/pg-core';\n" +
          "export const tickets = pgTable('tickets', { id: integer().primaryKey().generatedAlwaysAsIdentity({ startWith: 1000 }) });\n",
        code: 'schema.drizzle-unsupported',
        names: /"tickets\.id".*sequence options/,
      },
    ],
    'mysql-core': [
      {
        what: 'ON UPDATE CURRENT_TIMESTAMP',
        source:
          "import { int, mysqlTable, timestamp } from 'drizzle-orm/mysql-core';\n" +
          "export const stamps = mysqlTable('stamps', { id: int().primaryKey(), updatedAt: timestamp('updated_at').onUpdateNow() });\n",
        code: 'schema.drizzle-unsupported',
        names: /"stamps\.updated_at".*onUpdateNow/,
      },
    ],
    'sqlite-core': [
      {
        what: 'a PostgreSQL enum type',
        source:
          "import { pgEnum } from 'drizzle-orm/pg-core';\nimport { integer, sqliteTable } from 'drizzle-orm/sqlite-core';\n" +
          "export const mood = pgEnum('mood', ['happy', 'sad']);\nexport const people = sqliteTable('people', { id: integer().primaryKey() });\n",
        code: 'schema.drizzle-dialect',
        names: /pgEnum "mood".*sqlite/,
      },
    ],
  };

describe(`drizzle-orm ${fixture.core} features kiln refuses on ${selectedDialect()}`, () => {
  let project: KilnProject;
  before(async () => {
    project = await drizzleProject();
  });
  after(() => project.remove());

  for (const { what, source, code, names } of UNSUPPORTED[fixture.core] ?? []) {
    it(`${what}: ${code}, one line naming it`, async () => {
      project.writeSchema(source);
      const error = await checkSchema(await project.config()).then(
        () => assert.fail('expected a schema error'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof KilnError, String(error));
      assert.equal(error.code, code, error.message);
      assert.match(error.message, names);
      assert.doesNotMatch(error.message, /\n/);
    });
  }
});
