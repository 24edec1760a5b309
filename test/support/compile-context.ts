import type { CompileContext, Dialect, QueryExecutor } from '../../src/dialects/dialect.js';
import type { Table } from '../../src/schema/model.js';

/** A compile context that knows exactly these tables (offline, as `--sql` tracks them). */
export function knownTables(tables: readonly Table[] = [], offline = true): CompileContext {
  return { model: { tables, enums: [] }, offline, dependents: null };
}

/** A compile context over the live database as it is now, as the runtime reads it online. */
export async function liveContext(dialect: Dialect, executor: QueryExecutor): Promise<CompileContext> {
  return {
    model: await dialect.introspect(executor, { exclude: [] }),
    offline: false,
    dependents: (await dialect.readDependents?.(executor)) ?? null,
  };
}
