import type { AlterEnumOp } from '../operations/operation.js';
import { type EnumType, qualifiedName, type SchemaModel } from '../schema/model.js';
import type { ChangeSet } from './order.js';

/**
 * The alterEnum that turns `from`'s value list into `to`'s: values after the
 * longest common prefix are removed and the new ones appended. For the usual
 * change (values appended) nothing is removed, which PostgreSQL does in place
 * (`ALTER TYPE … ADD VALUE`). Any other change (a value removed, renamed or
 * moved) is spelled the same way, not as drop+create of the type: the type
 * keeps its columns, and the rendered revision marks the removal as data loss
 * so its author decides what rows holding those values become. Cutting at the
 * common prefix makes the reverse exact: it removes what was appended and
 * appends what was removed, giving back the original order.
 */
export function enumChange(from: EnumType, to: EnumType): AlterEnumOp | null {
  let prefix = 0;
  while (prefix < from.values.length && from.values[prefix] === to.values[prefix]) prefix++;
  if (prefix === from.values.length && prefix === to.values.length) return null;
  const removeValues = from.values.slice(prefix);
  const op: AlterEnumOp = {
    kind: 'alterEnum',
    schema: from.schema,
    name: from.name,
    addValues: to.values.slice(prefix),
    existing: from,
  };
  return removeValues.length === 0 ? op : { ...op, removeValues };
}

/**
 * Enum types by qualified name: created first, altered with them, dropped
 * last (after every column using them). Columns whose enum values change get
 * their own alterColumn from the column comparator, which is what databases
 * with inline enums (MySQL) act on; each dialect makes the other a no-op.
 */
export function compareEnums(from: SchemaModel, to: SchemaModel, changes: ChangeSet): void {
  const byName = (a: EnumType, b: EnumType) => (qualifiedName(a) < qualifiedName(b) ? -1 : 1);
  const fromByName = new Map(from.enums.map((e) => [qualifiedName(e), e]));
  const toByName = new Map(to.enums.map((e) => [qualifiedName(e), e]));
  for (const target of [...to.enums].sort(byName)) {
    const existing = fromByName.get(qualifiedName(target));
    if (existing === undefined) {
      changes.add('createEnum', { kind: 'createEnum', enum: target });
      continue;
    }
    const op = enumChange(existing, target);
    if (op !== null) changes.add('createEnum', op);
  }
  for (const existing of [...from.enums].sort(byName)) {
    if (!toByName.has(qualifiedName(existing))) {
      changes.add('dropEnum', { kind: 'dropEnum', schema: existing.schema, name: existing.name, existing });
    }
  }
}
