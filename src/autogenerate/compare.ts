import type { Operation } from '../operations/operation.js';
import type { SchemaModel } from '../schema/model.js';
import type { LiveNamespace } from '../dialects/dialect.js';
import { compareEnums } from './compare-enums.js';
import { compareNamespaces } from './compare-namespaces.js';
import { followDatabaseDefaults } from './database-defaults.js';
import { compareTables } from './compare-tables.js';
import { ChangeSet } from './order.js';
import { noRenames, type RenameResolver } from './rename-resolver.js';

/** Options of `compareSchemas`. */
export interface CompareOptions {
  /** Decides which dropped+added columns are renames. Default `noRenames`: never guesses. */
  readonly renameResolver?: RenameResolver;
  /**
   * The database's schemas (PostgreSQL), so that the ones the models name
   * are created and the ones kiln created that they no longer name are
   * dropped (`compareNamespaces`). Absent: schemas are not compared.
   */
  readonly namespaces?: readonly LiveNamespace[];
}

/**
 * The operations that turn the database's schema (`from`) into the models'
 * (`to`), both normalised by the dialect first. One comparator per object
 * kind (enums, tables, columns, indexes, constraints), after Alembic's
 * `autogenerate/compare/`; the result is in a dependency-safe order
 * (`order.ts`) and every `existing` field is filled, so
 * `reverseOperations(ops)` is the downgrade and
 * `applyOperations(from, ops)` equals `to` (column order aside).
 *
 * @example
 * const upgrade = compareSchemas(dialect.normalize(live), dialect.normalize(models));
 * const downgrade = reverseOperations(upgrade);
 */
export function compareSchemas(from: SchemaModel, to: SchemaModel, options: CompareOptions = {}): Operation[] {
  const changes = new ChangeSet();
  const target = followDatabaseDefaults(from, to);
  if (options.namespaces !== undefined) compareNamespaces(options.namespaces, target, changes);
  compareEnums(from, target, changes);
  compareTables(from, target, changes, options.renameResolver ?? noRenames);
  return changes.toOperations();
}
