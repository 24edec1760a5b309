import type { SimulationRules, TableOperation } from '../operations/apply.js';
import type { DialectLintFacts } from '../operations/lint-rules.js';
import type { Operation, TableRef } from '../operations/operation.js';
import type { ModelComparison } from '../schema/comparison.js';
import { findTable, type SchemaModel, type Table } from '../schema/model.js';
import type { SharedNamespaces } from '../schema/namespaces.js';
import type { DrizzleTarget } from '../schema/drizzle/drizzle-model.js';
import type { IdentifierLimit } from './identifier-limit.js';

/**
 * The dialect seam (after kysely's `Dialect`): one interface, one folder per
 * database under `dialects/<name>/` with the same role files in each. Nothing
 * outside those folders tests a dialect's name; differences are expressed as
 * capability flags and the hooks below.
 */

/** A parsed database URL. The password is never printed: use `redactUrl()` from config. */
export interface ConnectionOptions {
  /** The URL scheme as written: `sqlite`, `postgres`, `postgresql`, `mysql`, `mariadb`. */
  readonly scheme: string;
  readonly host: string | null;
  readonly port: number | null;
  readonly user: string | null;
  readonly password: string | null;
  /** Database name; for SQLite the file path (relative to the config's folder) or `:memory:`. */
  readonly database: string;
  /** Query-string parameters (e.g. `sslmode`, `schema`). */
  readonly params: Readonly<Record<string, string>>;
}

export type Row = Record<string, unknown>;

/** The minimal thing introspection needs: run a query, get rows. */
export interface QueryExecutor {
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

/**
 * How far a statement's effect on rows can reach, so that a dialect may limit
 * the checks it runs before COMMIT (SQLite's foreign-key check).
 * `'kiln'`: rows of kiln's own tables, which no foreign key touches.
 * `'definition'`: a statement kiln compiled from a schema operation; rows
 * change only in the tables it creates, alters or rebuilds.
 * `'data'`: rows may change anywhere (a revision's `execute`, bulk insert
 * or query).
 */
export type StatementReach = 'kiln' | 'definition' | 'data';

export interface DatabaseConnection extends QueryExecutor {
  /**
   * Runs one statement (DDL or DML) for its effect. Resolves to the number of
   * rows an INSERT, UPDATE or DELETE changed (0 for other statements), so a
   * caller can tell that a row it meant to move was not there. `reach`
   * defaults to `'data'`.
   */
  execute(sql: string, reach?: StatementReach): Promise<number>;
  /** A query; `reach: 'data'` when it may write (a revision's `op.query`), else it is taken to only read. */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[], reach?: StatementReach): Promise<R[]>;
  /**
   * Runs `fn` in one transaction, committing when it resolves and rolling back
   * when it throws. On dialects without transactional DDL it still groups the
   * DML, but DDL inside commits implicitly (see `capabilities.transactionalDdl`).
   * SQLite turns foreign-key enforcement off around it and runs
   * `PRAGMA foreign_key_check` before committing, as its docs require for
   * table rebuilds (violations the revision did not cause become warnings).
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Warnings gathered since the last call (SQLite: foreign-key violations a
   * committed revision found but did not cause), for the command to pass on
   * to the user. Optional: a dialect with nothing to warn about leaves it out.
   */
  takeWarnings?(): string[];
  /**
   * Takes kiln's migration lock on this database, which serialises every
   * command that changes it. The database or the OS frees it when the holder
   * dies, so a crashed run never leaves it behind. Waits up to
   * `options.timeoutMs` (0: one attempt), telling `onWait` once who holds it;
   * then throws a `DatabaseError` with code `database.lock-timeout`.
   * Released by `releaseLock()`, or by `close()` at the latest.
   *
   * @example await connection.acquireLock({ timeoutMs: 60_000, onWait: (w) => log(w.holder.summary) });
   */
  acquireLock(options: AcquireLockOptions): Promise<void>;
  releaseLock(): Promise<void>;
  /**
   * Who holds kiln's lock right now, looked at without waiting for it or
   * keeping it (`kiln status`); null when it is free or this connection
   * holds it.
   */
  lockHolder(): Promise<LockHolder | null>;
  close(): Promise<void>;
}

/** Who holds kiln's migration lock, as far as the database can tell. Informative only: never used to decide. */
export interface LockHolder {
  /** One line for people, e.g. `pid 4242 (kiln upgrade), user deploy from 10.0.0.7, active, connected since …`. */
  readonly summary: string;
  /** The same facts as fields (pid, user, host, …), for `--json` and error data. */
  readonly details: Readonly<Record<string, string | number | null>>;
}

/** What a waiting `acquireLock` reports, once, when another session holds the lock. */
export interface LockWait {
  /** The database, as messages name it: a redacted URL or the SQLite file; never a password. */
  readonly target: string;
  readonly holder: LockHolder;
  /** How long it will wait before giving up. */
  readonly timeoutMs: number;
}

export interface AcquireLockOptions {
  /** How long to wait for another holder, in milliseconds; 0 fails at once when the lock is taken. */
  readonly timeoutMs: number;
  /** Called once when the lock stays taken past a second attempt (so never when `timeoutMs` is 0). */
  readonly onWait?: (wait: LockWait) => void;
}

/** How kiln's session names itself to the server and in lock reports. */
export interface ClientInfo {
  /** e.g. `kiln upgrade`: PostgreSQL's `application_name` (unless the URL sets one), SQLite's lock record. */
  readonly name: string;
}

export interface DialectCapabilities {
  /** DDL runs inside a transaction and rolls back with it (PostgreSQL, SQLite); MySQL commits implicitly. */
  readonly transactionalDdl: boolean;
  /** `CREATE TYPE … AS ENUM` exists (PostgreSQL); elsewhere enums are inline column types. */
  readonly namedEnums: boolean;
  /** Tables live in schemas/namespaces the model can name (PostgreSQL). */
  readonly schemas: boolean;
  /** `CREATE INDEX … WHERE` (PostgreSQL, SQLite). */
  readonly partialIndexes: boolean;
  /**
   * Every server of the dialect indexes expressions (PostgreSQL, SQLite).
   * MySQL/MariaDB: false, since MariaDB has none; MySQL 8.0.13+ does, and
   * kiln writes and reads them there.
   */
  readonly expressionIndexes: boolean;
  /** Column and table comments are stored (PostgreSQL, MySQL). */
  readonly comments: boolean;
  /**
   * The longest name the database takes, in the unit it counts (PostgreSQL:
   * 63 bytes; MySQL/MariaDB: 64 characters); null = no limit (SQLite).
   * Longer names are refused before they reach the server (see
   * identifier-limit.ts). Generated names are kept to 63 bytes everywhere.
   */
  readonly identifierLimit: IdentifierLimit | null;
  /**
   * The names the database keeps in a namespace wider than one table (per
   * schema, or per database where there are no schemas), as groups of kinds:
   * PostgreSQL `[['table', 'index', 'primaryKey', 'unique']]`, SQLite
   * `[['table', 'index']]`, MySQL `[['foreignKey']]` (its index names are per
   * table). A model reusing such a name across tables is refused before any
   * revision is written; other names need only differ within their table.
   */
  readonly sharedNamespaces: SharedNamespaces;
  /** A primary key keeps the name it is given (MySQL: every one is `PRIMARY`). */
  readonly primaryKeyNames: boolean;
  /**
   * An enum column keeps the name of its enum (PostgreSQL: the type; SQLite:
   * the named CHECK kiln writes). MySQL keeps none: its columns' enums get
   * their names from the models when a revision is written (see
   * autogenerate/declared.ts).
   */
  readonly enumNames: boolean;
}

/**
 * Everything a compiler may know while compiling one operation; it asks the
 * database nothing, so compiling is pure and the same online and for `--sql`.
 */
export interface CompileContext {
  /**
   * The schema right before this operation: read once per command, then
   * advanced past each operation (see schema-tracker.ts). Offline it is
   * tracked from the revisions run since the range's start.
   */
  readonly model: SchemaModel;
  /** True when producing `--sql`: no connection, statements are printed. */
  readonly offline: boolean;
  /**
   * Objects the database keeps as SQL text outside the neutral model, which a
   * table rewrite drops and must re-create (SQLite's triggers) or must not
   * break (views): read with the model where the dialect has
   * `readDependents`; null when unknown (offline).
   */
  readonly dependents: readonly DependentObject[] | null;
}

/** A trigger or view as the database stores it (SQLite's `sqlite_master`). */
export interface DependentObject {
  readonly type: 'trigger' | 'view';
  readonly name: string;
  /** The table a trigger is on (null for a view). */
  readonly table: string | null;
  readonly sql: string;
}

/** The table `ref` in the context's model, or null when it does not exist there. */
export function contextTable(context: CompileContext, ref: TableRef): Table | null {
  return findTable(context.model, ref.table, ref.schema) ?? null;
}

export interface Dialect {
  /** For messages and `--json` output only; never branch on it outside this folder. */
  readonly name: string;
  readonly capabilities: DialectCapabilities;

  /** Opens one session; `client` names it (default `kiln`). */
  connect(options: ConnectionOptions, baseDir: string, client?: ClientInfo): Promise<DatabaseConnection>;

  /** Quotes an identifier (`"a""b"`, `` `a``b` ``). */
  quoteIdentifier(name: string): string;
  /** Renders a value as a SQL literal, escaped for this server's settings. */
  literal(value: string | number | boolean | null): string;

  /**
   * How this database differs in what an operation does to a table, for the
   * schema the compilers are given (see `applyOperation`); absent: the
   * default rules.
   */
  readonly simulation?: SimulationRules;

  /**
   * Present where some table changes rewrite the whole table (SQLite's
   * rebuild): a run of changes to one table in a revision is then carried
   * out by one rewrite instead of one per change.
   */
  readonly tableRewrite?: TableRewrite;

  /**
   * What `kiln lint` asks this database: which changes rewrite a whole
   * table, and whether indexes can be built without blocking writes.
   * Absent: no dialect-specific findings.
   */
  readonly lintRules?: DialectLintFacts;

  /** The statements that carry out one operation, in order; pure: no I/O. */
  compile(op: Operation, context: CompileContext): string[];

  /**
   * Reads the objects `CompileContext.dependents` holds; present where a
   * table rewrite must look after them (SQLite). One query.
   */
  readDependents?(executor: QueryExecutor): Promise<DependentObject[]>;

  /**
   * Reads the live schema through the catalogues with a fixed number of
   * queries whatever the number of tables. Tables named in `exclude` (kiln's
   * own) are left out.
   */
  introspect(executor: QueryExecutor, options: IntrospectOptions): Promise<SchemaModel>;

  /**
   * Rewrites a model into the form this database reads it back in (type
   * aliases, default spellings, implicit constraints), so that a model from
   * the DSL and one from `introspect` compare equal when they mean the same
   * (in the forms `comparison` gives their parts). The result is what
   * revisions render, so it must not lose what the user wrote (a cast an
   * expression needs, a digit): lossy spellings belong in `comparison`.
   * Idempotent: normalize(normalize(m)) equals normalize(m).
   */
  normalize(model: SchemaModel): SchemaModel;

  /**
   * Present where tables live in schemas the models can name (PostgreSQL):
   * the schemas that exist, and which of them kiln created, so that
   * autogenerate creates the ones a model names and notices the ones it
   * stops naming.
   */
  readonly namespaces?: NamespaceSupport;

  /**
   * The forms in which the differ compares two normalised models (see
   * `ModelComparison`), where plain equality would report false differences:
   * expressions and types the server spells its own way. Online
   * (`executor` given) it may ask the server for the canonical spelling of
   * what `target` names, in a fixed number of round trips whatever the
   * number of tables; offline (`null`) it must not query. Absent: exact
   * equality.
   *
   * @example compareSchemas(database, models, { comparison: await dialect.comparison?.(database, models, connection) })
   */
  comparison?(database: SchemaModel, target: SchemaModel, executor: QueryExecutor | null): Promise<ModelComparison>;

  /**
   * Present where drizzle-orm tables can describe this database: which
   * drizzle core does (`pg-core`, …) and how a type drizzle writes reads as
   * a portable one (the introspector's own reader). See schema/drizzle/.
   */
  readonly drizzle?: DrizzleTarget;

  /** Whether a table exists (used for the version table without a full introspection). */
  tableExists(executor: QueryExecutor, name: string, schema: string | null): Promise<boolean>;
  /** Whole databases made and dropped for tests (`createTestDatabase`); see `ScratchDatabases`. */
  readonly scratch: ScratchDatabases;
}

/**
 * Fresh, empty databases for a test suite: a file in a new temporary folder
 * (SQLite), or a uniquely named database on the server the URL names
 * (PostgreSQL, MySQL; its user needs the right to create databases).
 */
export interface ScratchDatabases {
  /**
   * Makes an empty database called `name` (a safe identifier kiln chose) next
   * to the one `server` names, and returns its URL: `url` with the database
   * replaced, credentials and parameters kept.
   */
  create(url: string, server: ConnectionOptions, name: string): Promise<string>;
  /** Drops the database `create` made (`database`: its parsed URL), ending sessions still on it. */
  drop(database: ConnectionOptions, server: ConnectionOptions): Promise<void>;
}

/** See `Dialect.namespaces`. */
export interface NamespaceSupport {
  /** Every user schema (not the database's own), and whether kiln's `createSchema` made it. */
  list(executor: QueryExecutor): Promise<readonly LiveNamespace[]>;
}

/** A schema in the database. */
export interface LiveNamespace {
  readonly name: string;
  /** It carries kiln's mark: a `createSchema` made it, so `dropSchema` may drop it when it is empty. */
  readonly createdByKiln: boolean;
}

/** See `Dialect.tableRewrite`. */
export interface TableRewrite {
  /** Whether `op` on `table`, alone, would rewrite the table. */
  rebuilds(op: TableOperation, table: Table): boolean;
  /**
   * The statements that rewrite `current` as `target` keeping every row;
   * `sources` maps each target column whose values are kept to its column
   * in `current` (others get their default).
   */
  rewrite(current: Table, target: Table, sources: ReadonlyMap<string, string>, context: CompileContext): string[];
}

export interface IntrospectOptions {
  /** Table names to leave out, e.g. kiln's `kiln_version` and `kiln_log`. */
  readonly exclude: readonly string[];
  /** PostgreSQL schemas to read; default: the connection's current schema only. */
  readonly schemas?: readonly string[];
  /**
   * PostgreSQL schemas to read besides `schemas` (or the current one): the
   * ones the models name, so that a table in `app` is compared with its
   * model instead of looking new on every run.
   */
  readonly extraSchemas?: readonly string[];
}
