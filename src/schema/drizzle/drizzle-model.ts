/**
 * The drizzle-orm tables and pgEnums of the schema modules, as model tables
 * and enum types, ready to join kiln's own tables in `buildSchemaModel`.
 * drizzle-orm is imported only when a module exports one of its tables.
 */
import { schemaError } from '../build-column.js';
import type { EnumType, Table } from '../model.js';
import type { DrizzleTarget } from './drizzle-column.js';
import { type DrizzleCore, type FoundDrizzleTable, findDrizzleExports } from './drizzle-exports.js';
import { loadDrizzle } from './drizzle-runtime.js';
import { tableFromDrizzle } from './drizzle-table.js';

export type { DrizzleTarget } from './drizzle-column.js';
export type { DrizzleCore } from './drizzle-exports.js';

/** What drizzle's table function is called in each core, for messages. */
const TABLE_FUNCTIONS: Readonly<Record<DrizzleCore, string>> = {
  'pg-core': 'pgTable',
  'mysql-core': 'mysqlTable',
  'sqlite-core': 'sqliteTable',
};

/** The tables and enums drizzle declares, converted. */
export interface DrizzleParts {
  readonly tables: readonly Table[];
  readonly enums: readonly EnumType[];
}

/** The target's database as messages name it, e.g. `PostgreSQL`. */
export interface DrizzleDatabase {
  readonly target: DrizzleTarget | undefined;
  readonly label: string;
}

function checkCore(found: FoundDrizzleTable, database: DrizzleDatabase): DrizzleTarget {
  const { target, label } = database;
  const where = `Drizzle table "${found.name}" (export "${found.exportName}")`;
  if (found.core === null) {
    schemaError(
      'schema.drizzle-dialect',
      `${where} is of a drizzle-orm core kiln does not read`,
      'kiln reads pgTable, mysqlTable and sqliteTable tables.',
      { table: found.name },
    );
  }
  if (target === undefined || target.core !== found.core) {
    schemaError(
      'schema.drizzle-dialect',
      `${where} is a ${TABLE_FUNCTIONS[found.core]} (drizzle-orm/${found.core}), but the config's database is ${label}`,
      target === undefined
        ? `kiln reads drizzle tables on PostgreSQL, MySQL/MariaDB and SQLite.`
        : `Declare it with ${TABLE_FUNCTIONS[target.core]} from drizzle-orm/${target.core}, or point the config at the database it is for.`,
      { table: found.name, core: found.core },
    );
  }
  return target;
}

/**
 * The model tables and enum types of the drizzle tables and pgEnums that
 * `moduleExports` export; empty, without importing drizzle-orm, when there
 * are none. A table of another database family than `database` is refused.
 *
 * @example const parts = await drizzleParts([schema], { target: dialect.drizzle, label: 'PostgreSQL' });
 */
export async function drizzleParts(
  moduleExports: readonly unknown[],
  database: DrizzleDatabase,
): Promise<DrizzleParts> {
  const found = findDrizzleExports(moduleExports);
  if (found.tables.length === 0 && found.enums.length === 0) return { tables: [], enums: [] };
  const targets = found.tables.map((table) => checkCore(table, database));
  const firstEnum = found.enums[0];
  if (firstEnum !== undefined && database.target?.core !== 'pg-core') {
    schemaError(
      'schema.drizzle-dialect',
      `pgEnum "${firstEnum.name}" (export "${firstEnum.exportName}") is a PostgreSQL type, but the config's database is ${database.label}`,
      database.target?.core === 'mysql-core'
        ? 'Use mysqlEnum(column, values) as the column.'
        : 'SQLite has no enum types: use text({ enum: [...] }).',
      { enum: firstEnum.name },
    );
  }
  const target = targets[0] ?? database.target;
  if (target === undefined) return { tables: [], enums: [] };
  const runtime = await loadDrizzle(target.core);
  return {
    tables: found.tables.map((table) => tableFromDrizzle(table.value, target, runtime)),
    enums: found.enums.map((e) => ({ schema: e.schema, name: e.name, values: [...e.values] })),
  };
}
