import { assertNever } from '../util/assert-never.js';
import { OperationError } from '../errors.js';
import {
  type Column,
  type ForeignKey,
  type IndexPart,
  indexColumnNames,
  qualifiedName,
  type Table,
} from '../schema/model.js';
import type {
  AddColumnOp,
  AlterColumnOp,
  CreateCheckConstraintOp,
  CreateForeignKeyOp,
  CreateIndexOp,
  CreatePrimaryKeyOp,
  CreateUniqueConstraintOp,
  DropColumnOp,
  DropConstraintOp,
  DropIndexOp,
  TableRef,
} from './operation.js';

/** The operations that change one table and nothing else. */
export type TableOperation =
  | AddColumnOp
  | DropColumnOp
  | AlterColumnOp
  | CreateIndexOp
  | DropIndexOp
  | CreateUniqueConstraintOp
  | CreateForeignKeyOp
  | CreateCheckConstraintOp
  | CreatePrimaryKeyOp
  | DropConstraintOp;

/**
 * Where databases differ in simulating a table change; everything else is
 * one rule for all. A dialect supplies these as `Dialect.simulation`.
 */
export interface SimulationRules {
  /**
   * Whether an SQL expression (a check, a partial index's WHERE) names
   * `column`: such objects go when the column is dropped, as SQLite's
   * rebuild and PostgreSQL's DROP COLUMN drop them. Default: never, so only
   * objects that list the column go with it.
   */
  mentions(expression: string, column: string): boolean;
}

/** The default rules: a dropped column takes only the keys, indexes and constraints that list it. */
export const LISTED_ONLY: SimulationRules = Object.freeze({ mentions: () => false });

/** `schema.table` of an op, for messages. */
export function tableLabel(ref: TableRef): string {
  return qualifiedName({ schema: ref.schema, name: ref.table });
}

/** Throws the OperationError every failed simulation step uses. */
export function cannotApply(what: string, subject: string, data: Record<string, unknown>): never {
  throw new OperationError('operation.apply', `cannot ${what}: ${subject}`, {
    hint: 'the operations do not fit the schema they are applied to; check their order and the table and column names',
    data,
  });
}

/**
 * Simulates one table-level operation on a table, as the database would
 * carry it out, and returns the new table (the input is not touched).
 * Dropping a column also drops the indexes and constraints of this table that
 * use it, as PostgreSQL and MySQL do.
 *
 * @example applyToTable(users, { kind: 'dropColumn', schema: null, table: 'con_user', column: 'email', existing: null })
 * @throws OperationError when the column, index or constraint is missing or already there.
 */
export function applyToTable(table: Table, op: TableOperation, rules: SimulationRules = LISTED_ONLY): Table {
  switch (op.kind) {
    case 'addColumn':
      requireNoColumn(table, op.column.name, 'add column');
      return { ...table, columns: [...table.columns, op.column] };
    case 'dropColumn':
      return dropColumn(table, op.column, rules);
    case 'alterColumn':
      return alterColumn(table, op);
    case 'createIndex':
      requireColumns(table, indexColumnNames(op.index), `create index ${op.index.name}`);
      requireFreeName(table, op.index.name, 'create index');
      return { ...table, indexes: [...table.indexes, op.index] };
    case 'dropIndex':
      if (!table.indexes.some((i) => i.name === op.name)) {
        cannotApply('drop index', `no index ${op.name} on table ${qualifiedName(table)}`, {
          table: table.name,
          index: op.name,
        });
      }
      return { ...table, indexes: table.indexes.filter((i) => i.name !== op.name) };
    case 'createUniqueConstraint':
      requireColumns(table, op.constraint.columns, `create unique constraint ${op.constraint.name}`);
      requireFreeName(table, op.constraint.name, 'create unique constraint');
      return { ...table, uniques: [...table.uniques, op.constraint] };
    case 'createForeignKey':
      requireColumns(table, op.foreignKey.columns, `create foreign key ${op.foreignKey.name}`);
      requireFreeName(table, op.foreignKey.name, 'create foreign key');
      return { ...table, foreignKeys: [...table.foreignKeys, op.foreignKey] };
    case 'createCheckConstraint':
      requireFreeName(table, op.check.name, 'create check constraint');
      return { ...table, checks: [...table.checks, op.check] };
    case 'createPrimaryKey':
      return createPrimaryKey(table, op);
    case 'dropConstraint':
      return dropConstraint(table, op);
    default:
      return assertNever(op, 'table operation');
  }
}

function findColumn(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

function requireNoColumn(table: Table, name: string, what: string): void {
  if (findColumn(table, name) !== undefined) {
    cannotApply(what, `column ${qualifiedName(table)}.${name} already exists`, { table: table.name, column: name });
  }
}

function requireColumns(table: Table, columns: readonly string[], what: string): void {
  const missing = columns.filter((name) => findColumn(table, name) === undefined);
  if (missing.length > 0) {
    cannotApply(what, `no column ${missing.map((m) => `${qualifiedName(table)}.${m}`).join(', ')}`, {
      table: table.name,
      columns: missing,
    });
  }
}

/** Every index and constraint name of a table: they share one namespace in PostgreSQL. */
function objectNames(table: Table): string[] {
  return [
    ...(table.primaryKey === null ? [] : [table.primaryKey.name]),
    ...table.uniques.map((u) => u.name),
    ...table.indexes.map((i) => i.name),
    ...table.foreignKeys.map((f) => f.name),
    ...table.checks.map((c) => c.name),
  ];
}

function requireFreeName(table: Table, name: string, what: string): void {
  if (objectNames(table).includes(name)) {
    cannotApply(what, `${name} already exists on table ${qualifiedName(table)}`, { table: table.name, name });
  }
}

function dropColumn(table: Table, name: string, rules: SimulationRules): Table {
  if (findColumn(table, name) === undefined) {
    cannotApply('drop column', `no column ${qualifiedName(table)}.${name}`, { table: table.name, column: name });
  }
  const keeps = (item: { readonly columns: readonly string[] }) => !item.columns.includes(name);
  return {
    ...table,
    columns: table.columns.filter((c) => c.name !== name),
    primaryKey: table.primaryKey !== null && keeps(table.primaryKey) ? table.primaryKey : null,
    uniques: table.uniques.filter(keeps),
    indexes: table.indexes.filter(
      (i) =>
        keeps({ columns: indexColumnNames(i) }) &&
        (i.where === null || !rules.mentions(i.where, name)) &&
        !i.columns.some((c) => typeof c !== 'string' && rules.mentions(c.expression, name)),
    ),
    foreignKeys: table.foreignKeys.filter(keeps),
    checks: table.checks.filter((c) => !rules.mentions(c.expression, name)),
  };
}

function alterColumn(table: Table, op: AlterColumnOp): Table {
  const column = findColumn(table, op.column);
  if (column === undefined) {
    return cannotApply('alter column', `no column ${qualifiedName(table)}.${op.column}`, {
      table: table.name,
      column: op.column,
    });
  }
  const altered = alteredColumn(column, op);
  const newName = altered.name;
  if (newName !== column.name) requireNoColumn(table, newName, `rename column ${op.column}`);
  const columns = table.columns.map((c) => (c === column ? altered : c));
  return newName === column.name ? { ...table, columns } : renameInTable({ ...table, columns }, column.name, newName);
}

/**
 * The column with an alterColumn's changes applied (name included): the one
 * rule every compiler that restates a column (MySQL's MODIFY) uses too.
 */
export function alteredColumn(column: Column, op: AlterColumnOp): Column {
  const { identity: _identity, ...rest } = column;
  const autoIncrement = op.autoIncrement === undefined ? column.autoIncrement : op.autoIncrement.to;
  const identity = op.autoIncrement?.to === true ? op.identity : autoIncrement ? column.identity : undefined;
  return {
    ...rest, // what alterColumn does not change (a generated expression)
    ...(identity === undefined ? {} : { identity }),
    name: op.name?.to ?? column.name,
    type: op.type === undefined ? column.type : op.type.to,
    nullable: op.nullable === undefined ? column.nullable : op.nullable.to,
    default: op.default === undefined ? column.default : op.default.to,
    autoIncrement: op.autoIncrement === undefined ? column.autoIncrement : op.autoIncrement.to,
    comment: op.comment === undefined ? column.comment : op.comment.to,
  };
}

/** A renamed column keeps its indexes and constraints, as in the database. */
function renameInTable(table: Table, from: string, to: string): Table {
  const rename = <T extends IndexPart>(names: readonly T[]) => names.map((n) => (n === from ? to : n));
  return {
    ...table,
    primaryKey: table.primaryKey === null ? null : { ...table.primaryKey, columns: rename(table.primaryKey.columns) },
    uniques: table.uniques.map((u) => ({ ...u, columns: rename(u.columns) })),
    indexes: table.indexes.map((i) => ({ ...i, columns: rename(i.columns) })),
    foreignKeys: table.foreignKeys.map((f) => ({ ...f, columns: rename(f.columns) })),
  };
}

function createPrimaryKey(table: Table, op: CreatePrimaryKeyOp): Table {
  if (table.primaryKey !== null) {
    cannotApply('create primary key', `table ${qualifiedName(table)} already has ${table.primaryKey.name}`, {
      table: table.name,
      name: op.primaryKey.name,
    });
  }
  requireColumns(table, op.primaryKey.columns, `create primary key ${op.primaryKey.name}`);
  requireFreeName(table, op.primaryKey.name, 'create primary key');
  return { ...table, primaryKey: op.primaryKey };
}

function dropConstraint(table: Table, op: DropConstraintOp): Table {
  const is = (type: DropConstraintOp['type']) => op.type === null || op.type === type;
  const named = (item: { readonly name: string }) => item.name === op.name;
  if (is('primaryKey') && table.primaryKey !== null && named(table.primaryKey)) {
    return { ...table, primaryKey: null };
  }
  if (is('unique') && table.uniques.some(named)) return { ...table, uniques: table.uniques.filter((u) => !named(u)) };
  if (is('foreignKey') && table.foreignKeys.some(named)) {
    return { ...table, foreignKeys: table.foreignKeys.filter((f) => !named(f)) };
  }
  if (is('check') && table.checks.some(named)) return { ...table, checks: table.checks.filter((c) => !named(c)) };
  const kind = op.type === null ? 'constraint' : `${op.type} constraint`;
  return cannotApply('drop constraint', `no ${kind} ${op.name} on table ${qualifiedName(table)}`, {
    table: table.name,
    name: op.name,
  });
}

/** True when `fk` points at the table `ref`. */
export function referencesTable(fk: ForeignKey, ref: TableRef): boolean {
  return fk.referencedTable === ref.table && fk.referencedSchema === ref.schema;
}
