import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkIdentifierLengths, identifierLength, modelIdentifiers } from '../../src/dialects/identifier-limit.js';
import { mysqlDialect } from '../../src/dialects/mysql/mysql-dialect.js';
import { postgresDialect } from '../../src/dialects/postgres/postgres-dialect.js';
import { sqliteDialect } from '../../src/dialects/sqlite/sqlite-dialect.js';
import { SchemaError } from '../../src/errors.js';
import type { Operation } from '../../src/operations/operation.js';
import { tableFromDefinition } from '../../src/schema/build-table.js';
import { buildSchemaModel } from '../../src/schema/build-model.js';
import { integer, table, unique } from '../../src/schema/dsl/index.js';
import { GeneratedNames, shortenName, truncateUtf8, utf8Length } from '../../src/schema/naming.js';
import { knownTables } from '../support/compile-context.js';

/** Names are measured in the unit each database counts, and generated ones fit every database. */

const umlautTable = () => table('ü'.repeat(31), { a: integer().unique(), b: integer().unique() });

describe('generated names, in bytes', () => {
  it('cuts names over 63 UTF-8 bytes on a character boundary, with a hash of the full name', () => {
    const name = `uq_${'ü'.repeat(31)}_a`; // 36 characters, 67 bytes
    const short = shortenName(name);
    assert.ok(utf8Length(short) <= 63, `${short} is ${utf8Length(short)} bytes`);
    assert.ok(!short.includes('\uFFFD'));
    assert.equal(Buffer.from(short, 'utf8').toString('utf8'), short, 'no character is split');
    assert.match(short, /^uq_ü+_[0-9a-f]{8}$/);
    assert.equal(shortenName(name), short, 'deterministic');
    // Four-byte characters (surrogate pairs in JS) are not split either.
    const emoji = shortenName(`ix_${'😀'.repeat(20)}`);
    assert.equal([...emoji].filter((c) => c === '\uFFFD').length, 0);
    assert.match(emoji, /^ix_(😀)+_[0-9a-f]{8}$/u);
  });

  it('truncateUtf8 never splits a character', () => {
    assert.equal(truncateUtf8('aü', 2), 'a');
    assert.equal(truncateUtf8('aü', 3), 'aü');
    assert.equal(truncateUtf8('😀😀', 5), '😀');
  });

  it('the ü table gets two distinct unique-constraint names that fit in 63 bytes', () => {
    const model = buildSchemaModel([{ t: umlautTable() }]);
    const names = model.tables[0]?.uniques.map((u) => u.name) ?? [];
    assert.equal(names.length, 2);
    assert.notEqual(names[0], names[1]);
    for (const name of names) assert.ok(utf8Length(name) <= 63, `${name}: ${utf8Length(name)} bytes`);
    // What PostgreSQL would keep of each: still distinct.
    const cut = names.map((n) => truncateUtf8(n, 63));
    assert.notEqual(cut[0], cut[1]);
  });

  it('two generated names that collide after shortening get distinct suffixes', () => {
    // These two full names share their first 54 bytes and their sha1 prefix (8be1d049).
    const prefix = `uq_${'t'.repeat(60)}_`;
    const [first, second] = [`${prefix}52252`, `${prefix}147942`];
    assert.equal(shortenName(first), shortenName(second), 'the fixture collides');
    const names = new GeneratedNames();
    const a = names.claim(first);
    const b = names.claim(second);
    assert.equal(a, shortenName(first), 'the first keeps the usual name');
    assert.notEqual(a, b);
    assert.ok(utf8Length(b) <= 63);
    assert.equal(names.claim(first), a, 'claiming the same full name again gives the same name');
    // Through the DSL: a naming function giving those two names to two unique columns.
    const model = buildSchemaModel([{ t: table('t', { x: integer().unique(), y: integer().unique() }) }], {
      naming: { unique: (context) => (context.columns[0] === 'x' ? first : second) },
    });
    const uniques = model.tables[0]?.uniques.map((u) => u.name) ?? [];
    assert.equal(new Set(uniques).size, 2);
  });
});

describe('identifier limits per dialect', () => {
  const longBytes = 'ü'.repeat(40); // 40 characters, 80 bytes

  it('PostgreSQL counts bytes, MySQL/MariaDB characters, SQLite nothing', () => {
    assert.deepEqual(postgresDialect.capabilities.identifierLimit, { database: 'PostgreSQL', max: 63, unit: 'bytes' });
    assert.equal(mysqlDialect.capabilities.identifierLimit?.unit, 'characters');
    assert.equal(mysqlDialect.capabilities.identifierLimit?.max, 64);
    assert.equal(sqliteDialect.capabilities.identifierLimit, null);
    assert.equal(identifierLength(longBytes, 'bytes'), 80);
    assert.equal(identifierLength(longBytes, 'characters'), 40);
    assert.equal(identifierLength('😀', 'characters'), 1);
  });

  it('a too-long explicit name is refused with one line naming the table, the name and its length', () => {
    const model = buildSchemaModel([{ t: table('orders', { a: integer() }, (t) => [unique(longBytes).on(t.a)]) }]);
    assert.throws(
      () => checkIdentifierLengths(postgresDialect.capabilities.identifierLimit, modelIdentifiers(model)),
      (error: unknown) => {
        assert.ok(error instanceof SchemaError);
        assert.equal(error.code, 'schema.identifier-too-long');
        assert.equal(
          error.message,
          `table "orders": constraint name "${longBytes}" is 80 bytes long; PostgreSQL allows at most 63 bytes`,
        );
        assert.ok(!error.message.includes('\n'));
        return true;
      },
    );
    // 40 characters are fine on MySQL/MariaDB, any length on SQLite.
    checkIdentifierLengths(mysqlDialect.capabilities.identifierLimit, modelIdentifiers(model));
    checkIdentifierLengths(sqliteDialect.capabilities.identifierLimit, modelIdentifiers(model));
    const wide = buildSchemaModel([{ t: table('ü'.repeat(65), { a: integer() }) }]);
    assert.throws(
      () => checkIdentifierLengths(mysqlDialect.capabilities.identifierLimit, modelIdentifiers(wide)),
      / table name "ü{65}" is 65 characters long; MySQL\/MariaDB allows at most 64 characters$/,
    );
  });

  it('the DDL compiler refuses a too-long name from a hand-written operation before any SQL', async () => {
    const op: Operation = { kind: 'createTable', table: tableFromDefinition(table('t', { [longBytes]: integer() })) };
    assert.throws(() => postgresDialect.compile(op, knownTables()), /column name "ü{40}" is 80 bytes long/);
    assert.ok(mysqlDialect.compile(op, knownTables()).length > 0);
    assert.ok(sqliteDialect.compile(op, knownTables()).length > 0);
  });
});
