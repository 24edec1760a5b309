import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompileContext, DatabaseConnection } from '../../src/dialects/dialect.js';
import { sqliteDialect } from '../../src/dialects/sqlite/sqlite-dialect.js';
import { DatabaseError } from '../../src/errors.js';
import type { Operation } from '../../src/operations/operation.js';
import type { Column, ColumnType, DefaultValue, SchemaModel, Table } from '../../src/schema/model.js';
import { emptyTable, findTable } from '../../src/schema/model.js';
import { sqliteProvider } from '../support/databases/sqlite.js';
import { liveContext } from '../support/compile-context.js';

/**
 * SQLite only (no server needed, so it always runs): hand-built models →
 * compiled DDL → database → introspect must equal the normalized model; and
 * every table rebuild keeps rows, indexes, foreign keys and child rows.
 */

const lit = (value: string | number | boolean): DefaultValue => ({ kind: 'literal', value });
const expr = (sql: string): DefaultValue => ({ kind: 'sql', sql });
const mood: ColumnType = { kind: 'enum', name: 'mood', values: ['happy', "it's", 'sad'], schema: null };

function col(name: string, type: ColumnType, extra: Partial<Column> = {}): Column {
  return { name, type, nullable: true, default: null, autoIncrement: false, comment: null, ...extra };
}

async function withDatabase(fn: (connection: DatabaseConnection) => Promise<void>): Promise<void> {
  const database = await sqliteProvider.create();
  const connection = await sqliteDialect.connect(database.options, '/');
  try {
    await fn(connection);
  } finally {
    await connection.close();
    await database.drop();
  }
}

async function introspect(connection: DatabaseConnection): Promise<SchemaModel> {
  return sqliteDialect.introspect(connection, { exclude: [] });
}

function online(connection: DatabaseConnection): Promise<CompileContext> {
  return liveContext(sqliteDialect, connection);
}

/** Compiles and runs operations in one transaction, as a revision runs. */
async function run(connection: DatabaseConnection, ...ops: Operation[]): Promise<void> {
  await connection.transaction(async () => {
    for (const op of ops) {
      for (const statement of sqliteDialect.compile(op, await online(connection))) await connection.execute(statement);
    }
  });
}

/** createTable, then one createIndex per index: how revisions create tables. */
function creating(table: Table): Operation[] {
  return [
    { kind: 'createTable', table: { ...table, indexes: [] } },
    ...table.indexes.map((index): Operation => ({ kind: 'createIndex', schema: null, table: table.name, index })),
  ];
}

async function assertRoundTrip(connection: DatabaseConnection, tables: Table[]): Promise<void> {
  await run(connection, ...tables.flatMap(creating));
  const expected = sqliteDialect.normalize({ tables, enums: [] });
  const actual = await introspect(connection);
  assert.deepEqual(sqliteDialect.normalize(actual), expected);
  assert.deepEqual(actual, expected, 'introspect already returns the normalized form');
  assert.deepEqual(sqliteDialect.normalize(expected), expected, 'normalize is idempotent');
}

const allTypes: Table = {
  ...emptyTable('all_types'),
  comment: 'comments are not stored by SQLite',
  columns: [
    col('id', { kind: 'integer' }, { nullable: false, autoIncrement: true }),
    col('c_int', { kind: 'integer' }, { default: lit(42) }),
    col('c_big', { kind: 'bigint' }, { nullable: false, default: lit(9000000000) }),
    col('c_small', { kind: 'smallint' }, { default: lit(-1) }),
    col('c_varchar', { kind: 'varchar', length: 30 }, { default: lit('x') }),
    col('c_varchar_any', { kind: 'varchar', length: null }, { default: lit('') }),
    col('c_char', { kind: 'char', length: 3 }, { default: lit('ab') }),
    col('c_text', { kind: 'text' }, { default: lit(`it's "q" -- not a comment`), comment: 'dropped' }),
    col('c_bool', { kind: 'boolean' }, { nullable: false, default: lit(true) }),
    col('c_bool_off', { kind: 'boolean' }, { default: lit(false) }),
    col('c_bool_one', { kind: 'boolean' }, { default: lit(1) }),
    col('c_date', { kind: 'date' }, { default: expr('CURRENT_DATE') }),
    col('c_time', { kind: 'time' }),
    col('c_ts', { kind: 'timestamp', withTimezone: false }, { nullable: false, default: expr('CURRENT_TIMESTAMP') }),
    col('c_tstz', { kind: 'timestamp', withTimezone: true }),
    col('c_num', { kind: 'numeric', precision: 10, scale: 2 }, { default: lit(1.5) }),
    col('c_num_p', { kind: 'numeric', precision: 8, scale: null }),
    col('c_num_any', { kind: 'numeric', precision: null, scale: null }),
    col('c_real', { kind: 'real' }, { default: lit(-0.25) }),
    col('c_double', { kind: 'double' }),
    col('c_json', { kind: 'json' }, { default: lit('{}') }),
    col('c_uuid', { kind: 'uuid' }),
    col('c_blob', { kind: 'binary' }),
    col('c_mood', mood, { nullable: false, default: lit('happy') }),
    col('c_mood_too', mood),
    col('c_raw', { kind: 'raw', sql: 'DATETIME' }),
    col('c_expr', { kind: 'integer' }, { default: expr('1 + 2') }),
    col('c_fn', { kind: 'text' }, { default: expr("lower('X')") }),
    col('c_sql_string', { kind: 'text' }, { default: expr("'looks literal'") }),
    col('c_serial', { kind: 'integer' }, { nullable: false, autoIncrement: true, default: lit(0) }),
  ],
  primaryKey: { name: 'pk_all_types', columns: ['id'] },
};

const user: Table = {
  ...emptyTable('con_user'),
  columns: [
    col('id', { kind: 'integer' }, { nullable: false }),
    col('name', { kind: 'varchar', length: 30 }),
    col('email', { kind: 'varchar', length: 120 }, { nullable: false }),
    col('status', { kind: 'boolean' }),
  ],
  primaryKey: { name: 'pk_con_user', columns: ['id'] },
  uniques: [{ name: 'uq_con_user_email', columns: ['email'] }],
  indexes: [{ name: 'ix_con_user_name', columns: ['name'], unique: false, where: null }],
};

const post: Table = {
  ...emptyTable('post'),
  columns: [
    col('id', { kind: 'bigint' }, { nullable: false, autoIncrement: true }),
    col('user_id', { kind: 'integer' }, { nullable: false }),
    col('parent_id', { kind: 'bigint' }),
    col('title', { kind: 'varchar', length: 200 }, { nullable: false }),
    col('slug', { kind: 'varchar', length: 200 }),
    col('body', { kind: 'text' }),
    col('score', { kind: 'integer' }, { nullable: false, default: lit(0) }),
  ],
  primaryKey: { name: 'pk_post', columns: ['id'] },
  uniques: [
    { name: 'uq_post_user_id_slug', columns: ['user_id', 'slug'] },
    // membership's composite foreign key needs a unique key on exactly these columns.
    { name: 'uq_post_user_id_id', columns: ['user_id', 'id'] },
  ],
  indexes: [
    { name: 'ix_post_title', columns: ['title'], unique: false, where: null },
    { name: 'ix_post_user_id_score', columns: ['user_id', 'score'], unique: false, where: null },
    { name: 'uix_post_slug_live', columns: ['slug'], unique: true, where: "body IS NOT NULL  AND  slug <> ''" },
  ],
  foreignKeys: [
    {
      name: 'fk_post_user_id_con_user',
      columns: ['user_id'],
      referencedSchema: null,
      referencedTable: 'con_user',
      referencedColumns: ['id'],
      onDelete: 'cascade',
      onUpdate: 'restrict',
    },
    {
      name: 'fk_post_parent_id_post',
      columns: ['parent_id'],
      referencedSchema: null,
      referencedTable: 'post',
      referencedColumns: ['id'],
      onDelete: 'set null',
      onUpdate: 'no action',
    },
  ],
  checks: [
    { name: 'ck_post_title', expression: 'length(title)   > 0' },
    { name: 'ck_post_score', expression: "score >= 0 AND title <> 'a, (b)'" },
  ],
};

const membership: Table = {
  ...emptyTable('membership'),
  columns: [
    col('user_id', { kind: 'integer' }, { nullable: false }),
    col('post_id', { kind: 'bigint' }, { nullable: false }),
    col('role', { kind: 'enum', name: 'role', values: ['owner', 'reader'], schema: null }, { default: lit('reader') }),
  ],
  primaryKey: { name: 'pk_membership', columns: ['user_id', 'post_id'] },
  foreignKeys: [
    {
      name: 'fk_membership_user_id_post_id_post',
      columns: ['user_id', 'post_id'],
      referencedSchema: null,
      referencedTable: 'post',
      referencedColumns: ['user_id', 'id'],
      onDelete: 'set default',
      onUpdate: 'cascade',
    },
  ],
};

describe('sqlite round trip: model → DDL → introspect', () => {
  it('every column type and default', () => withDatabase((c) => assertRoundTrip(c, [allTypes])));
  it('keys, uniques, indexes (partial too), foreign keys (self and composite), checks, enums', () =>
    withDatabase((c) => assertRoundTrip(c, [user, post, membership])));
  it('reports the enums the columns use, and leaves their checks out of the table checks', () =>
    withDatabase(async (c) => {
      await run(c, ...creating(allTypes), ...creating(user), ...creating(post), ...creating(membership));
      const model = await introspect(c);
      assert.deepEqual(
        model.enums.map((e) => [e.name, e.values]),
        [
          ['mood', ['happy', "it's", 'sad']],
          ['role', ['owner', 'reader']],
        ],
      );
      assert.deepEqual(findTable(model, 'all_types')?.checks, []);
    }));
  it('leaves out sqlite_ tables and excluded tables', () =>
    withDatabase(async (c) => {
      await run(c, ...creating(allTypes), ...creating(user));
      const model = await sqliteDialect.introspect(c, { exclude: ['con_user'] });
      assert.deepEqual(
        model.tables.map((t) => t.name),
        ['all_types'],
      );
      assert.equal(await sqliteDialect.tableExists(c, 'con_user', null), true);
      assert.equal(await sqliteDialect.tableExists(c, 'sqlite_sequence', null), true);
      assert.equal(await sqliteDialect.tableExists(c, 'nope', null), false);
    }));
  it('reads hand-written SQL: quoted names, column-level constraints, unnamed ones named by convention', () =>
    withDatabase(async (c) => {
      await c.execute(`CREATE TABLE "a, b" (id INTEGER PRIMARY KEY, [x(y)] TEXT UNIQUE NOT NULL DEFAULT 'a,b' CHECK (length("x(y)") < 9),
        ref INTEGER REFERENCES "a, b" ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
        CHECK (ref <> id), CONSTRAINT named_ck CHECK (ref > 0) /* trailing, comment */)`);
      const table = findTable(await introspect(c), 'a, b');
      assert.deepEqual(table?.primaryKey, { name: 'pk_a, b', columns: ['id'] });
      assert.deepEqual(table?.uniques, [{ name: 'uq_a, b_x(y)', columns: ['x(y)'] }]);
      assert.deepEqual(table?.columns[1]?.default, lit('a,b'));
      assert.deepEqual(
        table?.foreignKeys.map((f) => [f.name, f.onDelete, f.referencedColumns]),
        [['fk_a, b_ref_a, b', 'set null', ['id']]],
      );
      assert.deepEqual(table?.checks, [
        { name: 'ck_a, b_1', expression: 'ref <> id' },
        { name: 'ck_a, b_3', expression: 'length("x(y)") < 9' },
        { name: 'named_ck', expression: 'ref > 0' },
      ]);
    }));
});

interface Counts {
  users: number;
  posts: number;
  members: number;
}

async function counts(c: DatabaseConnection): Promise<Counts> {
  const one = async (table: string) => Number((await c.query(`SELECT count(*) AS n FROM "${table}"`))[0]?.n);
  return { users: await one('con_user'), posts: await one('post'), members: await one('membership') };
}

/** con_user ← post (cascade) ← membership, with rows, a view and foreign keys enforced. */
async function seeded(fn: (c: DatabaseConnection, before: Counts) => Promise<void>): Promise<void> {
  await withDatabase(async (c) => {
    await run(c, ...creating(user), ...creating(post), ...creating(membership));
    await c.execute(
      `INSERT INTO con_user (id, name, email, status) VALUES (1, 'ann', 'a@x', 1), (2, 'bob', 'b@x', NULL)`,
    );
    await c.execute(`INSERT INTO post (id, user_id, parent_id, title, slug, body, score) VALUES
      (1, 1, NULL, 'first', 'first', 'hello', 3), (2, 1, 1, 'second', NULL, NULL, 0), (3, 2, NULL, 'third', 't', NULL, 1)`);
    await c.execute(`INSERT INTO membership (user_id, post_id, role) VALUES (1, 1, 'owner'), (1, 2, 'reader')`);
    await c.execute('CREATE VIEW post_titles AS SELECT id, title FROM post');
    await fn(c, await counts(c));
  });
}

/** After a rebuild: same rows, every index there, child foreign keys intact and enforced. */
async function assertIntact(c: DatabaseConnection, before: Counts, table: string, indexes: string[]): Promise<void> {
  assert.deepEqual(await counts(c), before);
  const model = await introspect(c);
  assert.deepEqual(
    findTable(model, table)?.indexes.map((i) => i.name),
    indexes,
  );
  assert.deepEqual(
    findTable(model, 'membership')?.foreignKeys.map((f) => f.referencedTable),
    ['post'],
  );
  assert.deepEqual(
    findTable(model, 'post')
      ?.foreignKeys.map((f) => f.name)
      .sort(),
    ['fk_post_parent_id_post', 'fk_post_user_id_con_user'],
  );
  assert.deepEqual(await c.query('PRAGMA foreign_key_check'), []);
  assert.equal((await c.query('SELECT count(*) AS n FROM post_titles'))[0]?.n, before.posts, 'the view still works');
  await assert.rejects(
    c.execute(`INSERT INTO membership (user_id, post_id) VALUES (9, 9)`),
    /FOREIGN KEY/,
    'enforcement is back on for what runs outside a revision',
  );
}

const postIndexes = ['ix_post_title', 'ix_post_user_id_score', 'uix_post_slug_live'];
const at = { schema: null, table: 'post' } as const;

describe('sqlite table rebuilds keep rows, indexes and foreign keys', () => {
  it('adds a column with an expression default', () =>
    seeded(async (c, before) => {
      await run(c, {
        kind: 'addColumn',
        ...at,
        column: col('created', { kind: 'text' }, { nullable: false, default: expr('CURRENT_TIMESTAMP') }),
      });
      await assertIntact(c, before, 'post', postIndexes);
      assert.equal((await c.query('SELECT count(*) AS n FROM post WHERE created IS NULL'))[0]?.n, 0);
    }));
  it('alters a type and makes a column NOT NULL, filling NULLs with the default', () =>
    seeded(async (c, before) => {
      await run(c, {
        kind: 'alterColumn',
        ...at,
        column: 'body',
        existing: null,
        type: { from: undefined, to: { kind: 'varchar', length: 500 } },
        nullable: { from: true, to: false },
        default: { from: null, to: lit('(empty)') },
      });
      await assertIntact(c, before, 'post', postIndexes);
      const body = findTable(await introspect(c), 'post')?.columns.find((x) => x.name === 'body');
      assert.deepEqual(
        body,
        col('body', { kind: 'varchar', length: 500 }, { nullable: false, default: lit('(empty)') }),
      );
      assert.deepEqual(
        (await c.query('SELECT body FROM post ORDER BY id')).map((r) => r.body),
        ['hello', '(empty)', '(empty)'],
      );
    }));
  it('renames a column while changing it, carrying the rename into indexes and checks', () =>
    seeded(async (c, before) => {
      await run(c, {
        kind: 'alterColumn',
        ...at,
        column: 'title',
        existing: null,
        name: { from: 'title', to: 'headline' },
        type: { from: undefined, to: { kind: 'text' } },
      });
      await assertIntact(c, before, 'post', postIndexes);
      const table = findTable(await introspect(c), 'post');
      assert.deepEqual(table?.indexes.find((i) => i.name === 'ix_post_title')?.columns, ['headline']);
      assert.equal(table?.checks.find((x) => x.name === 'ck_post_title')?.expression, 'length("headline") > 0');
    }));
  it('drops an indexed, foreign-key column, and the index and key with it', () =>
    seeded(async (c, before) => {
      await run(c, { kind: 'dropColumn', ...at, column: 'score', existing: null });
      await assertIntact(c, before, 'post', ['ix_post_title', 'uix_post_slug_live']);
      await assert.rejects(c.query('SELECT score FROM post'), /no such column/);
    }));
  it('adds and drops unique, check and foreign key constraints', () =>
    seeded(async (c, before) => {
      await run(
        c,
        { kind: 'createUniqueConstraint', ...at, constraint: { name: 'uq_post_title', columns: ['title'] } },
        { kind: 'createCheckConstraint', ...at, check: { name: 'ck_post_id', expression: 'id > 0' } },
        { kind: 'dropConstraint', ...at, name: 'ck_post_score', type: 'check', existing: null },
        { kind: 'dropConstraint', ...at, name: 'uq_post_user_id_slug', type: null, existing: null },
      );
      await assertIntact(c, before, 'post', postIndexes);
      const table = findTable(await introspect(c), 'post');
      assert.deepEqual(
        table?.uniques.map((u) => u.name),
        ['uq_post_title', 'uq_post_user_id_id'],
      );
      assert.deepEqual(
        table?.checks.map((x) => x.name),
        ['ck_post_id', 'ck_post_title'],
      );
    }));
  it('rebuilds a parent table without deleting cascading child rows', () =>
    seeded(async (c, before) => {
      await run(c, {
        kind: 'alterColumn',
        schema: null,
        table: 'con_user',
        column: 'name',
        existing: null,
        type: { from: undefined, to: { kind: 'varchar', length: 60 } },
      });
      await assertIntact(c, before, 'con_user', ['ix_con_user_name']);
    }));
  it('fails naming the table when the rebuilt rows break a foreign key, and rolls back', () =>
    seeded(async (c, before) => {
      await c.execute('DROP VIEW post_titles');
      const dangling = {
        name: 'fk_post_score_con_user',
        columns: ['score'],
        referencedSchema: null,
        referencedTable: 'con_user',
        referencedColumns: ['id'],
        onDelete: 'no action',
        onUpdate: 'no action',
      } as const;
      await assert.rejects(
        run(c, { kind: 'createForeignKey', ...at, foreignKey: dangling }),
        (error: unknown) => error instanceof DatabaseError && /post → con_user/.test(error.message),
      );
      assert.deepEqual(await counts(c), before);
      assert.equal(findTable(await introspect(c), 'post')?.foreignKeys.length, 2);
    }));
});
