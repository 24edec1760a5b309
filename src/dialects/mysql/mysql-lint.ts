import type { TableOperation } from '../../operations/apply.js';
import type { DialectLintFacts } from '../../operations/lint-rules.js';
import type { ColumnType, Table } from '../../schema/model.js';

/**
 * Characters of a utf8mb4 VARCHAR that fit a one-byte length prefix: MySQL
 * lengthens a VARCHAR in place only while the prefix keeps its size.
 */
const ONE_BYTE_PREFIX_CHARS = 63;

/** In place (INPLACE/INSTANT): a varchar lengthened within its length-prefix size, enum values appended. */
function inPlace(from: ColumnType, to: ColumnType): boolean {
  if (from.kind === 'varchar' && to.kind === 'varchar' && from.length !== null && to.length !== null) {
    const small = (n: number) => n <= ONE_BYTE_PREFIX_CHARS;
    return to.length >= from.length && small(from.length) === small(to.length);
  }
  if (from.kind === 'enum' && to.kind === 'enum') return from.values.every((v, i) => to.values[i] === v);
  return JSON.stringify(from) === JSON.stringify(to);
}

/**
 * `kiln lint` on MySQL/MariaDB: a column type change runs as
 * ALGORITHM=COPY (every row copied while writes wait) unless it only
 * lengthens a VARCHAR or appends enum values; a change of nullability or of
 * the primary key rebuilds the table. No concurrent index build is needed:
 * InnoDB builds secondary indexes in place without blocking writes.
 */
export const MYSQL_LINT: DialectLintFacts = Object.freeze({
  concurrentIndexes: false,
  rewrites(op: TableOperation, table: Table): boolean {
    if (op.kind === 'createPrimaryKey') return true;
    if (op.kind === 'addColumn') return op.column.generated?.stored === true;
    if (op.kind !== 'alterColumn') return false;
    if (op.nullable !== undefined && op.nullable.from !== op.nullable.to) return true;
    if (op.type === undefined) return false;
    const from = op.type.from ?? table.columns.find((c) => c.name === op.column)?.type;
    return from === undefined || !inPlace(from, op.type.to);
  },
});
