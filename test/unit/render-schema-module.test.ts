import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { renderSchemaModule, renderSchemaModules } from '../../src/autogenerate/render-schema-module.js';
import { schemaIdentifiers } from '../../src/autogenerate/schema-identifiers.js';
import { buildSchemaModel } from '../../src/schema/build-model.js';
import {
  check,
  enumType,
  foreignKey,
  index,
  integer,
  primaryKey,
  sql,
  table,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from '../../src/schema/dsl/index.js';
import { emptyTable, type SchemaModel, type Table } from '../../src/schema/model.js';

const SRC = new URL('../../src/index.ts', import.meta.url).pathname;

/** Imports rendered files (their `'kiln'` import pointed at the sources) and builds the model they declare. */
async function modelOf(files: readonly { file: string; source: string }[], entry: string): Promise<SchemaModel> {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-pulled-'));
  try {
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    for (const { file, source } of files) {
      writeFileSync(join(dir, file), source.replace("from 'kiln'", `from ${JSON.stringify(SRC)}`));
    }
    return buildSchemaModel([await tsImport(pathToFileURL(join(dir, entry)).href, import.meta.url)]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mood = enumType('mood', ['happy', 'sad']);
const users = table(
  'app_user',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    email: varchar(120).notNull().unique(),
    teamId: integer('team_id').references(() => teams.id, { onDelete: 'set null' }),
    feeling: mood().default('happy'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`CURRENT_TIMESTAMP`),
  },
  (t) => [index().on(t.teamId), uniqueIndex('ix_live_email').on(t.email).where(sql`feeling = 'happy'`)],
);
const teams = table('team', {
  id: integer().primaryKey(),
  captainId: integer('captain_id').references(() => users.id),
});
const members = table('member', { teamId: integer('team_id'), userId: integer('user_id'), note: text() }, (t) => [
  primaryKey({ columns: [t.teamId, t.userId] }),
  check('ck_member_note', sql`note <> ''`),
]);
const awards = table('award', { teamId: integer('team_id'), userId: integer('user_id') }, (t) => [
  foreignKey({ columns: [t.teamId, t.userId], foreignColumns: [members.teamId, members.userId], onDelete: 'cascade' }),
]);
const MODEL = buildSchemaModel([{ mood, users, teams, members, awards }]);

describe('pull: rendering a model as a schema module', () => {
  it('one module builds the same model, with thunks for the mutual references', async () => {
    const source = renderSchemaModule(MODEL);
    assert.match(source, /teamId: integer\('team_id'\)\.references\(\(\) => team\.id, \{ onDelete: 'set null' \}\)/);
    assert.match(source, /captainId: integer\('captain_id'\)\.references\(\(\) => appUser\.id\)/);
    assert.match(source, /feeling: mood\(\)\.default\('happy'\)/);
    assert.match(source, /foreignColumns: \[\(\) => member\.teamId, \(\) => member\.userId\]/);
    assert.deepEqual(await modelOf([{ file: 'schema.ts', source }], 'schema.ts'), MODEL);
  });

  it('split modules build the same model through their index', async () => {
    const files = renderSchemaModules(MODEL);
    assert.deepEqual(files.map((f) => f.file).sort(), [
      'appUser.ts',
      'award.ts',
      'enums.ts',
      'index.ts',
      'member.ts',
      'team.ts',
    ]);
    const user = files.find((f) => f.file === 'appUser.ts')?.source ?? '';
    assert.match(user, /^import \{ mood \} from '\.\/enums\.js';$/m);
    assert.match(user, /^import \{ team \} from '\.\/team\.js';$/m);
    assert.deepEqual(await modelOf(files, 'index.ts'), MODEL);
  });

  it('names: camelCase, never a reserved word, a DSL import or a duplicate; keys never collide', () => {
    const tableOf = (name: string, columns: readonly string[], schema: string | null = null): Table => ({
      ...emptyTable(name, schema),
      columns: columns.map((c) => ({
        name: c,
        type: { kind: 'integer' },
        nullable: true,
        default: null,
        autoIncrement: false,
        comment: null,
      })),
    });
    const odd = tableOf('odd', ['user_id', 'userId', '__proto__', 'Order Total', '_id', '1st']);
    const model: SchemaModel = {
      tables: [
        tableOf('order_items', []),
        tableOf('order items', []),
        tableOf('index', []),
        tableOf('class', []),
        tableOf('2fa', []),
        tableOf('t', []),
        tableOf('users', [], 'crm'),
        tableOf('users', []),
        odd,
      ],
      enums: [{ schema: null, name: 'users', values: ['a'] }],
    };
    const names = schemaIdentifiers(model);
    const constant = (name: string, schema: string | null = null) => names.table(schema, name);
    assert.equal(constant('order_items'), 'orderItems');
    assert.equal(constant('order items'), 'orderItems2');
    assert.equal(constant('index'), 'index2');
    assert.equal(constant('class'), 'class2');
    assert.equal(constant('2fa'), '_2fa');
    assert.equal(constant('t'), 't2');
    assert.equal(constant('users', 'crm'), 'users');
    assert.equal(constant('users'), 'users2');
    assert.equal(names.enumType(null, 'users'), 'usersEnum');
    const keys = odd.columns.map((c) => names.columnKey(odd, c.name));
    assert.deepEqual(keys, ['user_id', 'userId', 'proto2', 'Order Total', '_id', '1st']);
    assert.equal(new Set(keys).size, keys.length);
  });
});
