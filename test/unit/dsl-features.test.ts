import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SchemaError } from '../../src/errors.js';
import { columnFromBuilder } from '../../src/schema/build-model.js';
import { integer, text, varchar } from '../../src/schema/dsl/index.js';

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
