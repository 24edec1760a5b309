import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DependentObject } from '../../src/dialects/dialect.js';
import { OperationError } from '../../src/errors.js';
import type { Operation } from '../../src/operations/operation.js';
import { sqliteDialect } from '../../src/dialects/sqlite/sqlite-dialect.js';
import { SchemaTracker } from '../../src/runtime/schema-tracker.js';
import { EMPTY_SCHEMA, findTable, type SchemaModel } from '../../src/schema/model.js';
import { column, model, table, types } from '../support/model-fixtures.js';

const users = table('users', [column('id', types.integer), column('name', types.text)]);
const widen = (n: number): Operation => ({
  kind: 'alterColumn',
  schema: null,
  table: 'users',
  column: 'name',
  type: { from: types.text, to: types.varchar(n) },
  existing: null,
});

/** A tracker over a fake database whose schema is `live`; counts the reads and the schemas asked for. */
function online(live: () => SchemaModel, dependents: DependentObject[] | null = null) {
  const asked: string[][] = [];
  let dependentReads = 0;
  const tracker = new SchemaTracker(
    {
      readModel: async (extra) => {
        asked.push([...extra]);
        return live();
      },
      readDependents:
        dependents === null
          ? null
          : async () => {
              dependentReads += 1;
              return dependents;
            },
    },
    EMPTY_SCHEMA,
  );
  return { tracker, asked, dependentReads: () => dependentReads };
}

/** The model after `prepare()`, as a compiler would see it. */
async function current(tracker: SchemaTracker, op?: Operation): Promise<SchemaModel> {
  await tracker.prepare(op);
  return tracker.context().model;
}

const inSchema = (schema: string): Operation => ({
  kind: 'dropColumn',
  schema,
  table: 'users',
  column: 'name',
  existing: null,
});

describe('SchemaTracker', () => {
  it('reads the database once, then follows the operations', async () => {
    const { tracker, asked } = online(() => model([users]));
    for (let n = 1; n <= 40; n++) {
      const before = findTable(await current(tracker, widen(n)), 'users');
      assert.deepEqual(before?.columns[1]?.type, n === 1 ? types.text : types.varchar(n - 1));
      tracker.advance(widen(n));
    }
    assert.equal(asked.length, 1);
  });

  it('reads again after an opaque execute or query, only when asked', async () => {
    let live = model([users]);
    const { tracker, asked } = online(() => live);
    await tracker.prepare();
    tracker.advance({ kind: 'execute', sql: 'CREATE TABLE t (a int)' });
    tracker.advance(widen(3));
    live = model([users, table('t', [column('a', types.integer)])]);
    assert.equal(asked.length, 1, 'nothing asked yet');
    assert.ok(findTable(await current(tracker), 't'));
    tracker.invalidate();
    await tracker.prepare();
    assert.equal(asked.length, 3);
  });

  it('reads again when an operation addresses a schema the model does not cover yet', async () => {
    const { tracker, asked } = online(() => model([users]));
    await tracker.prepare();
    await tracker.prepare(inSchema('app'));
    await tracker.prepare(inSchema('app'));
    await tracker.prepare(widen(1));
    assert.deepEqual(asked, [[], ['app']]);
  });

  it('compiling asks nothing: context() before the first read is a bug, not a query', () => {
    const { tracker } = online(() => model([users]));
    assert.throws(() => tracker.context(), /before prepare/);
  });

  it('reads the dependents with the schema, and again only after what may move them', async () => {
    const trigger: DependentObject = { type: 'trigger', name: 'trg', table: 'users', sql: 'CREATE TRIGGER trg …' };
    const { tracker, dependentReads } = online(() => model([users]), [trigger]);
    await tracker.prepare();
    for (let n = 1; n <= 5; n++) {
      await tracker.prepare(widen(n));
      assert.deepEqual(tracker.context().dependents, [trigger]);
      tracker.advance(widen(n));
    }
    assert.equal(dependentReads(), 1);
    tracker.advance({ kind: 'renameTable', schema: null, table: 'users', newName: 'people' });
    await tracker.prepare();
    assert.equal(dependentReads(), 2, 'SQLite rewrites the triggers that name a renamed table');
  });

  it('online, an operation the simulation refuses leaves the model to be read again; offline it throws', async () => {
    const drop: Operation = { kind: 'dropColumn', schema: null, table: 'users', column: 'gone', existing: null };
    const { tracker, asked } = online(() => model([users]));
    await tracker.prepare();
    tracker.advance(drop);
    await tracker.prepare();
    assert.equal(asked.length, 2);
    const offline = new SchemaTracker(null, model([users]));
    assert.throws(() => offline.advance(drop), OperationError);
  });

  it('offline it starts from the given model and never reads', async () => {
    const tracker = new SchemaTracker(null, model([users]));
    tracker.advance({ kind: 'execute', sql: 'SELECT 1' });
    tracker.invalidate();
    tracker.advance(widen(9));
    assert.deepEqual(findTable(await current(tracker), 'users')?.columns[1]?.type, types.varchar(9));
    assert.equal(tracker.context().offline, true);
    assert.equal(tracker.context().dependents, null);
  });

  it("follows the dialect's rules: after SQLite drops a checked column, the next rebuild has no check on it", async () => {
    const checked = table('t', [column('a', types.integer), column('b', types.text)], {
      checks: [{ name: 'ck_t_a', expression: 'a > 0' }],
    });
    const tracker = new SchemaTracker(null, model([checked]), sqliteDialect.simulation);
    const run = async (op: Operation) => {
      const statements = sqliteDialect.compile(op, tracker.context());
      tracker.advance(op);
      return statements;
    };
    const dropped = await run({ kind: 'dropColumn', schema: null, table: 't', column: 'a', existing: null });
    assert.match(dropped[0] ?? '', /^CREATE TABLE "_kiln_new_t"/, 'a checked column is dropped by a rebuild');
    const altered = await run({
      kind: 'alterColumn',
      schema: null,
      table: 't',
      column: 'b',
      nullable: { from: true, to: false },
      existing: null,
    });
    assert.doesNotMatch(altered[0] ?? '', /ck_t_a/);
    assert.deepEqual(findTable(await current(tracker), 't')?.checks, []);
  });
});
