import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { propertyParameters } from '../support/property-settings.js';
import { compareSchemas } from '../../src/autogenerate/compare.js';
import type { RenameResolver } from '../../src/autogenerate/rename-resolver.js';
import { applyOperations } from '../../src/operations/apply.js';
import { reverseOperations } from '../../src/operations/reverse.js';
import type { Column, ColumnType, DefaultValue, EnumType, SchemaModel, Table } from '../../src/schema/model.js';
import { canonical } from '../support/model-fixtures.js';

/**
 * Random pairs of models drawn from a small name space (so that they share
 * tables, columns and constraints often): whatever A and B are,
 * compareSchemas(A, B) applied to A gives B, and its reverse applied to B
 * gives A. applyOperations checks dependencies as a database would (a
 * referenced table cannot be dropped, an FK needs its target, …), so this
 * also checks the order of the operations.
 */

type TypeSeed = ColumnType | { readonly kind: 'enumRef'; readonly name: string };

const typeSeed: fc.Arbitrary<TypeSeed> = fc.constantFrom<TypeSeed>(
  { kind: 'integer' },
  { kind: 'bigint' },
  { kind: 'text' },
  { kind: 'boolean' },
  { kind: 'varchar', length: 10 },
  { kind: 'varchar', length: 20 },
  { kind: 'varchar', length: null },
  { kind: 'numeric', precision: 10, scale: 2 },
  { kind: 'enumRef', name: 'e1' },
  { kind: 'enumRef', name: 'e2' },
);

const defaultSeed = fc.constantFrom<DefaultValue | null>(
  null,
  null,
  { kind: 'literal', value: 'x' },
  { kind: 'literal', value: 0 },
  { kind: 'sql', sql: 'now()' },
);

const columnSeed = fc.record({
  name: fc.constantFrom('c1', 'c2', 'c3', 'c4'),
  type: typeSeed,
  nullable: fc.boolean(),
  default: defaultSeed,
  comment: fc.constantFrom(null, null, 'x', 'y'),
});

const tableSeed = fc.record({
  name: fc.constantFrom('t_a', 't_b', 't_c', 't_d'),
  idAutoIncrement: fc.boolean(),
  columns: fc.uniqueArray(columnSeed, { selector: (c) => c.name, maxLength: 4 }),
  primaryKey: fc.constantFrom('none', 'id', 'id+c1'),
  uniques: fc.subarray(['c1', 'c2', 'c3']),
  indexes: fc.array(
    fc.record({
      columns: fc.subarray(['id', 'c1', 'c2', 'c3', 'c4'], { minLength: 1 }),
      unique: fc.boolean(),
      where: fc.constantFrom(null, 'id > 0'),
    }),
    { maxLength: 2 },
  ),
  foreignKeys: fc.array(
    fc.record({
      column: fc.constantFrom('id', 'c1', 'c2'),
      referenced: fc.constantFrom('id', 'c1'),
      target: fc.constantFrom('t_a', 't_b', 't_c', 't_d'),
      onDelete: fc.constantFrom('no action' as const, 'cascade' as const),
    }),
    { maxLength: 2 },
  ),
  checks: fc.subarray(['ck1', 'ck2']),
});

const enumSeed = fc.record({
  name: fc.constantFrom('e1', 'e2'),
  values: fc.uniqueArray(fc.constantFrom('v1', 'v2', 'v3', 'v4'), { minLength: 1 }),
});

type TableSeed = typeof tableSeed extends fc.Arbitrary<infer T> ? T : never;

function buildTable(
  seed: TableSeed,
  enums: readonly EnumType[],
  tableColumns: ReadonlyMap<string, readonly string[]>,
): Table {
  const resolveType = (type: TypeSeed): ColumnType => {
    if (type.kind !== 'enumRef') return type;
    const found = enums.find((e) => e.name === type.name);
    return found === undefined
      ? { kind: 'text' }
      : { kind: 'enum', name: found.name, values: found.values, schema: null };
  };
  const pkColumns =
    seed.primaryKey === 'none'
      ? []
      : seed.primaryKey === 'id+c1' && seed.columns.some((c) => c.name === 'c1')
        ? ['id', 'c1']
        : ['id'];
  const columns: Column[] = [
    {
      name: 'id',
      type: { kind: 'integer' },
      nullable: false,
      default: null,
      autoIncrement: seed.idAutoIncrement,
      comment: null,
    },
    ...seed.columns.map((c) => ({
      ...c,
      type: resolveType(c.type),
      nullable: c.nullable && !pkColumns.includes(c.name),
      autoIncrement: false,
    })),
  ];
  const has = (name: string) => columns.some((c) => c.name === name);
  return {
    schema: null,
    name: seed.name,
    columns,
    primaryKey: pkColumns.length === 0 ? null : { name: `pk_${seed.name}`, columns: pkColumns },
    uniques: seed.uniques.filter(has).map((c) => ({ name: `uq_${seed.name}_${c}`, columns: [c] })),
    indexes: seed.indexes
      .map((i, n) => ({
        name: `ix_${seed.name}_${n}`,
        columns: i.columns.filter(has),
        unique: i.unique,
        where: i.where,
      }))
      .filter((i) => i.columns.length > 0),
    foreignKeys: seed.foreignKeys
      .map((fk, n) => ({
        name: `fk_${seed.name}_${n}`,
        columns: [fk.column],
        referencedSchema: null,
        referencedTable: fk.target,
        referencedColumns: [fk.referenced],
        onDelete: fk.onDelete,
        onUpdate: 'no action' as const,
      }))
      .filter(
        (fk) =>
          has(fk.columns[0] ?? '') &&
          (tableColumns.get(fk.referencedTable) ?? []).includes(fk.referencedColumns[0] ?? ''),
      ),
    checks: seed.checks.map((name) => ({ name: `ck_${seed.name}_${name}`, expression: `${name} holds` })),
    comment: null,
  };
}

const modelArb: fc.Arbitrary<SchemaModel> = fc
  .record({
    enums: fc.uniqueArray(enumSeed, { selector: (e) => e.name }),
    tables: fc.uniqueArray(tableSeed, { selector: (t) => t.name }),
  })
  .map(({ enums, tables }) => {
    const enumTypes = enums.map((e) => ({ schema: null, name: e.name, values: e.values }));
    const columns = new Map(tables.map((t) => [t.name, ['id', ...t.columns.map((c) => c.name)]]));
    return { enums: enumTypes, tables: tables.map((t) => buildTable(t, enumTypes, columns)) };
  });

/** Pairs the first dropped column of a table with the first added one. */
const pairFirst: RenameResolver = {
  resolveColumns: ({ removed, added }) =>
    removed[0] !== undefined && added[0] !== undefined ? [{ from: removed[0].name, to: added[0].name }] : [],
};

function roundTrips(a: SchemaModel, b: SchemaModel, resolver?: RenameResolver): void {
  const ops = compareSchemas(a, b, resolver === undefined ? {} : { renameResolver: resolver });
  assert.deepEqual(canonical(applyOperations(a, ops)), canonical(b));
  assert.deepEqual(canonical(applyOperations(b, reverseOperations(ops))), canonical(a));
  assert.deepEqual(compareSchemas(applyOperations(a, ops), b), [], 'nothing left to do after the upgrade');
}

describe('compareSchemas (property)', () => {
  it('apply(A, compare(A, B)) = B and apply(B, reverse(compare(A, B))) = A', () => {
    fc.assert(
      fc.property(modelArb, modelArb, (a, b) => roundTrips(a, b)),
      propertyParameters(400),
    );
  });

  it('holds with a rename resolver too', () => {
    fc.assert(
      fc.property(modelArb, modelArb, (a, b) => roundTrips(a, b, pairFirst)),
      propertyParameters(300),
    );
  });

  it('finds nothing between a model and itself', () => {
    fc.assert(
      fc.property(modelArb, (a) => assert.deepEqual(compareSchemas(a, a), [])),
      propertyParameters(200),
    );
  });
});
