import { assertNever } from '../../util/assert-never.js';
import { OperationError } from '../../errors.js';
import { alteredColumn } from '../../operations/apply.js';
import type {
  AlterColumnOp,
  AlterEnumOp,
  AlterTableOp,
  ConstraintType,
  DropConstraintOp,
  DropIndexOp,
  TableRef,
} from '../../operations/operation.js';
import type { Column, ColumnType, DefaultValue, ForeignKey, IndexPart, PrimaryKey, Table } from '../../schema/model.js';
import { type CompileContext, contextTable } from '../dialect.js';
import { type ColumnDefinitionContext, DdlCompiler } from '../ddl-compiler.js';
import { enumRewrite } from '../enum-columns.js';
import { literal, parseStringLiteral, quoteIdentifier, quoteString } from './mysql-sql.js';
import { columnTypeSql, needsExpressionDefault } from './mysql-types.js';

/**
 * MySQL/MariaDB DDL: backtick identifiers, backslash-aware string literals,
 * comments inside column definitions and `COMMENT=` on tables, ALTER COLUMN
 * as `MODIFY COLUMN`/`CHANGE COLUMN` restating the whole column, and
 * `DROP INDEX`/`DROP FOREIGN KEY`/`DROP CONSTRAINT` by constraint kind.
 *
 * createEnum/dropEnum compile to nothing: MySQL enums are inline
 * `ENUM('a','b')` column types, created and dropped with their columns. An
 * alterEnum is a MODIFY COLUMN of every column of the enum (autogenerate
 * also writes one alterColumn per column, which then finds it done).
 */
export class MysqlDdlCompiler extends DdlCompiler {
  protected override readonly inlineComments: boolean = true;
  protected override readonly databaseName: string = 'MySQL/MariaDB';

  override quoteIdentifier(name: string): string {
    return quoteIdentifier(name);
  }

  override literal(value: string | number | boolean | null): string {
    return literal(value);
  }

  protected override columnType(type: ColumnType): string {
    return columnTypeSql(type);
  }

  /**
   * `name TYPE NULL|NOT NULL [DEFAULT …] [AUTO_INCREMENT] [COMMENT '…']`.
   * NULL is written out because a TIMESTAMP column is NOT NULL by default
   * on servers running with explicit_defaults_for_timestamp off.
   */
  protected override columnDefinition(column: Column, context: ColumnDefinitionContext): string {
    this.refuseIdentityAlways(context.table, column);
    this.refuseArray(context.table, column);
    const parts = [this.quoteIdentifier(column.name), this.columnType(column.type)];
    // MariaDB takes neither NULL nor NOT NULL on a generated column.
    if (column.generated !== undefined) parts.push(this.generatedClause(column, context));
    else parts.push(column.nullable ? 'NULL' : 'NOT NULL');
    // MySQL refuses a default on an AUTO_INCREMENT column.
    if (!column.autoIncrement && column.default !== null) parts.push(this.defaultClause(column.default, column));
    if (column.autoIncrement) parts.push('AUTO_INCREMENT');
    if (column.comment !== null) parts.push(this.inlineColumnComment(column));
    return parts.join(' ');
  }

  protected override autoIncrementClause(_column: Column, _context: ColumnDefinitionContext): string {
    return 'AUTO_INCREMENT';
  }

  /** As standard; a NOT NULL generated column is refused, since MariaDB cannot declare one. */
  protected override generatedClause(column: Column, context: ColumnDefinitionContext): string {
    if (!column.nullable) {
      throw new OperationError(
        'operation.unsupported',
        `column '${context.table.table}.${column.name}' is generated and NOT NULL, which MariaDB cannot declare`,
        {
          hint: 'drop .notNull() from the generated column (its expression decides whether it is NULL)',
          data: { table: context.table.table, column: column.name },
        },
      );
    }
    return super.generatedClause(column, context);
  }

  /**
   * Literals as literals, except on TEXT/BLOB/JSON where MySQL 8 accepts only
   * an expression (`DEFAULT ('x')`; MariaDB takes both). SQL defaults other
   * than literals and CURRENT_TIMESTAMP are parenthesised, which MySQL 8
   * requires for expression defaults and MariaDB accepts.
   */
  protected override defaultExpression(value: DefaultValue, column: Column): string {
    const wrap = needsExpressionDefault(column.type);
    if (value.kind === 'literal') {
      const text = this.literal(value.value);
      return wrap ? `(${text})` : text;
    }
    const sql = value.sql.trim();
    if (TIMESTAMP_FUNCTION.test(sql) || /^(null|true|false)$/i.test(sql)) return sql;
    if (NUMBER.test(sql)) return wrap ? `(${sql})` : sql;
    if (parseStringLiteral(sql) !== null) return wrap ? `(${sql})` : sql;
    return isWrapped(sql) ? sql : `(${sql})`;
  }

  protected override inlineColumnComment(column: Column): string {
    return column.comment === null ? '' : `COMMENT ${quoteString(column.comment)}`;
  }

  /** Never used: comments are inline (`inlineComments`) and the table comment is a CREATE TABLE option. */
  protected override columnCommentStatements(_ref: TableRef, _column: string, _comment: string | null): string[] {
    return [];
  }

  /** The table comment is written by `createTableSuffix` in the CREATE TABLE itself. */
  protected override tableCommentStatements(_ref: TableRef, _comment: string | null): string[] {
    return [];
  }

  /**
   * `ALTER TABLE … COMMENT = ''` is how MySQL removes a table comment. A new
   * default charset/collation applies to columns added later; the columns
   * the table has keep theirs (name them with `.collate()` to convert them).
   */
  protected override alterTable(op: AlterTableOp, _context: CompileContext): string[] {
    const options = this.tableOptions({
      charset: op.charset === undefined ? undefined : this.namedOption(op, 'charset', op.charset.to),
      collation: op.collation === undefined ? undefined : this.namedOption(op, 'collation', op.collation.to),
      comment: op.comment === undefined ? undefined : (op.comment.to ?? ''),
    });
    return [`ALTER TABLE ${this.qualifiedTable(op)} ${options}`];
  }

  protected override createTableSuffix(table: Table): string {
    return this.tableOptions({ ...table, comment: table.comment ?? undefined });
  }

  /** `DEFAULT CHARSET=… COLLATE=… COMMENT=…`, each when given. */
  private tableOptions(options: { charset?: string; collation?: string; comment?: string }): string {
    return [
      options.charset === undefined ? '' : `DEFAULT CHARSET=${this.quoteIdentifier(options.charset)}`,
      options.collation === undefined ? '' : `COLLATE=${this.quoteIdentifier(options.collation)}`,
      options.comment === undefined ? '' : `COMMENT=${quoteString(options.comment)}`,
    ]
      .filter((part) => part !== '')
      .join(' ');
  }

  /** MySQL has no "back to the database's default": a charset/collation change names its target. */
  private namedOption(ref: TableRef, option: 'charset' | 'collation', value: string | null): string {
    if (value !== null) return value;
    throw new OperationError(
      'operation.unsupported',
      `table '${ref.table}': cannot set the ${option} back to the database's default without naming it on MySQL/MariaDB`,
      {
        hint: `pass the ${option} name, e.g. op.alterTable('${ref.table}', { ${option}: 'utf8mb4…' })`,
        data: { table: ref.table, option },
      },
    );
  }

  /** MySQL names every primary key PRIMARY and ignores any other name. */
  protected override primaryKeyConstraint(pk: PrimaryKey): string {
    return `PRIMARY KEY (${this.columnList(pk.columns)})`;
  }

  /** Both actions spelled out: MariaDB reports an unspecified one as RESTRICT. */
  protected override referentialActions(fk: ForeignKey): string[] {
    return [`ON DELETE ${this.referentialAction(fk.onDelete)}`, `ON UPDATE ${this.referentialAction(fk.onUpdate)}`];
  }

  /** `ALTER TABLE … MODIFY COLUMN` (or `CHANGE COLUMN` for a rename) restating the whole column. */
  protected override alterColumn(op: AlterColumnOp, context: CompileContext): string[] {
    const table = contextTable(context, op);
    const current = table?.columns.find((c) => c.name === op.column) ?? op.existing;
    if (current === null || current === undefined) {
      throw new OperationError(
        'operation.alter-column-unknown',
        `cannot alter column '${op.column}' of '${op.table}': MySQL restates the whole column and its current definition is unknown`,
        {
          hint: context.offline
            ? 'create the table earlier in the same --sql range, or run the upgrade online'
            : `check that table '${op.table}' has a column '${op.column}'`,
          data: { table: op.table, column: op.column },
        },
      );
    }
    const after = alteredColumn(current, op);
    const definition = this.columnDefinition(after, { table: op, primaryKey: null, purpose: 'alterColumn' });
    const head = `ALTER TABLE ${this.qualifiedTable(op)}`;
    return after.name === op.column
      ? [`${head} MODIFY COLUMN ${definition}`]
      : [`${head} CHANGE COLUMN ${this.quoteIdentifier(op.column)} ${definition}`];
  }

  /**
   * MODIFY COLUMN of each column of the enum with the new list. The server
   * keeps no enum names, so a column is the enum's when the run knows it by
   * name, or when it holds exactly the list before the change
   * (`existingValues`, which autogenerate writes). Removing a value that
   * rows hold fails in strict mode (the default): "Data truncated".
   */
  protected override alterEnum(op: AlterEnumOp, context: CompileContext): string[] {
    const hint = `MySQL keeps no enum names: give the list before the change, op.alterEnum('${op.name}', { … }, { existingValues: [ … ] }), or alter each column with op.alterColumn`;
    const { values, columns } = enumRewrite(context.model, op, true, hint);
    return columns.map(({ table, column }) => {
      const type = column.type.kind === 'enum' ? { ...column.type, values } : column.type;
      const ref = { schema: table.schema, table: table.name };
      const definition = this.columnDefinition(
        { ...column, type },
        { table: ref, primaryKey: null, purpose: 'alterColumn' },
      );
      return `ALTER TABLE ${this.qualifiedTable(ref)} MODIFY COLUMN ${definition}`;
    });
  }

  /** `DROP INDEX … ON …`, keeping foreign keys served (see `dropIndexStatements`). */
  protected override dropIndex(op: DropIndexOp, context: CompileContext): string[] {
    return this.dropIndexStatements(op, op.name, contextTable(context, op));
  }

  /**
   * InnoDB refuses to drop the only index a foreign key can use. A fresh
   * CREATE TABLE without that index would have the one InnoDB makes for the
   * key, so the key is dropped and re-added around the index: InnoDB then
   * makes its own index (one it drops again by itself once another index can
   * serve, which an index kiln added would not be).
   */
  private dropIndexStatements(ref: TableRef, name: string, table: Table | null): string[] {
    const orphans = table === null ? [] : orphanedForeignKeys(table, name);
    const head = `ALTER TABLE ${this.qualifiedTable(ref)}`;
    return [
      ...orphans.map((fk) => `${head} DROP FOREIGN KEY ${this.quoteIdentifier(fk.name)}`),
      `DROP INDEX ${this.quoteIdentifier(name)} ON ${this.qualifiedTable(ref)}`,
      ...orphans.map((fk) => `${head} ADD ${this.foreignKeyConstraint(fk)}`),
    ];
  }

  /**
   * MySQL drops each kind with its own clause, so the kind must be known:
   * from the op, from `existing`, or looked up in the table as it is now.
   */
  protected override dropConstraint(op: DropConstraintOp, context: CompileContext): string[] {
    const table = contextTable(context, op);
    const type = op.type ?? op.existing?.type ?? constraintType(table, op.name);
    const head = `ALTER TABLE ${this.qualifiedTable(op)}`;
    switch (type) {
      case 'primaryKey':
        return [`${head} DROP PRIMARY KEY`];
      case 'unique':
        return this.dropIndexStatements(op, op.name, table);
      case 'check':
        return [`${head} DROP CONSTRAINT ${this.quoteIdentifier(op.name)}`];
      case 'foreignKey':
        return this.dropForeignKey(op, table);
      case null:
        throw new OperationError(
          'operation.constraint-kind',
          `cannot tell what kind of constraint '${op.name}' on '${op.table}' is${context.offline ? ' offline' : ': the table has no such constraint'}`,
          {
            hint: "pass { type: 'unique' | 'foreignKey' | 'check' | 'primaryKey' } to op.dropConstraint()",
            data: { table: op.table, constraint: op.name },
          },
        );
      default:
        return assertNever(type, 'constraint type');
    }
  }

  /**
   * DROP FOREIGN KEY leaves behind the index InnoDB created for the key
   * (named after it); a fresh CREATE TABLE without the key would not have it,
   * so it is dropped too.
   */
  private dropForeignKey(op: DropConstraintOp, table: Table | null): string[] {
    const head = `ALTER TABLE ${this.qualifiedTable(op)}`;
    const statements = [`${head} DROP FOREIGN KEY ${this.quoteIdentifier(op.name)}`];
    const existing = op.existing?.type === 'foreignKey' ? op.existing.constraint : undefined;
    const fk = table?.foreignKeys.find((f) => f.name === op.name) ?? existing;
    if (hasImplicitIndex(op.name, fk, table)) {
      statements.push(`DROP INDEX ${this.quoteIdentifier(op.name)} ON ${this.qualifiedTable(op)}`);
    }
    return statements;
  }

  /** MySQL's spelling of an all-defaults row. */
  protected override insertDefaultValues(ref: TableRef): string {
    return `INSERT INTO ${this.qualifiedTable(ref)} () VALUES ()`;
  }
}

const TIMESTAMP_FUNCTION = /^(current_timestamp|now|localtime|localtimestamp)\s*(\(\s*\d*\s*\))?$/i;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Whether the whole of `sql` sits inside one pair of parentheses. */
function isWrapped(sql: string): boolean {
  if (!sql.startsWith('(') || !sql.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < sql.length; i += 1) {
    if (sql[i] === '(') depth += 1;
    else if (sql[i] === ')') depth -= 1;
    if (depth === 0 && i < sql.length - 1) return false;
  }
  return true;
}

function constraintType(table: Table | null, name: string): ConstraintType | null {
  if (table === null) return null;
  if (table.foreignKeys.some((f) => f.name === name)) return 'foreignKey';
  if (table.checks.some((c) => c.name === name)) return 'check';
  if (table.uniques.some((u) => u.name === name)) return 'unique';
  if (table.indexes.some((i) => i.name === name && i.unique)) return 'unique';
  if (table.primaryKey !== null && (table.primaryKey.name === name || name === 'PRIMARY')) return 'primaryKey';
  return null;
}

/**
 * Whether InnoDB made an index for this key: the table lists one under the
 * key's name (online), or no other index starts with the key's columns (the
 * offline, simulated table does not list implicit indexes).
 */
function hasImplicitIndex(name: string, fk: ForeignKey | undefined, table: Table | null): boolean {
  if (table === null || fk === undefined) return false;
  if (table.indexes.some((i) => i.name === name)) return true;
  return !keyColumns(table, name).some((key) => covers(key, fk));
}

/** Columns of every key of `table` that can serve a foreign key, except the index or unique named `except`. */
function keyColumns(table: Table, except: string): (readonly IndexPart[])[] {
  return [
    ...(table.primaryKey === null ? [] : [table.primaryKey.columns]),
    ...table.uniques.filter((u) => u.name !== except).map((u) => u.columns),
    ...table.indexes.filter((i) => i.name !== except).map((i) => i.columns),
  ];
}

/** An expression part never equals a column name, so it serves no foreign key. */
function covers(key: readonly IndexPart[], fk: ForeignKey): boolean {
  return fk.columns.every((c, i) => key[i] === c);
}

/** Foreign keys that the index (or unique) `name` serves and no other key of the table could. */
function orphanedForeignKeys(table: Table, name: string): ForeignKey[] {
  const dropped = [...table.uniques, ...table.indexes].find((k) => k.name === name);
  if (dropped === undefined) return [];
  const others = keyColumns(table, name);
  return table.foreignKeys.filter(
    (fk) => fk.name !== name && covers(dropped.columns, fk) && !others.some((key) => covers(key, fk)),
  );
}
