import type { QueryExecutor } from '../dialects/dialect.js';
import type { Operation, TableRef } from '../operations/operation.js';
import { qualifiedName } from '../schema/model.js';

/** What a generated operation needs from rows already in the database, and how to count the rows in the way. */
interface RowCheck {
  readonly ref: TableRef;
  readonly column: string;
  /** Rows in the way: all of them (a NOT NULL column added without a default), or those holding NULL. */
  readonly where: 'all' | 'null';
}

const HINT = 'add a default, or a data step in the revision (fill the column with op.execute(UPDATE …)) before it';

/**
 * The warnings `migrate` prints about rows that would make the new revision
 * fail at upgrade: a NOT NULL column without a default added to a table that
 * has rows, and a column made NOT NULL while it holds NULLs. One COUNT query
 * per such change; none when there is no such change.
 *
 * @example await dataWarnings(connection, ops, (name) => `"${name}"`)
 *   // ['table post has 3 row(s): column author_id is added NOT NULL without a default; add a default, or …']
 */
export async function dataWarnings(
  executor: QueryExecutor,
  operations: readonly Operation[],
  quote: (name: string) => string,
): Promise<string[]> {
  const warnings: string[] = [];
  for (const check of rowChecks(operations)) {
    const table = `${check.ref.schema === null ? '' : `${quote(check.ref.schema)}.`}${quote(check.ref.table)}`;
    const where = check.where === 'null' ? ` WHERE ${quote(check.column)} IS NULL` : '';
    const rows = await executor.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${table}${where}`);
    const count = Number(rows[0]?.n ?? 0);
    if (count === 0) continue;
    const name = qualifiedName({ schema: check.ref.schema, name: check.ref.table });
    warnings.push(
      check.where === 'all'
        ? `table ${name} has ${count} row(s): column ${check.column} is added NOT NULL without a default, so the upgrade fails (or, on MySQL, fills an implicit value); ${HINT}`
        : `column ${name}.${check.column} holds NULL in ${count} row(s): making it NOT NULL fails at upgrade; ${HINT}`,
    );
  }
  return warnings;
}

function rowChecks(operations: readonly Operation[]): RowCheck[] {
  return operations.flatMap((op): RowCheck[] => {
    if (op.kind === 'addColumn') {
      const { column } = op;
      const needsValue = !column.nullable && column.default === null && !column.autoIncrement;
      return needsValue ? [{ ref: { schema: op.schema, table: op.table }, column: column.name, where: 'all' }] : [];
    }
    if (op.kind === 'alterColumn' && op.nullable?.to === false && op.nullable.from !== false) {
      return [{ ref: { schema: op.schema, table: op.table }, column: op.column, where: 'null' }];
    }
    return [];
  });
}
