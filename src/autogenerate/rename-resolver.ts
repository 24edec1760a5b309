import type { TableRef } from '../operations/operation.js';
import type { Column } from '../schema/model.js';

/** The columns of one table that only the database has, and those only the models have. */
export interface ColumnRenameCandidates {
  readonly table: TableRef;
  /** In the database, not in the models. */
  readonly removed: readonly Column[];
  /** In the models, not in the database. */
  readonly added: readonly Column[];
}

/** One column the resolver says was renamed from `from` (database) to `to` (models). */
export interface ColumnRename {
  readonly from: string;
  readonly to: string;
}

/**
 * Decides which dropped+added column pairs are renames (after drizzle-kit's
 * injected resolvers): the differ never guesses, a CLI prompt or a test can.
 * Each returned `from` must be one of `removed`, each `to` one of `added`,
 * each used once.
 */
export interface RenameResolver {
  resolveColumns(candidates: ColumnRenameCandidates): readonly ColumnRename[];
}

/**
 * The default: no renames. A column whose name changed becomes dropColumn +
 * addColumn (data-losing, and marked so in the rendered revision), which a
 * person then edits into `op.alterColumn(t, old, { name: new })`.
 */
export const noRenames: RenameResolver = Object.freeze({
  resolveColumns: (): readonly ColumnRename[] => [],
});
