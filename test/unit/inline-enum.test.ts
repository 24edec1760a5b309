import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mysqlDialect } from '../../src/dialects/mysql/mysql-dialect.js';
import { postgresDialect } from '../../src/dialects/postgres/postgres-dialect.js';
import { sqliteDialect } from '../../src/dialects/sqlite/sqlite-dialect.js';
import { parseEnumCheck } from '../../src/dialects/sqlite/sqlite-types.js';
import { SchemaError } from '../../src/errors.js';
import type { AddColumnOp } from '../../src/operations/operation.js';
import { renderOperation } from '../../src/operations/render.js';
import { buildSchemaModel } from '../../src/schema/build-model.js';
import { enumType, inlineEnum, integer, table } from '../../src/schema/dsl/index.js';
import type { Column } from '../../src/schema/model.js';
import { knownTables } from '../support/compile-context.js';

const mood = enumType('mood', ['up', 'down']);
const diary = table('diary', {
  id: integer().primaryKey(),
  feeling: inlineEnum(['happy', "it's"]).notNull(),
  sky: inlineEnum('weather', ['sun']),
  named: mood(),
});

function column(name: string): Column {
  const found = buildSchemaModel([diary]).tables[0]?.columns.find((c) => c.name === name);
  assert.ok(found !== undefined);
  return found;
}

const addColumn = (c: Column): AddColumnOp => ({ kind: 'addColumn', schema: null, table: 'diary', column: c });

describe('inline enums', () => {
  it('are enum columns with no type name, and only named enums become model enum types', () => {
    assert.deepEqual(column('feeling').type, { kind: 'enum', name: null, values: ['happy', "it's"], schema: null });
    assert.equal(column('weather').type.kind, 'enum');
    assert.deepEqual(
      buildSchemaModel([diary]).enums.map((e) => e.name),
      ['mood'],
    );
  });

  it('a list that repeats a value is refused', () => {
    const bad = table('bad', { id: integer().primaryKey(), f: inlineEnum(['a', 'a']) });
    assert.throws(() => buildSchemaModel([bad]), SchemaError);
  });

  it('MySQL writes ENUM(…); SQLite TEXT with a check named "enum", read back as inline', () => {
    assert.deepEqual(mysqlDialect.compile(addColumn(column('feeling')), knownTables()), [
      "ALTER TABLE `diary` ADD COLUMN `feeling` ENUM('happy', 'it''s') NOT NULL",
    ]);
    assert.deepEqual(sqliteDialect.compile(addColumn(column('weather')), knownTables()), [
      `ALTER TABLE "diary" ADD COLUMN "weather" TEXT CONSTRAINT "enum" CHECK ("weather" IN ('sun'))`,
    ]);
    assert.deepEqual(parseEnumCheck('enum', `"weather" IN ('sun')`, 'weather'), { name: null, values: ['sun'] });
    assert.deepEqual(parseEnumCheck('enum_mood', `"named" IN ('up')`, 'named'), { name: 'mood', values: ['up'] });
  });

  it('PostgreSQL refuses one, naming the column', () => {
    assert.throws(
      () => postgresDialect.compile(addColumn(column('feeling')), knownTables()),
      /column 'diary.feeling' is an inline enum, and PostgreSQL has no inline enums/,
    );
  });

  it('a revision writes inlineEnum([...]) for it, never a type name', () => {
    assert.equal(
      renderOperation(addColumn(column('feeling'))),
      `await op.addColumn('diary', 'feeling', inlineEnum(['happy', "it's"]).notNull());`,
    );
  });
});
