import fc from 'fast-check';
import {
  type DialectCapabilities,
  type ReferentialAction,
  type ColumnSpec,
  type DefaultSpec,
  defaultChoices,
  type EnumSpec,
  type ForeignKeySpec,
  type IndexSpec,
  isKeyable,
  type SchemaSpec,
  type TableSpec,
  type TypeSpec,
  repairSchema,
} from './property-schema-spec.js';

/**
 * Random schemas for the round-trip property, drawn as flat "seeds" (small
 * numbers and booleans) that a deterministic builder turns into a coherent
 * schema. References between parts are indexes taken modulo what exists, so
 * fast-check shrinks a failing case towards fewer tables, columns and
 * constraints without ever producing an inconsistent schema.
 */

/** Every column type the generator draws; keys, indexes and FKs use the keyable subset. */
const TYPE_SEEDS: readonly TypeSpec[] = [
  { kind: 'integer' },
  { kind: 'varchar', length: 20 },
  { kind: 'bigint' },
  { kind: 'smallint' },
  { kind: 'varchar', length: 60 },
  { kind: 'char', length: 4 },
  { kind: 'text' },
  { kind: 'boolean' },
  { kind: 'date' },
  { kind: 'time' },
  { kind: 'timestamp', withTimezone: false },
  { kind: 'timestamp', withTimezone: true },
  { kind: 'numeric', precision: 10, scale: 2 },
  { kind: 'numeric', precision: 8, scale: 0 },
  { kind: 'real' },
  { kind: 'double' },
  { kind: 'json' },
  { kind: 'uuid' },
  { kind: 'binary' },
  { kind: 'enum', enumName: '' },
];

export const typeSeed = fc.nat({ max: TYPE_SEEDS.length - 1 });

export const columnSeed = fc.record({
  type: typeSeed,
  notNull: fc.boolean(),
  /** 0 = no default; otherwise an index into the type's default choices. */
  defaultChoice: fc.nat({ max: 4 }),
  /** Whether the property key differs from the column name (`k: integer('c')`). */
  namedArg: fc.boolean(),
  comment: fc.constantFrom(null, null, 'note', "it's"),
});
export type ColumnSeed = typeof columnSeed extends fc.Arbitrary<infer T> ? T : never;

const REFERENTIAL: readonly ReferentialAction[] = ['no action', 'cascade', 'restrict', 'set null'];

export const tableSeed = fc.record({
  columns: fc.array(columnSeed, { minLength: 1, maxLength: 5 }),
  /** 0 none, 1 integer id, 2 autoincrement id, 3 composite (id + first keyable column). */
  pk: fc.nat({ max: 3 }),
  pkStyle: fc.nat({ max: 2 }),
  uniques: fc.array(
    fc.record({ cols: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }), named: fc.boolean(), inline: fc.boolean() }),
    {
      maxLength: 2,
    },
  ),
  indexes: fc.array(
    fc.record({
      cols: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }),
      unique: fc.boolean(),
      partial: fc.boolean(),
      named: fc.boolean(),
    }),
    { maxLength: 2 },
  ),
  fks: fc.array(
    fc.record({
      target: fc.nat(),
      notNull: fc.boolean(),
      onDelete: fc.nat({ max: REFERENTIAL.length - 1 }),
      style: fc.nat({ max: 3 }),
      named: fc.boolean(),
    }),
    { maxLength: 2 },
  ),
  checks: fc.array(fc.nat(), { maxLength: 2 }),
  comment: fc.constantFrom(null, null, 'a table'),
});
export type TableSeed = typeof tableSeed extends fc.Arbitrary<infer T> ? T : never;

export const schemaSeed = fc.record({
  tables: fc.array(tableSeed, { minLength: 1, maxLength: 4 }),
  enumValues: fc.array(fc.constantFrom('a', 'b', "c'd", 'e f', 'g'), { minLength: 2, maxLength: 4 }),
});
export type SchemaSeed = typeof schemaSeed extends fc.Arbitrary<infer T> ? T : never;

/** What a dialect can store, as the builders need it. */
export interface Capabilities {
  readonly partialIndexes: boolean;
  readonly comments: boolean;
}

export function capabilitiesOf(capabilities: DialectCapabilities): Capabilities {
  return { partialIndexes: capabilities.partialIndexes, comments: capabilities.comments };
}

const ENUM_NAME = 'p_mood';

/** The enum (values made unique; at least two, rows use the first two). */
function enumOf(values: readonly string[]): EnumSpec {
  const unique = [...new Set(values)];
  while (unique.length < 2) unique.push(`v${unique.length}`);
  return { name: ENUM_NAME, values: unique };
}

/** A column built from its seed. */
export function buildColumn(seed: ColumnSeed, name: string, caps: Capabilities): ColumnSpec {
  const raw = TYPE_SEEDS[seed.type % TYPE_SEEDS.length] as TypeSpec;
  const type: TypeSpec = raw.kind === 'enum' ? { kind: 'enum', enumName: ENUM_NAME } : raw;
  const choices = defaultChoices(type);
  const def: DefaultSpec | null =
    seed.defaultChoice === 0 || choices.length === 0
      ? null
      : (choices[(seed.defaultChoice - 1) % choices.length] ?? null);
  return {
    key: seed.namedArg ? `k_${name}` : name,
    name,
    type,
    notNull: seed.notNull,
    default: def,
    comment: caps.comments ? seed.comment : null,
  };
}

function pickColumns(columns: readonly ColumnSpec[], picks: readonly number[]): string[] {
  const keyable = columns.filter((c) => isKeyable(c.type));
  if (keyable.length === 0) return [];
  return [...new Set(picks.map((p) => (keyable[p % keyable.length] as ColumnSpec).name))];
}

function buildPrimaryKey(seed: TableSeed, columns: ColumnSpec[], table: string): TableSpec['primaryKey'] {
  if (seed.pk === 0) return null;
  const inline = seed.pkStyle !== 2;
  const named = seed.pkStyle === 1 ? `pk_${table}_k` : null;
  if (seed.pk === 3) {
    const second = columns.find((c) => c.name !== 'id' && isKeyable(c.type) && c.type.kind !== 'boolean');
    if (second !== undefined) return { columns: ['id', second.name], autoIncrement: false, inline: false, name: named };
  }
  return { columns: ['id'], autoIncrement: seed.pk === 2, inline, name: named };
}

/** A table built from its seed; its foreign keys point at `built` tables or itself. */
export function buildTableFromSeed(
  seed: TableSeed,
  name: string,
  built: readonly TableSpec[],
  caps: Capabilities,
): TableSpec {
  const columns: ColumnSpec[] = seed.columns.map((c, i) => buildColumn(c, `c${i + 1}`, caps));
  if (seed.pk !== 0) {
    columns.unshift({ key: 'id', name: 'id', type: { kind: 'integer' }, notNull: true, default: null, comment: null });
  }
  const primaryKey = buildPrimaryKey(seed, columns, name);
  const uniques = seed.uniques.map((u, i) => ({
    columns: pickColumns(columns, u.cols),
    name: u.named ? `uq_${name}_n${i}` : null,
    inline: u.inline,
  }));
  const indexes: IndexSpec[] = seed.indexes.map((x, i) => ({
    columns: pickColumns(columns, x.cols),
    unique: x.unique,
    where: caps.partialIndexes && x.partial ? partialPredicate(columns) : null,
    name: x.named ? `ix_${name}_n${i}` : null,
  }));
  const foreignKeys: ForeignKeySpec[] = [];
  seed.fks.forEach((f, i) => {
    const candidates = [...built, null]; // null = this table itself
    const target = candidates[f.target % candidates.length];
    const targetName = target === undefined || target === null ? name : target.name;
    const targetPk = target === undefined || target === null ? primaryKey : target.primaryKey;
    const targetColumns = target === undefined || target === null ? columns : target.columns;
    if (targetPk === null) return;
    const fkColumns: string[] = [];
    for (const pkColumn of targetPk.columns) {
      const referenced = targetColumns.find((c) => c.name === pkColumn) as ColumnSpec;
      const columnName = `f${i}_${pkColumn}`;
      const selfRef = targetName === name;
      columns.push({
        key: columnName,
        name: columnName,
        type: referenced.type,
        notNull: f.notNull && !selfRef && f.onDelete !== 3,
        default: null,
        comment: null,
      });
      fkColumns.push(columnName);
    }
    foreignKeys.push({
      columns: fkColumns,
      refTable: targetName,
      refColumns: [...targetPk.columns],
      onDelete: REFERENTIAL[f.onDelete] ?? 'no action',
      name: f.named ? `fk_${name}_n${i}` : null,
      style: f.style,
    });
  });
  const checks = seed.checks
    .map((c, i) => checkFor(columns, c, `ck_${name}_${i}`, primaryKey))
    .filter((c): c is NonNullable<typeof c> => c !== null);
  return {
    name,
    key: name,
    columns,
    primaryKey,
    uniques,
    indexes,
    foreignKeys,
    checks,
    comment: caps.comments ? seed.comment : null,
  };
}

/** A predicate every generated row satisfies (rows are never NULL). */
export function partialPredicate(columns: readonly ColumnSpec[]): string {
  const integer = columns.find((c) => c.type.kind === 'integer');
  return integer === undefined ? `${(columns[0] as ColumnSpec).name} IS NOT NULL` : `${integer.name} > 0`;
}

/** A check constraint on an integer or string column; generated rows satisfy it. */
export function checkFor(
  columns: readonly ColumnSpec[],
  pick: number,
  name: string,
  primaryKey: TableSpec['primaryKey'],
): { name: string; expression: string } | null {
  // Not on an AUTO_INCREMENT column: MariaDB refuses checks on those.
  // Nor on a foreign key's column (MariaDB refuses those with ON DELETE actions): FK columns are named f…/g….
  const auto = primaryKey?.autoIncrement === true ? primaryKey.columns[0] : undefined;
  const candidates = columns.filter(
    (c) =>
      c.name !== auto && !/^[fg]\d/.test(c.name) && ['integer', 'varchar', 'smallint', 'bigint'].includes(c.type.kind),
  );
  const column = candidates[pick % Math.max(1, candidates.length)];
  if (column === undefined) return null;
  const expression = column.type.kind === 'varchar' ? `${column.name} <> ''` : `${column.name} >= 0`;
  return { name, expression };
}

/** The schema a seed describes, consistent and within the dialect's capabilities. */
export function buildSchema(seed: SchemaSeed, caps: Capabilities): SchemaSpec {
  const tables: TableSpec[] = [];
  seed.tables.forEach((t, i) => {
    tables.push(buildTableFromSeed(t, `pt_${String.fromCharCode(97 + i)}`, tables, caps));
  });
  return repairSchema({ tables, enums: [enumOf(seed.enumValues)] }, caps);
}
