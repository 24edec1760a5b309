import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { upgrade } from 'kiln';
import type { DatabaseConnection } from '../../src/dialects/dialect.js';
import { sqliteDialect } from '../../src/dialects/sqlite/sqlite-dialect.js';
import { liveContext } from '../support/compile-context.js';
import { sqliteProvider } from '../support/databases/sqlite.js';
import { KilnProject } from '../support/project.js';
import { schemaModule } from '../support/round-trip-schemas.js';

/**
 * SQLite table rebuilds on real files with rows: what the table had besides
 * its model (the AUTOINCREMENT counter, triggers) survives, and the
 * foreign-key check blames only the revision's own tables.
 */

function withProject(title: string, body: (project: () => KilnProject) => void): void {
  describe(title, () => {
    let project: KilnProject;
    before(async () => {
      project = await KilnProject.create();
    });
    after(() => project.remove());
    body(() => project);
  });
}

async function apply(project: KilnProject, source: string, message: string) {
  project.writeSchema(schemaModule(source));
  await project.migrate(message);
  return project.upgrade();
}

async function tableSql(project: KilnProject, name: string): Promise<string> {
  const rows = await project.query<{ sql: string }>(
    `SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '${name}'`,
  );
  return rows[0]?.sql ?? '';
}

withProject('rebuilding an AUTOINCREMENT table', (project) => {
  it('keeps the counter: the next id continues past the old maximum even after its rows were deleted', async () => {
    const p = project();
    await apply(
      p,
      "export const item = table('item', { id: integer().primaryKey({ autoIncrement: true }), name: varchar(20) });",
      'create',
    );
    await p.execute("INSERT INTO item (name) VALUES ('a'), ('b'), ('c')");
    await p.execute('DELETE FROM item WHERE id >= 2');
    await apply(
      p,
      "export const item = table('item', { id: integer().primaryKey({ autoIncrement: true }), name: varchar(20).notNull().default('') });",
      'name not null',
    );
    assert.match(await tableSql(p, 'item'), /"name" VARCHAR\(20\) NOT NULL/, 'the table was rebuilt');
    assert.deepEqual(await p.query("SELECT seq FROM sqlite_sequence WHERE name = 'item'"), [{ seq: 3 }]);
    await p.execute("INSERT INTO item (name) VALUES ('d')");
    assert.deepEqual(await p.query('SELECT id, name FROM item ORDER BY id'), [
      { id: 1, name: 'a' },
      { id: 4, name: 'd' },
    ]);
    assert.deepEqual(await p.query("SELECT name FROM sqlite_sequence WHERE name LIKE '_kiln_new_%'"), []);
  });
});

const ACCOUNT = (balance: string, code: boolean) => `
export const audit = table('audit', { id: integer().primaryKey({ autoIncrement: true }), accountId: integer('account_id'), what: text() });
export const account = table('account', {
  id: integer().primaryKey(),
  balance: ${balance},
  ${code ? "code: varchar('code', 10).unique()," : ''}
});`;

withProject('rebuilding a table with triggers', (project) => {
  it('re-creates the trigger, which still fires', async () => {
    const p = project();
    await apply(p, ACCOUNT('integer()', true), 'create');
    await p.execute(
      "CREATE TRIGGER trg_account_insert AFTER INSERT ON account BEGIN INSERT INTO audit (account_id, what) VALUES (NEW.id, 'insert'); END",
    );
    await p.execute(
      'CREATE TRIGGER trg_account_code AFTER UPDATE OF code ON account BEGIN INSERT INTO audit (account_id, what) VALUES (NEW.id, NEW.code); END',
    );
    await p.execute('INSERT INTO account (id, balance) VALUES (1, 5)');
    await apply(p, ACCOUNT('integer().notNull().default(0)', true), 'balance not null');
    assert.match(await tableSql(p, 'account'), /"balance" INTEGER NOT NULL DEFAULT 0/, 'the table was rebuilt');
    const triggers = await p.query<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'account' ORDER BY name",
    );
    assert.deepEqual(
      triggers.map((t) => t.name),
      ['trg_account_code', 'trg_account_insert'],
    );
    await p.execute('INSERT INTO account (id) VALUES (2)');
    assert.deepEqual(await p.query('SELECT account_id, what FROM audit ORDER BY id'), [
      { account_id: 1, what: 'insert' },
      { account_id: 2, what: 'insert' },
    ]);
  });

  it('a revision dropping a column a trigger uses fails, naming the trigger; nothing is changed', async () => {
    const p = project();
    p.writeSchema(schemaModule(ACCOUNT('integer().notNull().default(0)', false)));
    await p.migrate('drop code');
    // Autogenerate drops the unique constraint (a rebuild), then the column (ALTER TABLE, which SQLite refuses itself).
    await assert.rejects(p.upgrade(), /trigger '?trg_account_code'?/);
    assert.match(await tableSql(p, 'account'), /"code"/, 'rolled back: the column is still there');
    assert.equal((await p.query("SELECT name FROM sqlite_master WHERE type = 'trigger'")).length, 2);
  });

  it('a rebuild that would drop a column a trigger uses is refused at compile time, naming the trigger', async () => {
    const p = project();
    const connection = await sqliteDialect.connect(p.database.options, p.dir);
    try {
      const op = { kind: 'dropColumn', schema: null, table: 'account', column: 'code', existing: null } as const;
      const context = await liveContext(sqliteDialect, connection);
      assert.throws(
        () => sqliteDialect.compile(op, context),
        /cannot rebuild table 'account': trigger 'trg_account_code' uses column 'code', which the rebuild drops/,
      );
    } finally {
      await connection.close();
    }
  });
});

const FAMILY = (otherName: string, childParent: string) => `
export const parent = table('parent', { id: integer().primaryKey() });
export const child = table('child', { id: integer().primaryKey(), parentId: integer('parent_id')${childParent}.references(() => parent.id) });
export const other = table('other', { id: integer().primaryKey(), name: ${otherName} });`;

withProject('the foreign-key check at the end of a revision', (project) => {
  it('an older orphan row in an unrelated table: unread by a revision of schema changes, a warning after a data step', async () => {
    const p = project();
    await apply(p, FAMILY('varchar(20)', ''), 'create');
    await p.execute('INSERT INTO parent (id) VALUES (1)');
    await p.execute('PRAGMA foreign_keys = OFF');
    await p.execute('INSERT INTO child (id, parent_id) VALUES (1, 1), (2, 999)');
    await p.execute('PRAGMA foreign_keys = ON');
    p.writeSchema(schemaModule(FAMILY('varchar(40)', '')));
    await p.migrate('other.name wider');
    const quiet = await upgrade(await p.config(), 'head');
    assert.equal(quiet.steps.length, 1, 'the revision applied');
    assert.deepEqual(quiet.warnings, [], 'only "other" and the tables referring to it were checked');
    const warnings: string[] = [];
    p.writeSchema(schemaModule(FAMILY("varchar(20).notNull().default('')", '')));
    const revision = await p.migrate('other.name not null');
    // A data step may change rows anywhere, so the whole database is checked.
    const file = revision.path as string;
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        /(export async function upgrade\(op: Operations\)[^{]*\{)/,
        '$1\n  await op.execute("UPDATE other SET name = \'\' WHERE name IS NULL");',
      ),
    );
    // lint: false — this is about the foreign-key check's warning, not lint's report of the narrowing.
    const result = await upgrade(await p.config(), 'head', {
      lint: false,
      onWarning: (message) => warnings.push(message),
    });
    assert.equal(result.steps.length, 1, 'the revision applied');
    assert.match(await tableSql(p, 'other'), /"name" VARCHAR\(20\) NOT NULL/, 'and rebuilt "other"');
    assert.equal(result.warnings.length, 1, `one warning, got ${JSON.stringify(result.warnings)}`);
    assert.match(
      result.warnings[0] ?? '',
      /1 row\(s\) of table child refer to missing rows of parent; they were there before/,
    );
    assert.deepEqual(warnings, result.warnings, 'passed on as the run goes');
    assert.deepEqual(await p.query('SELECT version_num FROM kiln_version'), [{ version_num: revision.revision }]);
  });

  it('an orphan in a table the revision rebuilds (or that references one) still fails it', async () => {
    const p = project();
    p.writeSchema(schemaModule(FAMILY("varchar(20).notNull().default('')", '.notNull()')));
    await p.migrate('child.parent_id not null');
    await assert.rejects(p.upgrade(), /foreign key check failed: 1 row\(s\) of child → parent refer to missing rows/);
    assert.doesNotMatch(await tableSql(p, 'child'), /"parent_id" INTEGER NOT NULL/, 'rolled back');
  });
});

describe('the foreign-key check of a transaction, on the connection', () => {
  let connection: DatabaseConnection;
  let drop: () => Promise<void>;
  before(async () => {
    const database = await sqliteProvider.create();
    drop = () => database.drop();
    connection = await sqliteDialect.connect(database.options, '/');
    await connection.execute('CREATE TABLE p (id INTEGER PRIMARY KEY)');
    await connection.execute('CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id))');
    await connection.execute('INSERT INTO p VALUES (1), (2)');
    await connection.execute('INSERT INTO c VALUES (1, 1), (2, 2)');
  });
  after(async () => {
    await connection.close();
    await drop();
  });

  it('fails for an orphan the transaction made with a plain DELETE (enforcement is off inside it)', async () => {
    await assert.rejects(
      connection.transaction(() => connection.execute('DELETE FROM p WHERE id = 2')),
      /foreign key check failed: 1 row\(s\) of c → p/,
    );
    assert.deepEqual(await connection.query('SELECT id FROM p ORDER BY id'), [{ id: 1 }, { id: 2 }], 'rolled back');
    assert.deepEqual(connection.takeWarnings?.(), []);
  });

  it('a rebuild that would drop a column a view uses is refused at compile time, naming the view', async () => {
    await connection.execute('CREATE VIEW v_c AS SELECT id, p_id FROM c');
    // p_id carries a foreign key, so dropping it rebuilds c.
    const op = { kind: 'dropColumn', schema: null, table: 'c', column: 'p_id', existing: null } as const;
    const context = await liveContext(sqliteDialect, connection);
    assert.throws(
      () => sqliteDialect.compile(op, context),
      /cannot rebuild table 'c': view 'v_c' uses column 'p_id', which the rebuild drops/,
    );
  });
});
