import type { CompileContext, Dialect, QueryExecutor } from '../../src/dialects/dialect.js';
import { findTable, type SchemaModel, type Table } from '../../src/schema/model.js';

/** A compile context that knows exactly these tables (offline, as `--sql` tracks them). */
export function knownTables(tables: readonly Table[] = [], offline = true): CompileContext {
  const model: SchemaModel = { tables, enums: [] };
  return {
    offline,
    getModel: async () => model,
    getTable: async (ref) =>
      findTable(model, ref.table, ref.schema) ?? tables.find((t) => t.name === ref.table) ?? null,
  };
}

/** A compile context that introspects the live database, as the runtime does online. */
export function liveContext(dialect: Dialect, executor: QueryExecutor): CompileContext {
  const getModel = () => dialect.introspect(executor, { exclude: [] });
  return {
    offline: false,
    catalog: executor,
    getModel,
    getTable: async (ref) => findTable(await getModel(), ref.table, ref.schema) ?? null,
  };
}
