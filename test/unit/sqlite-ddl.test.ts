import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompileContext } from '../../src/dialects/dialect.js';
import { sqliteDialect } from '../../src/dialects/sqlite/sqlite-dialect.js';
import { OperationError } from '../../src/errors.js';
import type { Operation, RowValue } from '../../src/operations/operation.js';
import type { Column, ColumnType, Table } from '../../src/schema/model.js';
import { emptyTable } from '../../src/schema/model.js';
import { knownTables } from '../support/compile-context.js';

const offline: CompileContext = knownTables();

function knowing(table: Table): CompileContext {
  return knownTables([table]);
}

async function compile(op: Operation, context: CompileContext = offline): Promise<string[]> {
  return sqliteDialect.compile(op, context);
}

function column(name: string, type: ColumnType, extra: Partial<Column> = {}): Column {
  return { name, type, nullable: true, default: null, autoIncrement: false, comment: null, ...extra };
}

const ref = { schema: null, table: 'post' } as const;

const post: Table = {
  ...emptyTable('post'),
  columns: [
    column('id', { kind: 'integer' }, { nullable: false, autoIncrement: true }),
    column('user_id', { kind: 'integer' }, { nullable: false }),
    column('title', { kind: 'varchar', length: 200 }, { nullable: false, default: { kind: 'literal', value: '' } }),
    column('body', { kind: 'text' }),
  ],
  primaryKey: { name: 'pk_post', columns: ['id'] },
  uniques: [{ name: 'uq_post_title', columns: ['title'] }],
  indexes: [{ name: 'ix_post_user_id', columns: ['user_id'], unique: false, where: null }],
  foreignKeys: [
    {
      name: 'fk_post_user_id_con_user',
      columns: ['user_id'],
      referencedSchema: null,
      referencedTable: 'con_user',
      referencedColumns: ['id'],
      onDelete: 'cascade',
      onUpdate: 'no action',
    },
  ],
  checks: [{ name: 'ck_post_title', expression: 'length(title) > 0' }],
};

describe('sqlite DDL: types', () => {
  const cases: Array<[ColumnType, string]> = [
    [{ kind: 'integer' }, 'INTEGER'],
    [{ kind: 'bigint' }, 'BIGINT'],
    [{ kind: 'smallint' }, 'SMALLINT'],
    [{ kind: 'varchar', length: 30 }, 'VARCHAR(30)'],
    [{ kind: 'varchar', length: null }, 'VARCHAR'],
    [{ kind: 'char', length: 3 }, 'CHAR(3)'],
    [{ kind: 'text' }, 'TEXT'],
    [{ kind: 'boolean' }, 'BOOLEAN'],
    [{ kind: 'date' }, 'DATE'],
    [{ kind: 'time' }, 'TIME'],
    [{ kind: 'timestamp', withTimezone: false }, 'TIMESTAMP'],
    [{ kind: 'timestamp', withTimezone: true }, 'TIMESTAMP WITH TIME ZONE'],
    [{ kind: 'numeric', precision: 10, scale: 2 }, 'NUMERIC(10,2)'],
    [{ kind: 'numeric', precision: 8, scale: null }, 'NUMERIC(8)'],
    [{ kind: 'numeric', precision: null, scale: null }, 'NUMERIC'],
    [{ kind: 'real' }, 'REAL'],
    [{ kind: 'double' }, 'DOUBLE'],
    [{ kind: 'json' }, 'JSON'],
    [{ kind: 'uuid' }, 'UUID'],
    [{ kind: 'binary' }, 'BLOB'],
    [
      { kind: 'enum', name: 'mood', values: ['happy', "it's"], schema: null },
      `TEXT CONSTRAINT "enum_mood" CHECK ("c" IN ('happy', 'it''s'))`,
    ],
    [{ kind: 'raw', sql: 'DATETIME' }, 'DATETIME'],
  ];
  for (const [type, sql] of cases) {
    it(`${JSON.stringify(type)} → ${sql}`, async () => {
      const [statement] = await compile({ kind: 'addColumn', ...ref, column: column('c', type) });
      assert.equal(statement, `ALTER TABLE "post" ADD COLUMN "c" ${sql}`);
    });
  }
});

describe('sqlite DDL: literals and quoting', () => {
  it('doubles quotes in literals and identifiers', () => {
    assert.equal(sqliteDialect.literal("it's"), "'it''s'");
    assert.equal(sqliteDialect.literal(true), 'TRUE');
    assert.equal(sqliteDialect.literal(null), 'NULL');
    assert.equal(sqliteDialect.literal(-1.5), '-1.5');
    assert.equal(sqliteDialect.quoteIdentifier('a"b'), '"a""b"');
  });
  it('refuses a non-finite number', () => {
    assert.throws(() => sqliteDialect.literal(Number.NaN), OperationError);
  });
});

describe('sqlite DDL: tables', () => {
  it('creates a table with an inline AUTOINCREMENT key and named constraints', async () => {
    assert.deepEqual(await compile({ kind: 'createTable', table: post }), [
      'CREATE TABLE "post" (\n' +
        '  "id" INTEGER CONSTRAINT "pk_post" PRIMARY KEY AUTOINCREMENT NOT NULL,\n' +
        '  "user_id" INTEGER NOT NULL,\n' +
        `  "title" VARCHAR(200) NOT NULL DEFAULT '',\n` +
        '  "body" TEXT,\n' +
        '  CONSTRAINT "uq_post_title" UNIQUE ("title"),\n' +
        '  CONSTRAINT "fk_post_user_id_con_user" FOREIGN KEY ("user_id") REFERENCES "con_user" ("id") ON DELETE CASCADE,\n' +
        '  CONSTRAINT "ck_post_title" CHECK (length(title) > 0)\n' +
        ')',
    ]);
  });
  it('writes a composite key at table level and expression defaults in parentheses, ignoring schemas and comments', async () => {
    const table: Table = {
      ...emptyTable('link', 'app'),
      comment: 'not stored',
      columns: [
        column('a', { kind: 'bigint' }, { nullable: false, autoIncrement: true }),
        column('b', { kind: 'integer' }, { nullable: false, comment: 'nor this' }),
        column(
          'at',
          { kind: 'timestamp', withTimezone: false },
          { default: { kind: 'sql', sql: 'CURRENT_TIMESTAMP' } },
        ),
      ],
      primaryKey: { name: 'pk_link', columns: ['a', 'b'] },
    };
    assert.deepEqual(await compile({ kind: 'createTable', table }), [
      'CREATE TABLE "link" (\n' +
        '  "a" BIGINT NOT NULL,\n' +
        '  "b" INTEGER NOT NULL,\n' +
        '  "at" TIMESTAMP DEFAULT (CURRENT_TIMESTAMP),\n' +
        '  CONSTRAINT "pk_link" PRIMARY KEY ("a", "b")\n' +
        ')',
    ]);
  });
  it('drops and renames tables', async () => {
    assert.deepEqual(await compile({ kind: 'dropTable', ...ref, existing: null }), ['DROP TABLE "post"']);
    assert.deepEqual(await compile({ kind: 'renameTable', ...ref, newName: 'article' }), [
      'ALTER TABLE "post" RENAME TO "article"',
    ]);
  });
});

describe('sqlite DDL: columns', () => {
  it('adds a nullable or defaulted column with ALTER TABLE', async () => {
    const email = column(
      'email',
      { kind: 'varchar', length: 120 },
      { nullable: false, default: { kind: 'literal', value: '' } },
    );
    assert.deepEqual(await compile({ kind: 'addColumn', ...ref, column: email }), [
      `ALTER TABLE "post" ADD COLUMN "email" VARCHAR(120) NOT NULL DEFAULT ''`,
    ]);
  });
  it('rebuilds for NOT NULL without default and for expression defaults', async () => {
    const strict = column('rank', { kind: 'integer' }, { nullable: false });
    const statements = await compile({ kind: 'addColumn', ...ref, column: strict }, knowing(post));
    assert.match(statements[0] ?? '', /^CREATE TABLE "_kiln_new_post" \(/);
    assert.match(statements[0] ?? '', /"rank" INTEGER NOT NULL,\n/);
    assert.equal(
      statements[1],
      'INSERT INTO "_kiln_new_post" ("id", "user_id", "title", "body") SELECT "id", "user_id", "title", "body" FROM "post"',
    );
    assert.deepEqual(statements.slice(2), [
      // "post" autoincrements: its counter goes over to the new table (ids of deleted rows stay unused).
      "DELETE FROM sqlite_sequence WHERE name = '_kiln_new_post'",
      "INSERT INTO sqlite_sequence (name, seq) SELECT '_kiln_new_post', seq FROM sqlite_sequence WHERE name = 'post'",
      'DROP TABLE "post"',
      'PRAGMA legacy_alter_table = ON',
      'ALTER TABLE "_kiln_new_post" RENAME TO "post"',
      'PRAGMA legacy_alter_table = OFF',
      'CREATE INDEX "ix_post_user_id" ON "post" ("user_id")',
      // Offline the triggers cannot be read: the script says so where the rebuild is.
      '-- kiln: --sql cannot read the triggers on "post": this rebuild drops them; re-create any it had',
    ]);
    const stamped = column('at', { kind: 'text' }, { default: { kind: 'sql', sql: 'CURRENT_TIMESTAMP' } });
    assert.equal((await compile({ kind: 'addColumn', ...ref, column: stamped }, knowing(post))).length, 10);
  });
  it('offline, the note about triggers keeps a hostile table name inside its comment line', async () => {
    const hostile = { ...post, name: 'post\nDROP TABLE victim; --\r' };
    const statements = await compile(
      {
        kind: 'addColumn',
        table: hostile.name,
        schema: null,
        column: column('rank', { kind: 'integer' }, { nullable: false }),
      },
      knowing(hostile),
    );
    const note = statements.at(-1) ?? '';
    assert.match(note, /^-- kiln: --sql cannot read the triggers on "post\\nDROP TABLE victim; --\\r"/);
    assert.doesNotMatch(note, /[\n\r]/);
  });
  it('drops an unconstrained column with ALTER TABLE, a constrained one by rebuilding', async () => {
    assert.deepEqual(await compile({ kind: 'dropColumn', ...ref, column: 'body', existing: null }, knowing(post)), [
      'ALTER TABLE "post" DROP COLUMN "body"',
    ]);
    const statements = await compile({ kind: 'dropColumn', ...ref, column: 'user_id', existing: null }, knowing(post));
    assert.doesNotMatch(statements[0] ?? '', /user_id/);
    assert.equal(
      statements[1],
      'INSERT INTO "_kiln_new_post" ("id", "title", "body") SELECT "id", "title", "body" FROM "post"',
    );
    assert.ok(!statements.some((s) => s.startsWith('CREATE INDEX')), 'the index on the dropped column goes too');
  });
  it('renames a column with ALTER TABLE and ignores comment changes', async () => {
    const base = { kind: 'alterColumn', ...ref, column: 'body', existing: null } as const;
    assert.deepEqual(await compile({ ...base, name: { from: 'body', to: 'content' } }), [
      'ALTER TABLE "post" RENAME COLUMN "body" TO "content"',
    ]);
    assert.deepEqual(await compile({ ...base, comment: { from: null, to: 'x' } }), []);
  });
  it('rebuilds for a type, nullability or default change, then renames with ALTER TABLE', async () => {
    const statements = await compile(
      {
        kind: 'alterColumn',
        ...ref,
        column: 'title',
        existing: null,
        name: { from: 'title', to: 'headline' },
        nullable: { from: false, to: false },
        default: { from: null, to: { kind: 'literal', value: 'untitled' } },
      },
      knowing({
        ...post,
        columns: post.columns.map((c) => (c.name === 'title' ? { ...c, default: null, nullable: true } : c)),
      }),
    );
    assert.match(statements[0] ?? '', /"title" VARCHAR\(200\) NOT NULL DEFAULT 'untitled'/);
    assert.equal(
      statements[1],
      `INSERT INTO "_kiln_new_post" ("id", "user_id", "title", "body") SELECT "id", "user_id", COALESCE("title", 'untitled'), "body" FROM "post"`,
    );
    assert.equal(statements.at(-1), 'ALTER TABLE "post" RENAME COLUMN "title" TO "headline"');
  });
  it('names the table when a rebuild needs a definition it does not have', async () => {
    await assert.rejects(
      compile({
        kind: 'alterColumn',
        ...ref,
        column: 'title',
        existing: null,
        type: { from: undefined, to: { kind: 'text' } },
      }),
      (error: unknown) => error instanceof OperationError && /'post'/.test(error.message),
    );
  });
});

describe('sqlite DDL: indexes and constraints', () => {
  it('creates plain, unique and partial indexes, and drops them', async () => {
    const index = { name: 'ix_a', columns: ['a', 'b'], unique: true, where: 'a > 0' };
    assert.deepEqual(await compile({ kind: 'createIndex', ...ref, index }), [
      'CREATE UNIQUE INDEX "ix_a" ON "post" ("a", "b") WHERE a > 0',
    ]);
    assert.deepEqual(await compile({ kind: 'dropIndex', ...ref, name: 'ix_a', existing: null }), ['DROP INDEX "ix_a"']);
  });
  it('adds unique, foreign key, check and primary key constraints by rebuilding', async () => {
    const bare: Table = { ...post, uniques: [], foreignKeys: [], checks: [], primaryKey: null };
    const context = knowing(bare);
    const uq = await compile(
      { kind: 'createUniqueConstraint', ...ref, constraint: { name: 'uq_x', columns: ['body'] } },
      context,
    );
    assert.match(uq[0] ?? '', /CONSTRAINT "uq_x" UNIQUE \("body"\)/);
    const fk = await compile({ kind: 'createForeignKey', ...ref, foreignKey: post.foreignKeys[0] as never }, context);
    assert.match(fk[0] ?? '', /REFERENCES "con_user" \("id"\) ON DELETE CASCADE/);
    const ck = await compile(
      { kind: 'createCheckConstraint', ...ref, check: { name: 'ck_x', expression: 'id > 0' } },
      context,
    );
    assert.match(ck[0] ?? '', /CONSTRAINT "ck_x" CHECK \(id > 0\)/);
    const pk = await compile(
      { kind: 'createPrimaryKey', ...ref, primaryKey: { name: 'pk_post', columns: ['id'] } },
      context,
    );
    assert.match(pk[0] ?? '', /"id" INTEGER CONSTRAINT "pk_post" PRIMARY KEY AUTOINCREMENT NOT NULL/);
  });
  it('drops a constraint by rebuilding without it, and names a missing one', async () => {
    const statements = await compile(
      { kind: 'dropConstraint', ...ref, name: 'ck_post_title', type: null, existing: null },
      knowing(post),
    );
    assert.doesNotMatch(statements[0] ?? '', /ck_post_title/);
    await assert.rejects(
      compile({ kind: 'dropConstraint', ...ref, name: 'nope', type: 'check', existing: null }, knowing(post)),
      OperationError,
    );
  });
});

describe('sqlite DDL: schemas are refused', () => {
  it('createSchema and dropSchema are clear errors, not silent no-ops', async () => {
    for (const kind of ['createSchema', 'dropSchema'] as const) {
      await assert.rejects(compile({ kind, name: 'billing' }), /this database has no schemas/);
    }
  });
});

describe('sqlite DDL: enums, execute, bulk insert', () => {
  it('compiles createEnum and dropEnum to nothing: enums are inline', async () => {
    assert.deepEqual(await compile({ kind: 'createEnum', enum: { schema: null, name: 'mood', values: ['a'] } }), []);
    assert.deepEqual(await compile({ kind: 'dropEnum', schema: null, name: 'mood', existing: null }), []);
  });
  it('alterEnum rebuilds each table with a column of the enum, with the new CHECK', async () => {
    const mood: ColumnType = { kind: 'enum', name: 'mood', values: ['a'], schema: null };
    const diary = { ...emptyTable('diary'), columns: [column('feeling', mood), column('other', mood)] };
    const plain = { ...emptyTable('plain'), columns: [column('x', { kind: 'text' })] };
    const alter = { kind: 'alterEnum', schema: null, name: 'mood', addValues: ['b'], existing: null } as const;
    const sql = (await compile(alter, knownTables([diary, plain]))).join('\n');
    assert.match(sql, /CREATE TABLE "_kiln_new_diary"/);
    assert.match(sql, /"feeling" TEXT CONSTRAINT "enum_mood" CHECK \("feeling" IN \('a', 'b'\)\)/);
    assert.match(sql, /"other" TEXT CONSTRAINT "enum_mood" CHECK \("other" IN \('a', 'b'\)\)/);
    assert.doesNotMatch(sql, /plain/);
    await assert.rejects(compile({ ...alter, name: 'nope' }, knownTables([diary])), /cannot alter enum 'nope'/);
  });
  it('passes execute through', async () => {
    assert.deepEqual(await compile({ kind: 'execute', sql: 'UPDATE t SET a = 1' }), ['UPDATE t SET a = 1']);
  });
  it('inserts literal rows, grouping rows of the same shape, 100 per statement', async () => {
    const rows: Array<Record<string, RowValue>> = [
      { id: 1, name: "it's", ok: true },
      { id: 2, name: null, ok: false },
      { id: 3 },
      {},
    ];
    assert.deepEqual(await compile({ kind: 'bulkInsert', ...ref, rows }), [
      `INSERT INTO "post" ("id", "name", "ok") VALUES\n  (1, 'it''s', TRUE),\n  (2, NULL, FALSE)`,
      'INSERT INTO "post" ("id") VALUES\n  (3)',
      'INSERT INTO "post" DEFAULT VALUES',
    ]);
    const many = Array.from({ length: 250 }, (_, i) => ({ id: i }));
    assert.equal((await compile({ kind: 'bulkInsert', ...ref, rows: many })).length, 3);
  });
});
