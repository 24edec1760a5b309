import type { ConnectionOptions, ScratchDatabases } from '../dialect.js';
import { withServerDatabase } from '../server-url.js';
import { connectPostgres } from './postgres-connection.js';
import { PostgresDdlCompiler } from './postgres-ddl-compiler.js';

const compiler = new PostgresDdlCompiler();
const quote = (name: string) => compiler.quoteIdentifier(name);

/** Runs `sql` on the database the URL names (the server's door: CREATE/DROP DATABASE run outside it). */
async function onServer(server: ConnectionOptions, run: (execute: (sql: string) => Promise<unknown>) => Promise<void>) {
  const connection = await connectPostgres(server, { name: 'kiln createTestDatabase' });
  try {
    await run((sql) => connection.execute(sql, 'kiln'));
  } finally {
    await connection.close();
  }
}

/** Scratch databases on PostgreSQL: `CREATE DATABASE` next to the one the URL names. */
export const postgresScratch: ScratchDatabases = Object.freeze({
  async create(url, server, name): Promise<string> {
    await onServer(server, (execute) => execute(`CREATE DATABASE ${quote(name)}`).then(() => undefined));
    return withServerDatabase(url, name);
  },
  async drop(database, server): Promise<void> {
    await onServer(server, async (execute) => {
      // A pool the test left open would make DROP DATABASE refuse.
      await execute(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ${compiler.literal(database.database)} AND pid <> pg_backend_pid()`,
      );
      await execute(`DROP DATABASE IF EXISTS ${quote(database.database)}`);
    });
  },
} satisfies ScratchDatabases);
