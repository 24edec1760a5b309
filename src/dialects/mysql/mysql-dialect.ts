import type { SchemaModel } from '../../schema/model.js';
import type { ConnectionOptions, DatabaseConnection, Dialect, IntrospectOptions, QueryExecutor } from '../dialect.js';
import { mysqlCapabilities } from './mysql-adapter.js';
import { mysqlComparison } from './mysql-comparison.js';
import { MysqlConnection } from './mysql-connection.js';
import { MysqlDdlCompiler } from './mysql-ddl-compiler.js';
import { MYSQL_LINT } from './mysql-lint.js';
import { introspectMysql } from './mysql-introspector.js';
import { normalizeMysqlModel } from './mysql-normalize.js';
import { literal, quoteIdentifier } from './mysql-sql.js';
import { parseColumnType } from './mysql-types.js';
import { mysqlScratch } from './mysql-scratch.js';

const compiler = new MysqlDdlCompiler(mysqlCapabilities);

/**
 * MySQL (8.0.19+) and MariaDB (10.2+) through `mysql2`: one dialect, the
 * differences between the two servers handled inside this folder (the server
 * is read from `SELECT VERSION()` when connecting and when introspecting).
 * URLs: `mysql://user:pass@host:3306/db` or `mariadb://…`.
 *
 * @example
 *   const connection = await mysqlDialect.connect(options, process.cwd());
 *   const model = await mysqlDialect.introspect(connection, { exclude: ['kiln_version', 'kiln_log'] });
 */
export const mysqlDialect: Dialect = Object.freeze({
  name: 'mysql',
  capabilities: mysqlCapabilities,

  connect(options: ConnectionOptions, _baseDir: string): Promise<DatabaseConnection> {
    return MysqlConnection.open(options);
  },

  quoteIdentifier,
  literal,

  lintRules: MYSQL_LINT,
  compile: (op, context) => compiler.compile(op, context),

  introspect(executor: QueryExecutor, options: IntrospectOptions): Promise<SchemaModel> {
    return introspectMysql(executor, options);
  },

  normalize: normalizeMysqlModel,

  comparison: (database: SchemaModel, target: SchemaModel, executor: QueryExecutor | null) =>
    mysqlComparison(database, target, executor, quoteIdentifier),

  // A drizzle mysqlEnum is an inline ENUM, as the introspector reads one back.
  drizzle: Object.freeze({ core: 'mysql-core' as const, readType: (sql: string) => parseColumnType(sql) }),

  async tableExists(executor: QueryExecutor, name: string, schema: string | null): Promise<boolean> {
    const rows = await executor.query(
      `SELECT 1 AS found FROM information_schema.TABLES
WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?`,
      [schema, name],
    );
    return rows.length > 0;
  },
  scratch: mysqlScratch,
} satisfies Dialect);
