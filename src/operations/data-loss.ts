import { tableLabel } from './apply-table.js';
import { DATA_LOSS_CODES, ruleHits } from './lint-rules.js';
import type { Operation } from './operation.js';

export { isNarrowing } from './type-narrowing.js';

/**
 * The comment a rendered revision puts above an operation that destroys
 * stored values: the message of its data-loss lint finding (`lint-rules.ts`
 * holds the one rule set; `kiln lint` reports the same ones with row counts).
 * The set is deliberately small: a warning on every line is read by nobody.
 *
 * @example dataLossWarning(dropColumnOp) // 'data loss: dropping column con_user.email discards its values'
 */
export function dataLossWarning(op: Operation): string | null {
  for (const hit of ruleHits(op, null)) {
    if (!DATA_LOSS_CODES.has(hit.code)) continue;
    const finding = hit.describe(null);
    if (finding !== null) return `data loss: ${finding.message}`;
  }
  return null;
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
