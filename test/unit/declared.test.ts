import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareSchemas } from '../../src/autogenerate/compare.js';
import { declaredOperations } from '../../src/autogenerate/declared.js';
import { mysqlCapabilities } from '../../src/dialects/mysql/mysql-adapter.js';
import { normalizeMysqlModel } from '../../src/dialects/mysql/mysql-normalize.js';
import { postgresCapabilities } from '../../src/dialects/postgres/postgres-adapter.js';
import type { Operation } from '../../src/operations/operation.js';
import { renderOperations } from '../../src/operations/render.js';
import { reverseOperations } from '../../src/operations/reverse.js';
import { EMPTY_SCHEMA, type SchemaModel } from '../../src/schema/model.js';
import { column, model, table, types } from '../support/model-fixtures.js';

/** What a MySQL autogenerate writes for `declared` over `live` (both as the server would read them). */
function onMysql(live: SchemaModel, declared: SchemaModel): Operation[] {
  const normalizedLive = normalizeMysqlModel(live);
  const ops = compareSchemas(normalizedLive, normalizeMysqlModel(declared));
  return declaredOperations(ops, normalizedLive, declared, { stored: mysqlCapabilities });
}

const person = (values: readonly string[], extra = {}) =>
  table(
    'person',
    [
      column('id', types.integer, { nullable: false }),
      column('feeling', types.mood(values)),
      column('u', { kind: 'uuid' }),
      column('name', types.varchar(null)),
    ],
    { primaryKey: { name: 'pk_person', columns: ['id'] }, ...extra },
  );

describe('declaredOperations: a revision written as the models declare it', () => {
  it('MySQL: no PRIMARY, no invented enum name, createEnum, uuid and varchar() as written', () => {
    const declared = model([person(['happy', 'sad'])], [{ schema: null, name: 'mood', values: ['happy', 'sad'] }]);
    const ops = onMysql(EMPTY_SCHEMA, declared);
    const text = renderOperations(ops);
    assert.match(text, /^ {2}await op\.createEnum\('mood', \['happy', 'sad'\]\);/);
    assert.match(text, /id: integer\(\)\.primaryKey\(\),/);
    assert.match(text, /feeling: enumType\('mood', \['happy', 'sad'\]\)\(\),/);
    assert.match(text, /u: uuid\(\),\n {4}name: varchar\(\),/);
    assert.doesNotMatch(text, /PRIMARY|person_feeling|char\(36\)/);
    assert.match(renderOperations(reverseOperations(ops)), /await op\.dropEnum\('mood'\);$/);
  });

  it('MySQL: appended values are an alterEnum with the list before, and the columns keep the declared name', () => {
    const live = model([person(['happy', 'sad'])]);
    const declared = model([person(['happy', 'sad', 'meh'])]);
    const text = renderOperations(onMysql(live, declared));
    assert.equal(
      text,
      [
        "  await op.alterEnum('mood', { addValues: ['meh'] }, { existingValues: ['happy', 'sad'] });",
        "  await op.alterColumn('person', 'feeling', { type: enumType('mood', ['happy', 'sad', 'meh'])() });",
      ].join('\n'),
    );
  });

  it("MySQL: what the upgrade drops keeps the models' names where the server stores none", () => {
    const live = model([
      person(['happy', 'sad']),
      table('gone', [column('id', types.integer, { nullable: false })], {
        primaryKey: { name: 'pk_gone', columns: ['id'] },
      }),
    ]);
    const declared = model([person(['happy', 'sad'])]);
    const down = renderOperations(reverseOperations(onMysql(live, declared)));
    assert.match(down, /await op\.createTable\('gone', \{\n {4}id: integer\(\)\.primaryKey\(\),\n {2}\}\);/);
  });

  it('MySQL: a unique index stays a unique index (the server cannot tell it from a unique constraint)', () => {
    const declared = model([
      person(['happy', 'sad'], { indexes: [{ name: 'ux_person_name', columns: ['name'], unique: true, where: null }] }),
    ]);
    const ops = onMysql(EMPTY_SCHEMA, declared);
    assert.deepEqual(
      ops.map((op) => op.kind),
      ['createEnum', 'createTable', 'createIndex'],
    );
    const created = ops[1];
    assert.deepEqual(created?.kind === 'createTable' && created.table.uniques, []);
  });

  it('where names are stored and the models need no normalising, the operations stay as compared', () => {
    const declared = model([person(['happy', 'sad'])], [{ schema: null, name: 'mood', values: ['happy', 'sad'] }]);
    const ops = compareSchemas(EMPTY_SCHEMA, declared);
    assert.deepEqual(declaredOperations(ops, EMPTY_SCHEMA, declared, { stored: postgresCapabilities }), ops);
  });
});
