import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mysqlDialect } from '../../src/dialects/mysql/mysql-dialect.js';
import { parseColumnType } from '../../src/dialects/mysql/mysql-types.js';
import { postgresDialect } from '../../src/dialects/postgres/postgres-dialect.js';
import { parsePostgresType } from '../../src/dialects/postgres/postgres-types.js';
import { sqliteDialect } from '../../src/dialects/sqlite/sqlite-dialect.js';
import { parseSqliteType } from '../../src/dialects/sqlite/sqlite-types.js';
import { OperationError, SchemaError } from '../../src/errors.js';
import { buildSchemaModel } from '../../src/schema/build-model.js';
import { enumType, table } from '../../src/schema/dsl/index.js';
import { knownTables } from '../support/compile-context.js';
import { columnFromBuilder } from '../../src/schema/build-model.js';
import {
  bigint,
  integer,
  mediumint,
  sql,
  text,
  time,
  timestamp,
  tinyint,
  varchar,
} from '../../src/schema/dsl/index.js';

const at = { schema: null, table: 'person' };

function throwsSchema(fn: () => unknown, code: string, message: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof SchemaError, `expected a SchemaError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  });
}

describe('DSL: collations', () => {
  it('records a collation on the character type', () => {
    assert.deepEqual(columnFromBuilder(varchar(30).collate('C'), 'email', at).type, {
      kind: 'varchar',
      length: 30,
      collation: 'C',
    });
    assert.deepEqual(columnFromBuilder(text(), 'body', at).type, { kind: 'text' });
  });

  it('refuses a collation on a non-character column, naming the column', () => {
    throwsSchema(
      () => columnFromBuilder(integer().collate('C'), 'age', at),
      'schema.invalid-column',
      /"person\.age".*integer column has no collation/,
    );
    throwsSchema(
      () => columnFromBuilder(text().collate(''), 'body', at),
      'schema.invalid-column',
      /"person\.body".*collation "" is not/,
    );
  });
});

describe('DSL: table charset and collation (MySQL only)', () => {
  const accounts = table('account', { id: integer().primaryKey() }, { charset: 'utf8mb4', collation: 'utf8mb4_bin' });
  const model = buildSchemaModel([{ accounts }]);

  it('records them on the table, only when named', () => {
    assert.equal(model.tables[0]?.collation, 'utf8mb4_bin');
    assert.equal(model.tables[0]?.charset, 'utf8mb4');
    const plain = buildSchemaModel([{ t: table('plain', { id: integer() }) }]).tables[0];
    assert.ok(plain !== undefined && !('collation' in plain) && !('charset' in plain));
  });

  for (const [name, dialect] of [
    ['PostgreSQL', postgresDialect],
    ['SQLite', sqliteDialect],
  ] as const) {
    it(`${name} refuses them, naming the table and the database`, async () => {
      const created = model.tables[0];
      assert.ok(created !== undefined);
      assert.throws(
        () => dialect.compile({ kind: 'createTable', table: created }, knownTables()),
        (error: unknown) => {
          assert.ok(error instanceof OperationError);
          assert.equal(error.code, 'operation.unsupported');
          assert.match(error.message, new RegExp(`table 'account' names a collation, which ${name}`));
          return true;
        },
      );
      const alter = {
        kind: 'alterTable',
        schema: null,
        table: 'account',
        charset: { from: null, to: 'latin1' },
      } as const;
      assert.throws(() => dialect.compile(alter, knownTables([created])), /names a charset/);
    });
  }
});

describe('DSL: unsigned integers, tinyint, mediumint', () => {
  it('records unsigned on integer types only', () => {
    assert.deepEqual(columnFromBuilder(tinyint().unsigned(), 'level', at).type, { kind: 'tinyint', unsigned: true });
    assert.deepEqual(columnFromBuilder(mediumint(), 'views', at).type, { kind: 'mediumint' });
    throwsSchema(
      () => columnFromBuilder(text().unsigned(), 'body', at),
      'schema.invalid-column',
      /"person\.body".*text column cannot be unsigned/,
    );
  });

  it('PostgreSQL refuses unsigned, naming the column, and maps tinyint/mediumint', async () => {
    const counter = buildSchemaModel([
      { t: table('counter', { id: integer().unsigned().primaryKey(), level: tinyint(), views: mediumint() }) },
    ]).tables[0];
    assert.ok(counter !== undefined);
    assert.throws(
      () => postgresDialect.compile({ kind: 'createTable', table: counter }, knownTables()),
      (error: unknown) => {
        assert.ok(error instanceof OperationError);
        assert.equal(error.code, 'operation.unsupported');
        assert.match(error.message, /column 'counter\.id' is unsigned, and PostgreSQL has no unsigned integers/);
        return true;
      },
    );
    const signed = { ...counter, columns: counter.columns.filter((c) => c.name !== 'id'), primaryKey: null };
    const [sql] = await postgresDialect.compile({ kind: 'createTable', table: signed }, knownTables());
    assert.match(sql ?? '', /"level" smallint,\n {2}"views" integer/);
  });
});

describe('DSL: fractional-second precision', () => {
  it('records the precision of time and timestamp, 0 to 6', () => {
    assert.deepEqual(columnFromBuilder(timestamp({ withTimezone: true, precision: 3 }), 'at', at).type, {
      kind: 'timestamp',
      withTimezone: true,
      precision: 3,
    });
    assert.deepEqual(columnFromBuilder(time('lap', { precision: 6 }), 'lap', at).type, { kind: 'time', precision: 6 });
    throwsSchema(
      () => columnFromBuilder(timestamp({ precision: 7 }), 'at', at),
      'schema.invalid-column',
      /"person\.at": timestamp precision 7 is not an integer from 0 to 6/,
    );
  });

  it('reads the servers spellings back', () => {
    assert.deepEqual(parsePostgresType('timestamp(3) with time zone'), {
      kind: 'timestamp',
      withTimezone: true,
      precision: 3,
    });
    assert.deepEqual(parsePostgresType('time(0) without time zone'), { kind: 'time', precision: 0 });
    assert.deepEqual(parseColumnType('datetime(6)'), { kind: 'timestamp', withTimezone: false, precision: 6 });
    assert.deepEqual(parseSqliteType('TIMESTAMP WITH TIME ZONE(3)'), {
      kind: 'timestamp',
      withTimezone: true,
      precision: 3,
    });
  });
});

describe('DSL: generated columns', () => {
  it('records the expression and storage; refuses a default', () => {
    const column = columnFromBuilder(bigint().generatedAs(sql`price * qty`, { stored: true }), 'total', at);
    assert.deepEqual(column.generated, { expression: 'price * qty', stored: true });
    throwsSchema(
      () => columnFromBuilder(integer().generatedAs(sql`1`).default(2), 'x', at),
      'schema.invalid-column',
      /"person\.x" is generated and has a default/,
    );
  });

  it('PostgreSQL refuses a virtual one, MySQL a NOT NULL one, naming the column', async () => {
    const lines = buildSchemaModel([
      { t: table('line', { qty: integer(), doubled: integer().generatedAs(sql`qty * 2`).notNull() }) },
    ]).tables[0];
    assert.ok(lines !== undefined);
    assert.throws(
      () => postgresDialect.compile({ kind: 'createTable', table: lines }, knownTables()),
      /column 'line\.doubled' is a virtual generated column, which PostgreSQL before 18 does not have/,
    );
    assert.throws(
      () => mysqlDialect.compile({ kind: 'createTable', table: lines }, knownTables()),
      /column 'line\.doubled' is generated and NOT NULL, which MariaDB cannot declare/,
    );
    const [created] = await sqliteDialect.compile({ kind: 'createTable', table: lines }, knownTables());
    assert.match(created ?? '', /"doubled" INTEGER GENERATED ALWAYS AS \(qty \* 2\) VIRTUAL NOT NULL/);
  });
});

describe('DSL: identity columns', () => {
  it('ALWAYS is recorded; MySQL and SQLite refuse it, naming the column', async () => {
    const tickets = buildSchemaModel([
      { t: table('ticket', { id: bigint().generatedAlwaysAsIdentity().primaryKey() }) },
    ]).tables[0];
    assert.ok(tickets !== undefined);
    assert.equal(tickets.columns[0]?.identity, 'always');
    assert.equal(tickets.columns[0]?.autoIncrement, true);
    const [created] = await postgresDialect.compile({ kind: 'createTable', table: tickets }, knownTables());
    assert.match(created ?? '', /"id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL/);
    for (const [name, dialect] of [
      ['MySQL/MariaDB', mysqlDialect],
      ['SQLite', sqliteDialect],
    ] as const) {
      assert.throws(
        () => dialect.compile({ kind: 'createTable', table: tickets }, knownTables()),
        new RegExp(`column 'ticket\\.id' is GENERATED ALWAYS AS IDENTITY, which ${name} does not have`),
      );
    }
  });
});

describe('DSL: arrays (PostgreSQL)', () => {
  const mood = enumType('mood', ['happy', 'sad']);
  const posts = buildSchemaModel([{ mood, t: table('post', { tags: text().array(), moods: mood().array() }) }]);

  it('compiles text[] and enum arrays on PostgreSQL, collects the element enum', async () => {
    const post = posts.tables[0];
    assert.ok(post !== undefined);
    assert.deepEqual(
      posts.enums.map((e) => e.name),
      ['mood'],
    );
    const [created] = await postgresDialect.compile({ kind: 'createTable', table: post }, knownTables());
    assert.match(created ?? '', /"tags" text\[\],\n {2}"moods" "mood"\[\]/);
    assert.deepEqual(parsePostgresType('character varying(30)[]'), {
      kind: 'array',
      element: { kind: 'varchar', length: 30 },
    });
  });

  it('MySQL and SQLite refuse them, naming the column', async () => {
    const post = posts.tables[0];
    assert.ok(post !== undefined);
    for (const [name, dialect] of [
      ['MySQL/MariaDB', mysqlDialect],
      ['SQLite', sqliteDialect],
    ] as const) {
      assert.throws(
        () => dialect.compile({ kind: 'createTable', table: post }, knownTables()),
        new RegExp(`column 'post\\.tags' is an array, which ${name} does not have`),
      );
    }
  });
});

describe('DSL: index methods', () => {
  it('PostgreSQL writes USING; MySQL and SQLite refuse it, naming the index', async () => {
    const index = { name: 'ix_post_tags', columns: ['tags'], unique: false, where: null, method: 'gin' };
    const op = { kind: 'createIndex', schema: null, table: 'post', index } as const;
    assert.deepEqual(await postgresDialect.compile(op, knownTables()), [
      'CREATE INDEX "ix_post_tags" ON "post" USING "gin" ("tags")',
    ]);
    for (const [name, dialect] of [
      ['MySQL/MariaDB', mysqlDialect],
      ['SQLite', sqliteDialect],
    ] as const) {
      assert.throws(
        () => dialect.compile(op, knownTables()),
        new RegExp(`index 'ix_post_tags' on 'post' uses the index method 'gin', which ${name} does not have`),
      );
    }
  });
});

describe('DSL: operator classes', () => {
  it('PostgreSQL writes them after their column; SQLite refuses them, naming the index', async () => {
    const index = {
      name: 'ix_user_email',
      columns: ['email', 'id'],
      unique: false,
      where: null,
      opclasses: ['text_pattern_ops', null],
    };
    const op = { kind: 'createIndex', schema: null, table: 'app_user', index } as const;
    assert.deepEqual(await postgresDialect.compile(op, knownTables()), [
      'CREATE INDEX "ix_user_email" ON "app_user" ("email" "text_pattern_ops", "id")',
    ]);
    assert.throws(
      () => sqliteDialect.compile(op, knownTables()),
      /names the operator class 'text_pattern_ops', which SQLite/,
    );
  });
});
