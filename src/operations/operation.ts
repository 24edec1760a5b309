import type {
  CheckConstraint,
  Column,
  ColumnType,
  DefaultValue,
  EnumType,
  ForeignKey,
  Index,
  PrimaryKey,
  Table,
  UniqueConstraint,
} from '../schema/model.js';

/**
 * The closed union of schema changes. Every revision's `upgrade`/`downgrade`
 * is a sequence of these; autogenerate produces them, `render.ts` writes them
 * as TypeScript, `reverse.ts` inverts them, each dialect compiles them to SQL.
 *
 * Fields named `existing…` are what the object looked like before the change:
 * autogenerate always fills them (so the downgrade is the reversed upgrade),
 * a hand-written `op.dropColumn()` may not, and then the operation is not
 * reversible (reverse() says so with the table and column at fault).
 */

/** A table addressed by name, with its PostgreSQL schema (null = default). */
export interface TableRef {
  readonly schema: string | null;
  readonly table: string;
}

export interface CreateTableOp {
  readonly kind: 'createTable';
  /** Columns, primary key, uniques, foreign keys and checks. `indexes` are created by separate createIndex ops. */
  readonly table: Table;
}

export interface DropTableOp extends TableRef {
  readonly kind: 'dropTable';
  readonly existing: Table | null;
}

export interface RenameTableOp extends TableRef {
  readonly kind: 'renameTable';
  readonly newName: string;
}

/**
 * Table-level properties: the comment (PostgreSQL, MySQL), the default
 * collation and character set (MySQL; null = the database's default). At
 * least one is set.
 */
export interface AlterTableOp extends TableRef {
  readonly kind: 'alterTable';
  readonly comment?: Change<string | null>;
  readonly collation?: Change<string | null>;
  readonly charset?: Change<string | null>;
}

export interface AddColumnOp extends TableRef {
  readonly kind: 'addColumn';
  readonly column: Column;
}

export interface DropColumnOp extends TableRef {
  readonly kind: 'dropColumn';
  readonly column: string;
  readonly existing: Column | null;
}

/** One property of a column being changed: `from` is null when not known (hand-written op). */
export interface Change<T> {
  readonly from: T | undefined;
  readonly to: T;
}

export interface AlterColumnOp extends TableRef {
  readonly kind: 'alterColumn';
  readonly column: string;
  readonly type?: Change<ColumnType>;
  readonly nullable?: Change<boolean>;
  readonly default?: Change<DefaultValue | null>;
  readonly name?: Change<string>;
  readonly comment?: Change<string | null>;
  readonly autoIncrement?: Change<boolean>;
  /**
   * With `autoIncrement` turning on: `'always'` makes it PostgreSQL's
   * `GENERATED ALWAYS AS IDENTITY` (refused elsewhere); absent, BY DEFAULT.
   */
  readonly identity?: 'always';
  /** The column before the change, when known: lets dialects that restate the whole column (MySQL) do so. */
  readonly existing: Column | null;
}

export interface CreateIndexOp extends TableRef {
  readonly kind: 'createIndex';
  readonly index: Index;
}

export interface DropIndexOp extends TableRef {
  readonly kind: 'dropIndex';
  readonly name: string;
  readonly existing: Index | null;
}

export interface CreateUniqueConstraintOp extends TableRef {
  readonly kind: 'createUniqueConstraint';
  readonly constraint: UniqueConstraint;
}

export interface CreateForeignKeyOp extends TableRef {
  readonly kind: 'createForeignKey';
  readonly foreignKey: ForeignKey;
}

export interface CreateCheckConstraintOp extends TableRef {
  readonly kind: 'createCheckConstraint';
  readonly check: CheckConstraint;
}

/**
 * Adds a primary key to a table that has none (Alembic's `create_primary_key`);
 * a changed primary key is a dropConstraint of the old one followed by this.
 */
export interface CreatePrimaryKeyOp extends TableRef {
  readonly kind: 'createPrimaryKey';
  readonly primaryKey: PrimaryKey;
}

export type ConstraintType = 'unique' | 'foreignKey' | 'check' | 'primaryKey';

export type ExistingConstraint =
  | { readonly type: 'unique'; readonly constraint: UniqueConstraint }
  | { readonly type: 'foreignKey'; readonly constraint: ForeignKey }
  | { readonly type: 'check'; readonly constraint: CheckConstraint }
  | { readonly type: 'primaryKey'; readonly constraint: PrimaryKey };

export interface DropConstraintOp extends TableRef {
  readonly kind: 'dropConstraint';
  readonly name: string;
  /** MySQL needs to know which kind it drops; null = find out (online) or fail (offline). */
  readonly type: ConstraintType | null;
  readonly existing: ExistingConstraint | null;
}

export interface CreateEnumOp {
  readonly kind: 'createEnum';
  readonly enum: EnumType;
}

export interface AlterEnumOp {
  readonly kind: 'alterEnum';
  readonly schema: string | null;
  readonly name: string;
  /** Values appended (PostgreSQL `ALTER TYPE … ADD VALUE`). */
  readonly addValues: readonly string[];
  /**
   * Values removed before `addValues` are appended: the new list is
   * `existing.values` without these, followed by `addValues`. It is how the
   * reverse of an append is written, and how autogenerate spells any other
   * change (removal, reordering). PostgreSQL has no `DROP VALUE`: dialects
   * recreate the type (rename, create, `ALTER COLUMN … USING col::text::type`,
   * drop the old one), which fails while rows hold a removed value.
   * Absent (or empty) = nothing removed.
   */
  readonly removeValues?: readonly string[];
  readonly existing: EnumType | null;
}

export interface DropEnumOp {
  readonly kind: 'dropEnum';
  readonly schema: string | null;
  readonly name: string;
  readonly existing: EnumType | null;
}

/**
 * A PostgreSQL schema (namespace) the models name, created when it does not
 * exist yet and marked as kiln's (its comment), so that `dropSchema` drops
 * only what kiln made.
 */
export interface CreateSchemaOp {
  readonly kind: 'createSchema';
  readonly name: string;
}

/** Drops a schema only if kiln created it (`createSchema`) and it is empty; otherwise it stays. */
export interface DropSchemaOp {
  readonly kind: 'dropSchema';
  readonly name: string;
}

export interface ExecuteOp {
  readonly kind: 'execute';
  readonly sql: string;
}

export type RowValue = string | number | boolean | null;

export interface BulkInsertOp extends TableRef {
  readonly kind: 'bulkInsert';
  readonly rows: readonly Readonly<Record<string, RowValue>>[];
}

export type Operation =
  | CreateTableOp
  | DropTableOp
  | RenameTableOp
  | AlterTableOp
  | AddColumnOp
  | DropColumnOp
  | AlterColumnOp
  | CreateIndexOp
  | DropIndexOp
  | CreateUniqueConstraintOp
  | CreateForeignKeyOp
  | CreateCheckConstraintOp
  | CreatePrimaryKeyOp
  | DropConstraintOp
  | CreateEnumOp
  | AlterEnumOp
  | DropEnumOp
  | CreateSchemaOp
  | DropSchemaOp
  | ExecuteOp
  | BulkInsertOp;

export type OperationKind = Operation['kind'];

export type OperationOf<K extends OperationKind> = Extract<Operation, { kind: K }>;

/** Exhaustive dispatch table over every operation kind (STYLE: nothing dropped silently). */
export type OperationHandlers<R> = { readonly [K in OperationKind]: (op: OperationOf<K>) => R };

export function dispatchOperation<R>(op: Operation, handlers: OperationHandlers<R>): R {
  const handler = handlers[op.kind] as (op: Operation) => R;
  return handler(op);
}
