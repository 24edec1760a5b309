import type { ConnectionOptions, ScratchDatabases } from '../dialect.js';
import { withServerDatabase } from '../server-url.js';
import { MysqlConnection } from './mysql-connection.js';
import { quoteIdentifier } from './mysql-sql.js';

/** Runs statements on the database the URL names. */
async function onServer(server: ConnectionOptions, sql: string): Promise<void> {
  const connection = await MysqlConnection.open(server);
  try {
    await connection.execute(sql);
  } finally {
    await connection.close();
  }
}

/** Scratch databases on MySQL/MariaDB: `CREATE DATABASE` on the server the URL names. */
export const mysqlScratch: ScratchDatabases = Object.freeze({
  async create(url, server, name): Promise<string> {
    await onServer(server, `CREATE DATABASE ${quoteIdentifier(name)}`);
    return withServerDatabase(url, name);
  },
  async drop(database, server): Promise<void> {
    // DROP DATABASE waits for metadata locks, not for idle sessions: nothing to end first.
    await onServer(server, `DROP DATABASE IF EXISTS ${quoteIdentifier(database.database)}`);
  },
} satisfies ScratchDatabases);
