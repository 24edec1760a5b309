import { OperationError } from '../errors.js';
import type { AlterEnumOp } from '../operations/operation.js';
import type { Column, SchemaModel, Table } from '../schema/model.js';

/** A column of an enum, with its table. */
export interface EnumColumn {
  readonly table: Table;
  readonly column: Column;
}

/** The columns an inline-enum database rewrites for an alterEnum, and each one's new type. */
export interface EnumRewrite {
  /** The value list after the change. */
  readonly values: readonly string[];
  /** The columns whose list differs from it (those already at it are left alone). */
  readonly columns: readonly EnumColumn[];
}

/**
 * Where enums are inline column types (SQLite, MySQL), `alterEnum` is a
 * rewrite of every column of the enum: this finds them in `model` and the
 * list they change to. A column belongs to the enum by its name where the
 * database keeps it (SQLite's named CHECK, or a column the run created);
 * with `byValues` (MySQL, which keeps none), also by holding exactly the
 * list the enum had before the change. The list before is `op.existing`,
 * else the model's enum, else that of a column of it.
 *
 * @throws OperationError when the enum is unknown here: no column of that
 *   name and no list to go by (with `hint` saying what to write instead).
 */
export function enumRewrite(model: SchemaModel, op: AlterEnumOp, byValues: boolean, hint: string): EnumRewrite {
  const all: EnumColumn[] = model.tables.flatMap((table) => table.columns.map((column) => ({ table, column })));
  const named = all.filter(({ column }) => column.type.kind === 'enum' && column.type.name === op.name);
  const before =
    op.existing?.values ??
    model.enums.find((e) => e.name === op.name && e.schema === op.schema)?.values ??
    (named[0]?.column.type.kind === 'enum' ? named[0].column.type.values : null);
  if (before === null) {
    throw new OperationError(
      'operation.enum-unknown',
      `cannot alter enum '${op.name}': no column of it is known here, and its values before the change are not given`,
      { hint, data: { enum: op.name } },
    );
  }
  const removed = op.removeValues ?? [];
  const values = [...before.filter((v) => !removed.includes(v)), ...op.addValues];
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);
  const columns = all.filter(({ column }) => {
    if (column.type.kind !== 'enum') return false;
    const member = column.type.name === op.name || (byValues && same(column.type.values, before));
    return member && !same(column.type.values, values);
  });
  return { values, columns };
}
