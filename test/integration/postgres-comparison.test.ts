import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { compareSchemas } from '../../src/autogenerate/compare.js';
import type { DatabaseConnection, QueryExecutor, Row } from '../../src/dialects/dialect.js';
import { postgresDialect } from '../../src/dialects/postgres/postgres-dialect.js';
import type { Column, SchemaModel, Table } from '../../src/schema/model.js';
import { emptyTable } from '../../src/schema/model.js';
import { postgresProvider } from '../support/databases/postgres.js';
import { selectedDialect, type TestDatabase } from '../support/test-database.js';
import { knownTables } from '../support/compile-context.js';

/**
 * PostgreSQL: the models' raw types and check expressions that kiln's own
 * spelling cannot settle (here: BETWEEN over an expression, `timestamp(3)`)
 * are canonicalised through the server in one round trip, whatever the
 * number of tables, and nothing of it stays behind.
 */
const reason =
  selectedDialect() !== 'postgres' ? 'KILN_TEST_DIALECT is not postgres' : await postgresProvider.unavailableReason();

const column = (name: string, type: Column['type'], nullable = true): Column => ({
  name,
  type,
  nullable,
  default: null,
  autoIncrement: false,
  comment: null,
});

/** A table as a user writes it: a raw type and checks in their own words (no casts, BETWEEN, IN). */
function modelTable(i: number): Table {
  return {
    ...emptyTable(`cmp_${i}`),
    columns: [
      column('id', { kind: 'integer' }, false),
      column('amount', { kind: 'numeric', precision: 10, scale: 2 }),
      column('code', { kind: 'varchar', length: 3 }),
      column('at', { kind: 'raw', sql: 'timestamp(3)' }),
    ],
    primaryKey: { name: `pk_cmp_${i}`, columns: ['id'] },
    checks: [
      { name: `ck_cmp_${i}_amount`, expression: 'amount BETWEEN 0 AND id * 2' },
      { name: `ck_cmp_${i}_code`, expression: "code IN ('a', 'b') AND length(code) > 0" },
    ],
  };
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

describe('PostgreSQL: raw types and checks canonicalised by the server', { skip: reason ?? false }, () => {
  let database: TestDatabase;
  let connection: DatabaseConnection;
  const model = (n: number): SchemaModel =>
    postgresDialect.normalize({ tables: Array.from({ length: n }, (_, i) => modelTable(i)), enums: [] });
  const live = async () => postgresDialect.normalize(await postgresDialect.introspect(connection, { exclude: [] }));

  before(async () => {
    database = await postgresProvider.create();
    connection = await postgresDialect.connect(database.options, process.cwd());
    const context = knownTables();
    const statements: string[] = [];
    for (const table of model(300).tables) {
      statements.push(...postgresDialect.compile({ kind: 'createTable', table }, context));
    }
    await connection.execute(statements.join(';\n'));
  });
  after(async () => {
    await connection?.close();
    await database?.drop();
  });

  for (const tables of [3, 300]) {
    it(`${tables} tables: one round trip, no false difference, nothing left behind`, async (t) => {
      const [db, target] = [await live(), model(tables)];
      const onlyAsked = {
        ...db,
        tables: db.tables.filter((table) => target.tables.some((m) => m.name === table.name)),
      };
      assert.notDeepEqual(compareSchemas(onlyAsked, target), [], 'textual comparison alone should differ here');
      const executor = counting(connection);
      const started = performance.now();
      const comparison = await postgresDialect.comparison?.(onlyAsked, target, executor);
      const elapsed = performance.now() - started;
      t.diagnostic(`${tables} tables: ${executor.count} query, ${elapsed.toFixed(0)} ms`);
      assert.equal(executor.count, 1);
      assert.deepEqual(compareSchemas(onlyAsked, target, comparison === undefined ? {} : { comparison }), []);
      const [left] = await connection.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_class WHERE relname LIKE 'kiln_cmp_%'",
      );
      assert.equal(Number(left?.n), 0);
      const [state] = await connection.query<{ s: string }>('SELECT 1 AS s');
      assert.equal(Number(state?.s), 1, 'the session is usable after the batch');
    });
  }

  it('a changed check and a changed raw type are differences', async () => {
    const db = await live();
    const target = model(1);
    const changed: SchemaModel = {
      ...target,
      tables: target.tables.map((table) => ({
        ...table,
        columns: table.columns.map((c) => (c.name === 'at' ? { ...c, type: { kind: 'raw', sql: 'timestamp(6)' } } : c)),
        checks: table.checks.map((c) =>
          c.name.endsWith('_amount') ? { ...c, expression: 'amount BETWEEN 1 AND id * 2' } : c,
        ),
      })),
    };
    const onlyAsked = { ...db, tables: db.tables.filter((table) => table.name === 'cmp_0') };
    const comparison = await postgresDialect.comparison?.(onlyAsked, changed, connection);
    const ops = compareSchemas(onlyAsked, changed, comparison === undefined ? {} : { comparison });
    assert.ok(ops.some((op) => op.kind === 'alterColumn' && op.column === 'at'));
    assert.ok(ops.some((op) => op.kind === 'dropConstraint' && op.name === 'ck_cmp_0_amount'));
    assert.ok(ops.some((op) => op.kind === 'createCheckConstraint' && op.check.name === 'ck_cmp_0_amount'));
    assert.equal(ops.length, 3);
  });
});
