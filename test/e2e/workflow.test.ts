import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { CliProject } from '../support/cli-project.js';
import { openSqlite } from '../support/sqlite-file.js';

const CONFIG = `import { defineConfig } from 'kiln';
export default defineConfig({ url: 'sqlite:./app.db', schema: './src/schema.ts', migrations: './migrations' });
`;
const SCHEMA_V1 = `import { boolean, integer, table, varchar } from 'kiln';
export const users = table('con_user', {
  id: integer().primaryKey(),
  name: varchar(30),
  secretkey: varchar(100),
  status: boolean(),
});
`;
const SCHEMA_V2 = `import { boolean, index, integer, table, varchar } from 'kiln';
export const users = table('con_user', {
  id: integer().primaryKey(),
  name: varchar(30).notNull().default(''),
  secretkey: varchar(100),
  status: boolean(),
  email: varchar(120).notNull().default(''),
}, (t) => [index('ix_con_user_name').on(t.name)]);
`;

// Both module systems a user's project can have: TypeScript compiled as CommonJS (no package.json
// "type") goes through tsx's namespaced loader; an ESM package takes the CLI's process-wide one.
for (const esm of [false, true])
  describe(`the reference workflow through the CLI (SQLite, ${esm ? 'ESM' : 'CommonJS'} project)`, () => {
    let project: CliProject;
    const db = () => openSqlite(project.path('app.db'));
    const query = <T>(sql: string): T[] => {
      const conn = db();
      try {
        return conn.all(sql) as T[];
      } finally {
        conn.close();
      }
    };

    before(() => {
      project = new CliProject({
        'kiln.config.ts': CONFIG,
        'src/schema.ts': SCHEMA_V1,
        ...(esm ? { 'package.json': '{ "type": "module" }\n' } : {}),
      });
    });
    after(() => project.remove());

    let first = '';
    let second = '';

    it('init creates migrations/ with versions/, a template and a README', () => {
      const run = project.ok(['init']);
      assert.match(run.stdout, /migrations\/versions/);
      assert.ok(readdirSync(project.path('migrations')).includes('script.ts.template'));
      assert.ok(readdirSync(project.path('migrations')).includes('README.md'));
    });

    it('migrate autogenerates createTable con_user with its downgrade', () => {
      const run = project.ok(['migrate', '-m', 'init']);
      assert.match(run.stdout, /create table con_user/);
      const files = readdirSync(project.path('migrations', 'versions')).filter((f) => f.endsWith('.ts'));
      assert.equal(files.length, 1);
      const source = readFileSync(project.path('migrations', 'versions', files[0] as string), 'utf8');
      assert.match(source, /op\.createTable\('con_user'/);
      assert.match(source, /op\.dropTable\('con_user'/);
      first = /export const revision = '([0-9a-f]+)'/.exec(source)?.[1] ?? '';
      assert.notEqual(first, '');
    });

    it('upgrade applies it and records the head', () => {
      project.ok(['upgrade']);
      assert.deepEqual(query<{ version_num: string }>('SELECT version_num FROM kiln_version'), [
        { version_num: first },
      ]);
      const columns = query<{ name: string }>("SELECT name FROM pragma_table_info('con_user')").map((c) => c.name);
      assert.deepEqual(columns, ['id', 'name', 'secretkey', 'status']);
    });

    it('current prints the revision with (head)', () => {
      assert.equal(project.ok(['current']).stdout.trim(), `${first} (head)`);
    });

    it('a model change is detected, applied, and existing rows are kept', () => {
      const conn = db();
      conn.exec("INSERT INTO con_user (id, name, secretkey, status) VALUES (1, 'ada', 'k1', 1), (2, NULL, 'k2', 0)");
      conn.close();
      project.write('src/schema.ts', SCHEMA_V2);
      const run = project.ok(['migrate', '-m', 'add email']);
      assert.match(run.stdout, /add column con_user\.email/);
      assert.match(run.stdout, /create index ix_con_user_name/);
      second = /Generated .*\/([0-9a-f]+)_add_email\.ts/.exec(run.stdout)?.[1] ?? '';
      assert.notEqual(second, '');
      project.ok(['upgrade']);
      const rows = query<{ id: number; name: string; email: string }>(
        'SELECT id, name, email FROM con_user ORDER BY id',
      );
      assert.deepEqual(rows, [
        { id: 1, name: 'ada', email: '' },
        { id: 2, name: '', email: '' },
      ]);
    });

    it('check exits 0 when the models and the database agree', () => {
      assert.match(project.ok(['check']).stdout, /No differences/);
    });

    it('check exits 1 and names the difference when they do not', () => {
      project.write(
        'src/schema.ts',
        SCHEMA_V2.replace('email: varchar(120)', 'phone: varchar(20),\n  email: varchar(120)'),
      );
      const run = project.ok(['check'], 1);
      assert.match(run.stdout, /add column con_user\.phone/);
      project.write('src/schema.ts', SCHEMA_V2);
    });

    it('history lists revisions newest first', () => {
      const lines = project.ok(['history']).stdout.trim().split('\n');
      assert.equal(lines.length, 2);
      assert.match(lines[0] as string, new RegExp(`^${first} -> ${second} \\(head\\), add email$`));
      assert.match(lines[1] as string, new RegExp(`^<base> -> ${first}, init$`));
    });

    it('--json output for the reading commands', () => {
      const heads = JSON.parse(project.ok(['heads', '--json']).stdout) as { heads: { revision: string }[] };
      assert.deepEqual(
        heads.heads.map((h) => h.revision),
        [second],
      );
      const current = JSON.parse(project.ok(['current', '--json']).stdout) as { current: { revision: string }[] };
      assert.deepEqual(
        current.current.map((h) => h.revision),
        [second],
      );
    });

    it('downgrade -1 goes back one revision and keeps the rows', () => {
      project.ok(['downgrade', '-1']);
      assert.equal(project.ok(['current']).stdout.trim(), first);
      const rows = query<{ id: number; name: string | null }>('SELECT id, name FROM con_user ORDER BY id');
      assert.deepEqual(rows, [
        { id: 1, name: 'ada' },
        { id: 2, name: '' },
      ]);
      const columns = query<{ name: string }>("SELECT name FROM pragma_table_info('con_user')").map((c) => c.name);
      assert.deepEqual(columns, ['id', 'name', 'secretkey', 'status']);
    });

    it('downgrade base reverts everything and empties kiln_version', () => {
      project.ok(['downgrade', 'base']);
      assert.deepEqual(query('SELECT version_num FROM kiln_version'), []);
      assert.deepEqual(query("SELECT name FROM sqlite_master WHERE name = 'con_user'"), []);
      const log = query<{ direction: string }>('SELECT direction FROM kiln_log ORDER BY id').map((r) => r.direction);
      assert.deepEqual(log, ['upgrade', 'upgrade', 'downgrade', 'downgrade']);
    });

    it('upgrade head --sql prints the SQL and touches nothing', () => {
      const run = project.ok(['upgrade', 'head', '--sql']);
      assert.match(run.stdout, /CREATE TABLE "con_user"/);
      assert.match(run.stdout, /INSERT INTO "kiln_version"/);
      assert.deepEqual(query('SELECT version_num FROM kiln_version'), []);
      assert.deepEqual(query("SELECT name FROM sqlite_master WHERE name = 'con_user'"), []);
    });
  });
