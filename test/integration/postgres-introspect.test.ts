import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DatabaseError } from '../../src/errors.js';
import type { CompileContext, DatabaseConnection, LockWait, QueryExecutor, Row } from '../../src/dialects/dialect.js';
import { postgresDialect } from '../../src/dialects/postgres/postgres-dialect.js';
import type { Operation } from '../../src/operations/operation.js';
import type { Column, ColumnType, DefaultValue, SchemaModel, Table } from '../../src/schema/model.js';
import { emptyTable, findTable } from '../../src/schema/model.js';
import { postgresOptions, postgresProvider } from '../support/databases/postgres.js';
import { selectedDialect, type TestDatabase } from '../support/test-database.js';
import { knownTables } from '../support/compile-context.js';
import { comparable } from '../support/project.js';

/**
 * PostgreSQL only: hand-built models → DDL → server → introspect → normalize
 * must equal the normalized model. Runs with KILN_TEST_DIALECT=postgres.
 */
const reason =
  selectedDialect() !== 'postgres' ? 'KILN_TEST_DIALECT is not postgres' : await postgresProvider.unavailableReason();
if (reason !== null && process.env.CI !== undefined && selectedDialect() === 'postgres') throw new Error(reason);

const offline: CompileContext = knownTables();
const lit = (value: string | number | boolean): DefaultValue => ({ kind: 'literal', value });
const expr = (sql: string): DefaultValue => ({ kind: 'sql', sql });
const mood: ColumnType = { kind: 'enum', name: 'mood', values: ['happy', "it's", 'back\\slash'], schema: null };
const status: ColumnType = { kind: 'enum', name: 'status', values: ['new', 'done'], schema: 'app' };

function col(name: string, type: ColumnType, extra: Partial<Column> = {}): Column {
  return { name, type, nullable: true, default: null, autoIncrement: false, comment: null, ...extra };
}

const allTypes: Table = {
  ...emptyTable('all_types'),
  columns: [
    col('id', { kind: 'integer' }, { nullable: false, autoIncrement: true }),
    col('c_int', { kind: 'integer' }, { default: lit(42) }),
    col('c_big', { kind: 'bigint' }, { nullable: false, default: lit(9000000000) }),
    col('c_small', { kind: 'smallint' }, { default: lit(-1) }),
    col('c_varchar', { kind: 'varchar', length: 30 }, { default: lit('x') }),
    col('c_varchar_any', { kind: 'varchar', length: null }, { default: lit('') }),
    col('c_char', { kind: 'char', length: 3 }, { default: lit('ab') }),
    col('c_text', { kind: 'text' }, { default: lit(`C:\\dir\\it's "q"`), comment: "it's a \\ comment" }),
    col('c_bool', { kind: 'boolean' }, { nullable: false, default: lit(true) }),
    col('c_date', { kind: 'date' }, { default: lit('2020-01-01') }),
    col('c_time', { kind: 'time' }, { default: expr('CURRENT_TIME') }),
    col('c_ts', { kind: 'timestamp', withTimezone: false }, { default: expr('now()') }),
    col('c_tstz', { kind: 'timestamp', withTimezone: true }, { nullable: false, default: expr('CURRENT_TIMESTAMP') }),
    col('c_num', { kind: 'numeric', precision: 10, scale: 2 }, { default: lit(1.5) }),
    col('c_num_any', { kind: 'numeric', precision: null, scale: null }, { default: lit('0') }),
    col('c_real', { kind: 'real' }, { default: lit(1.5) }),
    col('c_double', { kind: 'double' }, { default: lit(-2.5) }),
    col('c_json', { kind: 'json' }, { default: lit('{"bb":1,"a":[1,2]}') }),
    col('c_uuid', { kind: 'uuid' }, { default: expr('gen_random_uuid()') }),
    col('c_binary', { kind: 'binary' }),
    col('c_mood', mood, { default: lit("it's") }),
    col('c_expr', { kind: 'integer' }, { default: expr('1+1') }),
    col('c_raw', { kind: 'raw', sql: 'integer[]' }),
  ],
  primaryKey: { name: 'pk_all_types', columns: ['id'] },
  uniques: [{ name: 'uq_all_types_c_int_c_small', columns: ['c_int', 'c_small'] }],
  indexes: [
    { name: 'ix_all_types_c_text', columns: ['c_text'], unique: false, where: null },
    { name: 'ix_all_types_c_varchar', columns: ['c_varchar'], unique: true, where: 'c_bool' },
    { name: 'ix_all_types_pair', columns: ['c_int', 'c_big'], unique: false, where: 'c_int IS NOT NULL AND c_big > 0' },
  ],
  checks: [
    { name: 'ck_num', expression: 'c_num > 0' },
    { name: 'ck_text', expression: 'length(c_varchar) > 0 and c_small > -5' },
    { name: 'ck_like', expression: "c_varchar like 'x%' OR c_varchar IS NULL" },
    { name: 'ck_in', expression: "c_small in (1, 2, -1) and c_varchar not in ('y', 'z') and c_char in ('ab')" },
    { name: 'ck_between', expression: '(c_int between 1 and 100) or (c_int is null and c_big != 0)' },
  ],
  comment: 'every type',
};

const child: Table = {
  ...emptyTable('child', 'app'),
  columns: [
    col('id', { kind: 'bigint' }, { nullable: false, autoIncrement: true }),
    col('parent_id', { kind: 'integer' }, { nullable: false }),
    col('state', status, { nullable: false, default: lit('new') }),
  ],
  primaryKey: { name: 'pk_child', columns: ['id'] },
  foreignKeys: [
    {
      name: 'fk_child_parent_id_all_types',
      columns: ['parent_id'],
      referencedSchema: null,
      referencedTable: 'all_types',
      referencedColumns: ['id'],
      onDelete: 'cascade',
      onUpdate: 'no action',
    },
  ],
};

const pair: Table = {
  ...emptyTable('pair'),
  columns: [col('a', { kind: 'integer' }, { nullable: false }), col('b', { kind: 'bigint' }, { nullable: false })],
  primaryKey: { name: 'pk_pair', columns: ['b', 'a'] },
  foreignKeys: [
    {
      name: 'fk_pair_b_child',
      columns: ['b'],
      referencedSchema: 'app',
      referencedTable: 'child',
      referencedColumns: ['id'],
      onDelete: 'set null',
      onUpdate: 'restrict',
    },
  ],
  comment: 'composite key',
};

const model: SchemaModel = {
  tables: [allTypes, child, pair],
  enums: [
    { schema: null, name: 'mood', values: mood.kind === 'enum' ? mood.values : [] },
    { schema: 'app', name: 'status', values: ['new', 'done'] },
  ],
};

/** The ops autogenerate would emit for `m`: enums, tables, then their indexes. */
function creationOps(m: SchemaModel): Operation[] {
  return [
    ...m.enums.map((e): Operation => ({ kind: 'createEnum', enum: e })),
    ...m.tables.map((t): Operation => ({ kind: 'createTable', table: { ...t, indexes: [] } })),
    ...m.tables.flatMap((t) =>
      t.indexes.map((index): Operation => ({ kind: 'createIndex', schema: t.schema, table: t.name, index })),
    ),
  ];
}

async function apply(connection: DatabaseConnection, ops: readonly Operation[]): Promise<void> {
  for (const op of ops) {
    for (const statement of await postgresDialect.compile(op, offline)) await connection.execute(statement);
  }
}

function counting(executor: QueryExecutor): QueryExecutor & { count: number } {
  const counter = {
    count: 0,
    query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]> {
      counter.count++;
      return executor.query<R>(sql, params);
    },
  };
  return counter;
}

describe('postgres: introspection round trip', { skip: reason ?? false }, () => {
  let db: TestDatabase;
  let connection: DatabaseConnection;

  before(async () => {
    db = await postgresProvider.create();
    connection = await postgresDialect.connect(db.options, process.cwd());
  });
  after(async () => {
    await connection?.close();
    await db?.drop();
  });

  it('reads back every type, default, constraint, index, enum, comment and schema', async () => {
    await connection.execute('CREATE SCHEMA app');
    await apply(connection, creationOps(model));
    const live = await postgresDialect.introspect(connection, { exclude: [], schemas: ['public', 'app'] });
    const [database, target] = [postgresDialect.normalize(live), postgresDialect.normalize(model)];
    // Expressions are kept as written on each side and compared in one canonical form.
    const comparison = await postgresDialect.comparison?.(database, target, connection);
    assert.ok(comparison !== undefined);
    assert.deepEqual(comparable(database, comparison, false), comparable(target, comparison, false));
  });

  it('keeps the default with a backslash and a quote as written', async () => {
    const live = await postgresDialect.introspect(connection, { exclude: [] });
    const text = findTable(live, 'all_types')?.columns.find((c) => c.name === 'c_text');
    assert.deepEqual(text?.default, lit(`C:\\dir\\it's "q"`));
    assert.equal(text?.comment, "it's a \\ comment");
    assert.equal(findTable(live, 'child', 'app'), undefined, 'only the current schema by default');
  });

  it('reads a serial column as autoIncrement and leaves excluded tables out', async () => {
    await connection.execute('CREATE TABLE legacy (id serial PRIMARY KEY, n int4)');
    const live = await postgresDialect.introspect(connection, { exclude: ['all_types', 'pair'] });
    assert.deepEqual(
      live.tables.map((t) => t.name),
      ['legacy'],
    );
    const id = live.tables[0]?.columns[0];
    assert.equal(id?.autoIncrement, true);
    assert.equal(id?.default, null);
    assert.equal(await postgresDialect.tableExists(connection, 'legacy', null), true);
    assert.equal(await postgresDialect.tableExists(connection, 'child', 'app'), true);
    assert.equal(await postgresDialect.tableExists(connection, 'nope', null), false);
  });

  it('issues the same number of queries for 1 table and for 50', async () => {
    await connection.execute('CREATE SCHEMA many');
    const create = (i: number) =>
      connection.execute(`CREATE TABLE many.t${i} (id int PRIMARY KEY, v text UNIQUE CHECK (v <> ''))`);
    await create(0);
    const one = counting(connection);
    await postgresDialect.introspect(one, { exclude: [], schemas: ['many'] });
    for (let i = 1; i < 50; i++) await create(i);
    const fifty = counting(connection);
    const live = await postgresDialect.introspect(fifty, { exclude: [], schemas: ['many'] });
    assert.equal(live.tables.length, 50);
    assert.equal(fifty.count, one.count);
    assert.equal(one.count, 5);
  });

  it('alters columns on a filled table: type to enum with its default, identity added', async () => {
    const ref = { schema: null, table: 'alt' };
    await connection.execute(`CREATE TABLE alt (id int NOT NULL, name varchar(10) DEFAULT 'happy')`);
    await connection.execute(`INSERT INTO alt VALUES (1, 'happy'), (5, 'happy')`);
    const existing = col('name', { kind: 'varchar', length: 10 }, { default: lit('happy') });
    await apply(connection, [
      { kind: 'alterColumn', ...ref, column: 'name', type: { from: existing.type, to: mood }, existing },
      { kind: 'alterColumn', ...ref, column: 'id', autoIncrement: { from: false, to: true }, existing: null },
    ]);
    const rows = await connection.query<{ id: number }>(`INSERT INTO alt DEFAULT VALUES RETURNING id`);
    assert.equal(rows[0]?.id, 6);
    const table = findTable(
      postgresDialect.normalize(await postgresDialect.introspect(connection, { exclude: [] })),
      'alt',
    );
    assert.deepEqual(
      table?.columns.map((c) => [c.type.kind, c.default, c.autoIncrement]),
      [
        ['integer', null, true],
        ['enum', lit('happy'), false],
      ],
    );
  });

  it('rolls DDL back with the transaction and takes ? placeholders', async () => {
    await assert.rejects(
      connection.transaction(async () => {
        await connection.execute('CREATE TABLE doomed (id int)');
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(await postgresDialect.tableExists(connection, 'doomed', null), false);
    const rows = await connection.query<{ n: number }>("SELECT ?::int + 1 AS n, '?' AS q", [41]);
    assert.equal(rows[0]?.n, 42);
  });
});

describe('postgres: connection errors and locks', { skip: reason ?? false }, () => {
  it('never shows the password, and names the server', async () => {
    const url = 'postgres://postgres:s3cretPW@127.0.0.1:5432/kiln_no_such_database';
    const error = await postgresDialect.connect(postgresOptions(url), process.cwd()).then(
      () => assert.fail('connected'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof DatabaseError);
    assert.equal(error.code, 'database.connect');
    assert.match(error.message, /postgres:\/\/postgres@127\.0\.0\.1:5432\/kiln_no_such_database/);
    assert.doesNotMatch(`${error.message} ${error.hint} ${JSON.stringify(error.data)}`, /s3cretPW/);
  });

  it('rewrites a refused statement into a DatabaseError carrying the SQL', async () => {
    const db = await postgresProvider.create();
    const connection = await postgresDialect.connect(db.options, process.cwd());
    try {
      const error = await connection.execute('SELECT * FROM missing_table').then(
        () => assert.fail('ran'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof DatabaseError);
      assert.equal(error.code, 'database.statement-failed');
      assert.equal(error.data.sql, 'SELECT * FROM missing_table');
      assert.equal(error.data.sqlState, '42P01');
    } finally {
      await connection.close();
      await db.drop();
    }
  });

  it('serialises two sessions with the advisory lock', async () => {
    const db = await postgresProvider.create();
    const first = await postgresDialect.connect(db.options, process.cwd());
    const second = await postgresDialect.connect(db.options, process.cwd());
    try {
      const [me] = await first.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await first.acquireLock({ timeoutMs: 0 });
      let acquired = false;
      // onWait fires once the second session has tried and found the lock taken: no sleeping on a guess.
      let seen: (wait: LockWait) => void = () => undefined;
      const waited = new Promise<LockWait>((resolve) => {
        seen = resolve;
      });
      const waiting = second.acquireLock({ timeoutMs: 5000, onWait: (wait) => seen(wait) }).then(() => {
        acquired = true;
      });
      const wait = await waited;
      assert.equal(acquired, false);
      assert.match(wait.holder.summary, new RegExp(`^pid ${me?.pid}\\b`));
      // The server's own view: one granted advisory lock in this database, the first session's.
      const holders = await second.query<{ pid: number }>(
        `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted
           AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      assert.deepEqual(
        holders.map((h) => h.pid),
        [me?.pid],
      );
      await first.releaseLock();
      await waiting;
      assert.equal(acquired, true);
      await second.releaseLock();
    } finally {
      await first.close();
      await second.close();
      await db.drop();
    }
  });
});
