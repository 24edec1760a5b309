import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompileContext, DatabaseConnection, QueryExecutor, Row } from '../../src/dialects/dialect.js';
import { mysqlDialect as dialect } from '../../src/dialects/mysql/mysql-dialect.js';
import type { Operation } from '../../src/operations/operation.js';
import type { Column, ColumnType, DefaultValue, SchemaModel, Table } from '../../src/schema/model.js';
import { emptyTable, findTable } from '../../src/schema/model.js';
import { mysqlProvider } from '../support/databases/mysql.js';
import type { TestDatabase } from '../support/test-database.js';
import { knownTables, liveContext } from '../support/compile-context.js';

/**
 * The MySQL/MariaDB round trip: hand-built models → compile → execute →
 * introspect → normalize → deepEqual, plus the fixed query count, the
 * operations that restate columns or keep foreign keys served.
 */

const unavailable = await mysqlProvider.unavailableReason();

function col(name: string, type: ColumnType, options: Partial<Omit<Column, 'name' | 'type'>> = {}): Column {
  return { name, type, nullable: true, default: null, autoIncrement: false, comment: null, ...options };
}

const lit = (value: string | number | boolean): DefaultValue => ({ kind: 'literal', value });
const sqlDefault = (sql: string): DefaultValue => ({ kind: 'sql', sql });

function table(name: string, parts: Partial<Table>): Table {
  return { ...emptyTable(name), ...parts };
}

function onlineContext(executor: QueryExecutor): Promise<CompileContext> {
  return liveContext(dialect, executor);
}

async function run(connection: DatabaseConnection, ops: readonly Operation[]): Promise<void> {
  for (const op of ops) {
    for (const statement of dialect.compile(op, await onlineContext(connection))) await connection.execute(statement);
  }
}

/** createTable, then one createIndex per index, as autogenerate emits them. */
function creation(t: Table): Operation[] {
  return [
    { kind: 'createTable', table: { ...t, indexes: [] } },
    ...t.indexes.map((index): Operation => ({ kind: 'createIndex', schema: null, table: t.name, index })),
  ];
}

async function introspect(connection: DatabaseConnection): Promise<SchemaModel> {
  return dialect.introspect(connection, { exclude: [] });
}

/** Non-unique index names as the server lists them (the normalised model leaves InnoDB's foreign-key indexes out). */
async function serverIndexes(connection: DatabaseConnection, table: string): Promise<string[]> {
  const rows = await connection.query<{ name: string }>(
    `SELECT DISTINCT INDEX_NAME AS name FROM information_schema.STATISTICS
     WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND NON_UNIQUE = 1 ORDER BY 1`,
    [table],
  );
  return rows.map((r) => r.name);
}

function normalized(...tables: Table[]): SchemaModel {
  return dialect.normalize({ tables, enums: [] });
}

const users = table('con_user', {
  columns: [
    col('id', { kind: 'integer' }, { nullable: false, autoIncrement: true }),
    col('name', { kind: 'varchar', length: 30 }, { nullable: false, comment: "the user's name \\ display" }),
    col('secretkey', { kind: 'varchar', length: 100 }),
    col('status', { kind: 'boolean' }, { default: lit(true) }),
  ],
  primaryKey: { name: 'pk_con_user', columns: ['id'] },
  uniques: [{ name: 'uq_con_user_name', columns: ['name'] }],
  comment: 'people',
});

const everyType = table('every_type', {
  columns: [
    col('a_int', { kind: 'integer' }, { nullable: false }),
    col('a_bigint', { kind: 'bigint' }),
    col('a_smallint', { kind: 'smallint' }),
    col('a_varchar', { kind: 'varchar', length: 42 }),
    col('a_varchar_nolen', { kind: 'varchar', length: null }),
    col('a_char', { kind: 'char', length: 3 }),
    col('a_text', { kind: 'text' }),
    col('a_bool', { kind: 'boolean' }),
    col('a_date', { kind: 'date' }),
    col('a_time', { kind: 'time' }),
    col('a_ts', { kind: 'timestamp', withTimezone: false }),
    col('a_tstz', { kind: 'timestamp', withTimezone: true }),
    col('a_num', { kind: 'numeric', precision: 10, scale: 2 }),
    col('a_num_p', { kind: 'numeric', precision: 7, scale: null }),
    col('a_num_bare', { kind: 'numeric', precision: null, scale: null }),
    col('a_real', { kind: 'real' }),
    col('a_double', { kind: 'double' }),
    col('a_json', { kind: 'json' }),
    col('a_uuid', { kind: 'uuid' }),
    col('a_binary', { kind: 'binary' }),
    col('a_enum', { kind: 'enum', name: 'mood', values: ['happy', "it's", 'back\\slash'], schema: null }),
    col('a_raw_long', { kind: 'raw', sql: 'LONGTEXT' }),
    col('a_raw_unsigned', { kind: 'raw', sql: 'INT UNSIGNED' }),
    col('a_raw_dt3', { kind: 'raw', sql: 'DATETIME(3)' }),
    col('a_raw_int', { kind: 'raw', sql: 'INTEGER' }),
  ],
  primaryKey: { name: 'pk_every_type', columns: ['a_int'] },
});

const defaults = table('with_defaults', {
  columns: [
    col('id', { kind: 'bigint' }, { nullable: false, autoIncrement: true }),
    col('tricky', { kind: 'varchar', length: 50 }, { default: lit("back\\slash and 'quote' \\' \\\\") }),
    col('empty', { kind: 'varchar', length: 10 }, { nullable: false, default: lit('') }),
    col('n', { kind: 'integer' }, { default: lit(42) }),
    col('neg', { kind: 'integer' }, { default: lit(-7) }),
    col('num_as_text', { kind: 'varchar', length: 10 }, { default: lit(5) }),
    col('price', { kind: 'numeric', precision: 10, scale: 2 }, { default: lit(1.5) }),
    col('ratio', { kind: 'double' }, { default: lit(0.25) }),
    col('flag_on', { kind: 'boolean' }, { nullable: false, default: lit(true) }),
    col('flag_off', { kind: 'boolean' }, { default: lit(false) }),
    col(
      'created',
      { kind: 'timestamp', withTimezone: false },
      { nullable: false, default: sqlDefault('CURRENT_TIMESTAMP') },
    ),
    col('stamped', { kind: 'timestamp', withTimezone: true }, { default: sqlDefault('now()') }),
    col('body', { kind: 'text' }, { default: lit("a 'text' default") }),
    col('doc', { kind: 'json' }, { default: lit('{"a": 1}') }),
    col('ident', { kind: 'uuid' }, { default: sqlDefault('uuid()') }),
    col('expr', { kind: 'integer' }, { default: sqlDefault('1 + 1') }),
    col('sql_literal', { kind: 'varchar', length: 10 }, { default: sqlDefault("'x'") }),
    col('sql_number', { kind: 'integer' }, { default: sqlDefault('0') }),
    col('sql_null', { kind: 'integer' }, { default: sqlDefault('NULL') }),
    col('day', { kind: 'date' }, { default: lit('2020-01-02') }),
    col('at', { kind: 'time' }, { default: lit('10:30') }),
    col('mood', { kind: 'enum', name: 'mood', values: ['happy', 'sad'], schema: null }, { default: lit('sad') }),
  ],
  primaryKey: { name: 'pk_with_defaults', columns: ['id'] },
});

const posts = table('post', {
  columns: [
    col('id', { kind: 'integer' }, { nullable: false }),
    col('version', { kind: 'integer' }, { nullable: false }),
    col('user_id', { kind: 'integer' }, { nullable: false }),
    col('editor_id', { kind: 'integer' }),
    col('reviewer_id', { kind: 'integer' }),
    col('title', { kind: 'varchar', length: 200 }, { nullable: false }),
    col('price', { kind: 'numeric', precision: 8, scale: 2 }),
    col('state', { kind: 'varchar', length: 10 }),
  ],
  primaryKey: { name: 'pk_post', columns: ['id', 'version'] },
  uniques: [{ name: 'uq_post_title_version', columns: ['title', 'version'] }],
  indexes: [
    { name: 'ix_post_user_id_title', columns: ['user_id', 'title'], unique: false, where: null },
    { name: 'ix_post_state', columns: ['state'], unique: false, where: null },
    { name: 'ux_post_state_price', columns: ['state', 'price'], unique: true, where: null },
  ],
  foreignKeys: [
    fk('fk_post_user_id_con_user', ['user_id'], 'cascade', 'no action'),
    fk('fk_post_editor_id_con_user', ['editor_id'], 'set null', 'cascade'),
    fk('fk_post_reviewer_id_con_user', ['reviewer_id'], 'restrict', 'restrict'),
  ],
  checks: [
    { name: 'ck_post_title', expression: 'length(title) > 0' },
    { name: 'ck_post_price', expression: '(price > 0) AND (price < 1000)' },
    { name: 'ck_post_state', expression: "state IN ('draft', 'it''s live') OR state IS NULL" },
    { name: 'ck_post_ids', expression: 'version != 0' },
  ],
  comment: "posts: 'quoted' \\ and more",
});

function fk(
  name: string,
  columns: string[],
  onDelete: 'cascade' | 'set null' | 'restrict' | 'no action',
  onUpdate: typeof onDelete,
) {
  return {
    name,
    columns,
    referencedSchema: null,
    referencedTable: 'con_user',
    referencedColumns: columns.map(() => 'id'),
    onDelete,
    onUpdate,
  };
}

describe('mysql introspection round trip', { skip: unavailable ?? false }, () => {
  let db: TestDatabase;
  let connection: DatabaseConnection;

  before(async () => {
    db = await mysqlProvider.create();
    connection = await db.dialect.connect(db.options, process.cwd());
  });
  after(async () => {
    await connection?.close();
    await db?.drop();
  });

  it('reads back every type as written', async () => {
    await run(connection, [...creation(users), ...creation(everyType), ...creation(defaults), ...creation(posts)]);
    const { databaseDefaults, ...live } = await introspect(connection);
    // The database's own defaults come with every introspected MySQL model (the DSL's has none).
    assert.equal(typeof databaseDefaults?.collation, 'string');
    assert.deepEqual(live, normalized(users, everyType, defaults, posts));
    assert.deepEqual(dialect.normalize(live), live, 'normalize is idempotent on the introspected model');
  });

  it('reads MariaDB JSON as json and hides its JSON_VALID check', async () => {
    const live = findTable(await introspect(connection), 'every_type');
    assert.deepEqual(live?.columns.find((c) => c.name === 'a_json')?.type, { kind: 'json' });
    assert.deepEqual(live?.checks, []);
  });

  it('keeps a default with backslash and quote byte for byte', async () => {
    await connection.execute('INSERT INTO `with_defaults` () VALUES ()');
    const [row] = await connection.query('SELECT tricky, empty, flag_on, num_as_text FROM `with_defaults`');
    assert.deepEqual(row, { tricky: "back\\slash and 'quote' \\' \\\\", empty: '', flag_on: 1, num_as_text: '5' });
  });

  it('leaves out the index InnoDB creates for an uncovered foreign key', async () => {
    // user_id is covered by ix_post_user_id_title; editor/reviewer get implicit indexes named after the key...
    assert.deepEqual(await serverIndexes(connection, 'post'), [
      'fk_post_editor_id_con_user',
      'fk_post_reviewer_id_con_user',
      'ix_post_state',
      'ix_post_user_id_title',
    ]);
    // ...which come and go with their keys, so the normalised model does not list them.
    const live = findTable(await introspect(connection), 'post');
    assert.deepEqual(
      live?.indexes.map((i) => i.name),
      ['ix_post_state', 'ix_post_user_id_title'],
    );
  });
});

describe('mysql operations', { skip: unavailable ?? false }, () => {
  let db: TestDatabase;
  let connection: DatabaseConnection;

  before(async () => {
    db = await mysqlProvider.create();
    connection = await db.dialect.connect(db.options, process.cwd());
    await run(connection, [...creation(users), ...creation(posts)]);
  });
  after(async () => {
    await connection?.close();
    await db?.drop();
  });

  async function liveTable(name: string): Promise<Table | undefined> {
    return findTable(await introspect(connection), name);
  }

  it('alters a column by restating it (type, nullability, default, comment, rename)', async () => {
    await run(connection, [
      {
        kind: 'alterColumn',
        schema: null,
        table: 'con_user',
        column: 'secretkey',
        existing: null,
        type: { from: undefined, to: { kind: 'varchar', length: 120 } },
        nullable: { from: undefined, to: false },
        default: { from: undefined, to: lit("k'\\") },
        comment: { from: undefined, to: 'secret' },
      },
      {
        kind: 'alterColumn',
        schema: null,
        table: 'con_user',
        column: 'name',
        existing: null,
        name: { from: 'name', to: 'full_name' },
      },
    ]);
    const live = await liveTable('con_user');
    assert.deepEqual(
      live?.columns.find((c) => c.name === 'secretkey'),
      col('secretkey', { kind: 'varchar', length: 120 }, { nullable: false, default: lit("k'\\"), comment: 'secret' }),
    );
    // The rename kept everything else about the column, comment included.
    assert.deepEqual(
      live?.columns.find((c) => c.name === 'full_name'),
      col('full_name', { kind: 'varchar', length: 30 }, { nullable: false, comment: "the user's name \\ display" }),
    );
    assert.deepEqual(live?.uniques, [{ name: 'uq_con_user_name', columns: ['full_name'] }]);
  });

  it('changes an enum through MODIFY COLUMN and keeps a JSON column single-checked', async () => {
    const mood = (values: string[]): ColumnType => ({ kind: 'enum', name: 'mood', values, schema: null });
    await run(connection, [
      { kind: 'createEnum', enum: { schema: null, name: 'mood', values: ['a'] } },
      { kind: 'addColumn', schema: null, table: 'con_user', column: col('mood', mood(['a'])) },
      { kind: 'addColumn', schema: null, table: 'con_user', column: col('data', { kind: 'json' }) },
      // MySQL keeps no enum names: the list before the change says which columns are the enum's.
      {
        kind: 'alterEnum',
        schema: null,
        name: 'mood',
        addValues: ['b'],
        existing: { schema: null, name: 'mood', values: ['a'] },
      },
      {
        kind: 'alterColumn',
        schema: null,
        table: 'con_user',
        column: 'mood',
        existing: null,
        type: { from: undefined, to: mood(['a', 'b']) },
      },
      {
        kind: 'alterColumn',
        schema: null,
        table: 'con_user',
        column: 'data',
        existing: null,
        nullable: { from: true, to: false },
      },
    ]);
    const live = await liveTable('con_user');
    assert.deepEqual(live?.columns.find((c) => c.name === 'mood')?.type, {
      kind: 'enum',
      name: null,
      values: ['a', 'b'],
      schema: null,
    });
    assert.deepEqual(
      live?.columns.find((c) => c.name === 'data'),
      col('data', { kind: 'json' }, { nullable: false }),
    );
    assert.deepEqual(live?.checks, []);
    await run(connection, [
      { kind: 'dropColumn', schema: null, table: 'con_user', column: 'mood', existing: null },
      { kind: 'dropColumn', schema: null, table: 'con_user', column: 'data', existing: null },
      { kind: 'dropEnum', schema: null, name: 'mood', existing: null },
    ]);
  });

  it('drops each constraint kind, finding the kind itself when not given', async () => {
    const before = await liveTable('post');
    const drops: Operation[] = ['uq_post_title_version', 'ck_post_price', 'fk_post_editor_id_con_user'].map(
      (name): Operation => ({ kind: 'dropConstraint', schema: null, table: 'post', name, type: null, existing: null }),
    );
    await run(connection, [
      ...drops,
      { kind: 'dropConstraint', schema: null, table: 'post', name: 'pk_post', type: 'primaryKey', existing: null },
    ]);
    const live = await liveTable('post');
    assert.equal(live?.uniques.length, 1);
    assert.deepEqual(
      live?.checks.map((c) => c.name),
      ['ck_post_ids', 'ck_post_state', 'ck_post_title'],
    );
    assert.equal(live?.primaryKey, null);
    // Dropping the key also dropped the index InnoDB made for it: same as a fresh table without the key.
    assert.deepEqual(await serverIndexes(connection, 'post'), [
      'fk_post_reviewer_id_con_user',
      'ix_post_state',
      'ix_post_user_id_title',
    ]);
    await run(connection, [
      {
        kind: 'createPrimaryKey',
        schema: null,
        table: 'post',
        primaryKey: { name: 'pk_post', columns: ['id', 'version'] },
      },
      {
        kind: 'createUniqueConstraint',
        schema: null,
        table: 'post',
        constraint: { name: 'uq_post_title_version', columns: ['title', 'version'] },
      },
      {
        kind: 'createCheckConstraint',
        schema: null,
        table: 'post',
        check: { name: 'ck_post_price', expression: '(price > 0) AND (price < 1000)' },
      },
      {
        kind: 'createForeignKey',
        schema: null,
        table: 'post',
        foreignKey: fk('fk_post_editor_id_con_user', ['editor_id'], 'set null', 'cascade'),
      },
    ]);
    assert.deepEqual(await liveTable('post'), before);
  });

  it('creates and drops indexes, renames tables, inserts rows', async () => {
    await run(connection, [
      {
        kind: 'createIndex',
        schema: null,
        table: 'post',
        index: { name: 'ix_post_price', columns: ['price'], unique: false, where: null },
      },
      { kind: 'dropIndex', schema: null, table: 'post', name: 'ix_post_price', existing: null },
      { kind: 'renameTable', schema: null, table: 'con_user', newName: 'member' },
      {
        kind: 'bulkInsert',
        schema: null,
        table: 'member',
        rows: [
          { full_name: "O'Brien \\", secretkey: 'k' },
          { full_name: 'b', secretkey: 'k', status: false },
        ],
      },
      { kind: 'renameTable', schema: null, table: 'member', newName: 'con_user' },
    ]);
    const rows = await connection.query('SELECT full_name, status FROM con_user ORDER BY id');
    assert.deepEqual(rows, [
      { full_name: "O'Brien \\", status: 1 },
      { full_name: 'b', status: 0 },
    ]);
    assert.deepEqual((await liveTable('post'))?.indexes.map((i) => i.name).includes('ix_post_price'), false);
  });

  it('dropping the only index a foreign key uses leaves the index a fresh table would have', async () => {
    const before = await liveTable('post');
    await run(connection, [
      { kind: 'dropIndex', schema: null, table: 'post', name: 'ix_post_user_id_title', existing: null },
    ]);
    const withoutIndex = { ...posts, indexes: posts.indexes.filter((i) => i.name !== 'ix_post_user_id_title') };
    const expected = findTable(normalized(withoutIndex), 'post');
    const live = await liveTable('post');
    assert.deepEqual(live?.indexes, expected?.indexes);
    assert.ok((await serverIndexes(connection, 'post')).includes('fk_post_user_id_con_user'));
    await run(connection, [
      {
        kind: 'createIndex',
        schema: null,
        table: 'post',
        index: { name: 'ix_post_user_id_title', columns: ['user_id', 'title'], unique: false, where: null },
      },
    ]);
    assert.deepEqual(await liveTable('post'), before);
  });

  it('refuses a partial index', async () => {
    await assert.rejects(
      run(connection, [
        {
          kind: 'createIndex',
          schema: null,
          table: 'post',
          index: { name: 'ix_p', columns: ['price'], unique: false, where: 'price > 0' },
        },
      ]),
      /WHERE clause/,
    );
  });
});

describe('mysql introspection query count', { skip: unavailable ?? false }, () => {
  async function countQueries(tableCount: number): Promise<number> {
    const db = await mysqlProvider.create();
    const connection = await db.dialect.connect(db.options, process.cwd());
    try {
      const ops: Operation[] = [];
      for (let i = 0; i < tableCount; i += 1) {
        ops.push(
          ...creation(
            table(`t${i}`, {
              columns: [
                col('id', { kind: 'integer' }, { nullable: false }),
                col('ref', { kind: 'integer' }),
                col('doc', { kind: 'json' }),
              ],
              primaryKey: { name: 'pk', columns: ['id'] },
              foreignKeys:
                i === 0
                  ? []
                  : [
                      {
                        name: `fk_t${i}`,
                        columns: ['ref'],
                        referencedSchema: null,
                        referencedTable: 't0',
                        referencedColumns: ['id'],
                        onDelete: 'no action',
                        onUpdate: 'no action',
                      },
                    ],
              checks: [{ name: `ck_t${i}`, expression: 'id > 0' }],
              indexes: [{ name: `ix_t${i}`, columns: ['ref', 'id'], unique: false, where: null }],
            }),
          ),
        );
      }
      for (const op of ops) for (const s of dialect.compile(op, knownTables())) await connection.execute(s);
      let count = 0;
      const counting: QueryExecutor = {
        query: <R extends Row = Row>(sql: string, params?: readonly unknown[]) => {
          count += 1;
          return connection.query<R>(sql, params);
        },
      };
      const model = await dialect.introspect(counting, { exclude: [] });
      assert.equal(model.tables.length, tableCount);
      return count;
    } finally {
      await connection.close();
      await db.drop();
    }
  }

  it('issues the same number of queries for 1 and 50 tables', async () => {
    const one = await countQueries(1);
    const fifty = await countQueries(50);
    assert.equal(fifty, one);
    assert.equal(one, 7);
  });
});
