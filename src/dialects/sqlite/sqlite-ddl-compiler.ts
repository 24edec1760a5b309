import { isDeepStrictEqual } from 'node:util';
import { OperationError } from '../../errors.js';
import { applyToTable, type TableOperation } from '../../operations/apply.js';
import type {
  AddColumnOp,
  AlterColumnOp,
  AlterEnumOp,
  CreateCheckConstraintOp,
  CreateForeignKeyOp,
  CreatePrimaryKeyOp,
  CreateTableOp,
  CreateUniqueConstraintOp,
  DropColumnOp,
  DropConstraintOp,
  TableRef,
} from '../../operations/operation.js';
import {
  type Column,
  type ColumnType,
  type DefaultValue,
  type Index,
  isIntegerType,
  isTextType,
  type PrimaryKey,
  type Table,
} from '../../schema/model.js';
import { type ColumnDefinitionContext, DdlCompiler, tableRefOf } from '../ddl-compiler.js';
import { type CompileContext, contextTable } from '../dialect.js';
import { enumRewrite } from '../enum-columns.js';
import { SQLITE_CAPABILITIES } from './sqlite-adapter.js';
import { dependentStatements } from './sqlite-dependents.js';
import {
  columnIsConstrained,
  type RebuildSql,
  rebuildTableStatements,
  SQLITE_SIMULATION,
  sameNameSources,
} from './sqlite-table-rebuild.js';
import { enumCheckName, sqliteDeclaredType } from './sqlite-types.js';

/**
 * The column that is SQLite's `INTEGER PRIMARY KEY AUTOINCREMENT`, or null:
 * AUTOINCREMENT exists only on a single-column integer primary key, written
 * inline and declared exactly `INTEGER`.
 */
export function autoIncrementKey(columns: readonly Column[], primaryKey: PrimaryKey | null): Column | null {
  if (primaryKey === null || primaryKey.columns.length !== 1) return null;
  const column = columns.find((c) => c.name === primaryKey.columns[0]);
  return column?.autoIncrement && isIntegerType(column.type) ? column : null;
}

/**
 * SQLite's DDL: the standard spelling where ALTER TABLE can do the job (add
 * a plain column, drop an unconstrained one, rename), a table rebuild
 * (`sqlite-table-rebuild.ts`) for everything else: constraints added or
 * dropped, columns altered, NOT NULL columns without a default, columns with
 * an expression default, constrained columns dropped.
 */
export class SqliteDdlCompiler extends DdlCompiler implements RebuildSql {
  protected override readonly databaseName: string = 'SQLite';

  constructor() {
    super(SQLITE_CAPABILITIES);
  }

  protected override columnType(type: ColumnType): string {
    return sqliteDeclaredType(type);
  }

  /** SQLite has no schemas here (a schema would name an attached database), so it is left out. */
  override qualifiedTable(ref: TableRef): string {
    return this.quoteIdentifier(ref.table);
  }

  protected override columnDefinition(column: Column, context: ColumnDefinitionContext): string {
    this.refuseIdentityAlways(context.table, column);
    this.refuseArray(context.table, column);
    const keyColumn = context.purpose === 'createTable' ? autoIncrementKey([column], context.primaryKey) : null;
    if (keyColumn !== null && context.primaryKey !== null) {
      const parts = [
        `${this.quoteIdentifier(column.name)} INTEGER`,
        `CONSTRAINT ${this.quoteIdentifier(context.primaryKey.name)} PRIMARY KEY AUTOINCREMENT NOT NULL`,
        this.defaultClause(column.default, column),
      ];
      return parts.filter((p) => p !== '').join(' ');
    }
    const type = column.type;
    const collated = isTextType(type) && type.collation !== undefined;
    const definition = `${super.columnDefinition(column, context)}${collated ? ` COLLATE ${this.quoteIdentifier(type.collation ?? '')}` : ''}`;
    if (column.type.kind !== 'enum') return definition;
    const values = column.type.values.map((v) => this.literal(v)).join(', ');
    const name = this.quoteIdentifier(enumCheckName(column.type.name));
    return `${definition} CONSTRAINT ${name} CHECK (${this.quoteIdentifier(column.name)} IN (${values}))`;
  }

  /** Only the inline key above can autoincrement; elsewhere SQLite has no such clause (normalize drops the flag). */
  protected override autoIncrementClause(): string {
    return '';
  }

  /** Expressions go in parentheses, as SQLite requires; `PRAGMA table_info` reads them back without. */
  protected override defaultExpression(value: DefaultValue, column: Column): string {
    return value.kind === 'sql' ? `(${value.sql})` : super.defaultExpression(value, column);
  }

  protected override tableElements(table: Table): string[] {
    const elements = super.tableElements(table);
    if (table.primaryKey === null || autoIncrementKey(table.columns, table.primaryKey) === null) return elements;
    // The key is already written inline on its column, where AUTOINCREMENT must be.
    const tableLevel = this.primaryKeyConstraint(table.primaryKey);
    return elements.filter((element) => element !== tableLevel);
  }

  // ---- RebuildSql -------------------------------------------------------------------------------

  createTableStatement(table: Table): string {
    this.createTableSuffix(table); // refuses a table collation or charset, which SQLite has not
    const body = this.tableElements(table)
      .map((e) => `  ${e}`)
      .join(',\n');
    return `CREATE TABLE ${this.qualifiedTable(tableRefOf(table))} (\n${body}\n)`;
  }

  override createIndexStatement(ref: TableRef, index: Index): string {
    return super.createIndexStatement(ref, index);
  }

  defaultSql(value: DefaultValue, column: Column): string {
    return this.defaultExpression(value, column);
  }

  autoIncrements(table: Table): boolean {
    return autoIncrementKey(table.columns, table.primaryKey) !== null;
  }

  // ---- operations -------------------------------------------------------------------------------

  protected override createTable(op: CreateTableOp): string[] {
    return [this.createTableStatement(op.table)];
  }

  /** ADD COLUMN refuses NOT NULL without a default and expression defaults: those rebuild. */
  protected override addColumn(op: AddColumnOp, context: CompileContext): string[] {
    if (!addRebuilds(op)) return super.addColumn(op, context);
    return this.rebuild(op, context, 'add column', (table) => applyToTable(table, op));
  }

  /** DROP COLUMN refuses keyed, indexed, constrained or checked columns: those rebuild without them. */
  protected override dropColumn(op: DropColumnOp, context: CompileContext): string[] {
    const table = contextTable(context, this.ref(op));
    if (table === null || !columnIsConstrained(table, op.column)) return super.dropColumn(op, context);
    return this.rebuild(op, context, 'drop column', (current) => applyToTable(current, op, SQLITE_SIMULATION));
  }

  /**
   * Only a rename is an ALTER TABLE; comments are not stored; any other
   * change rebuilds. A rename that comes with other changes runs as RENAME
   * COLUMN after the rebuild, so that SQLite rewrites the views, triggers,
   * indexes and checks that name the column.
   */
  protected override alterColumn(op: AlterColumnOp, context: CompileContext): string[] {
    const renames = op.name === undefined ? [] : this.renameColumn(op, op.name);
    if ((op.type ?? op.nullable ?? op.default ?? op.autoIncrement) === undefined) return renames;
    const { name: _renamedAfter, ...change } = op;
    const rebuilt = this.rebuild(op, context, 'alter column', (table) => applyToTable(table, change));
    return [...rebuilt, ...renames];
  }

  protected override createUniqueConstraint(op: CreateUniqueConstraintOp, context: CompileContext): string[] {
    return this.rebuild(op, context, 'add a unique constraint', (table) => applyToTable(table, op));
  }

  protected override createForeignKey(op: CreateForeignKeyOp, context: CompileContext): string[] {
    return this.rebuild(op, context, 'add a foreign key', (table) => applyToTable(table, op));
  }

  protected override createCheckConstraint(op: CreateCheckConstraintOp, context: CompileContext): string[] {
    return this.rebuild(op, context, 'add a check constraint', (table) => applyToTable(table, op));
  }

  protected override createPrimaryKey(op: CreatePrimaryKeyOp, context: CompileContext): string[] {
    return this.rebuild(op, context, 'add a primary key', (table) => applyToTable(table, op));
  }

  protected override dropConstraint(op: DropConstraintOp, context: CompileContext): string[] {
    return this.rebuild(op, context, 'drop a constraint', (table) => applyToTable(table, op));
  }

  /** An enum's list lives in each column's CHECK: every table with a column of it is rebuilt with the new list. */
  protected override alterEnum(op: AlterEnumOp, context: CompileContext): string[] {
    const hint = `create a column of enum '${op.name}' first (SQLite keeps an enum only in its columns' checks)`;
    const { values, columns } = enumRewrite(context.model, op, false, hint);
    const statements: string[] = [];
    for (const table of new Set(columns.map((c) => c.table))) {
      const retype = (c: Column): Column =>
        columns.some((e) => e.column === c) && c.type.kind === 'enum' ? { ...c, type: { ...c.type, values } } : c;
      const target = { ...table, columns: table.columns.map(retype) };
      statements.push(...this.rewrite(table, target, sameNameSources(table, target), context));
    }
    return statements;
  }

  /**
   * Whether `op` on `table` is carried out by a rebuild (the rules the
   * methods above follow), so that a run of changes to one table can share
   * one rebuild (see `TableRewrite`). Renames never share: they must run as
   * RENAME COLUMN for SQLite to rewrite what names the column.
   */
  rebuilds(op: TableOperation, table: Table): boolean {
    switch (op.kind) {
      case 'addColumn':
        return addRebuilds(op);
      case 'dropColumn':
        return columnIsConstrained(table, op.column);
      case 'alterColumn':
        return (op.type ?? op.nullable ?? op.default ?? op.autoIncrement) !== undefined;
      case 'createIndex':
      case 'dropIndex':
        return false;
      default:
        return true;
    }
  }

  /** The statements that rebuild `current` as `target`, `sources` naming where each kept column's values come from. */
  rewrite(current: Table, target: Table, sources: ReadonlyMap<string, string>, context: CompileContext): string[] {
    return [
      ...rebuildTableStatements(this, current, target, sources),
      ...dependentStatements(context.dependents, current, target, (name) => this.quoteIdentifier(name)),
    ];
  }

  private ref(op: TableRef): TableRef {
    return { schema: null, table: op.table };
  }

  private rebuild(
    op: TableRef,
    context: CompileContext,
    action: string,
    change: (table: Table) => Table,
    sources: (current: Table, target: Table) => Map<string, string> = sameNameSources,
  ): string[] {
    const current = contextTable(context, this.ref(op));
    if (current === null) {
      throw new OperationError(
        'operation.rebuild-unknown-table',
        `cannot ${action} on table '${op.table}': SQLite rebuilds the table for this, and its definition is unknown`,
        {
          hint: context.offline
            ? 'for --sql, start the range at a revision where kiln has seen the table created, or run online'
            : `check that table '${op.table}' exists`,
          data: { table: op.table },
        },
      );
    }
    const target = change(current);
    // Already as asked (an alterEnum before it rewrote the column): nothing to copy.
    if (isDeepStrictEqual(current, target)) return [];
    return this.rewrite(current, target, sources(current, target), context);
  }
}

/** ADD COLUMN refuses NOT NULL without a default, and expression defaults. */
function addRebuilds(op: AddColumnOp): boolean {
  const { column } = op;
  // ALTER TABLE … ADD COLUMN cannot add a STORED generated column (a VIRTUAL one it can).
  if (column.generated !== undefined) return column.generated.stored;
  return !((column.nullable || column.default !== null) && column.default?.kind !== 'sql');
}
