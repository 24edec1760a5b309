import type { TableRef } from '../operations/operation.js';
import type { Column, Table } from '../schema/model.js';

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

/** The tables (of one schema) only the database has, and those only the models have. */
export interface TableRenameCandidates {
  readonly schema: string | null;
  readonly removed: readonly Table[];
  readonly added: readonly Table[];
}

/** One table renamed from `from` (database) to `to` (models), within its schema. */
export interface TableRename {
  readonly from: string;
  readonly to: string;
}

/**
 * Decides which dropped+added column (and table) pairs are renames (after
 * drizzle-kit's injected resolvers): the differ never guesses, a CLI prompt,
 * `--rename` or a test can. Each returned `from` must be one of `removed`,
 * each `to` one of `added`, each used once.
 */
export interface RenameResolver {
  resolveColumns(candidates: ColumnRenameCandidates): readonly ColumnRename[];
  /** Absent: no table is renamed. */
  resolveTables?(candidates: TableRenameCandidates): readonly TableRename[];
}

/**
 * The default: no renames. A column whose name changed becomes dropColumn +
 * addColumn (data-losing, and marked so in the rendered revision), which a
 * person then edits into `op.alterColumn(t, old, { name: new })`.
 */
export const noRenames: RenameResolver = Object.freeze({
  resolveColumns: (): readonly ColumnRename[] => [],
  resolveTables: (): readonly TableRename[] => [],
});

/** Renames decided beforehand (`kiln migrate --rename`, answers to the prompt), by qualified table name. */
export interface DecidedRenames {
  /** Old qualified table name → new table name (same schema). */
  readonly tables: ReadonlyMap<string, string>;
  /** New qualified table name → the column renames in it. */
  readonly columns: ReadonlyMap<string, readonly ColumnRename[]>;
}

const qualified = (schema: string | null, name: string) => (schema === null ? name : `${schema}.${name}`);

/**
 * A resolver answering from decisions already taken (the differ's calls are
 * synchronous; asking a person is not, so the commands ask first).
 *
 * @example decidedRenames({ tables: new Map([['mail', 'email']]), columns: new Map() })
 */
export function decidedRenames(decided: DecidedRenames): RenameResolver {
  return Object.freeze({
    resolveColumns: ({ table }: ColumnRenameCandidates) =>
      decided.columns.get(qualified(table.schema, table.table)) ?? [],
    resolveTables: ({ schema, removed }: TableRenameCandidates) =>
      removed.flatMap((t) => {
        const to = decided.tables.get(qualified(schema, t.name));
        return to === undefined ? [] : [{ from: t.name, to }];
      }),
  });
}
