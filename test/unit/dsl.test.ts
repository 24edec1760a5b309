import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { SchemaError } from '../../src/errors.js';
import { mysqlCapabilities } from '../../src/dialects/mysql/mysql-adapter.js';
import { postgresCapabilities } from '../../src/dialects/postgres/postgres-adapter.js';
import { SQLITE_CAPABILITIES } from '../../src/dialects/sqlite/sqlite-adapter.js';
import type { SharedNamespaces } from '../../src/schema/namespaces.js';
import { buildSchemaModel, columnFromBuilder, tableFromDefinition } from '../../src/schema/build-model.js';
import {
  bigint,
  bigserial,
  type ColumnRef,
  binary,
  boolean,
  char,
  check,
  date,
  double,
  enumType,
  foreignKey,
  index,
  integer,
  json,
  numeric,
  primaryKey,
  rawType,
  real,
  schema,
  serial,
  smallint,
  sql,
  table,
  text,
  time,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  varchar,
} from '../../src/schema/dsl/index.js';
import { type Column, findTable, type Table } from '../../src/schema/model.js';
import { DEFAULT_NAMING, namingConvention, resolveName, shortenName } from '../../src/schema/naming.js';

/** Builds a one-table model and returns that table. */
function only(definition: unknown, naming = {}): Table {
  const model = buildSchemaModel([{ definition }], { naming });
  assert.equal(model.tables.length, 1);
  return model.tables[0]!;
}

function col(t: Table, name: string): Column {
  const found = t.columns.find((c) => c.name === name);
  assert.ok(found, `column ${name}`);
  return found;
}

function throwsSchema(fn: () => unknown, code: string, message: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof SchemaError, `expected SchemaError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.match(error.message, message);
    assert.ok(error.hint, 'has a hint');
    return true;
  });
}

describe('column types', () => {
  it('maps every builder to its model type', () => {
    const mood = enumType('mood', ['happy', 'sad']);
    const t = only(
      table('all_types', {
        a: integer(),
        b: bigint(),
        c: smallint(),
        d: serial(),
        e: bigserial(),
        f: varchar(30),
        g: varchar(),
        h: char(2),
        i: char(),
        j: text(),
        k: boolean(),
        l: date(),
        m: time(),
        n: timestamp(),
        o: timestamp({ withTimezone: true }),
        p: numeric(10, 2),
        q: numeric(),
        r: numeric(8),
        s: real(),
        u: double(),
        v: json(),
        w: uuid(),
        x: binary(),
        y: rawType('inet'),
        z: mood(),
      }),
    );
    const types = Object.fromEntries(t.columns.map((c) => [c.name, c.type]));
    assert.deepEqual(types, {
      a: { kind: 'integer' },
      b: { kind: 'bigint' },
      c: { kind: 'smallint' },
      d: { kind: 'integer' },
      e: { kind: 'bigint' },
      f: { kind: 'varchar', length: 30 },
      g: { kind: 'varchar', length: null },
      h: { kind: 'char', length: 2 },
      i: { kind: 'char', length: 1 },
      j: { kind: 'text' },
      k: { kind: 'boolean' },
      l: { kind: 'date' },
      m: { kind: 'time' },
      n: { kind: 'timestamp', withTimezone: false },
      o: { kind: 'timestamp', withTimezone: true },
      p: { kind: 'numeric', precision: 10, scale: 2 },
      q: { kind: 'numeric', precision: null, scale: null },
      r: { kind: 'numeric', precision: 8, scale: null },
      s: { kind: 'real' },
      u: { kind: 'double' },
      v: { kind: 'json' },
      w: { kind: 'uuid' },
      x: { kind: 'binary' },
      y: { kind: 'raw', sql: 'inet' },
      z: { kind: 'enum', name: 'mood', values: ['happy', 'sad'], schema: null },
    });
    assert.deepEqual(
      t.columns.filter((c) => c.autoIncrement).map((c) => [c.name, c.nullable]),
      [
        ['d', false],
        ['e', false],
      ],
    );
    assert.ok(t.columns.filter((c) => !c.autoIncrement).every((c) => c.nullable && c.default === null));
  });

  it('takes the column name from the first argument, else the property key', () => {
    const t = only(
      table('named', {
        userId: integer('user_id'),
        title: varchar('title_text', 200),
        plain: varchar('plain_v'),
        createdAt: timestamp('created_at', { withTimezone: true }),
        price2: numeric('price_2', 10, 2),
        code: char('code_c', 3),
        ip: rawType('ip_addr', 'inet'),
        feeling: enumType('mood', ['a'])('feeling_col'),
        a: bigint('a_b'),
        b: smallint('b_s'),
        c: serial('c_s'),
        d: bigserial('d_s'),
        e: text('e_t'),
        f: boolean('f_b'),
        g: date('g_d'),
        h: time('h_t'),
        i: real('i_r'),
        j: double('j_d'),
        k: json('k_j'),
        l: uuid('l_u'),
        m: binary('m_b'),
      }),
    );
    assert.deepEqual(
      t.columns.map((c) => c.name),
      [
        'user_id',
        'title_text',
        'plain_v',
        'created_at',
        'price_2',
        'code_c',
        'ip_addr',
        'feeling_col',
        'a_b',
        'b_s',
        'c_s',
        'd_s',
        'e_t',
        'f_b',
        'g_d',
        'h_t',
        'i_r',
        'j_d',
        'k_j',
        'l_u',
        'm_b',
      ],
    );
    assert.deepEqual(col(t, 'title_text').type, { kind: 'varchar', length: 200 });
    assert.deepEqual(col(t, 'plain_v').type, { kind: 'varchar', length: null });
    assert.deepEqual(col(t, 'created_at').type, { kind: 'timestamp', withTimezone: true });
    assert.deepEqual(col(t, 'price_2').type, { kind: 'numeric', precision: 10, scale: 2 });
    assert.deepEqual(col(t, 'ip_addr').type, { kind: 'raw', sql: 'inet' });
  });
});

describe('column methods', () => {
  it('notNull, default, comment', () => {
    const t = only(
      table('m', {
        a: varchar(10).notNull(),
        b: varchar(10).default('x'),
        c: integer().default(0),
        d: boolean().default(false),
        e: timestamp().default(sql`CURRENT_TIMESTAMP`),
        f: text().comment('why'),
        g: numeric(5, 2).default(1.5),
      }),
    );
    assert.equal(col(t, 'a').nullable, false);
    assert.deepEqual(col(t, 'b').default, { kind: 'literal', value: 'x' });
    assert.deepEqual(col(t, 'c').default, { kind: 'literal', value: 0 });
    assert.deepEqual(col(t, 'd').default, { kind: 'literal', value: false });
    assert.deepEqual(col(t, 'e').default, { kind: 'sql', sql: 'CURRENT_TIMESTAMP' });
    assert.equal(col(t, 'f').comment, 'why');
    assert.equal(col(t, 'a').comment, null);
    assert.deepEqual(col(t, 'g').default, { kind: 'literal', value: 1.5 });
  });

  it('builders are immutable', () => {
    const base = varchar(30);
    const strict = base.notNull().default('a').unique().comment('c');
    assert.notEqual(base, strict);
    assert.equal(base.spec.notNull, false);
    assert.equal(base.spec.default, null);
    assert.equal(base.spec.unique, null);
    assert.equal(base.spec.comment, null);
    assert.ok(Object.isFrozen(base) && Object.isFrozen(base.spec));
    const t = only(table('imm', { a: base, b: strict }));
    assert.equal(col(t, 'a').nullable, true);
    assert.equal(col(t, 'b').nullable, false);
    const ix = index('ix_a');
    assert.notEqual(ix.on('a'), ix);
    assert.deepEqual(ix.columns, []);
  });

  it('primaryKey: single, autoIncrement, composite from columns', () => {
    const t = only(table('con_user', { id: integer().primaryKey(), name: varchar(30) }));
    assert.deepEqual(t.primaryKey, { name: 'pk_con_user', columns: ['id'] });
    assert.equal(col(t, 'id').nullable, false);
    assert.equal(col(t, 'id').autoIncrement, false);
    const p = only(table('post', { id: integer().primaryKey({ autoIncrement: true }) }));
    assert.equal(col(p, 'id').autoIncrement, true);
    const s = only(table('s', { id: serial().primaryKey() }));
    assert.equal(col(s, 'id').autoIncrement, true);
    const c = only(
      table('member', { teamId: integer('team_id').primaryKey(), userId: integer('user_id').primaryKey() }),
    );
    assert.deepEqual(c.primaryKey, { name: 'pk_member', columns: ['team_id', 'user_id'] });
  });

  it('unique with and without a name', () => {
    const t = only(table('con_user', { email: varchar(120).unique(), nick: varchar(20).unique('uq_nick') }));
    assert.deepEqual(t.uniques, [
      { name: 'uq_con_user_email', columns: ['email'] },
      { name: 'uq_nick', columns: ['nick'] },
    ]);
  });

  it('references: thunk, string, schema-qualified string, actions, name', () => {
    const users = table('con_user', { id: integer().primaryKey() });
    const app = schema('app');
    const accounts = app.table('account', { id: integer().primaryKey() });
    const posts = table('post', {
      id: integer().primaryKey(),
      userId: integer('user_id')
        .notNull()
        .references(() => users.id, { onDelete: 'cascade' }),
      editorId: integer('editor_id').references('con_user.id', { onUpdate: 'set null', name: 'fk_editor' }),
      accountId: integer('account_id').references('app.account.id', { onDelete: 'RESTRICT' as 'restrict' }),
      parentId: integer('parent_id').references((): ColumnRef => posts.id),
    });
    const model = buildSchemaModel([{ users, posts, accounts }]);
    const t = findTable(model, 'post')!;
    assert.deepEqual(t.foreignKeys, [
      {
        name: 'fk_post_user_id_con_user',
        columns: ['user_id'],
        referencedSchema: null,
        referencedTable: 'con_user',
        referencedColumns: ['id'],
        onDelete: 'cascade',
        onUpdate: 'no action',
      },
      {
        name: 'fk_editor',
        columns: ['editor_id'],
        referencedSchema: null,
        referencedTable: 'con_user',
        referencedColumns: ['id'],
        onDelete: 'no action',
        onUpdate: 'set null',
      },
      {
        name: 'fk_post_account_id_account',
        columns: ['account_id'],
        referencedSchema: 'app',
        referencedTable: 'account',
        referencedColumns: ['id'],
        onDelete: 'restrict',
        onUpdate: 'no action',
      },
      {
        name: 'fk_post_parent_id_post',
        columns: ['parent_id'],
        referencedSchema: null,
        referencedTable: 'post',
        referencedColumns: ['id'],
        onDelete: 'no action',
        onUpdate: 'no action',
      },
    ]);
  });

  it('columnFromBuilder turns one builder into a Column', () => {
    assert.deepEqual(columnFromBuilder(varchar(120).notNull().default(''), 'email', { schema: null, table: 'u' }), {
      name: 'email',
      type: { kind: 'varchar', length: 120 },
      nullable: false,
      default: { kind: 'literal', value: '' },
      autoIncrement: false,
      comment: null,
    });
  });
});

describe('table extras', () => {
  const users = table('con_user', { id: integer().primaryKey(), name: varchar(30) });

  it('index, uniqueIndex with where, unique, check', () => {
    const t = only(
      table(
        'item',
        { id: integer(), name: varchar(30), a: integer(), b: integer(), price: numeric(10, 2), status: boolean() },
        (t) => [
          index('ix_x').on(t.name),
          index().on(t.a, t.b),
          uniqueIndex().on(t.name, t.id).where(sql`status`),
          uniqueIndex('uq_live').on('name').where('status = true'),
          unique('uq_x').on(t.a, t.b),
          unique().on(t.b),
          check('ck_price', sql`price > 0`),
          check('ck_status', 'status IS NOT NULL'),
        ],
      ),
    );
    assert.deepEqual(t.indexes, [
      { name: 'ix_x', columns: ['name'], unique: false, where: null },
      { name: 'ix_item_a_b', columns: ['a', 'b'], unique: false, where: null },
      { name: 'ix_item_name_id', columns: ['name', 'id'], unique: true, where: 'status' },
      { name: 'uq_live', columns: ['name'], unique: true, where: 'status = true' },
    ]);
    assert.deepEqual(t.uniques, [
      { name: 'uq_x', columns: ['a', 'b'] },
      { name: 'uq_item_b', columns: ['b'] },
    ]);
    assert.deepEqual(t.checks, [
      { name: 'ck_price', expression: 'price > 0' },
      { name: 'ck_status', expression: 'status IS NOT NULL' },
    ]);
  });

  it('table-level primaryKey makes its columns NOT NULL', () => {
    const t = only(
      table('member', { teamId: integer('team_id'), userId: integer('user_id'), role: text() }, (t) => [
        primaryKey({ columns: [t.teamId, t.userId] }),
      ]),
    );
    assert.deepEqual(t.primaryKey, { name: 'pk_member', columns: ['team_id', 'user_id'] });
    assert.deepEqual(
      t.columns.map((c) => c.nullable),
      [false, false, true],
    );
    const named = only(table('m2', { a: integer() }, (t) => [primaryKey({ columns: [t.a], name: 'pk_x' })]));
    assert.equal(named.primaryKey?.name, 'pk_x');
  });

  it('foreignKey: composite, ColumnRef and string targets, self-reference', () => {
    const parent = table('parent', { a: integer(), b: integer() }, (t) => [primaryKey({ columns: [t.a, t.b] })]);
    const child: ReturnType<typeof table> = table(
      'child',
      { id: integer().primaryKey(), pa: integer('p_a'), pb: integer('p_b'), up: integer() },
      (t) => [
        foreignKey({ columns: [t.pa, t.pb], foreignColumns: [parent.a, parent.b], onDelete: 'cascade' }),
        foreignKey({ name: 'fk_up', columns: [t.up], foreignColumns: [child.id as never] }),
        foreignKey({ name: 'fk_str', columns: ['p_a'], foreignColumns: ['parent.a'], onUpdate: 'set default' }),
      ],
    );
    const model = buildSchemaModel([{ parent, child }]);
    assert.deepEqual(findTable(model, 'child')?.foreignKeys, [
      {
        name: 'fk_child_p_a_p_b_parent',
        columns: ['p_a', 'p_b'],
        referencedSchema: null,
        referencedTable: 'parent',
        referencedColumns: ['a', 'b'],
        onDelete: 'cascade',
        onUpdate: 'no action',
      },
      {
        name: 'fk_up',
        columns: ['up'],
        referencedSchema: null,
        referencedTable: 'child',
        referencedColumns: ['id'],
        onDelete: 'no action',
        onUpdate: 'no action',
      },
      {
        name: 'fk_str',
        columns: ['p_a'],
        referencedSchema: null,
        referencedTable: 'parent',
        referencedColumns: ['a'],
        onDelete: 'no action',
        onUpdate: 'set default',
      },
    ]);
  });

  it('tableFromDefinition works without the other tables (revision files)', () => {
    const t = tableFromDefinition(
      table('post', { id: integer().primaryKey(), userId: integer('user_id').references('con_user.id') }),
      DEFAULT_NAMING,
    );
    assert.equal(t.foreignKeys[0]?.name, 'fk_post_user_id_con_user');
    assert.ok(Object.isFrozen(t) && Object.isFrozen(t.columns[0]));
    assert.ok(users.id);
  });
});

describe('table options and schemas', () => {
  it('schema and comment via the 4th or 3rd argument, and schema()', () => {
    const a = only(table('a', { id: integer() }, null, { schema: 'app', comment: 'hello' }));
    assert.equal(a.schema, 'app');
    assert.equal(a.comment, 'hello');
    const b = only(table('b', { id: integer() }, { comment: 'c' }));
    assert.equal(b.schema, null);
    assert.equal(b.comment, 'c');
    const app = schema('app');
    const mood = app.enumType('mood', ['x', 'y']);
    const c = app.table('c', { id: integer(), m: mood() }, (t) => [index().on(t.id)], { comment: 'cc' });
    const model = buildSchemaModel([{ c }]);
    assert.equal(model.tables[0]?.schema, 'app');
    assert.equal(model.tables[0]?.comment, 'cc');
    assert.equal(model.tables[0]?.indexes[0]?.name, 'ix_c_id');
    assert.deepEqual(model.enums, [{ schema: 'app', name: 'mood', values: ['x', 'y'] }]);
    assert.deepEqual(c.id, { schema: 'app', table: 'c', column: 'id', key: 'id' });
    const d = buildSchemaModel([app.table('d', { id: integer() }, { comment: 'dd' })]).tables[0];
    assert.deepEqual([d?.schema, d?.comment], ['app', 'dd']);
  });
});

describe('buildSchemaModel', () => {
  it('collects tables from modules, sorted by qualified name, deep-frozen, enums from columns and exports', () => {
    const mood = enumType('mood', ['happy', 'sad']);
    const unused = enumType('unused', ['a']);
    const z = table('zeta', { id: integer().primaryKey(), feeling: mood() });
    const a = table('alpha', { id: integer().primaryKey(), again: mood('again') });
    const s = table('beta', { id: integer() }, { schema: 'app' });
    const model = buildSchemaModel([
      { z, other: 42, unused, name: 'x' },
      { a, s, z },
    ]);
    assert.deepEqual(
      model.tables.map((t) => `${t.schema ?? ''}.${t.name}`),
      ['.alpha', 'app.beta', '.zeta'],
    );
    assert.deepEqual(model.enums, [
      { schema: null, name: 'mood', values: ['happy', 'sad'] },
      { schema: null, name: 'unused', values: ['a'] },
    ]);
    assert.ok(Object.isFrozen(model) && Object.isFrozen(model.tables) && Object.isFrozen(model.tables[0]!.columns));
    assert.ok(Object.isFrozen(model.enums[0]!.values));
  });

  it('accepts table definitions directly and an empty list', () => {
    const t = table('t', { id: integer() });
    assert.equal(buildSchemaModel([t]).tables.length, 1);
    assert.deepEqual(buildSchemaModel([]), { tables: [], enums: [] });
  });
});

describe('naming convention', () => {
  it('defaults and resolveName', () => {
    assert.equal(resolveName('pk', { table: 't', columns: ['a'], referredTable: null }), 'pk_t');
    assert.equal(resolveName('unique', { table: 't', columns: ['a', 'b'], referredTable: null }), 'uq_t_a_b');
    assert.equal(resolveName('index', { table: 't', columns: ['a'], referredTable: null }), 'ix_t_a');
    assert.equal(resolveName('foreignKey', { table: 't', columns: ['u_id'], referredTable: 'u' }), 'fk_t_u_id_u');
  });

  it('overrides by template and by function', () => {
    const naming = {
      index: 'idx_{table}__{columns}',
      pk: (ctx: { table: string }) => `${ctx.table}_pkey`,
      foreignKey: '{table}_{columns}_fkey_{referred_table}',
    };
    const users = table('u', { id: integer().primaryKey() });
    const t = table('t', { id: integer().primaryKey(), uId: integer('u_id').references(() => users.id) }, (t) => [
      index().on(t.uId, t.id),
      unique().on(t.uId),
    ]);
    const model = buildSchemaModel([{ users, t }], { naming });
    const built = findTable(model, 't')!;
    assert.equal(built.indexes[0]?.name, 'idx_t__u_id_id');
    assert.equal(built.primaryKey?.name, 't_pkey');
    assert.equal(built.foreignKeys[0]?.name, 't_u_id_fkey_u');
    assert.equal(built.uniques[0]?.name, 'uq_t_u_id');
    assert.equal(namingConvention({ pk: 'x_{table}' }).unique, DEFAULT_NAMING.unique);
  });

  it('an unknown placeholder is a SchemaError', () => {
    throwsSchema(
      () => only(table('t', { id: integer().primaryKey() }), { pk: 'pk_{tabel}' }),
      'schema.naming',
      /\{tabel\}/,
    );
  });

  it('shortens names over 63 bytes deterministically with a sha1 suffix (ASCII: as before)', () => {
    const long = `ix_${'a'.repeat(40)}_${'b'.repeat(40)}`;
    const short = shortenName(long);
    const hash = createHash('sha1').update(long).digest('hex').slice(0, 8);
    assert.equal(short.length, 63);
    assert.equal(short, `${long.slice(0, 54)}_${hash}`);
    assert.equal(shortenName(long), short);
    assert.equal(shortenName('ix_short'), 'ix_short');
    assert.equal(shortenName('x'.repeat(63)), 'x'.repeat(63));
    const t = only(
      table(
        'a_table_with_a_rather_long_name',
        { column_with_long_name_one: integer(), column_with_long_name_two: integer() },
        (t) => [index().on(t.column_with_long_name_one, t.column_with_long_name_two)],
      ),
    );
    const full = 'ix_a_table_with_a_rather_long_name_column_with_long_name_one_column_with_long_name_two';
    assert.equal(t.indexes[0]?.name, shortenName(full));
    assert.equal(t.indexes[0]?.name.length, 63);
  });
});

describe('sql', () => {
  it('returns a frozen { sql } with values inserted verbatim', () => {
    const limit = 5;
    const inner = sql`now()`;
    const s = sql`a > ${limit} AND b < ${inner} AND c = ${'x'}`;
    assert.deepEqual(s, { sql: 'a > 5 AND b < now() AND c = x' });
    assert.ok(Object.isFrozen(s));
  });
});

describe('schema errors', () => {
  const users = table('con_user', { id: integer().primaryKey(), name: varchar(30) });

  it('two tables with the same name', () => {
    const again = table('con_user', { id: integer() });
    throwsSchema(() => buildSchemaModel([{ users, again }]), 'schema.duplicate-table', /"con_user".*"users".*"again"/);
  });

  it('a reference to a table that is not exported', () => {
    const posts = table('post', { userId: integer('user_id').references(() => users.id) });
    throwsSchema(() => buildSchemaModel([{ posts }]), 'schema.unknown-reference', /"post".*user_id.*"con_user"/);
    const typo = table('post', { userId: integer('user_id').references('users.id') });
    throwsSchema(() => buildSchemaModel([{ users, typo }]), 'schema.unknown-reference', /"users"/);
  });

  it('a reference to a column that does not exist', () => {
    const posts = table('post', { userId: integer('user_id').references('con_user.uid') });
    throwsSchema(() => buildSchemaModel([{ users, posts }]), 'schema.unknown-reference', /con_user\.uid/);
  });

  it('a malformed or failing reference', () => {
    throwsSchema(
      () => only(table('p', { u: integer().references('nodot') })),
      'schema.invalid-reference',
      /"p\.u".*nodot/,
    );
    throwsSchema(
      () =>
        only(
          table('p', {
            u: integer().references(() => {
              throw new Error('boom');
            }),
          }),
        ),
      'schema.invalid-reference',
      /boom/,
    );
    throwsSchema(
      () => only(table('p', { u: integer().references((() => 'x') as never) })),
      'schema.invalid-reference',
      /"p\.u"/,
    );
  });

  it('a check without a name', () => {
    throwsSchema(
      () => only(table('t', { a: integer() }, () => [check('', sql`a > 0`)])),
      'schema.invalid-constraint',
      /check constraint of table "t" has no name/,
    );
    throwsSchema(
      () => only(table('t', { a: integer() }, () => [check(sql`a > 0` as never, undefined as never)])),
      'schema.invalid-constraint',
      /no name/,
    );
    throwsSchema(
      () => only(table('t', { a: integer() }, () => [check('ck', '')])),
      'schema.invalid-constraint',
      /no expression/,
    );
  });

  it('duplicate column names', () => {
    throwsSchema(
      () => only(table('t', { userId: integer('user_id'), user_id: integer() })),
      'schema.duplicate-column',
      /"t".*"user_id"/,
    );
  });

  it('bad lengths, precision and scale', () => {
    throwsSchema(() => only(table('t', { name: varchar(0) })), 'schema.invalid-column', /"t\.name".*varchar length 0/);
    throwsSchema(() => only(table('t', { name: varchar(2.5) })), 'schema.invalid-column', /varchar length 2\.5/);
    throwsSchema(() => only(table('t', { c: char(-1) })), 'schema.invalid-column', /char length -1/);
    throwsSchema(() => only(table('t', { n: numeric(5, 6) })), 'schema.invalid-column', /scale 6 is larger/);
    throwsSchema(() => only(table('t', { n: numeric(0) })), 'schema.invalid-column', /precision 0/);
    throwsSchema(() => only(table('t', { r: rawType('') })), 'schema.invalid-column', /rawType/);
  });

  it('auto-increment on a non-integer column', () => {
    throwsSchema(
      () => only(table('t', { id: text().primaryKey({ autoIncrement: true }) })),
      'schema.invalid-column',
      /auto-increment/,
    );
  });

  it('bad defaults and actions', () => {
    throwsSchema(() => only(table('t', { n: integer().default(Number.NaN) })), 'schema.invalid-default', /"t\.n"/);
    throwsSchema(
      () => only(table('t', { n: integer().references('t.n', { onDelete: 'explode' as never }) })),
      'schema.invalid-action',
      /explode/,
    );
  });

  it('a primary key declared twice', () => {
    throwsSchema(
      () => only(table('t', { a: integer().primaryKey(), b: integer() }, (t) => [primaryKey({ columns: [t.b] })])),
      'schema.invalid-constraint',
      /primary key twice/,
    );
  });

  it('extras naming unknown columns, columns of other tables, or nothing', () => {
    throwsSchema(
      () => only(table('t', { a: integer() }, () => [index().on('nope')])),
      'schema.unknown-column',
      /"nope"/,
    );
    throwsSchema(
      () => only(table('t', { a: integer() }, () => [index().on(users.id)])),
      'schema.unknown-column',
      /con_user\.id/,
    );
    throwsSchema(
      () => only(table('t', { a: integer() }, () => [index('ix_t')])),
      'schema.invalid-constraint',
      /no columns/,
    );
    throwsSchema(
      () => only(table('t', { a: integer() }, () => [{ kind: 'nope' } as never])),
      'schema.invalid-constraint',
      /extra/,
    );
    throwsSchema(() => only(table('t', { a: integer() }, (() => 'x') as never)), 'schema.invalid-table', /array/);
  });

  it('foreign keys with mismatched columns', () => {
    const other = table('o', { a: integer(), b: integer() });
    const t = table('t', { a: integer() }, (t) => [foreignKey({ columns: [t.a], foreignColumns: [other.a, other.b] })]);
    throwsSchema(() => buildSchemaModel([{ other, t }]), 'schema.invalid-constraint', /1 columns but 2/);
    const two = table('x', { a: integer(), b: integer() }, (t) => [
      foreignKey({ columns: [t.a, t.b], foreignColumns: [other.a, users.id] }),
    ]);
    throwsSchema(() => buildSchemaModel([{ other, users, two }]), 'schema.invalid-constraint', /more than one table/);
  });

  it('duplicate constraint or index names', () => {
    throwsSchema(
      () => only(table('t', { a: integer().unique('same') }, (t) => [index('same').on(t.a)])),
      'schema.duplicate-name',
      /"same"/,
    );
  });

  it('names shared across tables: refused where the dialect keeps them in one namespace, accepted where per table', () => {
    const a = table('a', { x: integer() }, (t) => [index('ix_shared').on(t.x)]);
    const b = table('b', { x: integer() }, (t) => [index('ix_shared').on(t.x)]);
    const build = (caps: { sharedNamespaces: SharedNamespaces }, ...tables: unknown[]) =>
      buildSchemaModel([Object.fromEntries(tables.map((t, i) => [`t${i}`, t]))], {
        sharedNamespaces: caps.sharedNamespaces,
      });
    throwsSchema(() => build(postgresCapabilities, a, b), 'schema.duplicate-name', /"a" and "b" both use .*ix_shared/);
    throwsSchema(() => build(SQLITE_CAPABILITIES, a, b), 'schema.duplicate-name', /ix_shared/);
    assert.equal(build(mysqlCapabilities, a, b).tables.length, 2);
    assert.equal(buildSchemaModel([{ a, b }]).tables.length, 2);
    // PostgreSQL: a unique constraint is an index; SQLite: an index may not take a table's name.
    const c = table('c', { x: integer().unique('ix_shared') });
    throwsSchema(() => build(postgresCapabilities, a, c), 'schema.duplicate-name', /index and unique constraint/);
    assert.equal(build(SQLITE_CAPABILITIES, a, c).tables.length, 2);
    const named = table('d', { x: integer() }, (t) => [index('a').on(t.x)]);
    throwsSchema(() => build(SQLITE_CAPABILITIES, a, named), 'schema.duplicate-name', /"a".*table and index/);
    throwsSchema(() => build(postgresCapabilities, a, named), 'schema.duplicate-name', /"a".*table and index/);
    // MySQL: foreign-key names are per database.
    const g = table('g', { id: integer().primaryKey() });
    const e = table('e', { x: integer().references(() => g.id, { name: 'fk_same' }) });
    const f = table('f', { y: integer().references(() => g.id, { name: 'fk_same' }) });
    throwsSchema(() => build(mysqlCapabilities, g, e, f), 'schema.duplicate-name', /foreign key and foreign key/);
    assert.equal(build(postgresCapabilities, g, e, f).tables.length, 3);
  });

  it('enum mistakes', () => {
    const mood = enumType('mood', ['a', 'b']);
    throwsSchema(
      () => only(table('t', { m: mood as never })),
      'schema.invalid-column',
      /"t\.m" is not a column builder/,
    );
    throwsSchema(() => only(table('t', { m: enumType('e', [])() })), 'schema.invalid-column', /no values/);
    throwsSchema(() => only(table('t', { m: enumType('e', ['a', 'a'])() })), 'schema.invalid-column', /"a" twice/);
    const other = enumType('mood', ['a', 'c']);
    const t = table('t', { m: mood(), n: other() });
    throwsSchema(() => buildSchemaModel([{ t }]), 'schema.enum-conflict', /"mood"/);
  });

  it('names: empty, long (left to the dialect), no columns', () => {
    throwsSchema(() => only(table('', { a: integer() })), 'schema.invalid-name', /table/i);
    // Length is the dialect's to judge (test/unit/naming.test.ts): the DSL takes any.
    assert.equal(only(table('x'.repeat(64), { a: integer() })).name, 'x'.repeat(64));
    throwsSchema(() => only(table('t', {})), 'schema.invalid-table', /no columns/);
  });
});
