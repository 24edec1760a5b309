import {
  type Column,
  type EnumType,
  findTable,
  type ForeignKey,
  qualifiedName,
  type SchemaModel,
  type Table,
  namedEnumOf,
} from '../schema/model.js';
import { duplicatesPrimaryKey } from '../schema/primary-key-duplicates.js';
import {
  applyToTable,
  cannotApply,
  LISTED_ONLY,
  referencesTable,
  type SimulationRules,
  type TableOperation,
  tableLabel,
} from './apply-table.js';
import {
  type AlterColumnOp,
  type AlterEnumOp,
  type AlterTableOp,
  type CreateTableOp,
  dispatchOperation,
  type Operation,
  type OperationHandlers,
  type TableRef,
} from './operation.js';

export {
  alteredColumn,
  applyToTable,
  LISTED_ONLY,
  type SimulationRules,
  type TableOperation,
} from './apply-table.js';

/**
 * Simulates operations on the neutral model without a database: what offline
 * `--sql` tracks between statements and what a SQLite table rebuild starts
 * from. Pure; `execute` and `bulkInsert` leave the model as it is (kiln does
 * not parse SQL), though `bulkInsert` still needs its table.
 *
 * @example
 * const after = applyOperations(EMPTY_SCHEMA, [{ kind: 'createTable', table: users }]);
 * @throws OperationError naming the table/column when an operation cannot apply
 *   (no such table, column already there, a dropped table still referenced, …).
 */
export function applyOperations(
  model: SchemaModel,
  ops: readonly Operation[],
  rules: SimulationRules = LISTED_ONLY,
): SchemaModel {
  return ops.reduce<SchemaModel>((current, op) => applyOperation(current, op, rules), model);
}

/** Simulates one operation; see `applyOperations`. `rules`: the dialect's, where databases differ. */
export function applyOperation(model: SchemaModel, op: Operation, rules: SimulationRules = LISTED_ONLY): SchemaModel {
  return dispatchOperation(op, handlersFor(model, rules));
}

function handlersFor(model: SchemaModel, rules: SimulationRules): OperationHandlers<SchemaModel> {
  const onTable = (op: TableOperation): SchemaModel =>
    replaceTable(model, op, applyToTable(requireTable(model, op), op, rules));
  return {
    createTable: (op) => createTable(model, op),
    dropTable: (op) => dropTable(model, op),
    renameTable: (op) => renameTable(model, op, op.newName),
    alterTable: (op) => replaceTable(model, op, alteredTable(requireTable(model, op), op)),
    addColumn: onTable,
    dropColumn: (op) => {
      requireUnreferenced(model, op, op.column);
      return onTable(op);
    },
    alterColumn: (op) => renameReferencedColumn(onTable(op), op),
    createIndex: onTable,
    dropIndex: onTable,
    createUniqueConstraint: onTable,
    createForeignKey: (op) => {
      requireTarget(model, op, op.foreignKey);
      return onTable(op);
    },
    createCheckConstraint: onTable,
    createPrimaryKey: onTable,
    dropConstraint: onTable,
    createEnum: (op) => {
      if (findEnum(model, op.enum) !== undefined) {
        cannotApply('create enum', `enum ${qualifiedName(op.enum)} already exists`, { enum: op.enum.name });
      }
      return { ...model, enums: sortedInsert(model.enums, op.enum) };
    },
    alterEnum: (op) => alterEnum(model, op),
    dropEnum: (op) => {
      requireEnum(model, op, 'drop enum');
      return { ...model, enums: model.enums.filter((e) => !sameName(e, op)) };
    },
    // Schemas are not in the model: a table names its own.
    createSchema: () => model,
    dropSchema: () => model,
    execute: () => model,
    bulkInsert: (op) => {
      requireTable(model, op);
      return model;
    },
  };
}

/** An inline enum (`a` null) is the same as no named one. */
function sameName(
  a: { schema: string | null; name: string } | null,
  b: { schema: string | null; name: string },
): boolean {
  return a !== null && a.schema === b.schema && a.name === b.name;
}

/** Keeps the model's lists in qualified-name order, as the model builder and introspectors produce them. */
function sortedInsert<T extends { schema: string | null; name: string }>(items: readonly T[], item: T): T[] {
  const key = qualifiedName(item);
  const at = items.findIndex((existing) => qualifiedName(existing) > key);
  return at === -1 ? [...items, item] : [...items.slice(0, at), item, ...items.slice(at)];
}

function requireTable(model: SchemaModel, ref: TableRef): Table {
  const table = findTable(model, ref.table, ref.schema);
  if (table === undefined) {
    return cannotApply('change table', `no table ${tableLabel(ref)}`, { table: ref.table, schema: ref.schema });
  }
  return table;
}

function replaceTable(model: SchemaModel, ref: TableRef, table: Table): SchemaModel {
  return {
    ...model,
    tables: model.tables.map((t) => (t.name === ref.table && t.schema === ref.schema ? table : t)),
  };
}

function findEnum(model: SchemaModel, ref: { schema: string | null; name: string }): EnumType | undefined {
  return model.enums.find((e) => sameName(e, ref));
}

function requireEnum(model: SchemaModel, ref: { schema: string | null; name: string }, what: string): EnumType {
  const found = findEnum(model, ref);
  if (found === undefined) return cannotApply(what, `no enum ${qualifiedName(ref)}`, { enum: ref.name });
  return found;
}

/** The referenced table and columns must exist (self-references are checked against `self`). */
function requireTarget(model: SchemaModel, owner: TableRef, fk: ForeignKey, self?: Table): void {
  const target: TableRef = { schema: fk.referencedSchema, table: fk.referencedTable };
  const isSelf = self !== undefined && referencesTable(fk, owner);
  const table = isSelf ? self : findTable(model, target.table, target.schema);
  const what = `create foreign key ${fk.name} on ${tableLabel(owner)}`;
  if (table === undefined) cannotApply(what, `no table ${tableLabel(target)}`, { table: target.table, name: fk.name });
  const missing = fk.referencedColumns.filter((name) => !table.columns.some((c) => c.name === name));
  if (missing.length > 0) {
    cannotApply(what, `no column ${missing.map((m) => `${tableLabel(target)}.${m}`).join(', ')}`, {
      table: target.table,
      columns: missing,
    });
  }
}

/** Foreign keys of other tables (and of this one, from other columns) that point at `ref.column`. */
function referencingKeys(model: SchemaModel, ref: TableRef, column: string | null): string[] {
  const found: string[] = [];
  for (const table of model.tables) {
    for (const fk of table.foreignKeys) {
      if (!referencesTable(fk, ref)) continue;
      const fromSelf = table.name === ref.table && table.schema === ref.schema;
      if (column === null ? !fromSelf : fk.referencedColumns.includes(column) && !fk.columns.includes(column)) {
        found.push(`${qualifiedName(table)}.${fk.name}`);
      }
    }
  }
  return found;
}

function requireUnreferenced(model: SchemaModel, ref: TableRef, column: string | null): void {
  const keys = referencingKeys(model, ref, column);
  if (keys.length === 0) return;
  const subject = column === null ? `table ${tableLabel(ref)}` : `column ${tableLabel(ref)}.${column}`;
  cannotApply(`drop ${subject}`, `still referenced by foreign key ${keys.join(', ')}`, {
    table: ref.table,
    column,
    foreignKeys: keys,
  });
}

function createTable(model: SchemaModel, op: CreateTableOp): SchemaModel {
  const ref: TableRef = { schema: op.table.schema, table: op.table.name };
  if (findTable(model, ref.table, ref.schema) !== undefined) {
    cannotApply('create table', `table ${tableLabel(ref)} already exists`, { table: ref.table, schema: ref.schema });
  }
  for (const fk of op.table.foreignKeys) requireTarget(model, ref, fk, op.table);
  // CREATE TABLE leaves out a unique constraint repeating the primary key, on every database.
  const uniques = op.table.uniques.filter((u) => !duplicatesPrimaryKey(u, op.table.primaryKey));
  const table = uniques.length === op.table.uniques.length ? op.table : { ...op.table, uniques };
  return { ...model, tables: sortedInsert(model.tables, table) };
}

function dropTable(model: SchemaModel, ref: TableRef): SchemaModel {
  requireTable(model, ref);
  requireUnreferenced(model, ref, null);
  return { ...model, tables: model.tables.filter((t) => !(t.name === ref.table && t.schema === ref.schema)) };
}

function renameTable(model: SchemaModel, ref: TableRef, newName: string): SchemaModel {
  const table = requireTable(model, ref);
  if (findTable(model, newName, ref.schema) !== undefined) {
    cannotApply(
      `rename table ${tableLabel(ref)}`,
      `table ${qualifiedName({ schema: ref.schema, name: newName })} already exists`,
      {
        table: ref.table,
        newName,
      },
    );
  }
  const repoint = (fk: ForeignKey): ForeignKey => (referencesTable(fk, ref) ? { ...fk, referencedTable: newName } : fk);
  const tables = model.tables
    .filter((t) => t !== table)
    .map((t) =>
      t.foreignKeys.some((fk) => referencesTable(fk, ref)) ? { ...t, foreignKeys: t.foreignKeys.map(repoint) } : t,
    );
  const renamed: Table = { ...table, name: newName, foreignKeys: table.foreignKeys.map(repoint) };
  return { ...model, tables: sortedInsert(tables, renamed) };
}

/** Foreign keys elsewhere follow a renamed column, as they do in the database. */
function renameReferencedColumn(model: SchemaModel, op: AlterColumnOp): SchemaModel {
  if (op.name === undefined || op.name.to === op.column) return model;
  const to = op.name.to;
  const repoint = (fk: ForeignKey): ForeignKey =>
    referencesTable(fk, op) && fk.referencedColumns.includes(op.column)
      ? { ...fk, referencedColumns: fk.referencedColumns.map((c) => (c === op.column ? to : c)) }
      : fk;
  return { ...model, tables: model.tables.map((t) => ({ ...t, foreignKeys: t.foreignKeys.map(repoint) })) };
}

/**
 * The new value list is the old one without `removeValues`, then `addValues`.
 * Columns of that type follow: on PostgreSQL they share the one type.
 */
function alterEnum(model: SchemaModel, op: AlterEnumOp): SchemaModel {
  const current = requireEnum(model, op, 'alter enum');
  const remove = op.removeValues ?? [];
  const missing = remove.filter((v) => !current.values.includes(v));
  const kept = current.values.filter((v) => !remove.includes(v));
  const duplicate = op.addValues.filter((v, i) => kept.includes(v) || op.addValues.indexOf(v) !== i);
  if (missing.length > 0 || duplicate.length > 0) {
    const problem =
      missing.length > 0 ? `no value ${missing.join(', ')}` : `value ${duplicate.join(', ')} already there`;
    cannotApply(`alter enum ${qualifiedName(op)}`, problem, { enum: op.name, missing, duplicate });
  }
  const altered: EnumType = { ...current, values: [...kept, ...op.addValues] };
  const retype = (column: Column): Column =>
    column.type.kind === 'enum' && sameName(namedEnumOf(column.type), op)
      ? { ...column, type: { ...column.type, values: altered.values } }
      : column;
  return {
    tables: model.tables.map((t) =>
      t.columns.some((c) => retype(c) !== c) ? { ...t, columns: t.columns.map(retype) } : t,
    ),
    enums: model.enums.map((e) => (e === current ? altered : e)),
  };
}

/** The table with an alterTable's properties applied (a null collation or charset: the database's default). */
function alteredTable(table: Table, op: AlterTableOp): Table {
  const { collation: _c, charset: _s, ...rest } = table;
  const collation = op.collation === undefined ? table.collation : (op.collation.to ?? undefined);
  const charset = op.charset === undefined ? table.charset : (op.charset.to ?? undefined);
  return {
    ...rest,
    comment: op.comment === undefined ? table.comment : op.comment.to,
    ...(collation === undefined ? {} : { collation }),
    ...(charset === undefined ? {} : { charset }),
  };
}
