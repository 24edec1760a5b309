import { OperationError } from '../../errors.js';
import type { Table } from '../../schema/model.js';
import type { CompileContext } from '../dialect.js';
import { mentionsIdentifier } from './sqlite-sql-text.js';
import { sqlComment } from '../../util/escape.js';

/**
 * The schema objects a SQLite table rebuild must look after, besides the
 * indexes the model holds (steps 8 and 10 of
 * https://www.sqlite.org/lang_altertable.html#otheralter):
 *
 * - Triggers on the table: DROP TABLE drops them, so their SQL (kept verbatim
 *   in `sqlite_master`) is read before the rebuild and run again after it.
 *   SQLite does not check a trigger's columns when it is created, only when it
 *   fires, so a trigger that uses a column the rebuild drops is refused here,
 *   by name, instead of breaking the next INSERT.
 * - Views, and triggers on other tables, that name the table survive (they
 *   are resolved when used, and the new table takes the old name), unless
 *   they use a dropped column: refused the same way.
 *
 * Offline (`--sql`) nothing can be read: the script says, in a comment where
 * the rebuild is, that triggers on the table are not re-created.
 */

/** A trigger or view on or naming the rebuilt table, as `sqlite_master` holds it. */
export interface DependentObject {
  readonly type: 'trigger' | 'view';
  readonly name: string;
  readonly sql: string;
  /** A trigger on the rebuilt table itself: dropped with it, so re-created. */
  readonly onTable: boolean;
}

/** The triggers on `table` and the triggers and views that name it; null when unknown (offline). */
export async function readDependents(context: CompileContext, table: string): Promise<DependentObject[] | null> {
  if (context.catalog === undefined) return null;
  const rows = await context.catalog.query<{ type: 'trigger' | 'view'; name: string; tbl_name: string; sql: string }>(
    "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('trigger', 'view') ORDER BY type, name",
  );
  // Table names are case-insensitive in SQLite.
  const same = (name: string) => name.toLowerCase() === table.toLowerCase();
  return rows
    .map((row) => ({
      type: row.type,
      name: row.name,
      sql: row.sql,
      onTable: row.type === 'trigger' && same(row.tbl_name),
    }))
    .filter((row) => row.onTable || mentionsIdentifier(row.sql, table));
}

/**
 * The statements that re-create the triggers after the rebuild of `current`
 * into `target` (run after the rename and the indexes). Throws an
 * OperationError naming the trigger or view that uses a column `target`
 * no longer has.
 */
export function dependentStatements(
  dependents: readonly DependentObject[] | null,
  current: Table,
  target: Table,
  quote: (name: string) => string,
): string[] {
  if (dependents === null) {
    // A table name may hold a line break: the comment goes through the one SQL-comment escaper.
    return [
      sqlComment(
        `kiln: --sql cannot read the triggers on ${quote(current.name)}: this rebuild drops them; re-create any it had`,
      ),
    ];
  }
  const kept = new Set(target.columns.map((c) => c.name.toLowerCase()));
  const dropped = current.columns.map((c) => c.name).filter((name) => !kept.has(name.toLowerCase()));
  for (const object of dependents) {
    const column = dropped.find((name) => mentionsIdentifier(object.sql, name));
    if (column === undefined) continue;
    throw new OperationError(
      'operation.rebuild-breaks-dependent',
      `cannot rebuild table '${current.name}': ${object.type} '${object.name}' uses column '${column}', which the rebuild drops`,
      {
        hint: `drop or rewrite the ${object.type} earlier in the revision (op.execute('DROP ${object.type.toUpperCase()} ${quote(object.name)}'), then CREATE it again without the column)`,
        data: { table: current.name, [object.type]: object.name, column },
      },
    );
  }
  return dependents.filter((object) => object.onTable).map((trigger) => trigger.sql);
}
