import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { compareSchemas } from '../../src/autogenerate/compare.js';
import { renderEmptyRevision, renderRevisionFile } from '../../src/autogenerate/render-revision.js';
import { applyOperations } from '../../src/operations/apply.js';
import type { Operation } from '../../src/operations/operation.js';
import { renderImports, renderOperation, renderOperations } from '../../src/operations/render.js';
import { reverseOperations } from '../../src/operations/reverse.js';
import { EMPTY_SCHEMA, type Table } from '../../src/schema/model.js';
import { canonical, column, conUser, model, post, table, types } from '../support/model-fixtures.js';

const users = { schema: null, table: 'con_user' };
const app = { schema: 'app', table: 'con_user' };

const golden: [string, Operation, string][] = [
  [
    'dropTable',
    { kind: 'dropTable', schema: null, table: 'post', existing: null },
    "// data loss: dropping table post discards its rows\nawait op.dropTable('post');",
  ],
  [
    'renameTable',
    { kind: 'renameTable', ...app, newName: 'account' },
    "await op.renameTable('con_user', 'account', { schema: 'app' });",
  ],
  [
    'addColumn',
    {
      kind: 'addColumn',
      ...users,
      column: column('email', types.varchar(120), { nullable: false, default: { kind: 'literal', value: '' } }),
    },
    "await op.addColumn('con_user', 'email', varchar(120).notNull().default(''));",
  ],
  [
    'addColumn serial',
    {
      kind: 'addColumn',
      ...users,
      column: column('seq', types.bigint, { nullable: false, autoIncrement: true, comment: "it's" }),
    },
    "await op.addColumn('con_user', 'seq', bigserial().comment(\"it's\"));",
  ],
  [
    'dropColumn',
    { kind: 'dropColumn', ...users, column: 'email', existing: null },
    "// data loss: dropping column con_user.email discards its values\nawait op.dropColumn('con_user', 'email');",
  ],
  [
    'alterColumn',
    {
      kind: 'alterColumn',
      ...users,
      column: 'name',
      type: { from: types.varchar(30), to: types.varchar(60) },
      nullable: { from: true, to: false },
      default: { from: null, to: { kind: 'literal', value: '' } },
      existing: null,
    },
    "await op.alterColumn('con_user', 'name', { type: varchar(60), notNull: true, default: '' });",
  ],
  [
    'alterColumn narrowing',
    {
      kind: 'alterColumn',
      ...users,
      column: 'name',
      type: { from: types.varchar(60), to: types.varchar(30) },
      existing: null,
    },
    "// data loss: changing con_user.name from varchar(60) to varchar(30) may truncate or reject its values\nawait op.alterColumn('con_user', 'name', { type: varchar(30) });",
  ],
  [
    'alterColumn rename + comment (wrapped past 100 columns)',
    {
      kind: 'alterColumn',
      ...app,
      column: 'nick',
      name: { from: 'nick', to: 'nickname' },
      comment: { from: 'x', to: null },
      default: { from: undefined, to: { kind: 'sql', sql: 'now()' } },
      existing: null,
    },
    "await op.alterColumn('con_user', 'nick', {\n  default: sql`now()`,\n  name: 'nickname',\n  comment: null,\n}, { schema: 'app' });",
  ],
  [
    'createIndex',
    {
      kind: 'createIndex',
      ...users,
      index: { name: 'ix_con_user_name', columns: ['name', 'id'], unique: true, where: "status = 'on'" },
    },
    "await op.createIndex('ix_con_user_name', 'con_user', ['name', 'id'], { unique: true, where: sql`status = 'on'` });",
  ],
  [
    'dropIndex',
    { kind: 'dropIndex', ...users, name: 'ix_con_user_name', existing: null },
    "await op.dropIndex('ix_con_user_name', 'con_user');",
  ],
  [
    'createUniqueConstraint',
    { kind: 'createUniqueConstraint', ...users, constraint: { name: 'uq_con_user_name', columns: ['name'] } },
    "await op.createUniqueConstraint('uq_con_user_name', 'con_user', ['name']);",
  ],
  [
    'createForeignKey',
    { kind: 'createForeignKey', schema: null, table: 'post', foreignKey: post.foreignKeys[0]! },
    "await op.createForeignKey('fk_post_user_id_con_user', 'post', 'con_user', ['user_id'], ['id'], { onDelete: 'cascade' });",
  ],
  [
    'createCheckConstraint',
    {
      kind: 'createCheckConstraint',
      ...users,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal `${` is what the escaping must handle
      check: { name: 'ck_name', expression: "name <> `x` AND a ~ '\\d' AND b = '${y}'" },
    },
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the expected source spells `\${` escaped
    "await op.createCheckConstraint('ck_name', 'con_user', sql`name <> \\`x\\` AND a ~ '\\\\d' AND b = '\\${y}'`);",
  ],
  [
    'createPrimaryKey',
    { kind: 'createPrimaryKey', ...users, primaryKey: { name: 'pk_con_user', columns: ['id'] } },
    "await op.createPrimaryKey('pk_con_user', 'con_user', ['id']);",
  ],
  [
    'dropConstraint',
    { kind: 'dropConstraint', ...app, name: 'uq_x', type: 'unique', existing: null },
    "await op.dropConstraint('uq_x', 'con_user', { type: 'unique', schema: 'app' });",
  ],
  [
    'createEnum',
    { kind: 'createEnum', enum: { schema: null, name: 'mood', values: ['happy', 'sad'] } },
    "await op.createEnum('mood', ['happy', 'sad']);",
  ],
  ['createSchema', { kind: 'createSchema', name: 'billing' }, "await op.createSchema('billing');"],
  ['dropSchema', { kind: 'dropSchema', name: 'billing' }, "await op.dropSchema('billing');"],
  [
    'alterEnum',
    { kind: 'alterEnum', schema: null, name: 'mood', addValues: ['meh'], existing: null },
    "await op.alterEnum('mood', { addValues: ['meh'] });",
  ],
  [
    'alterEnum removing',
    { kind: 'alterEnum', schema: 'app', name: 'mood', addValues: [], removeValues: ['meh'], existing: null },
    "// data loss: removing 'meh' from enum app.mood fails while rows hold them\nawait op.alterEnum('mood', { removeValues: ['meh'] }, { schema: 'app' });",
  ],
  ['dropEnum', { kind: 'dropEnum', schema: null, name: 'mood', existing: null }, "await op.dropEnum('mood');"],
  [
    'execute',
    { kind: 'execute', sql: "UPDATE con_user SET name = 'a\\b'" },
    'await op.execute("UPDATE con_user SET name = \'a\\\\b\'");',
  ],
  [
    'execute multi-line',
    { kind: 'execute', sql: 'SELECT 1;\r\nSELECT 2' },
    'await op.execute(sql`SELECT 1;\\r\\nSELECT 2`);',
  ],
  [
    'bulkInsert',
    { kind: 'bulkInsert', ...users, rows: [{ id: 1, name: "it's\n", status: null }] },
    "await op.bulkInsert('con_user', [\n  { id: 1, name: \"it's\\n\", status: null },\n]);",
  ],
];

const createPost = `await op.createTable('post', {
  id: integer().primaryKey({ autoIncrement: true }),
  user_id: integer().notNull().references('con_user.id', { onDelete: 'cascade' }),
  title: varchar(200).notNull(),
});`;

describe('renderOperation', () => {
  for (const [name, op, expected] of golden) {
    it(name, () => assert.equal(renderOperation(op), expected));
  }

  it('createTable: one column per line, keys and references on their column', () => {
    assert.equal(renderOperation({ kind: 'createTable', table: { ...post, indexes: [] } }), createPost);
  });

  it('createTable: composite keys, named constraints, checks, options in extras', () => {
    const member: Table = table(
      'member',
      [
        column('team_id', types.integer, { nullable: false }),
        column('user id', types.integer, { nullable: false }),
        column('feeling', { kind: 'enum', name: 'mood', values: ['a'], schema: 'app' }),
        column('price', { kind: 'numeric', precision: 10, scale: 2 }, { default: { kind: 'literal', value: 0 } }),
        column('at', { kind: 'timestamp', withTimezone: true }),
        column('raw', { kind: 'raw', sql: 'tsvector' }),
      ],
      {
        schema: 'app',
        comment: 'who is in which team',
        primaryKey: { name: 'pk_member', columns: ['team_id', 'user id'] },
        uniques: [{ name: 'uq_custom', columns: ['feeling'] }],
        foreignKeys: [
          {
            name: 'fk_member_team',
            columns: ['team_id', 'user id'],
            referencedSchema: 'app',
            referencedTable: 'team',
            referencedColumns: ['id', 'uid'],
            onDelete: 'no action',
            onUpdate: 'cascade',
          },
        ],
        checks: [{ name: 'ck_price', expression: 'price > 0' }],
      },
    );
    assert.equal(
      renderOperation({ kind: 'createTable', table: member }),
      `await op.createTable('member', {
  team_id: integer().notNull(),
  'user id': integer().notNull(),
  feeling: enumType('mood', ['a'], { schema: 'app' })().unique('uq_custom'),
  price: numeric(10, 2).default(0),
  at: timestamp({ withTimezone: true }),
  raw: rawType('tsvector'),
}, (t) => [
  primaryKey({ columns: [t.team_id, t['user id']] }),
  foreignKey({ name: 'fk_member_team', columns: [t.team_id, t['user id']], foreignColumns: ['app.team.id', 'app.team.uid'], onUpdate: 'cascade' }),
  check('ck_price', sql\`price > 0\`),
], { schema: 'app', comment: 'who is in which team' });`,
    );
  });

  it('createTable with options and no extras passes undefined', () => {
    const t = table('x', [column('id', types.integer)], { comment: 'c' });
    assert.equal(
      renderOperation({ kind: 'createTable', table: t }),
      "await op.createTable('x', {\n  id: integer(),\n}, undefined, { comment: 'c' });",
    );
  });
});

describe('renderOperations / renderImports', () => {
  const ops: Operation[] = [
    { kind: 'createTable', table: { ...post, indexes: [] } },
    { kind: 'createIndex', schema: null, table: 'post', index: post.indexes[0]! },
  ];

  it('indents each line and lists the DSL names used', () => {
    const code = renderOperations(ops, '    ');
    assert.ok(code.split('\n').every((line) => line.startsWith('    ')));
    assert.deepEqual(renderImports(ops), ['integer', 'varchar']);
  });

  it('marks downgrade re-creations whose values are gone', () => {
    const add: Operation = { kind: 'addColumn', ...users, column: column('email', types.text) };
    assert.equal(
      renderOperations([add], '', { restoresDropped: true }),
      "// data loss: column con_user.email comes back empty; upgrade discarded its values\nawait op.addColumn('con_user', 'email', text());",
    );
  });
});

const header = {
  revision: '3f2a9c1d7e4b',
  downRevision: '9b1c0e2d4a55',
  branchLabels: [],
  dependsOn: [],
  message: "add user's status",
  createDate: '2025-01-02T03:04:05.000Z',
};

function diagnostics(source: string): string[] {
  const out = ts.transpileModule(source, {
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
  });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('renderRevisionFile', () => {
  it('writes the metadata and both functions', () => {
    const upgradeOps = compareSchemas(model([conUser]), model([conUser, post]));
    const file = renderRevisionFile({ ...header, upgradeOps, downgradeOps: reverseOperations(upgradeOps) });
    assert.equal(
      file,
      `import type { Operations } from 'kiln';
import { integer, varchar } from 'kiln';

export const revision = '3f2a9c1d7e4b';
export const downRevision = '9b1c0e2d4a55';
export const branchLabels: string[] = [];
export const dependsOn: string[] = [];
export const message = "add user's status";
export const createDate = '2025-01-02T03:04:05.000Z';

export async function upgrade(op: Operations) {
${createPost.replace(/^/gm, '  ')}
  await op.createIndex('ix_post_user_id', 'post', ['user_id']);
}

export async function downgrade(op: Operations) {
  await op.dropIndex('ix_post_user_id', 'post');
  // data loss: dropping table post discards its rows
  await op.dropTable('post');
}
`,
    );
    assert.deepEqual(diagnostics(file), []);
  });

  it('says "no schema changes" in empty bodies, and renders merges and bases', () => {
    const merge = renderRevisionFile({ ...header, downRevision: ['a1', 'b2'], upgradeOps: [], downgradeOps: [] });
    assert.match(merge, /export const downRevision = \['a1', 'b2'\];/);
    assert.match(merge, /upgrade\(op: Operations\) \{\n {2}\/\/ no schema changes\n\}/);
    assert.ok(!merge.includes('import {'));
    const base = renderEmptyRevision({ ...header, downRevision: null, branchLabels: ['core'] });
    assert.match(base, /export const downRevision = null;/);
    assert.match(base, /branchLabels: string\[\] = \['core'\];/);
    assert.match(base, /\/\/ Write the schema changes/);
    assert.deepEqual(diagnostics(merge), []);
    assert.deepEqual(diagnostics(base), []);
  });

  it('runs through the Operations API and builds the same schema', async () => {
    const mood = { schema: null, name: 'mood', values: ['happy', "it's"] };
    const person = table(
      'person',
      [
        column('id', types.integer, { nullable: false, autoIncrement: true }),
        column('feeling', { kind: 'enum', ...mood }, { default: { kind: 'literal', value: 'happy' } }),
        column('user_id', types.integer, { comment: 'who\nelse' }),
      ],
      {
        primaryKey: { name: 'pk_person', columns: ['id'] },
        foreignKeys: [{ ...post.foreignKeys[0]!, name: 'fk_person_user_id_con_user', onDelete: 'set null' }],
        uniques: [{ name: 'uq_person_feeling_user_id', columns: ['feeling', 'user_id'] }],
        indexes: [{ name: 'ix_person_user_id', columns: ['user_id'], unique: false, where: 'user_id > 0' }],
        checks: [{ name: 'ck_person_id', expression: 'id > 0' }],
      },
    );
    const target = model([conUser, post, person], [mood]);
    const upgradeOps = compareSchemas(EMPTY_SCHEMA, target);
    const source = renderRevisionFile({ ...header, upgradeOps, downgradeOps: reverseOperations(upgradeOps) });
    const dsl = pathToFileURL(resolve('src/schema/dsl/index.ts')).href;
    const opModule = pathToFileURL(resolve('src/operations/op.ts')).href;
    const runnable = source
      .replace("import type { Operations } from 'kiln';", `import type { Operations } from '${opModule}';`)
      .replace(/from 'kiln';/, `from '${dsl}';`);
    const dir = mkdtempSync(join(tmpdir(), 'kiln-render-'));
    try {
      const file = join(dir, 'revision.ts');
      writeFileSync(file, runnable);
      const { tsImport } = await import('tsx/esm/api');
      const revision = (await tsImport(pathToFileURL(file).href, import.meta.url)) as {
        upgrade: (op: unknown) => Promise<void>;
        downgrade: (op: unknown) => Promise<void>;
      };
      const { Operations } = await import('../../src/operations/op.js');
      const record = async (fn: (op: unknown) => Promise<void>) => {
        const ops: Operation[] = [];
        await fn(new Operations({ run: async (op: Operation) => void ops.push(op), query: async () => [] }));
        return ops;
      };
      const upgraded = applyOperations(EMPTY_SCHEMA, await record(revision.upgrade));
      assert.deepEqual(canonical(upgraded), canonical(target));
      assert.deepEqual(applyOperations(upgraded, await record(revision.downgrade)), EMPTY_SCHEMA);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
