import type { TableOperation } from '../../operations/apply.js';
import type { DialectLintFacts } from '../../operations/lint-rules.js';
import type { ColumnType, Table } from '../../schema/model.js';

/**
 * Type changes PostgreSQL makes without touching the rows (binary-coercible,
 * see the ALTER TABLE notes): a longer or unbounded varchar, varchar to
 * text, a numeric with more precision and the same scale. Every other type
 * change rewrites the table under an ACCESS EXCLUSIVE lock.
 */
function keepsRows(from: ColumnType, to: ColumnType): boolean {
  if (from.kind === 'varchar' && to.kind === 'text') return true;
  if (from.kind === 'varchar' && to.kind === 'varchar') {
    return to.length === null || (from.length !== null && to.length >= from.length);
  }
  if (from.kind === 'numeric' && to.kind === 'numeric') {
    if (to.precision === null) return true;
    return from.precision !== null && to.precision >= from.precision && to.scale === from.scale;
  }
  return JSON.stringify(from) === JSON.stringify(to);
}

/**
 * `kiln lint` on PostgreSQL: ALTER COLUMN TYPE rewrites unless binary
 * coercible; a STORED generated column added computes every row; CREATE
 * INDEX without CONCURRENTLY blocks writes for the whole build.
 */
export const POSTGRES_LINT: DialectLintFacts = Object.freeze({
  concurrentIndexes: true,
  rewrites(op: TableOperation, table: Table): boolean {
    if (op.kind === 'addColumn') return op.column.generated?.stored === true;
    if (op.kind !== 'alterColumn' || op.type === undefined) return false;
    const from = op.type.from ?? table.columns.find((c) => c.name === op.column)?.type;
    return from === undefined || !keepsRows(from, op.type.to);
  },
});
