import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDefault } from '../../src/dialects/postgres/postgres-default.js';
import { canonicalExpression } from '../../src/dialects/postgres/postgres-expression.js';
import { normalizePostgresModel } from '../../src/dialects/postgres/postgres-normalize.js';
import { parsePostgresType } from '../../src/dialects/postgres/postgres-types.js';
import type { Column, SchemaModel } from '../../src/schema/model.js';
import { emptyTable } from '../../src/schema/model.js';

describe('postgres: reading types back', () => {
  const cases: Array<[string, unknown]> = [
    ['integer', { kind: 'integer' }],
    ['int4', { kind: 'integer' }],
    ['INT8', { kind: 'bigint' }],
    ['int2', { kind: 'smallint' }],
    ['character varying(30)', { kind: 'varchar', length: 30 }],
    ['character varying', { kind: 'varchar', length: null }],
    ['character(3)', { kind: 'char', length: 3 }],
    ['bpchar', { kind: 'char', length: 1 }],
    ['numeric(10,2)', { kind: 'numeric', precision: 10, scale: 2 }],
    ['numeric(8)', { kind: 'numeric', precision: 8, scale: 0 }],
    ['timestamp with time zone', { kind: 'timestamp', withTimezone: true }],
    ['timestamptz', { kind: 'timestamp', withTimezone: true }],
    ['timestamp without time zone', { kind: 'timestamp', withTimezone: false }],
    ['time without time zone', { kind: 'time' }],
    ['float4', { kind: 'real' }],
    ['double precision', { kind: 'double' }],
    ['jsonb', { kind: 'json' }],
    ['json', { kind: 'raw', sql: 'json' }],
    ['bytea', { kind: 'binary' }],
    ['uuid', { kind: 'uuid' }],
    ['integer[]', { kind: 'array', element: { kind: 'integer' } }],
    ['inet[]', { kind: 'raw', sql: 'inet[]' }],
  ];
  for (const [sql, type] of cases) {
    it(`${sql}`, () => assert.deepEqual(parsePostgresType(sql), type));
  }
});

describe('postgres: reading defaults back', () => {
  const cases: Array<[string, unknown]> = [
    ["'x'::character varying", { kind: 'literal', value: 'x' }],
    ["''::character varying", { kind: 'literal', value: '' }],
    ["'a\\b''c'::text", { kind: 'literal', value: "a\\b'c" }],
    ["E'a\\\\b\\'c'", { kind: 'literal', value: "a\\b'c" }],
    ["'-1'::integer", { kind: 'literal', value: -1 }],
    ['42', { kind: 'literal', value: 42 }],
    ['-2.5', { kind: 'literal', value: -2.5 }],
    ['true', { kind: 'literal', value: true }],
    ["'happy'::app.mood", { kind: 'literal', value: 'happy' }],
    ['CURRENT_TIMESTAMP', { kind: 'sql', sql: 'CURRENT_TIMESTAMP' }],
    // Expressions stay as written (they are compared in canonical spelling, see postgres-comparison.ts).
    ['current_timestamp', { kind: 'sql', sql: 'current_timestamp' }],
    ['now()', { kind: 'sql', sql: 'now()' }],
    ['(1+1)', { kind: 'sql', sql: '(1+1)' }],
    ['ARRAY[]::text[]', { kind: 'sql', sql: 'ARRAY[]::text[]' }],
    [`ARRAY['USER']::"Role"[]`, { kind: 'sql', sql: `ARRAY['USER']::"Role"[]` }],
    // Numbers a JavaScript number cannot hold stay text.
    ['9007199254740993', { kind: 'literal', value: '9007199254740993' }],
    ["'12345678901234567890.5'::numeric", { kind: 'literal', value: '12345678901234567890.5' }],
    ['NULL::text', null],
  ];
  for (const [sql, value] of cases) {
    it(sql, () => assert.deepEqual(parseDefault(sql), { default: value, autoIncrement: false }));
  }
  it("nextval('…'::regclass) is autoIncrement", () => {
    assert.deepEqual(parseDefault("nextval('t_id_seq'::regclass)"), { default: null, autoIncrement: true });
  });
});

describe('postgres: canonical expressions', () => {
  const pairs: Array<[string, string]> = [
    ['c > 0', 'c > 0::numeric'],
    ['length(a) > 0 and b > -5', "length(a::text) > 0 AND b > '-5'::integer"],
    ["a like 'x%' or a is null", "a::text ~~ 'x%'::text OR a IS NULL"],
    ["i != 'z'", "i <> 'z'::text"],
    ['(deleted_at IS NULL)', 'deleted_at IS NULL'],
    ['"deleted_at" is null', '(deleted_at IS NULL)'],
    ['length((name)::text)>(0)', 'length(name::text) > 0'],
    [
      "length(v) > 0 and v in ('x','y')",
      "length(v::text) > 0 AND (v::text = ANY (ARRAY['x'::character varying, 'y'::character varying]::text[]))",
    ],
    ["v not in ('x')", "v::text <> 'x'::text"],
    ["v not in ('x', 'y')", "v::text <> ALL (ARRAY['x'::character varying, 'y'::character varying]::text[])"],
    ['d between 1 and 5', 'd >= 1::numeric AND d <= 5::numeric'],
    ["i <> 'z' and not (b between 1 and 3)", "i <> 'z'::text AND NOT (b >= 1 AND b <= 3)"],
    ['(a > 0) or (b > 0 and c > 0)', 'a > 0 OR b > 0 AND c > 0'],
    ['(a > 0 or b > 0) and c > 0', '(a > 0 OR b > 0) AND c > 0'],
    ['not (a > 0 and b > 0)', 'NOT (a > 0 AND b > 0)'],
    ['a between 1 and 5 and b > 0', 'a >= 1 AND a <= 5 AND b > 0'],
    ['a in (1,2) and b not in (3)', '(a = ANY (ARRAY[1, 2])) AND b <> 3'],
  ];
  for (const [written, echoed] of pairs) {
    it(`${written} ≡ ${echoed}`, () => {
      assert.equal(canonicalExpression(written), canonicalExpression(echoed));
      assert.equal(canonicalExpression(canonicalExpression(written)), canonicalExpression(written));
    });
  }
  it('keeps string contents and quoted identifiers as written', () => {
    assert.equal(canonicalExpression(`"MixedCase" = 'AbC'`), `"MixedCase" = 'AbC'`);
  });
});

function column(name: string, extra: Partial<Column>): Column {
  return {
    name,
    type: { kind: 'integer' },
    nullable: true,
    default: null,
    autoIncrement: false,
    comment: null,
    ...extra,
  };
}

describe('postgres: normalize', () => {
  const model: SchemaModel = {
    enums: [{ schema: 'public', name: 'mood', values: ['a', 'b'] }],
    tables: [
      {
        ...emptyTable('t', 'public'),
        columns: [
          column('id', { type: { kind: 'raw', sql: 'serial' } }),
          column('n', { default: { kind: 'literal', value: '-1' } }),
          column('b', { type: { kind: 'boolean' }, default: { kind: 'sql', sql: "'t'" } }),
          column('j', { type: { kind: 'json' }, default: { kind: 'literal', value: '{"bb":1,"a":[1,2]}' } }),
          column('u', {
            type: { kind: 'uuid' },
            default: { kind: 'literal', value: 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11' },
          }),
          column('ts', {
            type: { kind: 'timestamp', withTimezone: false },
            default: { kind: 'literal', value: '2020-01-01' },
          }),
          column('v', { type: { kind: 'varchar', length: 3 }, default: { kind: 'literal', value: 5 }, comment: '' }),
          column('m', { type: { kind: 'enum', name: 'mood', values: ['a', 'b'], schema: 'public' } }),
        ],
        primaryKey: { name: 'pk_t', columns: ['id'] },
        checks: [{ name: 'ck', expression: 'n > -5 and b' }],
      },
    ],
  };

  it('reads a model the way the server echoes it', () => {
    const [table] = normalizePostgresModel(model).tables;
    assert.equal(table?.schema, null);
    assert.deepEqual(
      table?.columns.map((c) => [c.name, c.type.kind, c.nullable, c.default, c.autoIncrement]),
      [
        ['id', 'integer', false, null, true],
        ['n', 'integer', true, { kind: 'literal', value: -1 }, false],
        ['b', 'boolean', true, { kind: 'literal', value: true }, false],
        ['j', 'json', true, { kind: 'literal', value: '{"a": [1, 2], "bb": 1}' }, false],
        ['u', 'uuid', true, { kind: 'literal', value: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' }, false],
        ['ts', 'timestamp', true, { kind: 'literal', value: '2020-01-01 00:00:00' }, false],
        ['v', 'varchar', true, { kind: 'literal', value: '5' }, false],
        ['m', 'enum', true, null, false],
      ],
    );
    assert.equal(table?.columns[6]?.comment, null);
    assert.deepEqual(table?.checks, [{ name: 'ck', expression: 'n > -5 and b' }]);
  });

  it('is idempotent', () => {
    const once = normalizePostgresModel(model);
    assert.deepEqual(normalizePostgresModel(once), once);
  });

  it('cuts identifiers to 63 bytes', () => {
    const long = 'x'.repeat(70);
    const normalized = normalizePostgresModel({ enums: [], tables: [emptyTable(long)] });
    assert.equal(normalized.tables[0]?.name, 'x'.repeat(63));
  });
});
