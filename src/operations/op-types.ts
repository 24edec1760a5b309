/** Option and argument types of the `Operations` methods (op.ts). */
import type { ColumnBuilder, ColumnDefaultInput, ReferentialOptions } from '../schema/dsl/column-builder.js';
import type { EnumTypeBuilder } from '../schema/dsl/enum-type.js';
import type { Sql } from '../schema/dsl/sql.js';
import type { NamingConvention } from '../schema/naming.js';
import type { ConstraintType, RowValue } from './operation.js';

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
  /** With `autoIncrement: true`: `'always'` for `GENERATED ALWAYS AS IDENTITY` (PostgreSQL). */
  readonly identity?: 'always';
}

/** Options of `op.createIndex`. */
export interface CreateIndexOptions extends SchemaOption {
  /** Default: false. */
  readonly unique?: boolean;
  /** Partial-index predicate (PostgreSQL, SQLite). */
  readonly where?: Sql | string;
  /** Index method (PostgreSQL): `'gin'`, `'gist'`, `'brin'`, `'hash'`. Default: btree. */
  readonly using?: string;
  /** Operator class per column (PostgreSQL); null = the default. */
  readonly opclasses?: readonly (string | null)[];
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
