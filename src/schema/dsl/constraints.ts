/**
 * Table extras: the values returned by the third argument of `table()`
 * (`(t) => [index(...).on(t.name), ...]`). Names are optional except for
 * checks; missing names come from the naming convention when the model is built.
 */
import type { ReferentialAction } from '../model.js';
import type { ColumnThunk } from './column-builder.js';
import type { ColumnRef } from './column-ref.js';
import type { Sql } from './sql.js';

/** A column of the table being defined: `t.name`, or its database name as a string. */
export type ColumnInput = ColumnRef | string;

/**
 * A part of an index: a column of the table, or an expression as `sql`
 * (`sql\`lower(email)\``), which the index stores computed.
 */
export type IndexInput = ColumnInput | Sql;

/**
 * A referenced column: another table's `users.id`, a thunk `() => users.id`
 * (needed, without annotations, when two tables' extras reference each
 * other; see `ColumnThunk`), or `'table.column'` / `'schema.table.column'`.
 */
export type ForeignColumnInput = ColumnRef | ColumnThunk | string;

/**
 * An index (or, via `uniqueIndex`, a unique index) under construction.
 * Immutable: `on` and `where` return new builders.
 */
export class IndexBuilder {
  readonly kind = 'index' as const;
  readonly name: string | null;
  readonly unique: boolean;
  readonly columns: readonly IndexInput[];
  /** The partial-index predicate set by `.where()`, or null. */
  readonly predicate: Sql | string | null;
  /** The index method set by `.using()`, or null for the default. */
  readonly method: string | null;
  /** Operator classes set by `.opclass()`, in column order; null = the default. */
  readonly opclasses: readonly (string | null)[] | null;

  constructor(
    name: string | null,
    unique: boolean,
    columns: readonly IndexInput[],
    predicate: Sql | string | null,
    method: string | null = null,
    opclasses: readonly (string | null)[] | null = null,
  ) {
    this.name = name;
    this.unique = unique;
    this.columns = Object.freeze([...columns]);
    this.predicate = predicate;
    this.method = method;
    this.opclasses = opclasses === null ? null : Object.freeze([...opclasses]);
    Object.freeze(this);
  }

  /**
   * The indexed columns, in order; an `sql` part indexes an expression
   * (PostgreSQL, SQLite, MySQL 8.0.13+; MariaDB has none). An index with an
   * expression needs a name.
   * @example index('ix_post_user_id').on(t.userId, t.createdAt)
   * @example uniqueIndex('ix_user_email_lower').on(sql`lower(email)`)
   */
  on(...columns: IndexInput[]): IndexBuilder {
    return new IndexBuilder(this.name, this.unique, columns, this.predicate, this.method, this.opclasses);
  }

  /**
   * Makes it a partial index (PostgreSQL, SQLite; MySQL has none).
   * @example uniqueIndex('uq_user_email_active').on(t.email).where(sql`deleted_at IS NULL`)
   */
  where(predicate: Sql | string): IndexBuilder {
    return new IndexBuilder(this.name, this.unique, this.columns, predicate, this.method, this.opclasses);
  }

  /**
   * Operator classes of the indexed columns, in their order (PostgreSQL);
   * null keeps a column's default. MySQL and SQLite refuse them.
   * @example index('ix_user_email_pattern').on(t.email).opclass('text_pattern_ops')
   */
  opclass(...opclasses: (string | null)[]): IndexBuilder {
    return new IndexBuilder(this.name, this.unique, this.columns, this.predicate, this.method, opclasses);
  }

  /**
   * The index method (PostgreSQL): `'gin'` for arrays and jsonb, `'gist'`,
   * `'brin'`, `'hash'`, `'btree'` (the default), or an extension's. MySQL and
   * SQLite refuse it, naming the index.
   * @example index('ix_post_tags').using('gin').on(t.tags)
   */
  using(method: 'btree' | 'hash' | 'gin' | 'gist' | 'brin' | 'spgist' | (string & {})): IndexBuilder {
    return new IndexBuilder(this.name, this.unique, this.columns, this.predicate, method, this.opclasses);
  }
}

/** A multi-column unique constraint under construction. */
export class UniqueBuilder {
  readonly kind = 'unique' as const;
  readonly name: string | null;
  readonly columns: readonly ColumnInput[];

  constructor(name: string | null, columns: readonly ColumnInput[]) {
    this.name = name;
    this.columns = Object.freeze([...columns]);
    Object.freeze(this);
  }

  /**
   * The constrained columns, in order.
   * @example unique('uq_member_team_user').on(t.teamId, t.userId)
   */
  on(...columns: ColumnInput[]): UniqueBuilder {
    return new UniqueBuilder(this.name, columns);
  }
}

/** A check constraint as declared. */
export interface CheckExtra {
  readonly kind: 'check';
  readonly name: string;
  readonly expression: Sql | string;
}

/** A table-level (usually composite) primary key as declared. */
export interface PrimaryKeyExtra {
  readonly kind: 'primaryKey';
  readonly name: string | null;
  readonly columns: readonly ColumnInput[];
}

/** A table-level (possibly composite) foreign key as declared. */
export interface ForeignKeyExtra {
  readonly kind: 'foreignKey';
  readonly name: string | null;
  readonly columns: readonly ColumnInput[];
  readonly foreignColumns: readonly ForeignColumnInput[];
  readonly onDelete: ReferentialAction | undefined;
  readonly onUpdate: ReferentialAction | undefined;
}

/** Anything a table's extras callback may return. */
export type TableExtra = IndexBuilder | UniqueBuilder | CheckExtra | PrimaryKeyExtra | ForeignKeyExtra;

/**
 * Declares an index; finish it with `.on(...)`. Without a name it is named
 * by the convention (`ix_{table}_{columns}` by default).
 *
 * @example
 * table('post', { ... }, (t) => [index('ix_post_user_id').on(t.userId)])
 */
export function index(name?: string): IndexBuilder {
  return new IndexBuilder(name ?? null, false, [], null);
}

/**
 * Declares a unique index; finish it with `.on(...)`, optionally `.where(...)`.
 * Default name: `ix_{table}_{columns}` (it is an index, not a constraint).
 *
 * @example
 * (t) => [uniqueIndex().on(t.email).where(sql`deleted_at IS NULL`)]
 */
export function uniqueIndex(name?: string): IndexBuilder {
  return new IndexBuilder(name ?? null, true, [], null);
}

/**
 * Declares a unique constraint; finish it with `.on(...)`.
 * Default name: `uq_{table}_{columns}`.
 *
 * @example
 * (t) => [unique('uq_member_team_user').on(t.teamId, t.userId)]
 */
export function unique(name?: string): UniqueBuilder {
  return new UniqueBuilder(name ?? null, []);
}

/**
 * Declares a check constraint. The name is required: databases name
 * unnamed checks differently, and kiln must be able to drop it later.
 *
 * @example
 * (t) => [check('ck_product_price', sql`price > 0`)]
 */
export function check(name: string, expression: Sql | string): CheckExtra {
  return Object.freeze({ kind: 'check', name, expression });
}

/** Options of the table-level `primaryKey()`. */
export interface PrimaryKeyOptions {
  readonly columns: readonly ColumnInput[];
  /** Default: `pk_{table}`. */
  readonly name?: string;
}

/**
 * Declares a (composite) primary key. Its columns become NOT NULL.
 *
 * @example
 * table('member', { teamId: integer('team_id'), userId: integer('user_id') },
 *   (t) => [primaryKey({ columns: [t.teamId, t.userId] })])
 */
export function primaryKey(options: PrimaryKeyOptions): PrimaryKeyExtra {
  return Object.freeze({
    kind: 'primaryKey',
    name: options.name ?? null,
    columns: Object.freeze([...options.columns]),
  });
}

/** Options of the table-level `foreignKey()`. */
export interface ForeignKeyOptions {
  readonly columns: readonly ColumnInput[];
  /** Columns of one other table, in the same order: `[users.id]` or `['con_user.id']`. */
  readonly foreignColumns: readonly ForeignColumnInput[];
  /** Default: `fk_{table}_{columns}_{referred_table}`. */
  readonly name?: string;
  /** Default: `'no action'`. */
  readonly onDelete?: ReferentialAction;
  /** Default: `'no action'`. */
  readonly onUpdate?: ReferentialAction;
}

/**
 * Declares a (possibly composite) foreign key.
 *
 * @example
 * (t) => [foreignKey({ columns: [t.userId], foreignColumns: [users.id], onDelete: 'cascade' })]
 */
export function foreignKey(options: ForeignKeyOptions): ForeignKeyExtra {
  return Object.freeze({
    kind: 'foreignKey',
    name: options.name ?? null,
    columns: Object.freeze([...options.columns]),
    foreignColumns: Object.freeze([...options.foreignColumns]),
    onDelete: options.onDelete,
    onUpdate: options.onUpdate,
  });
}
