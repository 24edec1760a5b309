import { OperationError } from '../../errors.js';
import type { Table } from '../../schema/model.js';
import type { DependentObject, QueryExecutor } from '../dialect.js';
import { mentionsIdentifier } from './sqlite-sql-text.js';
import { sqlComment } from '../../util/escape.js';

/**
 * The schema objects a SQLite table rebuild must look after, besides the
 * indexes the model holds (steps 8 and 10 of
 * https://www.sqlite.org/lang_altertable.html#otheralter):
 *
 * - Triggers on the table: DROP TABLE drops them, so their SQL (kept verbatim
 *   in `sqlite_master`, read with the schema: `CompileContext.dependents`)
 *   is run again after it.
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

/** Every trigger and view, as `sqlite_master` holds them, in one query. */
export async function readSqliteDependents(executor: QueryExecutor): Promise<DependentObject[]> {
  const rows = await executor.query<{ type: 'trigger' | 'view'; name: string; tbl_name: string; sql: string }>(
    "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('trigger', 'view') ORDER BY type, name",
  );
  return rows.map((row) => ({
    type: row.type,
    name: row.name,
    table: row.type === 'trigger' ? row.tbl_name : null,
    sql: row.sql,
  }));
}

/**
 * The statements that re-create the triggers after the rebuild of `current`
 * into `target` (run after the rename and the indexes). Throws an
 * OperationError naming the trigger or view that uses a column `target`
 * no longer has.
 */
export function dependentStatements(
  all: readonly DependentObject[] | null,
  current: Table,
  target: Table,
  quote: (name: string) => string,
): string[] {
  if (all === null) {
    // A table name may hold a line break: the comment goes through the one SQL-comment escaper.
    return [
      sqlComment(
        `kiln: --sql cannot read the triggers on ${quote(current.name)}: this rebuild drops them; re-create any it had`,
      ),
    ];
  }
  // Table names are case-insensitive in SQLite.
  const onTable = (object: DependentObject) => object.table?.toLowerCase() === current.name.toLowerCase();
  const dependents = all.filter((object) => onTable(object) || mentionsIdentifier(object.sql, current.name));
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
  return dependents.filter(onTable).map((trigger) => trigger.sql);
}
