import { OperationError } from '../errors.js';
import type {
  AddColumnOp,
  AlterColumnOp,
  AlterEnumOp,
  AlterTableOp,
  BulkInsertOp,
  Change,
  CreateCheckConstraintOp,
  CreateEnumOp,
  CreateForeignKeyOp,
  CreateSchemaOp,
  CreateIndexOp,
  CreatePrimaryKeyOp,
  CreateTableOp,
  CreateUniqueConstraintOp,
  DropColumnOp,
  DropConstraintOp,
  DropEnumOp,
  DropIndexOp,
  DropSchemaOp,
  DropTableOp,
  ExecuteOp,
  Operation,
  OperationHandlers,
  RenameTableOp,
  RowValue,
  TableRef,
} from '../operations/operation.js';
import { dispatchOperation } from '../operations/operation.js';
import type {
  CheckConstraint,
  Column,
  ColumnType,
  DefaultValue,
  ForeignKey,
  Index,
  PrimaryKey,
  ReferentialAction,
  Table,
  UniqueConstraint,
} from '../schema/model.js';
import { duplicatesPrimaryKey } from '../schema/primary-key-duplicates.js';
import type { CompileContext, DialectCapabilities } from './dialect.js';
import { checkIdentifierLengths, operationIdentifiers } from './identifier-limit.js';

/** Where a column definition is being written; dialects spell some clauses differently per place. */
export interface ColumnDefinitionContext {
  readonly table: TableRef;
  /** The table's primary key when the column is written inside CREATE TABLE; null otherwise. */
  readonly primaryKey: PrimaryKey | null;
  readonly purpose: 'createTable' | 'addColumn' | 'alterColumn';
}

/** The TableRef of a model table. */
export function tableRefOf(table: Pick<Table, 'schema' | 'name'>): TableRef {
  return { schema: table.schema, table: table.name };
}

/**
 * Compiles every `Operation` to standard SQL through small hooks that each
 * dialect overrides where its spelling differs (after kysely's
 * `DefaultQueryCompiler`). The base speaks ANSI/PostgreSQL-flavoured SQL:
 * double-quoted identifiers, `ALTER TABLE … ALTER COLUMN … SET NOT NULL`,
 * `CONSTRAINT name …` for every named constraint.
 *
 * Statements are returned without a trailing `;` (offline output adds it).
 * Every operation kind has a handler (`OperationHandlers`): nothing is dropped
 * silently; what a database cannot do throws an `OperationError`.
 *
 * @example
 *   class MyCompiler extends DdlCompiler {
 *     protected override columnType(type: ColumnType): string { … }
 *   }
 *   new MyCompiler(capabilities).compile(op, context); // ['CREATE TABLE …']
 */
export abstract class DdlCompiler {
  /** Rows per INSERT statement in bulkInsert; keeps statements under server packet limits. */
  protected readonly bulkInsertBatchSize: number = 100;

  /**
   * True when column comments are written inside the column definition
   * (`inlineColumnComment`, MySQL) rather than as `COMMENT ON COLUMN`
   * statements after CREATE TABLE / ADD COLUMN. Default false.
   */
  protected readonly inlineComments: boolean = false;

  /** How messages name the database when refusing what it cannot do. */
  protected readonly databaseName: string = 'this database';

  constructor(readonly capabilities: DialectCapabilities) {}

  /** The statements that carry out `op`, in order. */
  compile(op: Operation, context: CompileContext): string[] {
    // Every name reaches the server through here, hand-written revisions' too.
    checkIdentifierLengths(this.capabilities.identifierLimit, operationIdentifiers(op));
    return dispatchOperation(op, this.handlers(context));
  }

  private handlers(context: CompileContext): OperationHandlers<string[]> {
    return {
      createTable: (op) => this.createTable(op, context),
      dropTable: (op) => this.dropTable(op, context),
      renameTable: (op) => this.renameTable(op, context),
      alterTable: (op) => this.alterTable(op, context),
      addColumn: (op) => this.addColumn(op, context),
      dropColumn: (op) => this.dropColumn(op, context),
      alterColumn: (op) => this.alterColumn(op, context),
      createIndex: (op) => this.createIndex(op, context),
      dropIndex: (op) => this.dropIndex(op, context),
      createUniqueConstraint: (op) => this.createUniqueConstraint(op, context),
      createForeignKey: (op) => this.createForeignKey(op, context),
      createCheckConstraint: (op) => this.createCheckConstraint(op, context),
      createPrimaryKey: (op) => this.createPrimaryKey(op, context),
      dropConstraint: (op) => this.dropConstraint(op, context),
      createEnum: (op) => this.createEnum(op, context),
      alterEnum: (op) => this.alterEnum(op, context),
      dropEnum: (op) => this.dropEnum(op, context),
      createSchema: (op) => this.createSchema(op, context),
      dropSchema: (op) => this.dropSchema(op, context),
      execute: (op) => this.execute(op, context),
      bulkInsert: (op) => this.bulkInsert(op, context),
    };
  }

  // ---- spelling hooks -------------------------------------------------------------------------

  /** `"a""b"`: the SQL-standard quoting; MySQL overrides with backticks. */
  quoteIdentifier(name: string): string {
    return `"${name.replaceAll('"', '""')}"`;
  }

  /** A SQL literal. Strings double their single quotes; dialects whose servers treat `\` specially override. */
  literal(value: string | number | boolean | null): string {
    if (value === null) return 'NULL';
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) {
        throw new OperationError('operation.literal', `cannot write ${value} as a SQL literal`, {
          hint: 'use a finite number, or sql`…` for a database-specific value',
        });
      }
      return String(value);
    }
    return `'${value.replaceAll("'", "''")}'`;
  }

  /** `schema.table` or `table`, quoted. */
  qualifiedTable(ref: TableRef): string {
    const name = this.quoteIdentifier(ref.table);
    return ref.schema === null ? name : `${this.quoteIdentifier(ref.schema)}.${name}`;
  }

  /** The name of an index or constraint living in the table's schema (PostgreSQL `DROP INDEX s.ix`). */
  protected qualifiedObject(ref: TableRef, name: string): string {
    return this.qualifiedTable({ schema: ref.schema, table: name });
  }

  /** The declared type of a column, e.g. `VARCHAR(30)`. */
  protected abstract columnType(type: ColumnType): string;

  /** `ON DELETE`/`ON UPDATE` spelling of a referential action. */
  protected referentialAction(action: ReferentialAction): string {
    return action.toUpperCase();
  }

  protected columnList(columns: readonly string[]): string {
    return columns.map((c) => this.quoteIdentifier(c)).join(', ');
  }

  // ---- columns ----------------------------------------------------------------------------------

  /** `name TYPE [GENERATED …] [identity] [NOT NULL] [DEFAULT …] [inline comment]`. */
  protected columnDefinition(column: Column, context: ColumnDefinitionContext): string {
    const parts = [`${this.quoteIdentifier(column.name)} ${this.columnType(column.type)}`];
    if (column.generated !== undefined) parts.push(this.generatedClause(column, context));
    if (column.autoIncrement) parts.push(this.autoIncrementClause(column, context));
    if (!column.nullable) parts.push('NOT NULL');
    const defaultClause = this.defaultClause(column.default, column);
    if (defaultClause !== '') parts.push(defaultClause);
    const comment = this.inlineColumnComment(column);
    if (comment !== '') parts.push(comment);
    return parts.filter((p) => p !== '').join(' ');
  }

  /** `GENERATED ALWAYS AS (expr) STORED|VIRTUAL` for a generated column (the model refuses a default with it). */
  protected generatedClause(column: Column, _context: ColumnDefinitionContext): string {
    const generated = column.generated;
    if (generated === undefined) return '';
    return `GENERATED ALWAYS AS (${generated.expression}) ${generated.stored ? 'STORED' : 'VIRTUAL'}`;
  }

  /** The SQL-standard identity clause; PostgreSQL, MySQL and SQLite each override. */
  protected autoIncrementClause(_column: Column, _context: ColumnDefinitionContext): string {
    return 'GENERATED BY DEFAULT AS IDENTITY';
  }

  /** `DEFAULT …`, or '' for no default. */
  protected defaultClause(value: DefaultValue | null, column: Column): string {
    return value === null ? '' : `DEFAULT ${this.defaultExpression(value, column)}`;
  }

  /** A default as an expression: literals through `literal()`, SQL verbatim. */
  protected defaultExpression(value: DefaultValue, _column: Column): string {
    return value.kind === 'literal' ? this.literal(value.value) : value.sql;
  }

  /** A comment written inside the column definition (MySQL `COMMENT '…'`); '' by default. */
  protected inlineColumnComment(_column: Column): string {
    return '';
  }

  /** Statements that set a column comment after the fact (`COMMENT ON COLUMN`), when comments are stored. */
  protected columnCommentStatements(ref: TableRef, column: string, comment: string | null): string[] {
    if (!this.capabilities.comments) return [];
    const target = `${this.qualifiedTable(ref)}.${this.quoteIdentifier(column)}`;
    return [`COMMENT ON COLUMN ${target} IS ${this.literal(comment)}`];
  }

  /**
   * Statements that set a table comment (`COMMENT ON TABLE`), when comments are
   * stored; run after CREATE TABLE when the table has a comment.
   */
  protected tableCommentStatements(ref: TableRef, comment: string | null): string[] {
    if (!this.capabilities.comments) return [];
    return [`COMMENT ON TABLE ${this.qualifiedTable(ref)} IS ${this.literal(comment)}`];
  }

  // ---- table elements ---------------------------------------------------------------------------

  protected primaryKeyConstraint(pk: PrimaryKey): string {
    return `CONSTRAINT ${this.quoteIdentifier(pk.name)} PRIMARY KEY (${this.columnList(pk.columns)})`;
  }

  protected uniqueConstraint(unique: UniqueConstraint): string {
    return `CONSTRAINT ${this.quoteIdentifier(unique.name)} UNIQUE (${this.columnList(unique.columns)})`;
  }

  protected foreignKeyConstraint(fk: ForeignKey): string {
    const target = this.qualifiedTable({ schema: fk.referencedSchema, table: fk.referencedTable });
    const head =
      `CONSTRAINT ${this.quoteIdentifier(fk.name)} FOREIGN KEY (${this.columnList(fk.columns)})` +
      ` REFERENCES ${target} (${this.columnList(fk.referencedColumns)})`;
    return [head, ...this.referentialActions(fk)].join(' ');
  }

  /** `ON DELETE …`/`ON UPDATE …`; 'no action' is the standard default and is left unsaid. */
  protected referentialActions(fk: ForeignKey): string[] {
    const clauses: string[] = [];
    if (fk.onDelete !== 'no action') clauses.push(`ON DELETE ${this.referentialAction(fk.onDelete)}`);
    if (fk.onUpdate !== 'no action') clauses.push(`ON UPDATE ${this.referentialAction(fk.onUpdate)}`);
    return clauses;
  }

  protected checkConstraint(check: CheckConstraint): string {
    return `CONSTRAINT ${this.quoteIdentifier(check.name)} CHECK (${check.expression})`;
  }

  /** Everything between the parentheses of CREATE TABLE: columns, then PK, uniques, FKs, checks. */
  protected tableElements(table: Table): string[] {
    const context: ColumnDefinitionContext = {
      table: tableRefOf(table),
      primaryKey: table.primaryKey,
      purpose: 'createTable',
    };
    return [
      ...table.columns.map((c) => this.columnDefinition(c, context)),
      ...(table.primaryKey === null ? [] : [this.primaryKeyConstraint(table.primaryKey)]),
      // One repeating the primary key says nothing more; PostgreSQL would drop it here anyway (see normalize).
      ...table.uniques.filter((u) => !duplicatesPrimaryKey(u, table.primaryKey)).map((u) => this.uniqueConstraint(u)),
      ...table.foreignKeys.map((fk) => this.foreignKeyConstraint(fk)),
      ...table.checks.map((c) => this.checkConstraint(c)),
    ];
  }

  /**
   * Text after the closing parenthesis of CREATE TABLE (MySQL `ENGINE=…`,
   * `COMMENT=…`); '' by default, where a table collation or charset is refused.
   */
  protected createTableSuffix(table: Table): string {
    if (table.collation !== undefined) this.refuseTableOption(tableRefOf(table), 'collation');
    if (table.charset !== undefined) this.refuseTableOption(tableRefOf(table), 'charset');
    return '';
  }

  /** Throws for an array column where the database has no arrays (all but PostgreSQL). */
  protected refuseArray(ref: TableRef, column: Column): void {
    if (column.type.kind !== 'array') return;
    throw new OperationError(
      'operation.unsupported',
      `column '${ref.table}.${column.name}' is an array, which ${this.databaseName} does not have`,
      { hint: 'use json() for a list of values, or a child table', data: { table: ref.table, column: column.name } },
    );
  }

  /** Throws: `GENERATED ALWAYS AS IDENTITY` is PostgreSQL's; elsewhere auto-increment always takes explicit values. */
  protected refuseIdentityAlways(ref: TableRef, column: Column): void {
    if (!column.autoIncrement || column.identity !== 'always') return;
    throw new OperationError(
      'operation.unsupported',
      `column '${ref.table}.${column.name}' is GENERATED ALWAYS AS IDENTITY, which ${this.databaseName} does not have`,
      {
        hint: 'use .generatedByDefaultAsIdentity() or .primaryKey({ autoIncrement: true }) (explicit ids allowed)',
        data: { table: ref.table, column: column.name },
      },
    );
  }

  /** Throws: a table collation/charset is a MySQL option the other databases do not have. */
  protected refuseTableOption(ref: TableRef, option: 'collation' | 'charset'): never {
    const table = ref.schema === null ? ref.table : `${ref.schema}.${ref.table}`;
    throw new OperationError(
      'operation.unsupported',
      `table '${table}' names a ${option}, which ${this.databaseName} has no table-level setting for`,
      {
        hint:
          option === 'collation'
            ? 'remove it from table(); name the collation on each column with .collate() instead'
            : 'remove it from table(): the database encoding decides the character set',
        data: { table: ref.table, option },
      },
    );
  }

  // ---- operations -------------------------------------------------------------------------------

  /** CREATE TABLE, then comments. `table.indexes` are created by their own createIndex ops. */
  protected createTable(op: CreateTableOp, _context: CompileContext): string[] {
    const { table } = op;
    const ref = tableRefOf(table);
    const body = this.tableElements(table)
      .map((e) => `  ${e}`)
      .join(',\n');
    const suffix = this.createTableSuffix(table);
    const statements = [`CREATE TABLE ${this.qualifiedTable(ref)} (\n${body}\n)${suffix === '' ? '' : ` ${suffix}`}`];
    if (!this.inlineComments) {
      for (const column of table.columns) {
        if (column.comment !== null) statements.push(...this.columnCommentStatements(ref, column.name, column.comment));
      }
    }
    if (table.comment !== null) statements.push(...this.tableCommentStatements(ref, table.comment));
    return statements;
  }

  protected dropTable(op: DropTableOp, _context: CompileContext): string[] {
    return [`DROP TABLE ${this.qualifiedTable(op)}`];
  }

  /** A table comment change (nothing where comments are not stored); a collation or charset is refused. */
  protected alterTable(op: AlterTableOp, _context: CompileContext): string[] {
    if (op.collation !== undefined) this.refuseTableOption(op, 'collation');
    if (op.charset !== undefined) this.refuseTableOption(op, 'charset');
    return op.comment === undefined ? [] : this.tableCommentStatements(op, op.comment.to);
  }

  protected renameTable(op: RenameTableOp, _context: CompileContext): string[] {
    return [`ALTER TABLE ${this.qualifiedTable(op)} RENAME TO ${this.quoteIdentifier(op.newName)}`];
  }

  protected addColumn(op: AddColumnOp, _context: CompileContext): string[] {
    const context: ColumnDefinitionContext = { table: op, primaryKey: null, purpose: 'addColumn' };
    const statements = [
      `ALTER TABLE ${this.qualifiedTable(op)} ADD COLUMN ${this.columnDefinition(op.column, context)}`,
    ];
    if (op.column.comment !== null && !this.inlineComments) {
      statements.push(...this.columnCommentStatements(op, op.column.name, op.column.comment));
    }
    return statements;
  }

  protected dropColumn(op: DropColumnOp, _context: CompileContext): string[] {
    return [`ALTER TABLE ${this.qualifiedTable(op)} DROP COLUMN ${this.quoteIdentifier(op.column)}`];
  }

  /**
   * One statement group per changed property, in the order type, nullability,
   * default, identity, comment, then the rename last so that the others can
   * still use the old name.
   */
  protected alterColumn(op: AlterColumnOp, _context: CompileContext): string[] {
    return [
      ...(op.type === undefined ? [] : this.alterColumnType(op, op.type)),
      ...(op.nullable === undefined ? [] : this.alterColumnNullability(op, op.nullable)),
      ...(op.default === undefined ? [] : this.alterColumnDefault(op, op.default)),
      ...(op.autoIncrement === undefined ? [] : this.alterColumnAutoIncrement(op, op.autoIncrement)),
      ...(op.comment === undefined ? [] : this.alterColumnComment(op, op.comment)),
      ...(op.name === undefined ? [] : this.renameColumn(op, op.name)),
    ];
  }

  protected alterColumnPrefix(op: AlterColumnOp): string {
    return `ALTER TABLE ${this.qualifiedTable(op)} ALTER COLUMN ${this.quoteIdentifier(op.column)}`;
  }

  protected alterColumnType(op: AlterColumnOp, change: Change<ColumnType>): string[] {
    return [`${this.alterColumnPrefix(op)} SET DATA TYPE ${this.columnType(change.to)}`];
  }

  protected alterColumnNullability(op: AlterColumnOp, change: Change<boolean>): string[] {
    return [`${this.alterColumnPrefix(op)} ${change.to ? 'DROP NOT NULL' : 'SET NOT NULL'}`];
  }

  protected alterColumnDefault(op: AlterColumnOp, change: Change<DefaultValue | null>): string[] {
    if (change.to === null) return [`${this.alterColumnPrefix(op)} DROP DEFAULT`];
    const column = this.columnAfter(op);
    return [`${this.alterColumnPrefix(op)} SET DEFAULT ${this.defaultExpression(change.to, column)}`];
  }

  protected alterColumnAutoIncrement(op: AlterColumnOp, change: Change<boolean>): string[] {
    return [
      change.to
        ? `${this.alterColumnPrefix(op)} ADD GENERATED BY DEFAULT AS IDENTITY`
        : `${this.alterColumnPrefix(op)} DROP IDENTITY IF EXISTS`,
    ];
  }

  protected alterColumnComment(op: AlterColumnOp, change: Change<string | null>): string[] {
    return this.columnCommentStatements(op, op.column, change.to);
  }

  protected renameColumn(op: AlterColumnOp, change: Change<string>): string[] {
    const from = this.quoteIdentifier(op.column);
    return [`ALTER TABLE ${this.qualifiedTable(op)} RENAME COLUMN ${from} TO ${this.quoteIdentifier(change.to)}`];
  }

  /**
   * The column as it will be after `op`, as far as the op tells: `existing`
   * with the changes applied, or a nullable text-less stand-in when a
   * hand-written op gives no `existing` (hooks only read the changed fields).
   */
  protected columnAfter(op: AlterColumnOp): Column {
    const base: Column = op.existing ?? {
      name: op.column,
      type: op.type?.to ?? { kind: 'raw', sql: '' },
      nullable: true,
      default: null,
      autoIncrement: false,
      comment: null,
    };
    return {
      ...base,
      name: op.name?.to ?? base.name,
      type: op.type?.to ?? base.type,
      nullable: op.nullable?.to ?? base.nullable,
      default: op.default === undefined ? base.default : op.default.to,
      autoIncrement: op.autoIncrement?.to ?? base.autoIncrement,
      comment: op.comment === undefined ? base.comment : op.comment.to,
    };
  }

  protected createIndex(op: CreateIndexOp, _context: CompileContext): string[] {
    return [this.createIndexStatement(op, op.index)];
  }

  /** `CREATE [UNIQUE] INDEX name ON table (cols) [WHERE …]`; a WHERE needs `partialIndexes`. */
  protected createIndexStatement(ref: TableRef, index: Index): string {
    if (index.where !== null && !this.capabilities.partialIndexes) {
      throw new OperationError(
        'operation.unsupported',
        `index '${index.name}' on '${ref.table}' has a WHERE clause, which this database does not support`,
        { hint: 'drop the where() from the index, or use a plain index', data: { index: index.name } },
      );
    }
    const unique = index.unique ? 'UNIQUE ' : '';
    const where = index.where === null ? '' : ` WHERE ${index.where}`;
    const using = index.method === undefined ? '' : ` ${this.indexMethodClause(ref, index, index.method)}`;
    const items = index.columns.map((column, i) => {
      const opclass = index.opclasses?.[i] ?? null;
      const name =
        typeof column === 'string' ? this.quoteIdentifier(column) : this.indexExpression(ref, index, column.expression);
      return opclass === null ? name : `${name} ${this.indexOpclass(ref, index, opclass)}`;
    });
    return (
      `CREATE ${unique}INDEX ${this.quoteIdentifier(index.name)} ON ${this.qualifiedTable(ref)}${using}` +
      ` (${items.join(', ')})${where}`
    );
  }

  /** An indexed expression as a key part: parenthesised, as every database that has them accepts. */
  protected indexExpression(_ref: TableRef, _index: Index, expression: string): string {
    return `(${expression})`;
  }

  /** An operator class after an indexed column; refused here, PostgreSQL overrides. */
  protected indexOpclass(ref: TableRef, index: Index, opclass: string): string {
    throw new OperationError(
      'operation.unsupported',
      `index '${index.name}' on '${ref.table}' names the operator class '${opclass}', which ${this.databaseName} does not have`,
      { hint: 'drop .opclass() from the index', data: { table: ref.table, index: index.name, opclass } },
    );
  }

  /** `USING method` before the column list; refused here, PostgreSQL overrides. */
  protected indexMethodClause(ref: TableRef, index: Index, method: string): string {
    throw new OperationError(
      'operation.unsupported',
      `index '${index.name}' on '${ref.table}' uses the index method '${method}', which ${this.databaseName} does not have`,
      { hint: 'drop .using() from the index', data: { table: ref.table, index: index.name, method } },
    );
  }

  protected dropIndex(op: DropIndexOp, _context: CompileContext): string[] {
    return [`DROP INDEX ${this.qualifiedObject(op, op.name)}`];
  }

  protected createUniqueConstraint(op: CreateUniqueConstraintOp, _context: CompileContext): string[] {
    return [`ALTER TABLE ${this.qualifiedTable(op)} ADD ${this.uniqueConstraint(op.constraint)}`];
  }

  protected createForeignKey(op: CreateForeignKeyOp, _context: CompileContext): string[] {
    return [`ALTER TABLE ${this.qualifiedTable(op)} ADD ${this.foreignKeyConstraint(op.foreignKey)}`];
  }

  protected createCheckConstraint(op: CreateCheckConstraintOp, _context: CompileContext): string[] {
    return [`ALTER TABLE ${this.qualifiedTable(op)} ADD ${this.checkConstraint(op.check)}`];
  }

  protected createPrimaryKey(op: CreatePrimaryKeyOp, _context: CompileContext): string[] {
    return [`ALTER TABLE ${this.qualifiedTable(op)} ADD ${this.primaryKeyConstraint(op.primaryKey)}`];
  }

  protected dropConstraint(op: DropConstraintOp, _context: CompileContext): string[] {
    return [`ALTER TABLE ${this.qualifiedTable(op)} DROP CONSTRAINT ${this.quoteIdentifier(op.name)}`];
  }

  /** Nothing by default: enums are inline column types unless the database has named ones (PostgreSQL overrides). */
  protected createEnum(_op: CreateEnumOp, _context: CompileContext): string[] {
    return [];
  }

  protected alterEnum(_op: AlterEnumOp, _context: CompileContext): string[] {
    return [];
  }

  protected dropEnum(_op: DropEnumOp, _context: CompileContext): string[] {
    return [];
  }

  /** Refused: only a database with schemas (`capabilities.schemas`, PostgreSQL) overrides these. */
  protected createSchema(op: CreateSchemaOp, _context: CompileContext): string[] {
    throw noSchemas('createSchema', op.name);
  }

  protected dropSchema(op: DropSchemaOp, _context: CompileContext): string[] {
    throw noSchemas('dropSchema', op.name);
  }

  protected execute(op: ExecuteOp, _context: CompileContext): string[] {
    return [op.sql];
  }

  /**
   * `INSERT … VALUES` with literals, `bulkInsertBatchSize` rows per statement.
   * Consecutive rows with the same keys share a statement; a key a row leaves
   * out keeps the column default instead of becoming NULL.
   */
  protected bulkInsert(op: BulkInsertOp, _context: CompileContext): string[] {
    const statements: string[] = [];
    for (const batch of batchRows(op.rows, this.bulkInsertBatchSize)) {
      statements.push(this.insertStatement(op, batch.columns, batch.rows));
    }
    return statements;
  }

  protected insertStatement(ref: TableRef, columns: readonly string[], rows: readonly RowValue[][]): string {
    if (columns.length === 0) return this.insertDefaultValues(ref);
    const values = rows.map((row) => `(${row.map((v) => this.literal(v)).join(', ')})`).join(',\n  ');
    return `INSERT INTO ${this.qualifiedTable(ref)} (${this.columnList(columns)}) VALUES\n  ${values}`;
  }

  /** One all-defaults row (MySQL spells it `() VALUES ()`). */
  protected insertDefaultValues(ref: TableRef): string {
    return `INSERT INTO ${this.qualifiedTable(ref)} DEFAULT VALUES`;
  }
}

interface RowBatch {
  readonly columns: readonly string[];
  readonly rows: RowValue[][];
}

function batchRows(rows: BulkInsertOp['rows'], size: number): RowBatch[] {
  const batches: RowBatch[] = [];
  let current: RowBatch | null = null;
  for (const row of rows) {
    const columns = Object.keys(row);
    // An all-defaults row has no VALUES list to share, so it is a statement of its own.
    const fits =
      current !== null &&
      columns.length > 0 &&
      current.rows.length < size &&
      current.columns.join('\u0000') === columns.join('\u0000');
    if (!fits || current === null) {
      current = { columns, rows: [] };
      batches.push(current);
    }
    current.rows.push(columns.map((c) => row[c] ?? null));
  }
  return batches;
}

function noSchemas(operation: string, name: string): OperationError {
  return new OperationError(
    'operation.unsupported',
    `${operation}('${name}'): this database has no schemas (namespaces)`,
    {
      hint: 'schemas exist on PostgreSQL only: remove the operation, or the schema option from the tables',
      data: { schema: name },
    },
  );
}
