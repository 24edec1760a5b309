/**
 * Finding drizzle-orm tables and enums among a schema module's exports
 * without loading drizzle-orm: drizzle marks its objects with global
 * symbols (`Symbol.for('drizzle:IsDrizzleTable')`, `Symbol.for('drizzle:isPgEnum')`)
 * and names its classes by a static `entityKind`, so a project that does
 * not use drizzle never has it imported.
 */

/** The drizzle-orm module that declares a table: one per database family. */
export type DrizzleCore = 'pg-core' | 'mysql-core' | 'sqlite-core';

const IS_TABLE = Symbol.for('drizzle:IsDrizzleTable');
const IS_PG_ENUM = Symbol.for('drizzle:isPgEnum');
const ENTITY_KIND = Symbol.for('drizzle:entityKind');
const TABLE_NAME = Symbol.for('drizzle:Name');

/** The table class's entityKind → its core (a table class's kind, as drizzle names them). */
const TABLE_KINDS: Readonly<Record<string, DrizzleCore>> = {
  PgTable: 'pg-core',
  MySqlTable: 'mysql-core',
  SQLiteTable: 'sqlite-core',
};

/** A drizzle table (any core), as found in a module: its value, its export name and its core. */
export interface FoundDrizzleTable {
  readonly value: object;
  readonly exportName: string;
  /** null: a drizzle table of a family kiln does not read (SingleStore, Gel, …). */
  readonly core: DrizzleCore | null;
  /** The table's name, for messages. */
  readonly name: string;
}

/** A `pgEnum(…)` value found in a module. */
export interface FoundDrizzleEnum {
  readonly name: string;
  readonly values: readonly string[];
  readonly schema: string | null;
  readonly exportName: string;
}

/** What a set of schema modules export of drizzle's: empty lists when nothing. */
export interface DrizzleExports {
  readonly tables: readonly FoundDrizzleTable[];
  readonly enums: readonly FoundDrizzleEnum[];
}

/** True for a drizzle-orm table of any core (its global marker symbol, so any copy of drizzle counts). */
export function isDrizzleTable(value: unknown): value is object {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[IS_TABLE] === true;
}

function isDrizzleEnum(value: unknown): value is { enumName: unknown; enumValues: unknown; schema?: unknown } {
  return typeof value === 'function' && (value as unknown as Record<symbol, unknown>)[IS_PG_ENUM] === true;
}

/** The core a table belongs to, from the entityKind of its class or a base class. */
function coreOf(table: object): DrizzleCore | null {
  for (let proto: unknown = Object.getPrototypeOf(table); proto !== null; proto = Object.getPrototypeOf(proto)) {
    const kind = (proto as { constructor?: Record<symbol, unknown> }).constructor?.[ENTITY_KIND];
    if (typeof kind === 'string' && TABLE_KINDS[kind] !== undefined) return TABLE_KINDS[kind];
  }
  return null;
}

/**
 * The drizzle tables and pgEnums that schema module namespaces export, in
 * export order, each object once (re-exports are common).
 *
 * @example findDrizzleExports([await import('./db/schema.ts')]).tables.length // 22
 */
export function findDrizzleExports(moduleExports: readonly unknown[]): DrizzleExports {
  const tables: FoundDrizzleTable[] = [];
  const enums: FoundDrizzleEnum[] = [];
  const seen = new Set<unknown>();
  for (const moduleValue of moduleExports) {
    if (typeof moduleValue !== 'object' || moduleValue === null) continue;
    for (const [exportName, value] of Object.entries(moduleValue)) {
      if (seen.has(value)) continue;
      if (isDrizzleTable(value)) {
        const name = (value as Record<symbol, unknown>)[TABLE_NAME];
        tables.push({ value, exportName, core: coreOf(value), name: typeof name === 'string' ? name : exportName });
      } else if (isDrizzleEnum(value)) {
        const values = Array.isArray(value.enumValues) ? value.enumValues.map(String) : [];
        const schema = typeof value.schema === 'string' ? value.schema : null;
        enums.push({ name: String(value.enumName), values, schema, exportName });
      } else continue;
      seen.add(value);
    }
  }
  return { tables, enums };
}
