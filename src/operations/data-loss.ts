import type { ColumnType } from '../schema/model.js';
import { tableLabel } from './apply-table.js';
import type { Operation } from './operation.js';
import { renderType } from './render-column.js';

/**
 * Which operations destroy stored values, and the comment a rendered revision
 * puts above them. The set is deliberately small: a warning on every line is
 * read by nobody.
 *
 * - dropTable, dropColumn: the rows/values are gone; a later re-create brings
 *   back the definition only.
 * - alterColumn narrowing the type (shorter varchar, smaller integer, fewer
 *   enum values, …): values are truncated or rejected, depending on the server.
 * - alterEnum removing values: rows holding them make it fail (PostgreSQL) —
 *   marked so the author decides what those rows become.
 *
 * Not marked: dropping indexes or constraints (no values lost), renames,
 * nullability and default changes (a NOT NULL on NULLs fails rather than loses).
 *
 * @example dataLossWarning(dropColumnOp) // 'data loss: dropping column con_user.email discards its values'
 */
export function dataLossWarning(op: Operation): string | null {
  switch (op.kind) {
    case 'dropTable':
      return `data loss: dropping table ${tableLabel(op)} discards its rows`;
    case 'dropColumn':
      return `data loss: dropping column ${tableLabel(op)}.${op.column} discards its values`;
    case 'alterColumn': {
      if (op.type === undefined || op.type.from === undefined || !isNarrowing(op.type.from, op.type.to)) return null;
      const name = `${tableLabel(op)}.${op.column}`;
      return `data loss: changing ${name} from ${typeLabel(op.type.from)} to ${typeLabel(op.type.to)} may truncate or reject its values`;
    }
    case 'alterEnum': {
      const removed = (op.removeValues ?? []).filter((v) => !op.addValues.includes(v));
      if (removed.length === 0) return null;
      const values = removed.map((v) => `'${v}'`).join(', ');
      return `data loss: removing ${values} from enum ${op.schema === null ? '' : `${op.schema}.`}${op.name} fails while rows hold them`;
    }
    default:
      return null;
  }
}

/**
 * The comment above an operation of a downgrade that re-creates what the
 * upgrade dropped: the definition comes back, the values do not.
 */
export function notRestoredWarning(op: Operation): string | null {
  if (op.kind === 'createTable') {
    return `data loss: table ${tableLabel({ schema: op.table.schema, table: op.table.name })} comes back empty; upgrade discarded its rows`;
  }
  if (op.kind === 'addColumn') {
    return `data loss: column ${tableLabel(op)}.${op.column.name} comes back empty; upgrade discarded its values`;
  }
  return null;
}

function typeLabel(type: ColumnType): string {
  return renderType(type, new Set()).replace(/\(\)$/, '');
}

const INTEGER_DIGITS: Readonly<Record<string, number>> = { smallint: 5, integer: 10, bigint: 19 };
const INTEGER_RANK: Readonly<Record<string, number>> = { smallint: 1, integer: 2, bigint: 3 };

/** Every value of `from` fits `to` unchanged (or with the same meaning). */
function isWidening(from: ColumnType, to: ColumnType): boolean {
  if (to.kind === 'text') return from.kind !== 'binary' && from.kind !== 'raw';
  const fromInt = INTEGER_RANK[from.kind];
  const toInt = INTEGER_RANK[to.kind];
  if (fromInt !== undefined && toInt !== undefined) return toInt >= fromInt;
  if (fromInt !== undefined && to.kind === 'numeric') {
    return to.precision === null || to.precision - (to.scale ?? 0) >= (INTEGER_DIGITS[from.kind] ?? Infinity);
  }
  if (fromInt !== undefined && to.kind === 'double') return from.kind !== 'bigint';
  if (from.kind === 'real' && to.kind === 'double') return true;
  return sameFamilyWidening(from, to);
}

/** A length/precision that only grows, or a zone added, or values only added. */
function sameFamilyWidening(from: ColumnType, to: ColumnType): boolean {
  const fits = (old: number | null, next: number | null) => next === null || (old !== null && next >= old);
  if ((from.kind === 'varchar' || from.kind === 'char') && (to.kind === 'varchar' || to.kind === 'char')) {
    return fits(from.length, to.length);
  }
  if (from.kind === 'uuid' && (to.kind === 'varchar' || to.kind === 'char')) return fits(36, to.length);
  if (from.kind === 'numeric' && to.kind === 'numeric') {
    if (to.precision === null) return true;
    if (from.precision === null) return false;
    const scaleFits = (to.scale ?? 0) >= (from.scale ?? 0);
    return scaleFits && to.precision - (to.scale ?? 0) >= from.precision - (from.scale ?? 0);
  }
  if (from.kind === 'date' && to.kind === 'timestamp') return true;
  if (from.kind === 'timestamp' && to.kind === 'timestamp') return to.withTimezone || !from.withTimezone;
  if (from.kind === 'enum' && to.kind === 'enum') return from.values.every((v) => to.values.includes(v));
  if (from.kind === 'enum' && (to.kind === 'varchar' || to.kind === 'char')) {
    return fits(Math.max(0, ...from.values.map((v) => v.length)), to.length);
  }
  return from.kind === to.kind && from.kind !== 'raw';
}

/**
 * True when changing a column from `from` to `to` may lose or reject values.
 * Unknown (raw) types are assumed to narrow unless unchanged.
 *
 * @example isNarrowing({ kind: 'varchar', length: 60 }, { kind: 'varchar', length: 30 }) // true
 */
export function isNarrowing(from: ColumnType, to: ColumnType): boolean {
  if (from.kind === 'raw' && to.kind === 'raw') return from.sql !== to.sql;
  return !isWidening(from, to);
}
