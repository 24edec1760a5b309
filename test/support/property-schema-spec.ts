/**
 * The round-trip property's description of a schema: close to what a person
 * writes with the DSL (property keys, inline or table-level constraints,
 * explicit or convention names), so that rendering it exercises the DSL.
 */
export type { DialectCapabilities } from '../../src/dialects/dialect.js';
export type { ReferentialAction } from '../../src/schema/model.js';
import type { ReferentialAction } from '../../src/schema/model.js';

export type TypeSpec =
  | { readonly kind: 'integer' | 'bigint' | 'smallint' | 'text' | 'boolean' | 'date' | 'time' }
  | { readonly kind: 'real' | 'double' | 'json' | 'uuid' | 'binary' }
  | { readonly kind: 'varchar' | 'char'; readonly length: number }
  | { readonly kind: 'timestamp'; readonly withTimezone: boolean }
  | { readonly kind: 'numeric'; readonly precision: number; readonly scale: number }
  | { readonly kind: 'enum'; readonly enumName: string };

export type DefaultSpec =
  | { readonly kind: 'literal'; readonly value: string | number | boolean }
  | { readonly kind: 'sql'; readonly sql: string }
  /** One of the enum's values, by position. */
  | { readonly kind: 'enumValue'; readonly index: number };

export interface ColumnSpec {
  /** The property key in `table()`; differs from `name` when written `key: integer('name')`. */
  readonly key: string;
  readonly name: string;
  readonly type: TypeSpec;
  readonly notNull: boolean;
  readonly default: DefaultSpec | null;
  readonly comment: string | null;
}

export interface PrimaryKeySpec {
  readonly columns: readonly string[];
  readonly autoIncrement: boolean;
  /** `.primaryKey()` on the column (single column only) rather than `primaryKey({ columns })`. */
  readonly inline: boolean;
  readonly name: string | null;
}

export interface UniqueSpec {
  readonly columns: readonly string[];
  readonly name: string | null;
  /** `.unique()` on the column (single column only). */
  readonly inline: boolean;
}

export interface IndexSpec {
  readonly columns: readonly string[];
  readonly unique: boolean;
  readonly where: string | null;
  readonly name: string | null;
}

export interface ForeignKeySpec {
  readonly columns: readonly string[];
  readonly refTable: string;
  readonly refColumns: readonly string[];
  readonly onDelete: ReferentialAction;
  readonly name: string | null;
  /** 0: `.references(() => t.c)`, 1: `.references('t.c')`, 2/3: `foreignKey({ … })` with refs / strings. */
  readonly style: number;
}

export interface CheckSpec {
  readonly name: string;
  readonly expression: string;
}

export interface TableSpec {
  readonly name: string;
  /** The export name of the table definition. */
  readonly key: string;
  readonly columns: readonly ColumnSpec[];
  readonly primaryKey: PrimaryKeySpec | null;
  readonly uniques: readonly UniqueSpec[];
  readonly indexes: readonly IndexSpec[];
  readonly foreignKeys: readonly ForeignKeySpec[];
  readonly checks: readonly CheckSpec[];
  readonly comment: string | null;
}

export interface EnumSpec {
  readonly name: string;
  readonly values: readonly string[];
}

export interface SchemaSpec {
  readonly tables: readonly TableSpec[];
  readonly enums: readonly EnumSpec[];
}

const KEYABLE = new Set(['integer', 'bigint', 'smallint', 'varchar', 'char', 'boolean', 'date', 'uuid', 'enum']);

/** Types every dialect can put in a key, an index or a foreign key without a prefix length. */
export function isKeyable(type: TypeSpec): boolean {
  return KEYABLE.has(type.kind);
}

/**
 * Defaults the generator may give a column of this type: values that fit the
 * type on every dialect and satisfy the generated checks (`>= 0`, `<> ''`).
 * TEXT, JSON and BLOB get none: MySQL refuses literal defaults on them.
 */
export function defaultChoices(type: TypeSpec): DefaultSpec[] {
  const literal = (value: string | number | boolean): DefaultSpec => ({ kind: 'literal', value });
  switch (type.kind) {
    case 'integer':
    case 'bigint':
    case 'smallint':
      return [literal(0), literal(7)];
    case 'varchar':
    case 'char':
      return [literal('x'), literal("it's"), literal('a\\b')];
    case 'boolean':
      return [literal(true), literal(false)];
    case 'date':
      return [literal('2024-01-02')];
    case 'time':
      return [literal('12:34:56')];
    case 'timestamp':
      return [literal('2024-01-02 03:04:05'), { kind: 'sql', sql: 'CURRENT_TIMESTAMP' }];
    case 'numeric':
      return type.scale > 0 ? [literal(1.5), literal(0)] : [literal(3), literal(0)];
    case 'real':
    case 'double':
      return [literal(0.5), literal(2)];
    case 'uuid':
      return [literal('123e4567-e89b-12d3-a456-426614174000')];
    case 'enum':
      return [
        { kind: 'enumValue', index: 0 },
        { kind: 'enumValue', index: 1 },
      ];
    default:
      return [];
  }
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameType = (a: TypeSpec, b: TypeSpec) => JSON.stringify(a) === JSON.stringify(b);

/** Keeps a table's column sets distinct: two indexes on the same columns would get the same convention name. */
function distinctKeys(table: TableSpec, has: (c: string) => boolean): Pick<TableSpec, 'uniques' | 'indexes'> {
  const keyable = (name: string) => table.columns.some((c) => c.name === name && isKeyable(c.type));
  const seen: string[] = table.primaryKey === null ? [] : [table.primaryKey.columns.join(',')];
  const fresh = (columns: readonly string[]) => {
    const key = columns.join(',');
    if (columns.length === 0 || !columns.every((c) => has(c) && keyable(c)) || seen.includes(key)) return false;
    seen.push(key);
    return true;
  };
  const uniques = table.uniques
    .filter((u) => fresh(u.columns))
    .map((u) => ({ ...u, inline: u.inline && u.columns.length === 1 }));
  const indexes = table.indexes
    .filter((i) => fresh(i.columns))
    .map((i) => ({ ...i, where: i.where !== null && has(i.where.split(' ')[0] as string) ? i.where : null }));
  return { uniques, indexes };
}

function repairTable(table: TableSpec, tables: readonly TableSpec[]): TableSpec {
  const has = (name: string) => table.columns.some((c) => c.name === name);
  const column = (t: TableSpec, name: string) => t.columns.find((c) => c.name === name);
  let primaryKey = table.primaryKey;
  if (primaryKey !== null && !primaryKey.columns.every(has)) primaryKey = null;
  if (primaryKey !== null) {
    const first = column(table, primaryKey.columns[0] as string) as ColumnSpec;
    const auto = primaryKey.autoIncrement && primaryKey.columns.length === 1 && first.type.kind === 'integer';
    primaryKey = { ...primaryKey, autoIncrement: auto, inline: primaryKey.inline && primaryKey.columns.length === 1 };
  }
  const pkColumns = primaryKey?.columns ?? [];
  const autoColumn = primaryKey?.autoIncrement === true ? pkColumns[0] : undefined;
  const columns = table.columns.map((c) =>
    pkColumns.includes(c.name) ? { ...c, notNull: true, default: c.name === autoColumn ? null : c.default } : c,
  );
  const self = { ...table, columns, primaryKey };
  const foreignKeys = table.foreignKeys
    .filter((fk) => {
      const target = fk.refTable === table.name ? self : tables.find((t) => t.name === fk.refTable);
      if (target === undefined || target.primaryKey === null || !sameList(target.primaryKey.columns, fk.refColumns))
        return false;
      return fk.columns.every((c, i) => {
        const local = column(self, c);
        const remote = column(target, fk.refColumns[i] as string);
        return local !== undefined && remote !== undefined && sameType(local.type, remote.type);
      });
    })
    .map((fk) => {
      const notNull = fk.columns.some((c) => column(self, c)?.notNull === true);
      return notNull && fk.onDelete === 'set null' ? { ...fk, onDelete: 'no action' as const } : fk;
    });
  const checks = table.checks.filter((c) => has(c.expression.split(' ')[0] as string));
  return { ...self, ...distinctKeys(self, has), foreignKeys, checks };
}

/**
 * Makes a schema consistent after changes: constraints on missing columns
 * dropped, foreign keys whose target table or key changed dropped, PK columns
 * NOT NULL, AUTOINCREMENT only on a single integer key. Two passes, since a
 * primary key dropped in the first invalidates foreign keys in the second.
 */
export function repairSchema<T extends SchemaSpec>(schema: T, _caps?: unknown): T {
  let tables = schema.tables;
  for (let pass = 0; pass < 2; pass++) {
    const current = tables;
    tables = current.map((t) => repairTable(t, current));
  }
  return { ...schema, tables };
}
