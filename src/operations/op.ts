/**
 * `op`, the object a revision's `upgrade(op)` / `downgrade(op)` receives.
 * Each call builds one or more `Operation` values (operation.ts) from the
 * DSL's builders and hands them to an injected sink, which compiles and runs
 * them (online) or prints their SQL (--sql).
 */
import { enumProblem, referentialAction } from '../schema/build-column.js';
import { tableFromDefinition } from '../schema/build-table.js';
import { type ColumnBuilder, isColumnBuilder } from '../schema/dsl/column-builder.js';
import { isSql, type Sql, sqlText } from '../schema/dsl/sql.js';
import { type ColumnMap, type ExtrasCallback, table as defineTable, type TableOptions } from '../schema/dsl/table.js';
import { freezeDeep } from '../schema/model.js';
import type { NamingConvention } from '../schema/naming.js';
import { bareType, checkRows, identifier, indexParts, invalid, nonEmptyList, toDefault } from './op-checks.js';
import type {
  BulkInsertRow,
  ColumnChanges,
  CreateForeignKeyOptions,
  CreateIndexOptions,
  DropConstraintOptions,
  OperationsOptions,
  SchemaOption,
} from './op-types.js';
import type { AlterColumnOp, Operation } from './operation.js';

export type {
  BulkInsertRow,
  ColumnChanges,
  CreateForeignKeyOptions,
  CreateIndexOptions,
  DropConstraintOptions,
  OperationsOptions,
  SchemaOption,
} from './op-types.js';

/** Where operations go: the migration runtime compiles and executes them, or records them. */
export interface OperationSink {
  run(operation: Operation): Promise<void>;
  /** Runs a query and returns its rows (online only; the runtime refuses it under --sql). */
  query(sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]>;
}

/**
 * The operations a revision file calls. Every method returns a promise:
 * `await` each call so statements run in order.
 *
 * @example
 * export async function upgrade(op: Operations) {
 *   await op.addColumn('con_user', 'status', boolean());
 * }
 */
export class Operations {
  private readonly sink: OperationSink;
  private readonly naming: Partial<NamingConvention>;

  constructor(sink: OperationSink, options: OperationsOptions = {}) {
    this.sink = sink;
    this.naming = options.naming ?? {};
  }

  private emit(operation: Operation): Promise<void> {
    return this.sink.run(freezeDeep(operation));
  }

  /**
   * Creates a table with its primary key, unique constraints, foreign keys and
   * checks, then its indexes (one createIndex each). Column references may be
   * `'table.column'` strings. Enum types are not created here: call
   * `op.createEnum` first.
   *
   * @example
   * await op.createTable('post', {
   *   id: integer().primaryKey({ autoIncrement: true }),
   *   user_id: integer().notNull().references('con_user.id', { onDelete: 'cascade' }),
   *   title: varchar(200).notNull(),
   * }, (t) => [unique('uq_post_title').on(t.title), index('ix_post_user_id').on(t.user_id)]);
   */
  createTable<C extends ColumnMap>(
    name: string,
    columns: C,
    extras?: ExtrasCallback<C> | null,
    options?: TableOptions,
  ): Promise<void>;
  createTable<C extends ColumnMap>(name: string, columns: C, options: TableOptions): Promise<void>;
  async createTable<C extends ColumnMap>(
    name: string,
    columns: C,
    extrasOrOptions?: ExtrasCallback<C> | TableOptions | null,
    maybeOptions?: TableOptions,
  ): Promise<void> {
    const extras = typeof extrasOrOptions === 'function' ? extrasOrOptions : null;
    const options =
      typeof extrasOrOptions === 'object' && extrasOrOptions !== null ? extrasOrOptions : (maybeOptions ?? {});
    const model = tableFromDefinition(defineTable(name, columns, extras, options), this.naming);
    await this.emit({ kind: 'createTable', table: { ...model, indexes: [] } });
    for (const index of model.indexes) {
      await this.emit({ kind: 'createIndex', schema: model.schema, table: model.name, index });
    }
  }

  /**
   * Drops a table (and, with it, its indexes and constraints).
   * @example await op.dropTable('post');
   */
  async dropTable(name: string, options: SchemaOption = {}): Promise<void> {
    await this.emit({
      kind: 'dropTable',
      schema: options.schema ?? null,
      table: identifier(name, 'dropTable'),
      existing: null,
    });
  }

  /**
   * Renames a table (within its schema).
   * @example await op.renameTable('post', 'article');
   */
  async renameTable(name: string, newName: string, options: SchemaOption = {}): Promise<void> {
    const table = identifier(name, 'renameTable');
    await this.emit({
      kind: 'renameTable',
      schema: options.schema ?? null,
      table,
      newName: identifier(newName, `renameTable "${table}" new name`),
    });
  }

  /**
   * Sets (or, with null, removes) a table's comment, where the database
   * stores comments (PostgreSQL, MySQL; nothing elsewhere), and its default
   * collation and charset (MySQL only; refused elsewhere). Give at least one.
   * @example await op.alterTable('con_user', { comment: 'people who can sign in' });
   * await op.alterTable('con_user', { charset: 'utf8mb4', collation: 'utf8mb4_bin' });
   */
  async alterTable(
    name: string,
    changes: {
      readonly comment?: string | null;
      readonly collation?: string | null;
      readonly charset?: string | null;
    },
    options: SchemaOption = {},
  ): Promise<void> {
    const table = identifier(name, 'alterTable');
    const keys = (['comment', 'collation', 'charset'] as const).filter((key) => changes[key] !== undefined);
    for (const key of keys) {
      const value = changes[key];
      if (value !== null && typeof value !== 'string') {
        invalid(
          `op.alterTable("${table}"): ${key} must be a string or null`,
          `e.g. op.alterTable('t', { ${key}: '…' })`,
        );
      }
    }
    if (keys.length === 0) {
      invalid(
        `op.alterTable("${table}"): nothing to change`,
        "give comment, collation or charset, e.g. { comment: 'text' }",
      );
    }
    const entries = Object.fromEntries(keys.map((key) => [key, { from: undefined, to: changes[key] ?? null }]));
    await this.emit({ kind: 'alterTable', schema: options.schema ?? null, table, ...entries });
  }

  /**
   * Adds a column. A `.unique()` or `.references()` on the builder is added as
   * a separate unique constraint / foreign key right after (named by the
   * convention unless named); `.primaryKey()` is refused.
   *
   * @example
   * await op.addColumn('con_user', 'email', varchar(120).notNull().default(''));
   * await op.addColumn('post', 'editor_id', integer().references('con_user.id'));
   */
  async addColumn(table: string, name: string, column: ColumnBuilder, options: SchemaOption = {}): Promise<void> {
    const schema = options.schema ?? null;
    if (isColumnBuilder(column) && column.spec.primaryKey) {
      invalid(
        `addColumn "${table}.${name}" cannot add a primary-key column`,
        'Add the column with .notNull(), then op.createPrimaryKey() (after dropping the old key).',
      );
    }
    const model = tableFromDefinition(defineTable(table, { [name]: column }, null, options), this.naming);
    const added = model.columns[0]!; // the one column just defined
    await this.emit({ kind: 'addColumn', schema, table, column: added });
    for (const constraint of model.uniques)
      await this.emit({ kind: 'createUniqueConstraint', schema, table, constraint });
    for (const foreignKey of model.foreignKeys)
      await this.emit({ kind: 'createForeignKey', schema, table, foreignKey });
  }

  /**
   * Drops a column.
   * @example await op.dropColumn('con_user', 'email');
   */
  async dropColumn(table: string, name: string, options: SchemaOption = {}): Promise<void> {
    await this.emit({
      kind: 'dropColumn',
      schema: options.schema ?? null,
      table: identifier(table, 'dropColumn'),
      column: identifier(name, `dropColumn "${table}"`),
      existing: null,
    });
  }

  /**
   * Changes a column's type, nullability, default, name, comment or
   * auto-increment. Only the given properties change.
   *
   * @example
   * await op.alterColumn('con_user', 'name', { type: varchar(60), notNull: true, default: '' });
   * await op.alterColumn('con_user', 'nick', { name: 'nickname', default: null });
   */
  async alterColumn(table: string, column: string, changes: ColumnChanges, options: SchemaOption = {}): Promise<void> {
    const schema = options.schema ?? null;
    const where = `alterColumn "${table}.${column}"`;
    const op: { -readonly [K in keyof AlterColumnOp]: AlterColumnOp[K] } = {
      kind: 'alterColumn',
      schema,
      table: identifier(table, 'alterColumn'),
      column: identifier(column, `alterColumn "${table}"`),
      existing: null,
    };
    if (changes.type !== undefined)
      op.type = { from: undefined, to: bareType(changes.type, column, { schema, table }) };
    if (changes.notNull !== undefined) op.nullable = { from: undefined, to: !changes.notNull };
    if (changes.default !== undefined) op.default = { from: undefined, to: toDefault(changes.default, where) };
    if (changes.name !== undefined) op.name = { from: undefined, to: identifier(changes.name, `${where} new name`) };
    if (changes.comment !== undefined) op.comment = { from: undefined, to: changes.comment };
    if (changes.autoIncrement !== undefined) op.autoIncrement = { from: undefined, to: changes.autoIncrement };
    if (changes.identity === 'always') {
      if (changes.autoIncrement !== true)
        invalid(`${where}: identity needs autoIncrement: true`, "e.g. { autoIncrement: true, identity: 'always' }");
      op.identity = 'always';
    }
    const changed = ['type', 'nullable', 'default', 'name', 'comment', 'autoIncrement'].some((k) => k in op);
    if (!changed)
      invalid(`${where} changes nothing`, 'Pass at least one of type, notNull, default, name, comment, autoIncrement.');
    await this.emit(op);
  }

  /**
   * Creates an index, optionally unique and/or partial.
   * @example
   * await op.createIndex('ix_con_user_name', 'con_user', ['name']);
   * await op.createIndex('uq_user_email_live', 'con_user', ['email'], { unique: true, where: sql`deleted_at IS NULL` });
   * await op.createIndex('ix_user_email_lower', 'con_user', [sql`lower(email)`]);
   */
  async createIndex(
    name: string,
    table: string,
    columns: readonly (string | Sql)[],
    options: CreateIndexOptions = {},
  ): Promise<void> {
    const index = {
      name: identifier(name, 'createIndex'),
      columns: indexParts(columns, `createIndex "${name}"`),
      unique: options.unique === true,
      where: options.where === undefined ? null : sqlText(options.where),
      ...(options.using === undefined ? {} : { method: options.using.toLowerCase() }),
      ...(options.opclasses === undefined || options.opclasses.every((o) => o === null)
        ? {}
        : { opclasses: columns.map((_, i) => options.opclasses?.[i] ?? null) }),
    };
    await this.emit({
      kind: 'createIndex',
      schema: options.schema ?? null,
      table: identifier(table, `createIndex "${name}"`),
      index,
    });
  }

  /**
   * Drops an index by name (the table is needed by MySQL and SQLite rebuilds).
   * @example await op.dropIndex('ix_con_user_name', 'con_user');
   */
  async dropIndex(name: string, table: string, options: SchemaOption = {}): Promise<void> {
    await this.emit({
      kind: 'dropIndex',
      schema: options.schema ?? null,
      table: identifier(table, `dropIndex "${name}"`),
      name: identifier(name, 'dropIndex'),
      existing: null,
    });
  }

  /**
   * Adds a unique constraint.
   * @example await op.createUniqueConstraint('uq_con_user_name', 'con_user', ['name']);
   */
  async createUniqueConstraint(
    name: string,
    table: string,
    columns: readonly string[],
    options: SchemaOption = {},
  ): Promise<void> {
    const constraint = {
      name: identifier(name, 'createUniqueConstraint'),
      columns: nonEmptyList(columns, `createUniqueConstraint "${name}"`),
    };
    await this.emit({
      kind: 'createUniqueConstraint',
      schema: options.schema ?? null,
      table: identifier(table, `createUniqueConstraint "${name}"`),
      constraint,
    });
  }

  /**
   * Adds a foreign key from `columns` of `table` to `referencedColumns` of
   * `referencedTable`. Actions default to `'no action'`.
   *
   * @example
   * await op.createForeignKey('fk_post_user_id_con_user', 'post', 'con_user', ['user_id'], ['id'], { onDelete: 'cascade' });
   */
  async createForeignKey(
    name: string,
    table: string,
    referencedTable: string,
    columns: readonly string[],
    referencedColumns: readonly string[],
    options: CreateForeignKeyOptions = {},
  ): Promise<void> {
    const what = `createForeignKey "${name}"`;
    const local = nonEmptyList(columns, what);
    const remote = nonEmptyList(referencedColumns, what);
    if (local.length !== remote.length)
      invalid(
        `${what} has ${local.length} columns but ${remote.length} referenced columns`,
        'Give one referenced column per column, in order.',
      );
    const foreignKey = {
      name: identifier(name, 'createForeignKey'),
      columns: local,
      referencedSchema: options.referencedSchema ?? null,
      referencedTable: identifier(referencedTable, `${what} referenced table`),
      referencedColumns: remote,
      onDelete: referentialAction(options.onDelete, `${what} onDelete`),
      onUpdate: referentialAction(options.onUpdate, `${what} onUpdate`),
    };
    await this.emit({
      kind: 'createForeignKey',
      schema: options.schema ?? null,
      table: identifier(table, what),
      foreignKey,
    });
  }

  /**
   * Adds a check constraint.
   * @example await op.createCheckConstraint('ck_con_user_name', 'con_user', sql`length(name) > 0`);
   */
  async createCheckConstraint(
    name: string,
    table: string,
    condition: Sql | string,
    options: SchemaOption = {},
  ): Promise<void> {
    const expression = typeof condition === 'string' || isSql(condition) ? sqlText(condition) : '';
    if (expression.trim() === '')
      invalid(`createCheckConstraint "${name}" has no condition`, 'Pass the condition: sql`price > 0`.');
    const check = { name: identifier(name, 'createCheckConstraint'), expression };
    await this.emit({
      kind: 'createCheckConstraint',
      schema: options.schema ?? null,
      table: identifier(table, `createCheckConstraint "${name}"`),
      check,
    });
  }

  /**
   * Adds a primary key to a table that has none (to change one, drop the old
   * one with `dropConstraint(…, { type: 'primaryKey' })` first).
   * @example await op.createPrimaryKey('pk_member', 'member', ['team_id', 'user_id']);
   */
  async createPrimaryKey(
    name: string,
    table: string,
    columns: readonly string[],
    options: SchemaOption = {},
  ): Promise<void> {
    const primaryKey = {
      name: identifier(name, 'createPrimaryKey'),
      columns: nonEmptyList(columns, `createPrimaryKey "${name}"`),
    };
    await this.emit({
      kind: 'createPrimaryKey',
      schema: options.schema ?? null,
      table: identifier(table, `createPrimaryKey "${name}"`),
      primaryKey,
    });
  }

  /**
   * Drops a unique, foreign-key, check or primary-key constraint by name.
   * Give `type` when generating SQL offline for MySQL.
   * @example await op.dropConstraint('uq_con_user_name', 'con_user', { type: 'unique' });
   */
  async dropConstraint(name: string, table: string, options: DropConstraintOptions = {}): Promise<void> {
    await this.emit({
      kind: 'dropConstraint',
      schema: options.schema ?? null,
      table: identifier(table, `dropConstraint "${name}"`),
      name: identifier(name, 'dropConstraint'),
      type: options.type ?? null,
      existing: null,
    });
  }

  /**
   * Creates an enum type (PostgreSQL; a no-op where enums are inline).
   * @example await op.createEnum('mood', ['happy', 'sad']);
   */
  async createEnum(name: string, values: readonly string[], options: SchemaOption = {}): Promise<void> {
    const problem = enumProblem(name, values);
    if (problem !== null) invalid(`createEnum: ${problem}`, 'Give a name and distinct, non-empty string values.');
    await this.emit({ kind: 'createEnum', enum: { schema: options.schema ?? null, name, values: [...values] } });
  }

  /**
   * Appends values to an enum type; `removeValues` takes values out first
   * (how the downgrade of an append, or any other change of the list, is
   * written; PostgreSQL recreates the type for it). Where enums are inline
   * (SQLite, MySQL) every column of the enum is rewritten; MySQL keeps no
   * enum names, so there `existingValues` (the list before the change, which
   * autogenerate writes) finds the columns holding exactly that list when
   * the revision did not create them itself.
   * @example await op.alterEnum('mood', { addValues: ['meh'] }, { existingValues: ['happy', 'sad'] });
   */
  async alterEnum(
    name: string,
    changes: { readonly addValues?: readonly string[]; readonly removeValues?: readonly string[] },
    options: SchemaOption & { readonly existingValues?: readonly string[] } = {},
  ): Promise<void> {
    const addValues = changes.addValues ?? [];
    const removeValues = changes.removeValues ?? [];
    // Each list on its own: a value removed and added again is how a value moves (autogenerate writes that).
    const problem =
      addValues.length + removeValues.length === 0
        ? enumProblem(name, [])
        : [addValues, removeValues]
            .map((list) => (list.length === 0 ? null : enumProblem(name, list)))
            .find((p) => p !== null);
    if (problem !== null && problem !== undefined) {
      invalid(`alterEnum: ${problem}`, "List the values to add, or to remove: { addValues: ['meh'] }.");
    }
    await this.emit({
      kind: 'alterEnum',
      schema: options.schema ?? null,
      name,
      addValues: [...addValues],
      ...(removeValues.length === 0 ? {} : { removeValues: [...removeValues] }),
      existing:
        options.existingValues === undefined
          ? null
          : { schema: options.schema ?? null, name, values: [...options.existingValues] },
    });
  }

  /**
   * Creates a PostgreSQL schema (namespace) unless it exists, marking it as
   * kiln's (its comment) only when this creates it. Refused on databases
   * without schemas.
   * @example await op.createSchema('billing');
   */
  async createSchema(name: string): Promise<void> {
    await this.emit({ kind: 'createSchema', name: identifier(name, 'createSchema') });
  }

  /**
   * Drops a PostgreSQL schema only if kiln created it (`createSchema`) and
   * it is empty; otherwise it is kept (the server says so in a NOTICE).
   * @example await op.dropSchema('billing');
   */
  async dropSchema(name: string): Promise<void> {
    await this.emit({ kind: 'dropSchema', name: identifier(name, 'dropSchema') });
  }

  /**
   * Drops an enum type (PostgreSQL; a no-op where enums are inline).
   * @example await op.dropEnum('mood');
   */
  async dropEnum(name: string, options: SchemaOption = {}): Promise<void> {
    await this.emit({
      kind: 'dropEnum',
      schema: options.schema ?? null,
      name: identifier(name, 'dropEnum'),
      existing: null,
    });
  }

  /**
   * Runs a SQL statement as written (also printed under --sql).
   * @example await op.execute('UPDATE con_user SET status = true');
   */
  async execute(statement: string | Sql): Promise<void> {
    const text = typeof statement === 'string' || isSql(statement) ? sqlText(statement) : '';
    if (text.trim() === '') invalid('execute() got no SQL', "Pass a statement: op.execute('UPDATE …').");
    await this.emit({ kind: 'execute', sql: text });
  }

  /**
   * Inserts rows; values are quoted by the dialect.
   * @example await op.bulkInsert('con_user', [{ id: 1, name: 'admin', status: true }]);
   */
  async bulkInsert(table: string, rows: readonly BulkInsertRow[], options: SchemaOption = {}): Promise<void> {
    const name = identifier(table, 'bulkInsert');
    await this.emit({ kind: 'bulkInsert', schema: options.schema ?? null, table: name, rows: checkRows(rows, name) });
  }

  /**
   * Runs a query and returns its rows, for data migrations. Online only: it
   * fails under --sql, where there is no database to read. Placeholders are
   * `?` on every dialect: on PostgreSQL kiln numbers them `$1, $2, …`, and
   * SQL that already uses `$n` is passed as is.
   *
   * @example
   * const rows = await op.query<{ id: number }>('SELECT id FROM con_user WHERE id > ?', [1]);
   */
  async query<T extends Record<string, unknown> = Record<string, unknown>>(
    statement: string | Sql,
    params: readonly unknown[] = [],
  ): Promise<T[]> {
    return (await this.sink.query(sqlText(statement), params)) as T[];
  }
}
