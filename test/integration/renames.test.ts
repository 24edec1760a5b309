import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { KilnError, type RenameQuestion, type RevisionOptions, revision } from 'kiln';
import { KilnProject } from '../support/project.js';

const person = (table: string, mail: string) => `import { integer, table, varchar } from 'kiln';
export const person = table('${table}', {
  id: integer().primaryKey(),
  ${mail}: varchar(120),
  name: varchar(40).notNull(),
});
`;

const ROWS =
  "INSERT INTO person (id, mail, name) VALUES (1, 'ann@example.test', 'ann'), (2, 'bob@example.test', 'bob')";

/** Renames keep rows, on every dialect: `--rename` (the `renames` option) and the injected prompt. */
describe('renames instead of drop + add', () => {
  let project: KilnProject;
  before(async () => {
    project = await KilnProject.create();
    project.writeSchema(person('person', 'mail'));
    await project.migrate('init');
    await project.upgrade();
    await project.execute(ROWS);
  });
  after(() => project.remove());

  const mails = async (table: string, column: string) =>
    (await project.query(`SELECT ${project.quote(column)} AS v FROM ${project.quote(table)} ORDER BY id`)).map((r) =>
      String(r.v),
    );
  const generate = async (message: string, options: Partial<RevisionOptions>) =>
    revision(await project.config(), { message, autogenerate: true, ...options });

  it('without a rename and without a terminal: drop + add, and a warning with the --rename line', async () => {
    project.writeSchema(person('person', 'email'));
    const result = await generate('no rename', {});
    assert.ok(
      result.warnings.some((w) => w.includes('--rename person.mail=person.email')),
      result.warnings.join('\n'),
    );
    assert.ok(result.lint.some((f) => f.code === 'drop-column'));
    rmSync(result.path as string);
  });

  it('a column rename keeps the values; the downgrade restores the old name with them', async () => {
    project.writeSchema(person('person', 'email'));
    const result = await generate('rename mail', { renames: ['person.mail=person.email'] });
    const source = readFileSync(result.path as string, 'utf8');
    assert.match(source, /op\.alterColumn\('person', 'mail', \{ name: 'email'/);
    assert.doesNotMatch(source, /dropColumn/);
    assert.deepEqual(result.warnings, [
      `${result.revision} rename-column: renaming column person.mail to email breaks app code still using the old name; deploy code that reads both names first, or add the new column, copy, and drop the old one later`,
    ]);
    await project.upgrade();
    assert.deepEqual(await mails('person', 'email'), ['ann@example.test', 'bob@example.test']);
    await project.assertClean('after the column rename');
    await project.downgrade('-1');
    assert.deepEqual(await mails('person', 'mail'), ['ann@example.test', 'bob@example.test']);
    await project.upgrade();
  });

  it('a table rename keeps the rows; the downgrade renames it back', async () => {
    project.writeSchema(person('people', 'email'));
    const result = await generate('rename person', { renames: ['person=people'] });
    const source = readFileSync(result.path as string, 'utf8');
    assert.match(source, /op\.renameTable\('person', 'people'/);
    assert.doesNotMatch(source, /dropTable|createTable/);
    await project.upgrade();
    assert.deepEqual(await mails('people', 'email'), ['ann@example.test', 'bob@example.test']);
    await project.assertClean('after the table rename');
    await project.downgrade('-1');
    assert.deepEqual(await mails('person', 'email'), ['ann@example.test', 'bob@example.test']);
    await project.upgrade();
  });

  it('the injected prompt is asked about a compatible drop + add, and its answer is written', async () => {
    project.writeSchema(person('people', 'contact'));
    const asked: RenameQuestion[] = [];
    const result = await generate('prompted', {
      askRename: async (question) => {
        asked.push(question);
        return 'rename';
      },
    });
    assert.deepEqual(asked, [{ kind: 'column', table: 'people', from: 'email', to: 'contact' }]);
    assert.match(readFileSync(result.path as string, 'utf8'), /op\.alterColumn\('people', 'email', \{ name: 'contact'/);
    await project.upgrade();
    assert.deepEqual(await mails('people', 'contact'), ['ann@example.test', 'bob@example.test']);
  });

  it('a --rename that is not a dropped + added pair is a usage error naming it', async () => {
    project.writeSchema(person('people', 'mail2'));
    for (const rename of ['people.nope=people.mail2', 'ghost=people', 'people.contact=other.mail2', 'a=b=c']) {
      const error = await generate('bad', { renames: [rename] }).then(
        () => assert.fail(`--rename ${rename} must be refused`),
        (e: unknown) => e,
      );
      assert.ok(error instanceof KilnError, String(error));
      assert.equal(error.code, 'usage.invalid-argument');
      assert.ok(error.message.includes(`--rename ${rename}`), error.message);
    }
  });
});
