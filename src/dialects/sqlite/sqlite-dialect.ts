import type { Dialect } from '../dialect.js';
import { SQLITE_CAPABILITIES } from './sqlite-adapter.js';
import { readSqliteDependents } from './sqlite-dependents.js';
import { connectSqlite, sqliteFilename } from './sqlite-connection.js';
import { SQLITE_COMPARISON } from './sqlite-comparison.js';
import { SqliteDdlCompiler } from './sqlite-ddl-compiler.js';
import { sqliteFault, withSqliteFaults } from './sqlite-errors.js';
import { introspectSqlite, sqliteTableExists } from './sqlite-introspector.js';
import { normalizeSqliteModel } from './sqlite-normalize.js';
import { SQLITE_SIMULATION } from './sqlite-table-rebuild.js';
import { parseSqliteType } from './sqlite-types.js';
import { sqliteScratch } from './sqlite-scratch.js';

const compiler = new SqliteDdlCompiler();

/**
 * SQLite, for `sqlite:./file.db` and `sqlite::memory:` URLs, through
 * better-sqlite3 or Node's built-in `node:sqlite` (`?driver=better-sqlite3|node`
 * or `KILN_SQLITE_DRIVER` choose; see sqlite-driver.ts). Operations ALTER TABLE cannot do are carried out by rebuilding the
 * table inside the revision's transaction (see sqlite-table-rebuild.ts).
 *
 * @example const dialect = await loadDialect('sqlite'); // this object
 */
export const sqliteDialect: Dialect = Object.freeze({
  name: 'sqlite',
  capabilities: SQLITE_CAPABILITIES,
  connect: async (options, baseDir, client) => {
    const file = sqliteFilename(options, baseDir);
    try {
      return withSqliteFaults(await connectSqlite(options, baseDir, client), file);
    } catch (error) {
      throw sqliteFault((error as { cause?: unknown }).cause ?? error, file) ?? error;
    }
  },
  quoteIdentifier: (name: string) => compiler.quoteIdentifier(name),
  literal: (value: string | number | boolean | null) => compiler.literal(value),
  simulation: SQLITE_SIMULATION,
  tableRewrite: {
    rebuilds: (op, table) => compiler.rebuilds(op, table),
    rewrite: (current, target, sources, context) => compiler.rewrite(current, target, sources, context),
  },
  // A rebuild copies every row inside the revision's write transaction; SQLite has no concurrent index build.
  lintRules: { rewrites: (op, table) => compiler.rebuilds(op, table), concurrentIndexes: false },
  compile: (op, context) => compiler.compile(op, context),
  readDependents: readSqliteDependents,
  introspect: introspectSqlite,
  normalize: normalizeSqliteModel,
  drizzle: Object.freeze({ core: 'sqlite-core' as const, readType: (sql: string) => parseSqliteType(sql) }),
  comparison: async () => SQLITE_COMPARISON,
  tableExists: (executor, name) => sqliteTableExists(executor, name),
  scratch: sqliteScratch,
} satisfies Dialect);
