import type { LiveNamespace } from '../dialects/dialect.js';
import type { SchemaModel } from '../schema/model.js';
import type { ChangeSet } from './order.js';

/** The schemas the models name (tables and enum types), sorted. */
export function namedSchemas(model: SchemaModel): string[] {
  const named = [...model.tables, ...model.enums].map((item) => item.schema);
  return [...new Set(named.filter((schema): schema is string => schema !== null))].sort();
}

/**
 * PostgreSQL schemas: one the models name that does not exist is created
 * (first of all); one kiln created that the models no longer name is
 * dropped (last of all, after its tables), which the database does only
 * while it is empty. A schema kiln did not create is never dropped.
 */
export function compareNamespaces(live: readonly LiveNamespace[], to: SchemaModel, changes: ChangeSet): void {
  const named = namedSchemas(to);
  const existing = new Set(live.map((namespace) => namespace.name));
  for (const name of named) {
    if (!existing.has(name)) changes.add('createSchema', { kind: 'createSchema', name });
  }
  for (const namespace of live) {
    if (namespace.createdByKiln && !named.includes(namespace.name)) {
      changes.add('dropSchema', { kind: 'dropSchema', name: namespace.name });
    }
  }
}
