import fc from 'fast-check';
import {
  buildColumn,
  buildTableFromSeed,
  type Capabilities,
  checkFor,
  columnSeed,
  partialPredicate,
  tableSeed,
} from './property-schema.js';
import {
  type ColumnSpec,
  defaultChoices,
  isKeyable,
  repairSchema,
  type SchemaSpec,
  type TableSpec,
  type TypeSpec,
} from './property-schema-spec.js';

/**
 * The second schema of the property: the first one with random changes
 * (tables, columns, indexes, constraints and enum values added, dropped or
 * altered). Every change keeps the rows the property inserted into the first
 * schema's tables valid both ways, so that upgrade and downgrade are expected
 * to keep them: added columns are nullable or have a default, dropped ones
 * could be added back (nullable or defaulted), types change within a family
 * wide enough for the rows' small values, new keys hold on distinct values.
 */

const nat = fc.nat();
export const changeSeed = fc.oneof(
  fc.record({ op: fc.constant('addTable' as const), table: tableSeed }),
  fc.record({ op: fc.constant('dropTable' as const), t: nat }),
  fc.record({ op: fc.constant('addColumn' as const), t: nat, column: columnSeed }),
  fc.record({ op: fc.constant('dropColumn' as const), t: nat, c: nat }),
  fc.record({ op: fc.constant('alterColumn' as const), t: nat, c: nat, how: fc.nat({ max: 3 }), arg: nat }),
  fc.record({
    op: fc.constant('addIndex' as const),
    t: nat,
    cols: fc.array(nat, { minLength: 1, maxLength: 2 }),
    unique: fc.boolean(),
    partial: fc.boolean(),
  }),
  fc.record({ op: fc.constant('dropIndex' as const), t: nat, i: nat }),
  fc.record({ op: fc.constant('addUnique' as const), t: nat, cols: fc.array(nat, { minLength: 1, maxLength: 2 }) }),
  fc.record({ op: fc.constant('dropUnique' as const), t: nat, i: nat }),
  fc.record({ op: fc.constant('addForeignKey' as const), t: nat, target: nat }),
  fc.record({ op: fc.constant('dropForeignKey' as const), t: nat, i: nat }),
  fc.record({ op: fc.constant('addCheck' as const), t: nat, pick: nat }),
  fc.record({ op: fc.constant('dropCheck' as const), t: nat, i: nat }),
  fc.record({ op: fc.constant('primaryKey' as const), t: nat, c: nat }),
  fc.record({ op: fc.constant('enumValues' as const), add: fc.boolean() }),
  fc.record({ op: fc.constant('tableComment' as const), t: nat }),
);
export type ChangeSeed = typeof changeSeed extends fc.Arbitrary<infer T> ? T : never;

const FAMILIES: readonly (readonly TypeSpec[])[] = [
  [{ kind: 'smallint' }, { kind: 'integer' }, { kind: 'bigint' }],
  [{ kind: 'varchar', length: 20 }, { kind: 'varchar', length: 60 }, { kind: 'text' }, { kind: 'char', length: 4 }],
  [
    { kind: 'numeric', precision: 10, scale: 2 },
    { kind: 'numeric', precision: 12, scale: 2 },
    { kind: 'real' },
    { kind: 'double' },
  ],
  [
    { kind: 'timestamp', withTimezone: false },
    { kind: 'timestamp', withTimezone: true },
  ],
];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function otherInFamily(type: TypeSpec, arg: number): TypeSpec | null {
  const family = FAMILIES.find((f) => f.some((t) => same(t, type)));
  if (family === undefined) return null;
  const others = family.filter((t) => !same(t, type));
  return others[arg % others.length] ?? null;
}

/** Columns a change may alter or drop: not in the primary key, not a foreign key's. */
function freeColumns(table: TableSpec): ColumnSpec[] {
  const fkColumns = new Set(table.foreignKeys.flatMap((f) => f.columns));
  return table.columns.filter((c) => !fkColumns.has(c.name) && !(table.primaryKey?.columns.includes(c.name) ?? false));
}

/** A default valid for the (new) type: kept when still valid, else the first choice (or none). */
function fitDefault(column: ColumnSpec): ColumnSpec {
  if (column.default === null) return column;
  const choices = defaultChoices(column.type);
  if (choices.some((d) => same(d, column.default))) return column;
  return { ...column, default: choices[0] ?? null };
}

function alterColumn(table: TableSpec, column: ColumnSpec, how: number, arg: number, caps: Capabilities): ColumnSpec {
  switch (how) {
    case 0:
      // Rows hold a value in every non-FK column, so NOT NULL can be added as well as removed.
      return { ...column, notNull: !column.notNull };
    case 1: {
      const choices = [null, ...defaultChoices(column.type)].filter((d) => !same(d, column.default));
      return { ...column, default: choices[arg % choices.length] ?? null };
    }
    case 2: {
      const type = otherInFamily(column.type, arg);
      if (type === null) return column;
      const keyed = [...table.uniques, ...table.indexes].some((k) => k.columns.includes(column.name));
      if (keyed && !isKeyable(type)) return column;
      return fitDefault({ ...column, type });
    }
    default:
      return caps.comments ? { ...column, comment: column.comment === null ? 'changed' : null } : column;
  }
}

type Apply = (schema: SchemaSpec, table: TableSpec) => TableSpec | null;

function onTable(schema: SchemaSpec, t: number, fn: Apply): SchemaSpec {
  const table = schema.tables[t % Math.max(1, schema.tables.length)];
  if (table === undefined) return schema;
  const changed = fn(schema, table);
  const tables =
    changed === null ? schema.tables.filter((x) => x !== table) : schema.tables.map((x) => (x === table ? changed : x));
  return { ...schema, tables };
}

const without = <T>(items: readonly T[], i: number): T[] => items.filter((_, k) => k !== i % Math.max(1, items.length));

function keyableNames(table: TableSpec, picks: readonly number[]): string[] {
  const keyable = table.columns.filter((c) => isKeyable(c.type));
  return [
    ...new Set(
      picks.map((p) => keyable[p % Math.max(1, keyable.length)]?.name).filter((n): n is string => n !== undefined),
    ),
  ];
}

/**
 * Columns for a new unique key: only the first schema's (the rows hold
 * distinct values in them); a column this change adds holds its default in
 * every row, and booleans repeat, so neither can be unique.
 */
function uniqueKeyNames(first: SchemaSpec, table: TableSpec, picks: readonly number[]): string[] {
  const filled = new Set(first.tables.find((t) => t.name === table.name)?.columns.map((c) => c.name) ?? []);
  const candidates = {
    ...table,
    columns: table.columns.filter((c) => filled.has(c.name) && c.type.kind !== 'boolean'),
  };
  return keyableNames(candidates, picks);
}

function addForeignKey(schema: SchemaSpec, table: TableSpec, target: number, n: number): TableSpec {
  const parents = schema.tables.filter((t) => t.primaryKey !== null);
  const parent = parents[target % Math.max(1, parents.length)];
  if (parent?.primaryKey == null) return table;
  const columns = parent.primaryKey.columns.map((name, i) => {
    const referenced = parent.columns.find((c) => c.name === name) as ColumnSpec;
    return {
      key: `g${n}_${i}`,
      name: `g${n}_${i}`,
      type: referenced.type,
      notNull: false,
      default: null,
      comment: null,
    };
  });
  const fk = {
    columns: columns.map((c) => c.name),
    refTable: parent.name,
    refColumns: [...parent.primaryKey.columns],
    onDelete: 'set null' as const,
    name: null,
    style: n % 4,
  };
  return { ...table, columns: [...table.columns, ...columns], foreignKeys: [...table.foreignKeys, fk] };
}

function applyChange(
  first: SchemaSpec,
  schema: SchemaSpec,
  change: ChangeSeed,
  n: number,
  caps: Capabilities,
): SchemaSpec {
  switch (change.op) {
    case 'addTable':
      return {
        ...schema,
        tables: [...schema.tables, buildTableFromSeed(change.table, `pn_${n}`, schema.tables, caps)],
      };
    case 'dropTable':
      // A table other tables' rows point at cannot come back with those rows valid: keep it.
      return onTable(schema, change.t, (_, table) =>
        first.tables.some((t) => t.name !== table.name && t.foreignKeys.some((fk) => fk.refTable === table.name))
          ? table
          : null,
      );
    case 'addColumn':
      return onTable(schema, change.t, (_, table) => {
        let column = buildColumn(change.column, `n${n}`, caps);
        if (column.notNull && column.default === null) column = { ...column, notNull: false };
        return { ...table, columns: [...table.columns, column] };
      });
    case 'dropColumn':
      return onTable(schema, change.t, (_, table) => {
        // Downgrade adds it back with its default in every row: it must not be in a unique key then.
        const original = first.tables.find((t) => t.name === table.name) ?? table;
        const inUniqueKey = (c: ColumnSpec) =>
          c.default !== null &&
          [original, table].some((t) =>
            [...t.uniques, ...t.indexes.filter((i) => i.unique)].some((k) => k.columns.includes(c.name)),
          );
        const droppable = freeColumns(table).filter((c) => (!c.notNull || c.default !== null) && !inUniqueKey(c));
        const victim = droppable[change.c % Math.max(1, droppable.length)];
        return victim === undefined ? table : { ...table, columns: table.columns.filter((c) => c !== victim) };
      });
    case 'alterColumn':
      return onTable(schema, change.t, (_, table) => {
        const free = freeColumns(table);
        const column = free[change.c % Math.max(1, free.length)];
        if (column === undefined) return table;
        const altered = alterColumn(table, column, change.how, change.arg, caps);
        // Only the first schema's columns hold values in every row: a new column stays nullable unless defaulted.
        const filled = first.tables.some((t) => t.name === table.name && t.columns.some((c) => c.name === column.name));
        if (altered.notNull && !column.notNull && !filled && altered.default === null) return table;
        return { ...table, columns: table.columns.map((c) => (c === column ? altered : c)) };
      });
    case 'addIndex':
      return onTable(schema, change.t, (_, table) => {
        const where = caps.partialIndexes && change.partial ? partialPredicate(table.columns) : null;
        const columns = change.unique ? uniqueKeyNames(first, table, change.cols) : keyableNames(table, change.cols);
        if (columns.length === 0) return table;
        const index = { columns, unique: change.unique, where, name: null };
        return { ...table, indexes: [...table.indexes, index] };
      });
    case 'dropIndex':
      return onTable(schema, change.t, (_, table) => ({ ...table, indexes: without(table.indexes, change.i) }));
    case 'addUnique':
      return onTable(schema, change.t, (_, table) => {
        const columns = uniqueKeyNames(first, table, change.cols);
        if (columns.length === 0) return table;
        const unique = { columns, name: null, inline: false };
        return { ...table, uniques: [...table.uniques, unique] };
      });
    case 'dropUnique':
      return onTable(schema, change.t, (_, table) => ({ ...table, uniques: without(table.uniques, change.i) }));
    case 'addForeignKey':
      return onTable(schema, change.t, (s, table) => addForeignKey(s, table, change.target, n));
    case 'dropForeignKey':
      return onTable(schema, change.t, (_, table) => ({ ...table, foreignKeys: without(table.foreignKeys, change.i) }));
    case 'addCheck':
      return onTable(schema, change.t, (_, table) => {
        const check = checkFor(table.columns, change.pick, `ck_${table.name}_n${n}`, table.primaryKey);
        return check === null ? table : { ...table, checks: [...table.checks, check] };
      });
    case 'dropCheck':
      return onTable(schema, change.t, (_, table) => ({ ...table, checks: without(table.checks, change.i) }));
    case 'primaryKey':
      return onTable(schema, change.t, (_, table) => togglePrimaryKey(first, table, change.c));
    case 'enumValues':
      return { ...schema, enums: schema.enums.map((e) => changeEnum(e, change.add)) };
    case 'tableComment':
      return onTable(schema, change.t, (_, table) =>
        caps.comments ? { ...table, comment: table.comment === null ? "a table's new note" : null } : table,
      );
  }
}

/**
 * Drops the primary key, or adds one on a free keyable column of the first
 * schema (rows hold distinct values in it; a column added by this change
 * holds none, so it cannot become a key).
 */
function togglePrimaryKey(first: SchemaSpec, table: TableSpec, c: number): TableSpec {
  if (table.primaryKey !== null) return { ...table, primaryKey: null };
  const filled = new Set(first.tables.find((t) => t.name === table.name)?.columns.map((x) => x.name) ?? []);
  const candidates = freeColumns(table).filter(
    (x) => isKeyable(x.type) && x.type.kind !== 'boolean' && filled.has(x.name),
  );
  const column = candidates[c % Math.max(1, candidates.length)];
  if (column === undefined) return table;
  return { ...table, primaryKey: { columns: [column.name], autoIncrement: false, inline: true, name: null } };
}

function changeEnum(e: SchemaSpec['enums'][number], add: boolean): SchemaSpec['enums'][number] {
  if (add) return { ...e, values: [...e.values, `z${e.values.length}`] };
  // Rows and defaults use the first two values only.
  return e.values.length > 2 ? { ...e, values: e.values.slice(0, -1) } : e;
}

/** The first schema with `changes` applied, made consistent again. */
export function deriveSchema(first: SchemaSpec, changes: readonly ChangeSeed[], caps: Capabilities): SchemaSpec {
  let schema = first;
  changes.forEach((change, n) => {
    schema = applyChange(first, schema, change, n, caps);
  });
  return repairSchema(schema);
}
