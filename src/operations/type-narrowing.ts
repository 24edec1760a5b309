import type { ColumnType } from '../schema/model.js';

// Which type changes keep every value: the data-loss comment and `kiln lint`'s type-narrowing rule ask here.

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
