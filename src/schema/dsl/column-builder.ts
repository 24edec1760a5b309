import type { ColumnType, DefaultValue, ReferentialAction } from '../model.js';
import type { ColumnTraits, Refine } from './column-traits.js';
import { isSql, type Sql } from './sql.js';

const COLUMN_BUILDER_BRAND = Symbol.for('kiln.columnBuilder');

/** The key of the type-only traits property; never set at run time. */
declare const columnTraits: unique symbol;

/** A literal default (quoted by the dialect) or a SQL expression (`sql\`…\``, used verbatim). */
export type ColumnDefaultInput = string | number | boolean | Sql;

/**
 * A thunk returning a column of a table definition: `() => users.id`. Lazy,
 * so tables may reference each other or themselves. Its declared return type
 * is `void` on purpose: TypeScript then never needs what it returns while it
 * is still inferring the tables it points between, so two tables referencing
 * each other (or a table itself) type-check under strict `tsc` without
 * annotations. What it returns is checked when the model is built (a
 * `schema.invalid-reference` error names the column otherwise).
 */
export type ColumnThunk = () => void;

/**
 * What a foreign key points at: a thunk returning a column of another table
 * definition (see `ColumnThunk`), or a `'table.column'` /
 * `'schema.table.column'` string (what revision files use).
 */
export type ReferenceTarget = ColumnThunk | string;

/** ON DELETE / ON UPDATE behaviour of a foreign key. Default: `'no action'`. */
export interface ReferentialOptions {
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
}

/** Options of `.references()`. `name` overrides the naming convention. */
export interface ReferenceOptions extends ReferentialOptions {
  readonly name?: string;
}

/** Options of `.primaryKey()`. */
export interface PrimaryKeyColumnOptions {
  /** serial / identity / AUTO_INCREMENT. Default: false. */
  readonly autoIncrement?: boolean;
}

/** The traits after `.$type<V>()`: a JSON column's parsed shape, any other column's value type. */
type TypedAs<T extends ColumnTraits, V> = T['kind'] extends 'json'
  ? Refine<T, { data: V }>
  : Refine<T, { kind: 'custom'; data: V }>;

/** `.primaryKey()` options that make the database fill the column in. */
interface AutoIncrementOn {
  readonly autoIncrement: true;
}

/** A column-level foreign key as declared (resolved when the model is built). */
export interface ColumnReferenceSpec {
  readonly target: ReferenceTarget;
  readonly onDelete: ReferentialAction | undefined;
  readonly onUpdate: ReferentialAction | undefined;
  readonly name: string | null;
}

/** Everything a column builder has recorded; read by the model builder. */
export interface ColumnSpec {
  /** The explicit column name, or null to use the property key. */
  readonly name: string | null;
  readonly type: ColumnType;
  readonly notNull: boolean;
  readonly primaryKey: boolean;
  readonly autoIncrement: boolean;
  /** A column-level unique constraint; `name` null = from the naming convention. */
  readonly unique: { readonly name: string | null } | null;
  readonly default: DefaultValue | null;
  readonly references: ColumnReferenceSpec | null;
  readonly comment: string | null;
  /** `.generatedAlwaysAsIdentity()`: true when explicit values are refused. */
  readonly identityAlways: boolean;
  /** `.generatedAs()`: the expression and whether it is stored; null for an ordinary column. */
  readonly generated: { readonly expression: string; readonly stored: boolean } | null;
}

/** Options of `.generatedAs()`. */
export interface GeneratedOptions {
  /**
   * STORED (computed on write, kept on disk) rather than VIRTUAL (computed on
   * read). Default: false. PostgreSQL before 18 has only stored ones.
   */
  readonly stored?: boolean;
}

/**
 * An immutable column description: every method returns a new builder, so a
 * shared `const id = integer()` can be refined per table without side effects.
 *
 * @example
 * const name = varchar(30);
 * table('con_user', { name: name.notNull(), nick: name }); // nick stays nullable
 *
 * `T` records at the type level what `InferRow`, `InferInsert` and
 * `KyselyDatabase` need (the value kind, the column name, NOT NULL, a
 * default, generated); each method returns a builder with it narrowed.
 */
export class ColumnBuilder<T extends ColumnTraits = ColumnTraits> {
  /** The recorded column; read by the model builder, not meant for schema files. */
  readonly spec: ColumnSpec;
  /** Type-only: the column's traits (see `ColumnTraits`). Never present at run time. */
  declare readonly [columnTraits]?: T;

  constructor(spec: ColumnSpec) {
    this.spec = Object.freeze({ ...spec });
    Object.freeze(this);
  }

  /**
   * Makes the column NOT NULL. Columns are nullable by default.
   *
   * @example
   * title: varchar(200).notNull()
   */
  notNull(): ColumnBuilder<Refine<T, { notNull: true }>> {
    return this.with({ notNull: true });
  }

  /**
   * Makes the column the table's primary key (several marked columns form a
   * composite key, in declaration order). Implies NOT NULL.
   * `autoIncrement` (default false) asks for serial / identity / AUTO_INCREMENT.
   *
   * @example
   * id: integer().primaryKey({ autoIncrement: true })
   */
  primaryKey<O extends PrimaryKeyColumnOptions = Record<never, never>>(
    options?: O,
  ): ColumnBuilder<Refine<T, { notNull: true; hasDefault: O extends AutoIncrementOn ? true : T['hasDefault'] }>> {
    return this.with({ primaryKey: true, autoIncrement: this.spec.autoIncrement || options?.autoIncrement === true });
  }

  /**
   * Adds a single-column unique constraint. Without a name it is named by the
   * convention (`uq_{table}_{columns}` by default).
   *
   * @example
   * email: varchar(120).unique()
   */
  unique(name?: string): ColumnBuilder<T> {
    return this.with({ unique: { name: name ?? null } });
  }

  /**
   * Sets the column default: a literal (string, number, boolean) that the
   * dialect quotes, or a `sql\`…\`` expression used verbatim.
   *
   * @example
   * status: boolean().notNull().default(false)
   * createdAt: timestamp('created_at').default(sql`CURRENT_TIMESTAMP`)
   */
  default(value: ColumnDefaultInput): ColumnBuilder<Refine<T, { hasDefault: true }>> {
    const converted: DefaultValue = isSql(value) ? { kind: 'sql', sql: value.sql } : { kind: 'literal', value };
    return this.with({ default: Object.freeze(converted) });
  }

  /**
   * Adds a foreign key on this column. The target is a thunk returning another
   * table's column (`() => users.id`) or a `'table.column'` string.
   * `onDelete`/`onUpdate` default to `'no action'`; `name` defaults to the
   * convention (`fk_{table}_{columns}_{referred_table}`).
   *
   * @example
   * userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' })
   * user_id: integer().references('con_user.id')
   * // Self- and mutual references need no annotation:
   * parentId: integer('parent_id').references(() => categories.id)
   */
  references(target: ReferenceTarget, options: ReferenceOptions = {}): ColumnBuilder<T> {
    const references: ColumnReferenceSpec = Object.freeze({
      target,
      onDelete: options.onDelete,
      onUpdate: options.onUpdate,
      name: options.name ?? null,
    });
    return this.with({ references });
  }

  /**
   * Makes an integer column unsigned (MySQL/MariaDB `INT UNSIGNED`; SQLite
   * keeps it in the declared type without enforcing it; PostgreSQL has no
   * unsigned integers and refuses it, naming the column). Any other type is
   * refused when the model is built. Works with auto-increment.
   *
   * @example
   * id: bigint().unsigned().primaryKey({ autoIncrement: true })
   */
  unsigned(): ColumnBuilder<T> {
    return this.with({ type: Object.freeze({ ...this.spec.type, unsigned: true }) as ColumnType });
  }

  /**
   * An identity column that still accepts explicit values (PostgreSQL
   * `GENERATED BY DEFAULT AS IDENTITY`): the same as auto-increment, serial
   * and AUTO_INCREMENT, which kiln writes so on PostgreSQL. Implies NOT NULL.
   *
   * @example id: bigint().generatedByDefaultAsIdentity().primaryKey()
   */
  generatedByDefaultAsIdentity(): ColumnBuilder<Refine<T, { notNull: true; hasDefault: true }>> {
    return this.with({ autoIncrement: true, notNull: true, identityAlways: false });
  }

  /**
   * An identity column that refuses explicit values unless the insert says
   * `OVERRIDING SYSTEM VALUE` (PostgreSQL `GENERATED ALWAYS AS IDENTITY`).
   * PostgreSQL only: MySQL and SQLite refuse it, naming the column. Implies
   * NOT NULL.
   *
   * @example id: integer().generatedAlwaysAsIdentity().primaryKey()
   */
  generatedAlwaysAsIdentity(): ColumnBuilder<Refine<T, { notNull: true; generated: true }>> {
    return this.with({ autoIncrement: true, notNull: true, identityAlways: true });
  }

  /**
   * Makes it a generated (computed) column: `GENERATED ALWAYS AS (expr)
   * VIRTUAL`, or `STORED` with `{ stored: true }`. It takes no default and
   * cannot auto-increment; rows never write it.
   *
   * @example
   * total: numeric(12, 2).generatedAs(sql`price * qty`, { stored: true })
   */
  generatedAs(expression: Sql | string, options: GeneratedOptions = {}): ColumnBuilder<Refine<T, { generated: true }>> {
    const text = isSql(expression) ? expression.sql : expression;
    return this.with({ generated: Object.freeze({ expression: text, stored: options.stored === true }) });
  }

  /**
   * Makes the column an array of its type (PostgreSQL only; MySQL and SQLite
   * refuse it, naming the column). Works with enum types.
   *
   * @example
   * tags: text().array().notNull().default(sql`ARRAY[]::text[]`)
   * roles: role().array()
   */
  array(): ColumnBuilder<Refine<T, { kind: 'array'; data: T }>> {
    return this.with({ type: Object.freeze({ kind: 'array', element: this.spec.type }) });
  }

  /**
   * Names the column's collation (varchar, char and text only; any other type
   * is refused when the model is built). The name is the database's own:
   * PostgreSQL `'C'`, `'en-US-x-icu'`; MySQL `'utf8mb4_bin'`; SQLite `'NOCASE'`,
   * `'RTRIM'`. Default: none, the column follows the table's or the database's
   * default collation, and kiln never reports a difference for it.
   *
   * @example
   * email: varchar(120).notNull().collate('C')
   */
  collate(collation: string): ColumnBuilder<T> {
    // Kept on the type (a collation is part of a character type in SQL), so a type change carries it.
    return this.with({ type: Object.freeze({ ...this.spec.type, collation }) as ColumnType });
  }

  /**
   * Sets the column comment (COMMENT ON COLUMN / MySQL COMMENT; ignored by SQLite).
   *
   * @example
   * secretkey: varchar(100).comment('hashed, never shown')
   */
  comment(text: string): ColumnBuilder<T> {
    return this.with({ comment: text });
  }

  /**
   * Declares the JavaScript type of the column's values for `InferRow`,
   * `InferInsert` and `KyselyDatabase`, on every driver, instead of the one
   * kiln derives from the SQL type: an assertion kiln cannot check (as
   * drizzle's `$type`), for branded ids or where a driver type parser or a
   * Kysely plugin gives that type. On a `json()` column it is the parsed
   * value's shape instead: what PostgreSQL and MySQL return, while SQLite
   * still returns the text and every driver is given text to write.
   * Changes nothing in the database.
   *
   * @example
   * settings: json().$type<{ theme: 'dark' | 'light' }>()
   */
  $type<V>(): ColumnBuilder<TypedAs<T, V>> {
    return this.with({});
  }

  // The traits of the result are the caller's declared return type: they exist only at the type level.
  private with<R extends ColumnTraits>(changes: Partial<ColumnSpec>): ColumnBuilder<R> {
    return new ColumnBuilder<R>({ ...this.spec, ...changes });
  }
}

Object.defineProperty(ColumnBuilder.prototype, COLUMN_BUILDER_BRAND, { value: true });

/** True for column builders (checked by brand, so it works across module copies). */
export function isColumnBuilder(value: unknown): value is ColumnBuilder {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[COLUMN_BUILDER_BRAND] === true
  );
}

/** A fresh builder for a type: nullable, no default, no constraints. `T`: its traits, as the caller declares them. */
export function columnOfType<T extends ColumnTraits>(
  type: ColumnType,
  name: string | null,
  overrides: Partial<ColumnSpec> = {},
): ColumnBuilder<T> {
  return new ColumnBuilder<T>({
    name,
    type: Object.freeze(type),
    notNull: false,
    primaryKey: false,
    autoIncrement: false,
    unique: null,
    default: null,
    references: null,
    comment: null,
    identityAlways: false,
    generated: null,
    ...overrides,
  });
}
