import type { ConnectionOptions } from '../../../src/dialects/dialect.js';
import { MysqlConnection } from '../../../src/dialects/mysql/mysql-connection.js';
import { mysqlDialect } from '../../../src/dialects/mysql/mysql-dialect.js';
import { quoteIdentifier } from '../../../src/dialects/mysql/mysql-sql.js';
import { runClient, type TestDatabase, type TestDatabaseProvider, uniqueName } from '../test-database.js';

/** The server tests use: `KILN_TEST_MYSQL_URL`, or MariaDB/MySQL as root on localhost. */
export function mysqlServerUrl(): string {
  return process.env.KILN_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
}

/** Connection options for `database` on the test server (empty name = no default database). */
export function mysqlTestOptions(database: string): ConnectionOptions {
  const url = new URL(mysqlServerUrl());
  return {
    scheme: url.protocol.replace(/:$/, ''),
    host: url.hostname || '127.0.0.1',
    port: url.port === '' ? 3306 : Number(url.port),
    user: url.username === '' ? null : decodeURIComponent(url.username),
    password: url.password === '' ? null : decodeURIComponent(url.password),
    database,
    params: Object.fromEntries(url.searchParams),
  };
}

function urlFor(options: ConnectionOptions): string {
  const auth =
    options.user === null
      ? ''
      : `${encodeURIComponent(options.user)}${options.password === null ? '' : `:${encodeURIComponent(options.password)}`}@`;
  return `${options.scheme}://${auth}${options.host}:${options.port}/${options.database}`;
}

async function onServer<T>(fn: (connection: MysqlConnection) => Promise<T>): Promise<T> {
  const connection = await MysqlConnection.open(mysqlTestOptions(''));
  try {
    return await fn(connection);
  } finally {
    await connection.close();
  }
}

/** `mariadb` client arguments for the test database (a test server; a password on the command line is acceptable here). */
function mysqlClientArgs(options: ConnectionOptions): string[] {
  return [
    '--default-character-set=utf8mb4',
    `--host=${options.host ?? '127.0.0.1'}`,
    `--port=${options.port ?? 3306}`,
    ...(options.user === null ? [] : [`--user=${options.user}`]),
    ...(options.password === null ? [] : [`--password=${options.password}`]),
    options.database,
  ];
}

/**
 * Each test database is `CREATE DATABASE kiln_t_<pid>_<time>_<random>` on the
 * test server, dropped by `drop()`.
 */
export const mysqlProvider: TestDatabaseProvider = {
  name: 'mysql',

  async unavailableReason(): Promise<string | null> {
    try {
      await onServer((c) => c.query('SELECT 1'));
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  },

  async create(): Promise<TestDatabase> {
    const name = uniqueName();
    await onServer((c) => c.execute(`CREATE DATABASE ${quoteIdentifier(name)} CHARACTER SET utf8mb4`));
    const options = mysqlTestOptions(name);
    return {
      dialect: mysqlDialect,
      url: urlFor(options),
      options,
      runScript: (script) => runClient('mariadb', mysqlClientArgs(options), script),
      drop: async () => {
        await onServer((c) => c.execute(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`));
      },
    };
  },
};
