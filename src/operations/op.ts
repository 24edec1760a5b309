/**
 * `op`, the object a revision's `upgrade(op)` / `downgrade(op)` receives.
 * Each call builds one or more `Operation` values (operation.ts) from the
 * DSL's builders and hands them to an injected sink, which compiles and runs
 * them (online) or prints their SQL (--sql).
 */
import { OperationError } from '../errors.js';
import { checkIdentifier, columnFromBuilder, enumProblem, referentialAction } from '../schema/build-column.js';
import { tableFromDefinition } from '../schema/build-table.js';
import {
  type ColumnBuilder,
  type ColumnDefaultInput,
  isColumnBuilder,
  type ReferentialOptions,
} from '../schema/dsl/column-builder.js';
import { type EnumTypeBuilder, isEnumTypeBuilder } from '../schema/dsl/enum-type.js';
import { isSql, type Sql, sqlText } from '../schema/dsl/sql.js';
import { type ColumnMap, type ExtrasCallback, table as defineTable, type TableOptions } from '../schema/dsl/table.js';
import { type ColumnType, type DefaultValue, freezeDeep } from '../schema/model.js';
import type { NamingConvention } from '../schema/naming.js';
import type { AlterColumnOp, ConstraintType, Operation, RowValue } from './operation.js';

/** Where operations go: the migration runtime compiles and executes them, or records them. */
export interface OperationSink {
  run(operation: Operation): Promise<void>;
  /** Runs a query and returns its rows (online only; the runtime refuses it under --sql). */
  query(sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]>;
}

/** Options of `new Operations()`. */
export interface OperationsOptions {
  /** The project's naming convention, for constraints and indexes left unnamed in createTable/addColumn. */
  readonly naming?: Partial<NamingConvention> | undefined;
}

/** The `schema` option every table-level operation takes (PostgreSQL; default: the connection's). */
export interface SchemaOption {
  readonly schema?: string;
}

/** What `op.alterColumn` can change; omitted properties stay as they are. */
export interface ColumnChanges {
  /** The new type, as a bare type builder: `varchar(60)`, `mood` or `mood()`. */
  readonly type?: ColumnBuilder | EnumTypeBuilder;
  readonly notNull?: boolean;
  /** A literal, `sql\`…\``, or null to drop the default. */
  readonly default?: ColumnDefaultInput | null;
  /** Renames the column. */
  readonly name?: string;
  /** null removes the comment. */
  readonly comment?: string | null;
  readonly autoIncrement?: boolean;
}

/** Options of `op.createIndex`. */
export interface CreateIndexOptions extends SchemaOption {
  /** Default: false. */
  readonly unique?: boolean;
  /** Partial-index predicate (PostgreSQL, SQLite). */
  readonly where?: Sql | string;
}

/** Options of `op.createForeignKey`. Actions default to `'no action'`. */
export interface CreateForeignKeyOptions extends SchemaOption, ReferentialOptions {
  /** Schema of the referenced table. Default: null (the connection's default). */
  readonly referencedSchema?: string;
}

/** Options of `op.dropConstraint`. */
export interface DropConstraintOptions extends SchemaOption {
  /** What kind of constraint it is; MySQL needs it to drop offline. Default: found out online. */
  readonly type?: ConstraintType;
}

/** Values a `bulkInsert` row may hold. */
export type BulkInsertRow = Readonly<Record<string, RowValue>>;

function invalid(message: string, hint: string): never {
  throw new OperationError('operation.invalid', message, { hint });
}

function nonEmptyList(values: readonly string[], what: string): string[] {
  if (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== 'string' || v === '')) {
    invalid(`${what} needs a non-empty list of column names`, "Pass column names: ['name'].");
  }
  return [...values];
}

function toDefault(value: ColumnDefaultInput | null, where: string): DefaultValue | null {
  if (value === null) return null;
  if (isSql(value)) return { kind: 'sql', sql: value.sql };
  if (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  ) {
    return { kind: 'literal', value };
  }
  return invalid(
    `${where}: unsupported default ${String(value)}`,
    'Use a string, a finite number, a boolean, sql`…`, or null.',
  );
}

/** The type of a bare type builder given to alterColumn (anything else set on it would be ignored: refuse it). */
function bareType(
  type: ColumnBuilder | EnumTypeBuilder,
  column: string,
  where: { schema: string | null; table: string },
): ColumnType {
  const builder = isEnumTypeBuilder(type) ? type() : type;
  const spec = isColumnBuilder(builder) ? builder.spec : null;
  if (spec !== null) {
    const extra =
      spec.notNull ||
      spec.primaryKey ||
      spec.autoIncrement ||
      spec.unique !== null ||
      spec.default !== null ||
      spec.references !== null ||
      spec.comment !== null;
    if (extra) {
      invalid(
        `alterColumn "${where.table}.${column}": type must be a bare type such as varchar(60)`,
        'Pass notNull, default, comment and autoIncrement as their own properties.',
      );
    }
  }
  return columnFromBuilder(builder, column, where).type;
}

function checkRows(rows: readonly BulkInsertRow[], table: string): BulkInsertRow[] {
  if (!Array.isArray(rows))
    invalid(`bulkInsert "${table}": rows must be an array of objects`, "Pass [{ id: 1, name: 'a' }].");
  return rows.map((row, i) => {
    for (const [key, value] of Object.entries(row)) {
      const ok =
        value === null ||
        typeof value === 'string' ||
        typeof value === 'boolean' ||
        (typeof value === 'number' && Number.isFinite(value));
      if (!ok)
        invalid(
          `bulkInsert "${table}" row ${i} column "${key}" holds ${String(value)}`,
          'Row values must be strings, finite numbers, booleans or null (convert dates to ISO strings).',
        );
    }
    return { ...row };
  });
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
      table: checkIdentifier(name, 'dropTable'),
      existing: null,
    });
  }

  /**
   * Renames a table (within its schema).
   * @example await op.renameTable('post', 'article');
   */
  async renameTable(name: string, newName: string, options: SchemaOption = {}): Promise<void> {
    const table = checkIdentifier(name, 'renameTable');
    await this.emit({
      kind: 'renameTable',
      schema: options.schema ?? null,
      table,
      newName: checkIdentifier(newName, `renameTable "${table}" new name`),
    });
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
        'Add the column, then change the key with op.execute(), or recreate the table.',
      );
    }
    const model = tableFromDefinition(defineTable(table, { [name]: column }, null, options), this.naming);
    const added = model.columns[0] ?? columnFromBuilder(column, name, { schema, table });
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
      table: checkIdentifier(table, 'dropColumn'),
      column: checkIdentifier(name, `dropColumn "${table}"`),
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
      table: checkIdentifier(table, 'alterColumn'),
      column: checkIdentifier(column, `alterColumn "${table}"`),
      existing: null,
    };
    if (changes.type !== undefined)
      op.type = { from: undefined, to: bareType(changes.type, column, { schema, table }) };
    if (changes.notNull !== undefined) op.nullable = { from: undefined, to: !changes.notNull };
    if (changes.default !== undefined) op.default = { from: undefined, to: toDefault(changes.default, where) };
    if (changes.name !== undefined)
      op.name = { from: undefined, to: checkIdentifier(changes.name, `${where} new name`) };
    if (changes.comment !== undefined) op.comment = { from: undefined, to: changes.comment };
    if (changes.autoIncrement !== undefined) op.autoIncrement = { from: undefined, to: changes.autoIncrement };
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
   */
  async createIndex(
    name: string,
    table: string,
    columns: readonly string[],
    options: CreateIndexOptions = {},
  ): Promise<void> {
    const index = {
      name: checkIdentifier(name, 'createIndex'),
      columns: nonEmptyList(columns, `createIndex "${name}"`),
      unique: options.unique === true,
      where: options.where === undefined ? null : sqlText(options.where),
    };
    await this.emit({
      kind: 'createIndex',
      schema: options.schema ?? null,
      table: checkIdentifier(table, `createIndex "${name}"`),
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
      table: checkIdentifier(table, `dropIndex "${name}"`),
      name: checkIdentifier(name, 'dropIndex'),
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
      name: checkIdentifier(name, 'createUniqueConstraint'),
      columns: nonEmptyList(columns, `createUniqueConstraint "${name}"`),
    };
    await this.emit({
      kind: 'createUniqueConstraint',
      schema: options.schema ?? null,
      table: checkIdentifier(table, `createUniqueConstraint "${name}"`),
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
      name: checkIdentifier(name, 'createForeignKey'),
      columns: local,
      referencedSchema: options.referencedSchema ?? null,
      referencedTable: checkIdentifier(referencedTable, `${what} referenced table`),
      referencedColumns: remote,
      onDelete: referentialAction(options.onDelete, `${what} onDelete`),
      onUpdate: referentialAction(options.onUpdate, `${what} onUpdate`),
    };
    await this.emit({
      kind: 'createForeignKey',
      schema: options.schema ?? null,
      table: checkIdentifier(table, what),
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
    const check = { name: checkIdentifier(name, 'createCheckConstraint'), expression };
    await this.emit({
      kind: 'createCheckConstraint',
      schema: options.schema ?? null,
      table: checkIdentifier(table, `createCheckConstraint "${name}"`),
      check,
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
      table: checkIdentifier(table, `dropConstraint "${name}"`),
      name: checkIdentifier(name, 'dropConstraint'),
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
   * Appends values to an enum type.
   * @example await op.alterEnum('mood', { addValues: ['meh'] });
   */
  async alterEnum(
    name: string,
    changes: { readonly addValues: readonly string[] },
    options: SchemaOption = {},
  ): Promise<void> {
    const problem = enumProblem(name, changes.addValues);
    if (problem !== null) invalid(`alterEnum: ${problem}`, "List the values to add: { addValues: ['meh'] }.");
    await this.emit({
      kind: 'alterEnum',
      schema: options.schema ?? null,
      name,
      addValues: [...changes.addValues],
      existing: null,
    });
  }

  /**
   * Drops an enum type (PostgreSQL; a no-op where enums are inline).
   * @example await op.dropEnum('mood');
   */
  async dropEnum(name: string, options: SchemaOption = {}): Promise<void> {
    await this.emit({
      kind: 'dropEnum',
      schema: options.schema ?? null,
      name: checkIdentifier(name, 'dropEnum'),
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
    const name = checkIdentifier(table, 'bulkInsert');
    await this.emit({ kind: 'bulkInsert', schema: options.schema ?? null, table: name, rows: checkRows(rows, name) });
  }

  /**
   * Runs a query and returns its rows, for data migrations. Online only: it
   * fails under --sql, where there is no database to read. Placeholders are
   * the driver's (`?` on SQLite/MySQL, `$1` on PostgreSQL).
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
