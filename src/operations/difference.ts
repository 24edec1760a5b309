import { describeOperation } from './describe.js';
import {
  type AlterColumnOp,
  type AlterEnumOp,
  type AlterTableOp,
  type ConstraintType,
  dispatchOperation,
  type Operation,
  type OperationHandlers,
  type TableRef,
} from './operation.js';

/**
 * What a schema difference is about, in words that stay stable while the
 * operation union (kiln's internal form) grows: `add-*` = the models have it
 * and the database does not, `drop-*` = the reverse, `alter-*` = both have it
 * and some property differs.
 */
export type DifferenceKind =
  | 'add-table'
  | 'drop-table'
  | 'rename-table'
  | 'alter-table'
  | 'add-column'
  | 'drop-column'
  | 'alter-column'
  | 'add-index'
  | 'drop-index'
  | 'add-unique'
  | 'add-foreign-key'
  | 'add-check'
  | 'add-primary-key'
  | 'drop-constraint'
  | 'add-enum'
  | 'alter-enum'
  | 'drop-enum'
  | 'add-schema'
  | 'drop-schema'
  | 'execute'
  | 'insert-rows';

/**
 * One difference between the schema modules and the database, as `kiln
 * check --json` and `kiln status --json` print it. Every field is always
 * present (null or empty when it does not apply), so a consumer reads them
 * without testing for each.
 *
 * @example { kind: 'alter-column', schema: null, table: 'users', name: 'email', changes: ['nullable'], detail: 'alter column users.email (nullable)' }
 */
export interface SchemaDifference {
  readonly kind: DifferenceKind;
  /** The PostgreSQL schema (namespace) of the table or enum; null = the default one. */
  readonly schema: string | null;
  /** The table; null for enums, schemas and raw SQL. */
  readonly table: string | null;
  /**
   * The object inside the table (column, index or constraint name), or the
   * enum or schema's name; for `rename-table` the new name; null for the
   * table itself.
   */
  readonly name: string | null;
  /**
   * The properties that differ, for `alter-*` kinds: `type`, `nullable`,
   * `default`, `name`, `comment`, `auto-increment` (columns); `comment`,
   * `collation`, `charset` (tables); `add-values`, `remove-values` (enums).
   * Empty for the others.
   */
  readonly changes: readonly string[];
  /** The same difference on one line, as the text output shows it. */
  readonly detail: string;
}

type Shape = Omit<SchemaDifference, 'detail'>;

const onTable = (kind: DifferenceKind, ref: TableRef, name: string | null = null): Shape => ({
  kind,
  schema: ref.schema,
  table: ref.table,
  name,
  changes: [],
});

const loose = (kind: DifferenceKind, schema: string | null, name: string | null, changes: string[] = []): Shape => ({
  kind,
  schema,
  table: null,
  name,
  changes,
});

const ADD_CONSTRAINT: Readonly<Record<ConstraintType, DifferenceKind>> = {
  unique: 'add-unique',
  foreignKey: 'add-foreign-key',
  check: 'add-check',
  primaryKey: 'add-primary-key',
};

function columnChanges(op: AlterColumnOp): string[] {
  const keys = ['type', 'nullable', 'default', 'name', 'comment', 'autoIncrement'] as const;
  return keys.filter((key) => op[key] !== undefined).map((key) => (key === 'autoIncrement' ? 'auto-increment' : key));
}

function tableChanges(op: AlterTableOp): string[] {
  return (['comment', 'collation', 'charset'] as const).filter((key) => op[key] !== undefined);
}

function enumChanges(op: AlterEnumOp): string[] {
  return [
    ...(op.addValues.length > 0 ? ['add-values'] : []),
    ...((op.removeValues ?? []).length > 0 ? ['remove-values'] : []),
  ];
}

const shapes: OperationHandlers<Shape> = {
  createTable: (op) => onTable('add-table', { schema: op.table.schema, table: op.table.name }),
  dropTable: (op) => onTable('drop-table', op),
  renameTable: (op) => onTable('rename-table', op, op.newName),
  alterTable: (op) => ({ ...onTable('alter-table', op), changes: tableChanges(op) }),
  addColumn: (op) => onTable('add-column', op, op.column.name),
  dropColumn: (op) => onTable('drop-column', op, op.column),
  alterColumn: (op) => ({ ...onTable('alter-column', op, op.column), changes: columnChanges(op) }),
  createIndex: (op) => onTable('add-index', op, op.index.name),
  dropIndex: (op) => onTable('drop-index', op, op.name),
  createUniqueConstraint: (op) => onTable(ADD_CONSTRAINT.unique, op, op.constraint.name),
  createForeignKey: (op) => onTable(ADD_CONSTRAINT.foreignKey, op, op.foreignKey.name),
  createCheckConstraint: (op) => onTable(ADD_CONSTRAINT.check, op, op.check.name),
  createPrimaryKey: (op) => onTable(ADD_CONSTRAINT.primaryKey, op, op.primaryKey.name),
  dropConstraint: (op) => onTable('drop-constraint', op, op.name),
  createEnum: (op) => loose('add-enum', op.enum.schema, op.enum.name),
  alterEnum: (op) => loose('alter-enum', op.schema, op.name, enumChanges(op)),
  dropEnum: (op) => loose('drop-enum', op.schema, op.name),
  createSchema: (op) => loose('add-schema', null, op.name),
  dropSchema: (op) => loose('drop-schema', null, op.name),
  execute: () => loose('execute', null, null),
  bulkInsert: (op) => onTable('insert-rows', op),
};

/** The documented, stable form of an operation that brings the database to the models. */
export function toDifference(op: Operation): SchemaDifference {
  return { ...dispatchOperation(op, shapes), detail: describeOperation(op) };
}
