import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OperationError, SchemaError } from '../../src/errors.js';
import type { Operation } from '../../src/operations/operation.js';
import { type OperationSink, Operations } from '../../src/operations/op.js';
import {
  boolean,
  check,
  enumType,
  index,
  integer,
  serial,
  sql,
  text,
  timestamp,
  unique,
  uniqueIndex,
  varchar,
} from '../../src/schema/dsl/index.js';

interface Recorder {
  readonly op: Operations;
  readonly ops: Operation[];
  readonly queries: { sql: string; params: readonly unknown[] }[];
}

function record(naming = {}): Recorder {
  const ops: Operation[] = [];
  const queries: { sql: string; params: readonly unknown[] }[] = [];
  const sink: OperationSink = {
    run: async (operation) => {
      ops.push(operation);
    },
    query: async (text, params) => {
      queries.push({ sql: text, params });
      return [{ id: 2 }];
    },
  };
  return { op: new Operations(sink, { naming }), ops, queries };
}

async function one(fn: (op: Operations) => Promise<unknown>): Promise<Operation> {
  const r = record();
  await fn(r.op);
  assert.equal(r.ops.length, 1);
  assert.ok(Object.isFrozen(r.ops[0]));
  return r.ops[0]!;
}

async function rejects(promise: Promise<unknown>, type: typeof OperationError | typeof SchemaError, message: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    assert.match((error as Error).message, message);
    return true;
  });
}

describe('op.createTable', () => {
  it('emits createTable (no indexes) then one createIndex per index', async () => {
    const r = record();
    await r.op.createTable(
      'post',
      {
        id: integer().primaryKey({ autoIncrement: true }),
        user_id: integer().notNull().references('con_user.id', { onDelete: 'cascade' }),
        title: varchar(200).notNull(),
      },
      (t) => [
        unique('uq_post_title').on(t.title),
        check('ck_post_title', sql`length(title) > 0`),
        index().on(t.user_id),
        uniqueIndex('ix_live').on(t.title).where(sql`id > 0`),
      ],
      { schema: 'app', comment: 'posts' },
    );
    assert.deepEqual(r.ops, [
      {
        kind: 'createTable',
        table: {
          schema: 'app',
          name: 'post',
          columns: [
            {
              name: 'id',
              type: { kind: 'integer' },
              nullable: false,
              default: null,
              autoIncrement: true,
              comment: null,
            },
            {
              name: 'user_id',
              type: { kind: 'integer' },
              nullable: false,
              default: null,
              autoIncrement: false,
              comment: null,
            },
            {
              name: 'title',
              type: { kind: 'varchar', length: 200 },
              nullable: false,
              default: null,
              autoIncrement: false,
              comment: null,
            },
          ],
          primaryKey: { name: 'pk_post', columns: ['id'] },
          uniques: [{ name: 'uq_post_title', columns: ['title'] }],
          indexes: [],
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
          comment: 'posts',
        },
      },
      {
        kind: 'createIndex',
        schema: 'app',
        table: 'post',
        index: { name: 'ix_post_user_id', columns: ['user_id'], unique: false, where: null },
      },
      {
        kind: 'createIndex',
        schema: 'app',
        table: 'post',
        index: { name: 'ix_live', columns: ['title'], unique: true, where: 'id > 0' },
      },
    ]);
    assert.ok(r.ops.every((o) => Object.isFrozen(o)));
  });

  it('takes options as the third argument, enum columns, and the naming convention', async () => {
    const r = record({ pk: '{table}_pkey' });
    await r.op.createTable(
      'person',
      { id: serial().primaryKey(), feeling: enumType('mood', ['a', 'b'])() },
      { schema: 's' },
    );
    const created = r.ops[0];
    assert.equal(created?.kind, 'createTable');
    if (created?.kind !== 'createTable') return;
    assert.equal(created.table.schema, 's');
    assert.equal(created.table.primaryKey?.name, 'person_pkey');
    assert.deepEqual(created.table.columns[1]?.type, { kind: 'enum', name: 'mood', values: ['a', 'b'], schema: null });
    assert.equal(r.ops.length, 1, 'createTable does not create the enum type');
  });

  it('reports DSL mistakes as SchemaError', async () => {
    await rejects(record().op.createTable('t', { a: varchar(0) }), SchemaError, /"t\.a"/);
  });
});

describe('table and column operations', () => {
  it('dropTable and renameTable', async () => {
    assert.deepEqual(await one((op) => op.dropTable('post')), {
      kind: 'dropTable',
      schema: null,
      table: 'post',
      existing: null,
    });
    assert.deepEqual(await one((op) => op.dropTable('post', { schema: 'app' })), {
      kind: 'dropTable',
      schema: 'app',
      table: 'post',
      existing: null,
    });
    assert.deepEqual(await one((op) => op.renameTable('post', 'article', { schema: 'app' })), {
      kind: 'renameTable',
      schema: 'app',
      table: 'post',
      newName: 'article',
    });
  });

  it('addColumn', async () => {
    assert.deepEqual(await one((op) => op.addColumn('con_user', 'email', varchar(120).notNull().default(''))), {
      kind: 'addColumn',
      schema: null,
      table: 'con_user',
      column: {
        name: 'email',
        type: { kind: 'varchar', length: 120 },
        nullable: false,
        default: { kind: 'literal', value: '' },
        autoIncrement: false,
        comment: null,
      },
    });
    const withSchema = await one((op) =>
      op.addColumn('u', 'at', timestamp({ withTimezone: true }).comment('c'), { schema: 'app' }),
    );
    assert.deepEqual(withSchema, {
      kind: 'addColumn',
      schema: 'app',
      table: 'u',
      column: {
        name: 'at',
        type: { kind: 'timestamp', withTimezone: true },
        nullable: true,
        default: null,
        autoIncrement: false,
        comment: 'c',
      },
    });
  });

  it('addColumn adds .unique() and .references() as separate constraints', async () => {
    const r = record();
    await r.op.addColumn('post', 'editor_id', integer().unique().references('con_user.id', { onDelete: 'set null' }));
    assert.deepEqual(
      r.ops.map((o) => o.kind),
      ['addColumn', 'createUniqueConstraint', 'createForeignKey'],
    );
    assert.deepEqual(r.ops[1], {
      kind: 'createUniqueConstraint',
      schema: null,
      table: 'post',
      constraint: { name: 'uq_post_editor_id', columns: ['editor_id'] },
    });
    assert.deepEqual(r.ops[2], {
      kind: 'createForeignKey',
      schema: null,
      table: 'post',
      foreignKey: {
        name: 'fk_post_editor_id_con_user',
        columns: ['editor_id'],
        referencedSchema: null,
        referencedTable: 'con_user',
        referencedColumns: ['id'],
        onDelete: 'set null',
        onUpdate: 'no action',
      },
    });
  });

  it('addColumn refuses a primary key', async () => {
    await rejects(record().op.addColumn('t', 'id', integer().primaryKey()), OperationError, /"t\.id".*primary-key/);
  });

  it('dropColumn', async () => {
    assert.deepEqual(await one((op) => op.dropColumn('con_user', 'email', { schema: 'app' })), {
      kind: 'dropColumn',
      schema: 'app',
      table: 'con_user',
      column: 'email',
      existing: null,
    });
  });

  it('alterColumn builds Change objects with from: undefined', async () => {
    const altered = await one((op) =>
      op.alterColumn('con_user', 'name', {
        type: varchar(60),
        notNull: true,
        default: sql`'x'`,
        name: 'full_name',
        comment: null,
        autoIncrement: false,
      }),
    );
    assert.deepEqual(altered, {
      kind: 'alterColumn',
      schema: null,
      table: 'con_user',
      column: 'name',
      existing: null,
      type: { from: undefined, to: { kind: 'varchar', length: 60 } },
      nullable: { from: undefined, to: false },
      default: { from: undefined, to: { kind: 'sql', sql: "'x'" } },
      name: { from: undefined, to: 'full_name' },
      comment: { from: undefined, to: null },
      autoIncrement: { from: undefined, to: false },
    });
  });

  it('alterColumn sets only what is given', async () => {
    const altered = await one((op) => op.alterColumn('u', 'n', { notNull: false, default: null }, { schema: 's' }));
    assert.deepEqual(altered, {
      kind: 'alterColumn',
      schema: 's',
      table: 'u',
      column: 'n',
      existing: null,
      nullable: { from: undefined, to: true },
      default: { from: undefined, to: null },
    });
    assert.ok(!('type' in altered));
    const lit = await one((op) => op.alterColumn('u', 'n', { default: 3 }));
    assert.deepEqual((lit as { default?: unknown }).default, { from: undefined, to: { kind: 'literal', value: 3 } });
    const mood = enumType('mood', ['a']);
    const e = await one((op) => op.alterColumn('u', 'm', { type: mood, comment: 'hi' }));
    assert.deepEqual((e as { type?: unknown }).type, {
      from: undefined,
      to: { kind: 'enum', name: 'mood', values: ['a'], schema: null },
    });
  });

  it('alterColumn refuses no change and a type with extras', async () => {
    await rejects(record().op.alterColumn('u', 'n', {}), OperationError, /"u\.n" changes nothing/);
    await rejects(record().op.alterColumn('u', 'n', { type: text().notNull() }), OperationError, /bare type/);
    await rejects(record().op.alterColumn('u', 'n', { type: varchar(-2) }), SchemaError, /varchar length -2/);
  });
});

describe('index and constraint operations', () => {
  it('createIndex and dropIndex', async () => {
    assert.deepEqual(await one((op) => op.createIndex('ix_con_user_name', 'con_user', ['name'])), {
      kind: 'createIndex',
      schema: null,
      table: 'con_user',
      index: { name: 'ix_con_user_name', columns: ['name'], unique: false, where: null },
    });
    assert.deepEqual(
      await one((op) => op.createIndex('ix_u', 'u', ['a', 'b'], { unique: true, where: sql`a > 0`, schema: 's' })),
      {
        kind: 'createIndex',
        schema: 's',
        table: 'u',
        index: { name: 'ix_u', columns: ['a', 'b'], unique: true, where: 'a > 0' },
      },
    );
    const whereString = await one((op) => op.createIndex('ix_w', 'u', ['a'], { where: 'a IS NOT NULL' }));
    assert.equal((whereString as { index: { where: string } }).index.where, 'a IS NOT NULL');
    assert.deepEqual(await one((op) => op.dropIndex('ix_con_user_name', 'con_user', { schema: 's' })), {
      kind: 'dropIndex',
      schema: 's',
      table: 'con_user',
      name: 'ix_con_user_name',
      existing: null,
    });
    await rejects(record().op.createIndex('ix', 't', []), OperationError, /non-empty list/);
  });

  it('createUniqueConstraint', async () => {
    assert.deepEqual(await one((op) => op.createUniqueConstraint('uq_con_user_name', 'con_user', ['name'])), {
      kind: 'createUniqueConstraint',
      schema: null,
      table: 'con_user',
      constraint: { name: 'uq_con_user_name', columns: ['name'] },
    });
  });

  it('createForeignKey', async () => {
    assert.deepEqual(
      await one((op) =>
        op.createForeignKey('fk_post_user_id_con_user', 'post', 'con_user', ['user_id'], ['id'], {
          onDelete: 'cascade',
          onUpdate: 'restrict',
          schema: 'a',
          referencedSchema: 'b',
        }),
      ),
      {
        kind: 'createForeignKey',
        schema: 'a',
        table: 'post',
        foreignKey: {
          name: 'fk_post_user_id_con_user',
          columns: ['user_id'],
          referencedSchema: 'b',
          referencedTable: 'con_user',
          referencedColumns: ['id'],
          onDelete: 'cascade',
          onUpdate: 'restrict',
        },
      },
    );
    const plain = await one((op) => op.createForeignKey('fk', 'p', 'u', ['a'], ['b']));
    assert.deepEqual(
      (plain as { foreignKey: { onDelete: string; referencedSchema: null } }).foreignKey.onDelete,
      'no action',
    );
    await rejects(record().op.createForeignKey('fk', 'p', 'u', ['a', 'b'], ['c']), OperationError, /2 columns but 1/);
  });

  it('createCheckConstraint from sql or string', async () => {
    assert.deepEqual(
      await one((op) => op.createCheckConstraint('ck_con_user_name', 'con_user', sql`length(name) > 0`)),
      {
        kind: 'createCheckConstraint',
        schema: null,
        table: 'con_user',
        check: { name: 'ck_con_user_name', expression: 'length(name) > 0' },
      },
    );
    const s = await one((op) => op.createCheckConstraint('ck', 't', 'a > 0', { schema: 'x' }));
    assert.deepEqual(s, {
      kind: 'createCheckConstraint',
      schema: 'x',
      table: 't',
      check: { name: 'ck', expression: 'a > 0' },
    });
    await rejects(record().op.createCheckConstraint('ck', 't', ' '), OperationError, /no condition/);
  });

  it('createPrimaryKey', async () => {
    assert.deepEqual(
      await one((op) => op.createPrimaryKey('pk_member', 'member', ['team_id', 'user_id'], { schema: 's' })),
      {
        kind: 'createPrimaryKey',
        schema: 's',
        table: 'member',
        primaryKey: { name: 'pk_member', columns: ['team_id', 'user_id'] },
      },
    );
    await rejects(record().op.createPrimaryKey('pk', 't', []), OperationError, /non-empty list/);
  });

  it('dropConstraint with and without type', async () => {
    assert.deepEqual(await one((op) => op.dropConstraint('uq_con_user_name', 'con_user')), {
      kind: 'dropConstraint',
      schema: null,
      table: 'con_user',
      name: 'uq_con_user_name',
      type: null,
      existing: null,
    });
    const typed = await one((op) => op.dropConstraint('fk', 'post', { type: 'foreignKey', schema: 's' }));
    assert.deepEqual(typed, {
      kind: 'dropConstraint',
      schema: 's',
      table: 'post',
      name: 'fk',
      type: 'foreignKey',
      existing: null,
    });
  });
});

describe('enum, execute, bulkInsert and query', () => {
  it('createEnum, alterEnum, dropEnum', async () => {
    assert.deepEqual(await one((op) => op.createEnum('mood', ['happy', 'sad'], { schema: 'app' })), {
      kind: 'createEnum',
      enum: { schema: 'app', name: 'mood', values: ['happy', 'sad'] },
    });
    assert.deepEqual(await one((op) => op.alterEnum('mood', { addValues: ['meh'] })), {
      kind: 'alterEnum',
      schema: null,
      name: 'mood',
      addValues: ['meh'],
      existing: null,
    });
    assert.deepEqual(await one((op) => op.dropEnum('mood', { schema: 'app' })), {
      kind: 'dropEnum',
      schema: 'app',
      name: 'mood',
      existing: null,
    });
    await rejects(record().op.createEnum('mood', []), OperationError, /no values/);
  });

  it('execute takes a string or sql', async () => {
    assert.deepEqual(await one((op) => op.execute('UPDATE con_user SET status = true')), {
      kind: 'execute',
      sql: 'UPDATE con_user SET status = true',
    });
    assert.deepEqual(await one((op) => op.execute(sql`DELETE FROM ${'t'}`)), { kind: 'execute', sql: 'DELETE FROM t' });
    await rejects(record().op.execute(''), OperationError, /no SQL/);
  });

  it('bulkInsert copies and freezes rows', async () => {
    const rows = [{ id: 1, name: 'a', ok: true, gone: null }];
    const inserted = await one((op) => op.bulkInsert('con_user', rows, { schema: 's' }));
    assert.deepEqual(inserted, { kind: 'bulkInsert', schema: 's', table: 'con_user', rows });
    rows[0]!.name = 'changed';
    assert.equal((inserted as { rows: { name: string }[] }).rows[0]?.name, 'a');
    await rejects(record().op.bulkInsert('t', [{ at: new Date() as never }]), OperationError, /"t" row 0 column "at"/);
  });

  it('query delegates to the sink and emits no operation', async () => {
    const r = record();
    const result = await r.op.query<{ id: number }>('SELECT id FROM con_user WHERE id > ?', [1]);
    assert.deepEqual(result, [{ id: 2 }]);
    assert.deepEqual(r.queries, [{ sql: 'SELECT id FROM con_user WHERE id > ?', params: [1] }]);
    await r.op.query(sql`SELECT 1`);
    assert.deepEqual(r.queries[1], { sql: 'SELECT 1', params: [] });
    assert.equal(r.ops.length, 0);
  });

  it('boolean builders work in addColumn', async () => {
    const added = await one((op) => op.addColumn('con_user', 'status', boolean().default(true)));
    assert.deepEqual((added as { column: { default: unknown } }).column.default, { kind: 'literal', value: true });
  });
});
