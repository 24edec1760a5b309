/**
 * The neutral schema model: the one currency between the DSL, each dialect's
 * introspector, the differ and the operations. Plain, immutable, serialisable
 * data; no dialect knows about another's spelling here.
 *
 * Names of constraints and indexes are always filled in (from the naming
 * convention when the user gave none) so that downgrades and SQLite table
 * rebuilds can address them.
 */

export type ColumnType =
  /** `unsigned` (MySQL/MariaDB; SQLite keeps it as declared) is present only when true. */
  | { readonly kind: 'integer'; readonly unsigned?: true }
  | { readonly kind: 'bigint'; readonly unsigned?: true }
  | { readonly kind: 'smallint'; readonly unsigned?: true }
  /** 8-bit and 24-bit integers (MySQL/MariaDB; SQLite as declared; PostgreSQL smallint/integer). */
  | { readonly kind: 'tinyint'; readonly unsigned?: true }
  | { readonly kind: 'mediumint'; readonly unsigned?: true }
  | { readonly kind: 'varchar'; readonly length: number | null; readonly collation?: string }
  | { readonly kind: 'char'; readonly length: number; readonly collation?: string }
  | { readonly kind: 'text'; readonly collation?: string }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'date' }
  /** `precision`: fractional-second digits, 0–6; absent = the database's default. */
  | { readonly kind: 'time'; readonly precision?: number }
  | { readonly kind: 'timestamp'; readonly withTimezone: boolean; readonly precision?: number }
  | { readonly kind: 'numeric'; readonly precision: number | null; readonly scale: number | null }
  | { readonly kind: 'real' }
  | { readonly kind: 'double' }
  | { readonly kind: 'json' }
  | { readonly kind: 'uuid' }
  | { readonly kind: 'binary' }
  | {
      readonly kind: 'enum';
      /**
       * The enum type's name; null for an inline enum (`enumColumn([…])`,
       * MySQL's `ENUM(…)` with no type of its own).
       */
      readonly name: string | null;
      readonly values: readonly string[];
      /** PostgreSQL schema of the enum type; null = the default search path. */
      readonly schema: string | null;
    }
  /** A PostgreSQL array of `element` (`text[]`, `"mood"[]`); other databases refuse it. */
  | { readonly kind: 'array'; readonly element: ColumnType }
  /** A type an introspector found that kiln has no portable name for; kept verbatim. */
  | { readonly kind: 'raw'; readonly sql: string };

export type ColumnTypeKind = ColumnType['kind'];

/** An enum column type, named or inline. */
export type EnumColumnType = Extract<ColumnType, { readonly kind: 'enum' }>;

/** The type when it is an enum with a type of its own (`enumType()`), else null (inline enums too). */
export function namedEnumOf(type: ColumnType): (EnumColumnType & { readonly name: string }) | null {
  return type.kind === 'enum' && type.name !== null ? (type as EnumColumnType & { readonly name: string }) : null;
}

/** The character types, which may name a collation (`.collate()`); absent = the table/database default. */
export type TextColumnType = Extract<ColumnType, { readonly kind: 'varchar' | 'char' | 'text' }>;

/** The integer types, which may be unsigned and auto-increment. */
export type IntegerColumnType = Extract<
  ColumnType,
  { readonly kind: 'integer' | 'bigint' | 'smallint' | 'tinyint' | 'mediumint' }
>;

/** True for integer, bigint, smallint, tinyint and mediumint. */
export function isIntegerType(type: ColumnType): type is IntegerColumnType {
  return (
    type.kind === 'integer' ||
    type.kind === 'bigint' ||
    type.kind === 'smallint' ||
    type.kind === 'tinyint' ||
    type.kind === 'mediumint'
  );
}

/** True for an integer type marked unsigned. */
export function isUnsigned(type: ColumnType): boolean {
  return isIntegerType(type) && type.unsigned === true;
}

/** The integer type with `unsigned` set or removed; other types are returned as they are. */
export function withUnsigned<T extends ColumnType>(type: T, unsigned: boolean): T {
  if (!isIntegerType(type)) return type;
  const { unsigned: _old, ...rest } = type;
  return (unsigned ? { ...rest, unsigned: true } : rest) as T;
}

/** The type with its fractional-second precision set (0–6) or removed (null); others as they are. */
export function withPrecision(type: ColumnType, precision: number | null | undefined): ColumnType {
  if (type.kind !== 'time' && type.kind !== 'timestamp') return type;
  const { precision: _old, ...rest } = type;
  return precision === null || precision === undefined ? rest : { ...rest, precision };
}

/** The fractional-second precision of a time/timestamp type, or undefined. */
export function precisionOf(type: ColumnType): number | undefined {
  return type.kind === 'time' || type.kind === 'timestamp' ? type.precision : undefined;
}

/** True for varchar, char and text: the types a collation applies to. */
export function isTextType(type: ColumnType): type is TextColumnType {
  return type.kind === 'varchar' || type.kind === 'char' || type.kind === 'text';
}

/** The type with its collation set (a name) or removed (null); other types are returned as they are. */
export function withCollation(type: ColumnType, collation: string | null | undefined): ColumnType {
  if (!isTextType(type)) return type;
  const { collation: _old, ...rest } = type;
  return collation === null || collation === undefined ? rest : { ...rest, collation };
}

/** A column default: a literal value (quoted by the dialect) or a SQL expression. */
export type DefaultValue =
  | { readonly kind: 'literal'; readonly value: string | number | boolean }
  | { readonly kind: 'sql'; readonly sql: string };

/** A generated (computed) column's expression, and whether its values are stored or computed on read. */
export interface GeneratedColumn {
  readonly expression: string;
  readonly stored: boolean;
}

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
  /** Columns are nullable unless `.notNull()` or part of the primary key. */
  readonly nullable: boolean;
  readonly default: DefaultValue | null;
  /** serial / identity / AUTO_INCREMENT / SQLite's INTEGER PRIMARY KEY AUTOINCREMENT. */
  readonly autoIncrement: boolean;
  readonly comment: string | null;
  /**
   * `'always'`: an auto-increment column that refuses explicit values
   * (PostgreSQL `GENERATED ALWAYS AS IDENTITY`). Absent: `BY DEFAULT`, as
   * serial and AUTO_INCREMENT behave. Only with `autoIncrement`.
   */
  readonly identity?: 'always';
  /** `GENERATED ALWAYS AS (expression) STORED|VIRTUAL`; absent for an ordinary column. */
  readonly generated?: GeneratedColumn;
}

export interface PrimaryKey {
  readonly name: string;
  readonly columns: readonly string[];
}

export interface UniqueConstraint {
  readonly name: string;
  readonly columns: readonly string[];
}

/** An indexed expression (`lower(email)`): SQL as written, compared canonically. */
export interface IndexExpression {
  readonly expression: string;
}

/** One part of an index: a column name, or an expression. */
export type IndexPart = string | IndexExpression;

/** True for an expression part of an index. */
export function isIndexExpression(part: IndexPart): part is IndexExpression {
  return typeof part !== 'string';
}

/** The plain column names among an index's parts (expressions left out). */
export function indexColumnNames(index: Pick<Index, 'columns'>): string[] {
  return index.columns.filter((c): c is string => typeof c === 'string');
}

/** True when an index has an expression part. */
export function hasIndexExpression(index: Pick<Index, 'columns'>): boolean {
  return index.columns.some(isIndexExpression);
}

export interface Index {
  readonly name: string;
  /** The indexed parts, in order: column names and expressions (`{ expression }`). */
  readonly columns: readonly IndexPart[];
  readonly unique: boolean;
  /** Partial index predicate (SQL), where the database has them. */
  readonly where: string | null;
  /**
   * Index method (PostgreSQL `USING gin|gist|brin|hash|…`), lower case;
   * absent = the database's default (btree). Other databases refuse it.
   */
  readonly method?: string;
  /**
   * Operator class per column, in column order (PostgreSQL
   * `text_pattern_ops`, `gin_trgm_ops`); null = the type's default. Absent
   * when every column uses its default.
   */
  readonly opclasses?: readonly (string | null)[];
}

export type ReferentialAction = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default';

export interface ForeignKey {
  readonly name: string;
  readonly columns: readonly string[];
  readonly referencedSchema: string | null;
  readonly referencedTable: string;
  readonly referencedColumns: readonly string[];
  readonly onDelete: ReferentialAction;
  readonly onUpdate: ReferentialAction;
}

export interface CheckConstraint {
  readonly name: string;
  readonly expression: string;
}

export interface Table {
  /** PostgreSQL schema (namespace); null = the connection's default. */
  readonly schema: string | null;
  readonly name: string;
  readonly columns: readonly Column[];
  readonly primaryKey: PrimaryKey | null;
  readonly uniques: readonly UniqueConstraint[];
  readonly indexes: readonly Index[];
  readonly foreignKeys: readonly ForeignKey[];
  readonly checks: readonly CheckConstraint[];
  readonly comment: string | null;
  /**
   * Default collation of the table's character columns (MySQL/MariaDB
   * `COLLATE=`); absent = the database's default. Others refuse it.
   */
  readonly collation?: string;
  /** Default character set (MySQL/MariaDB `CHARSET=`); absent = the database's default. */
  readonly charset?: string;
}

/** A named enum type (PostgreSQL `CREATE TYPE … AS ENUM`); inline elsewhere. */
export interface EnumType {
  readonly schema: string | null;
  readonly name: string;
  readonly values: readonly string[];
}

export interface SchemaModel {
  readonly tables: readonly Table[];
  readonly enums: readonly EnumType[];
  /**
   * What a table or column that names no charset or collation gets: set by
   * introspectors that report those only where they differ from the default
   * (MySQL/MariaDB), so the differ can tell a model that names the default
   * from one that names something else. Absent in models built from the DSL.
   */
  readonly databaseDefaults?: { readonly charset: string; readonly collation: string };
}

export const EMPTY_SCHEMA: SchemaModel = Object.freeze({ tables: [], enums: [] });

/** A table's collation and charset as an object to spread: only the ones it names (`lower` them for MySQL). */
export function tableOptions(
  table: Pick<Table, 'collation' | 'charset'>,
  spell: (name: string) => string = (name) => name,
): Pick<Table, 'collation' | 'charset'> {
  return {
    ...(table.collation === undefined ? {} : { collation: spell(table.collation) }),
    ...(table.charset === undefined ? {} : { charset: spell(table.charset) }),
  };
}

/** `schema.name` or `name`: how kiln names a table in messages and maps. */
export function qualifiedName(item: { readonly schema: string | null; readonly name: string }): string {
  return item.schema === null ? item.name : `${item.schema}.${item.name}`;
}

export function findTable(model: SchemaModel, name: string, schema: string | null = null): Table | undefined {
  return model.tables.find((t) => t.name === name && t.schema === schema);
}

/** A table with no columns set yet: the starting point for builders and introspectors. */
export function emptyTable(name: string, schema: string | null = null): Table {
  return {
    schema,
    name,
    columns: [],
    primaryKey: null,
    uniques: [],
    indexes: [],
    foreignKeys: [],
    checks: [],
    comment: null,
  };
}

/** Deep-freezes a model value so that nothing downstream can mutate shared state. */
export function freezeDeep<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) {
      freezeDeep((value as Record<string, unknown>)[key]);
    }
  }
  return value;
}
