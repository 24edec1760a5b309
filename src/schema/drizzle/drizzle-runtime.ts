/**
 * drizzle-orm, loaded on demand: kiln reads drizzle tables through drizzle's
 * own `getTableConfig` and renders drizzle `sql` fragments with drizzle's own
 * dialect classes, so that what kiln sees is what drizzle-kit would. The
 * shapes below are the few members kiln reads, typed structurally so that
 * kiln's types do not depend on drizzle's (an optional peer dependency).
 */
import { ConfigError } from '../../errors.js';
import { isModuleMissing } from '../../util/module-missing.js';
import type { DrizzleCore } from './drizzle-exports.js';

/** A drizzle column, as `getTableConfig(table).columns` lists them. */
export interface DrizzleColumn {
  readonly name: string;
  readonly columnType: string;
  readonly notNull: boolean;
  readonly primary: boolean;
  readonly isUnique: boolean;
  readonly uniqueName?: string | undefined;
  readonly uniqueType?: string | undefined;
  readonly default?: unknown;
  readonly defaultFn?: unknown;
  readonly onUpdateFn?: unknown;
  readonly generated?: { readonly as: unknown; readonly mode?: string | undefined } | undefined;
  readonly generatedIdentity?:
    | {
        readonly type: string;
        readonly sequenceName?: string | undefined;
        readonly sequenceOptions?: Readonly<Record<string, unknown>> | undefined;
      }
    | undefined;
  /** MySQL `.autoincrement()`, SQLite `primaryKey({ autoIncrement: true })`. */
  readonly autoIncrement?: boolean;
  /** MySQL `.onUpdateNow()`. */
  readonly hasOnUpdateNow?: boolean;
  /** A pgEnum column's enum. */
  readonly enum?: { readonly enumName: string; readonly enumValues: readonly string[]; readonly schema?: string };
  /** A PostgreSQL array column's element column. */
  readonly baseColumn?: DrizzleColumn;
  getSQLType(): string;
  mapToDriverValue(value: unknown): unknown;
}

/** An index column: a column (or pg's indexed column, with its order and operator class), or a `sql` expression. */
export interface DrizzleIndexColumn {
  readonly name?: string;
  readonly indexConfig?: { readonly order?: string; readonly nulls?: string; readonly opClass?: string };
}

export interface DrizzleIndex {
  readonly config: {
    readonly name?: string | undefined;
    readonly columns: readonly unknown[];
    readonly unique?: boolean;
    readonly where?: unknown;
    /** PostgreSQL `.using(method, …)`, `btree` for `.on(…)`. */
    readonly method?: string | undefined;
    /** MySQL `.using('btree' | 'hash')`. */
    readonly using?: string | undefined;
    readonly with?: Readonly<Record<string, unknown>> | undefined;
  };
}

export interface DrizzleForeignKey {
  readonly onDelete?: string | undefined;
  readonly onUpdate?: string | undefined;
  getName(): string;
  reference(): {
    readonly columns: readonly DrizzleColumn[];
    readonly foreignColumns: readonly DrizzleColumn[];
    readonly foreignTable: object;
  };
}

export interface DrizzleTableConfig {
  readonly name: string;
  readonly schema?: string | undefined;
  readonly columns: readonly DrizzleColumn[];
  readonly indexes: readonly DrizzleIndex[];
  readonly foreignKeys: readonly DrizzleForeignKey[];
  readonly checks: readonly { readonly name: string; readonly value: unknown }[];
  readonly primaryKeys: readonly {
    readonly name?: string | undefined;
    readonly columns: readonly DrizzleColumn[];
    getName(): string;
  }[];
  readonly uniqueConstraints: readonly {
    readonly name?: string | undefined;
    readonly columns: readonly DrizzleColumn[];
    readonly nullsNotDistinct?: boolean;
    getName(): string;
  }[];
  readonly policies?: readonly unknown[];
  readonly enableRLS?: boolean;
}

/** What reading one core's tables needs: its `getTableConfig`, and a way to spell drizzle `sql` as text. */
export interface DrizzleRuntime {
  readonly core: DrizzleCore;
  getTableConfig(table: object): DrizzleTableConfig;
  /** True for a drizzle `sql` fragment. */
  isSql(value: unknown): boolean;
  /**
   * The SQL text of a drizzle `sql` fragment as drizzle-kit writes it into
   * DDL: values inlined as literals, columns unqualified (`"price" > 0`, so
   * the text stays valid when a table is renamed or rebuilt).
   */
  sqlText(fragment: unknown): string;
}

interface OrmModule {
  is(value: unknown, type: unknown): boolean;
  SQL: new (chunks: unknown[]) => { inlineParams(): unknown };
}

interface CoreModule {
  getTableConfig(table: object): DrizzleTableConfig;
  [dialectClass: string]: unknown;
}

type SqlToQuery = { sqlToQuery(sql: unknown, invokeSource?: 'indexes'): { sql: string } };

/** The class in each core that renders SQL. */
const DIALECT_CLASSES: Readonly<Record<DrizzleCore, string>> = {
  'pg-core': 'PgDialect',
  'mysql-core': 'MySqlDialect',
  'sqlite-core': 'SQLiteSyncDialect',
};

const IMPORTS: Readonly<Record<DrizzleCore, () => Promise<unknown>>> = {
  'pg-core': () => import('drizzle-orm/pg-core'),
  'mysql-core': () => import('drizzle-orm/mysql-core'),
  'sqlite-core': () => import('drizzle-orm/sqlite-core'),
};

/**
 * Loads drizzle-orm and `core`, or throws `config.drizzle-missing` when kiln
 * cannot import it (kiln resolves its peer dependency from its own folder:
 * drizzle-orm must be installed next to kiln, as `npm install drizzle-orm` does).
 *
 * @example const runtime = await loadDrizzle('pg-core');
 */
export async function loadDrizzle(core: DrizzleCore): Promise<DrizzleRuntime> {
  let orm: OrmModule;
  let module: CoreModule;
  try {
    orm = (await import('drizzle-orm')) as unknown as OrmModule;
    module = (await IMPORTS[core]()) as CoreModule;
  } catch (error) {
    if (!isModuleMissing(error, 'drizzle-orm')) throw error;
    throw new ConfigError(
      'config.drizzle-missing',
      'the schema exports drizzle-orm tables, but kiln cannot load drizzle-orm',
      {
        hint: 'install it in the project next to kiln: npm install drizzle-orm',
        data: { package: 'drizzle-orm' },
        cause: error,
      },
    );
  }
  const Dialect = module[DIALECT_CLASSES[core]] as new () => SqlToQuery;
  const dialect = new Dialect();
  return {
    core,
    getTableConfig: (table) => module.getTableConfig(table),
    isSql: (value) => orm.is(value, orm.SQL),
    sqlText: (fragment) => dialect.sqlToQuery(new orm.SQL([fragment]).inlineParams(), 'indexes').sql,
  };
}
