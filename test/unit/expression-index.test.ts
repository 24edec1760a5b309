import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mysqlDialect } from '../../src/dialects/mysql/mysql-dialect.js';
import { postgresDialect } from '../../src/dialects/postgres/postgres-dialect.js';
import { sqliteDialect } from '../../src/dialects/sqlite/sqlite-dialect.js';
import { SchemaError } from '../../src/errors.js';
import { applyToTable } from '../../src/operations/apply.js';
import { type OperationSink, Operations } from '../../src/operations/op.js';
import type { CreateIndexOp, Operation } from '../../src/operations/operation.js';
import { renderOperation } from '../../src/operations/render.js';
import { renderCreateTable } from '../../src/operations/render-table.js';
import { buildSchemaModel } from '../../src/schema/build-model.js';
import { index, integer, sql, table, uniqueIndex, varchar } from '../../src/schema/dsl/index.js';
import type { Table } from '../../src/schema/model.js';
import { SQLITE_SIMULATION } from '../../src/dialects/sqlite/sqlite-table-rebuild.js';
import { knownTables } from '../support/compile-context.js';

const users = table(
  'app_user',
  {
    id: integer().primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    email: varchar(120).notNull(),
  },
  (t) => [
    uniqueIndex('ix_user_email_lower').on(sql`lower(email)`),
    index('ix_user_tenant_email').on(t.tenantId, sql`lower(${t.email})`).where(sql`tenant_id > 0`),
  ],
);

function builtTable(): Table {
  const found = buildSchemaModel([users]).tables[0];
  assert.ok(found !== undefined);
  return found;
}

function createIndex(name: string): CreateIndexOp {
  const found = builtTable().indexes.find((i) => i.name === name);
  assert.ok(found !== undefined);
  return { kind: 'createIndex', schema: null, table: 'app_user', index: found };
}

describe('expression indexes: DSL and model', () => {
  it('keeps column parts by name and sql parts as expressions; an interpolated column is its bare name', () => {
    const byName = new Map(builtTable().indexes.map((i) => [i.name, i]));
    assert.deepEqual(byName.get('ix_user_email_lower')?.columns, [{ expression: 'lower(email)' }]);
    assert.equal(byName.get('ix_user_email_lower')?.unique, true);
    assert.deepEqual(byName.get('ix_user_tenant_email')?.columns, ['tenant_id', { expression: 'lower(email)' }]);
    assert.equal(byName.get('ix_user_tenant_email')?.where, 'tenant_id > 0');
  });

  it('an index on an expression without a name is refused, naming the table', () => {
    const unnamed = table('t', { id: integer().primaryKey(), email: varchar(20) }, () => [
      index().on(sql`lower(email)`),
    ]);
    assert.throws(
      () => buildSchemaModel([unnamed]),
      (error: unknown) =>
        error instanceof SchemaError &&
        error.code === 'schema.invalid-index' &&
        /table "t" on an expression has no name/.test(error.message),
    );
  });

  it('dropping a column drops the indexes whose expression names it where the database does (SQLite rules)', () => {
    const after = applyToTable(
      builtTable(),
      { kind: 'dropColumn', schema: null, table: 'app_user', column: 'email', existing: null },
      SQLITE_SIMULATION,
    );
    assert.deepEqual(
      after.indexes.map((i) => i.name),
      [],
    );
  });
});

describe('expression indexes: compiled per dialect', () => {
  it('PostgreSQL and SQLite parenthesise the expression; MySQL writes a functional key part', () => {
    const op = createIndex('ix_user_tenant_email');
    assert.deepEqual(postgresDialect.compile(op, knownTables()), [
      'CREATE INDEX "ix_user_tenant_email" ON "app_user" ("tenant_id", (lower(email))) WHERE tenant_id > 0',
    ]);
    assert.deepEqual(sqliteDialect.compile(op, knownTables()), [
      'CREATE INDEX "ix_user_tenant_email" ON "app_user" ("tenant_id", (lower(email))) WHERE tenant_id > 0',
    ]);
    assert.deepEqual(mysqlDialect.compile(createIndex('ix_user_email_lower'), knownTables()), [
      'CREATE UNIQUE INDEX `ix_user_email_lower` ON `app_user` ((lower(email)))',
    ]);
  });
});

describe('expression indexes: revision source', () => {
  it('op.createIndex takes sql parts, and renders them back as sql templates through the TS escaping', async () => {
    const ops: Operation[] = [];
    const sink: OperationSink = { run: async (op) => void ops.push(op), query: async () => [] };
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the `${` is text the rendering must escape
    const weird = "lower(`a` || '${x}')";
    await new Operations(sink).createIndex('ix_user_weird', 'app_user', ['tenant_id', sql`${weird}`]);
    const made = ops[0];
    assert.ok(made?.kind === 'createIndex');
    assert.deepEqual(made.index.columns, ['tenant_id', { expression: weird }]);
    const source = renderOperation(made);
    assert.equal(
      source,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the escaped `${` as the revision holds it
      "await op.createIndex('ix_user_weird', 'app_user', ['tenant_id', sql`lower(\\`a\\` || '\\${x}')`]);",
    );
  });

  it('a created table writes its expression indexes with .on(sql`…`) and their names', () => {
    const t = builtTable();
    const source = renderCreateTable({ kind: 'createTable', table: t }, new Set());
    assert.match(source, /uniqueIndex\('ix_user_email_lower'\)\.on\(sql`lower\(email\)`\)/);
    assert.match(source, /index\('ix_user_tenant_email'\)\.on\(t\.tenant_id, sql`lower\(email\)`\)\.where/);
  });

  it('a list without parts, or with an empty expression, is refused', async () => {
    const sink: OperationSink = { run: async () => undefined, query: async () => [] };
    const op = new Operations(sink);
    await assert.rejects(op.createIndex('ix', 't', []), /non-empty list of column names or sql expressions/);
    await assert.rejects(op.createIndex('ix', 't', [sql` `]), /non-empty list of column names or sql expressions/);
  });
});
