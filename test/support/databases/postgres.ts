import pg from 'pg';
import type { ConnectionOptions } from '../../../src/dialects/dialect.js';
import { postgresDialect } from '../../../src/dialects/postgres/postgres-dialect.js';
import type { TestDatabase, TestDatabaseProvider } from '../test-database.js';
import { runClient, uniqueName } from '../test-database.js';

/**
 * Fresh PostgreSQL databases on the server named by `KILN_TEST_POSTGRES_URL`
 * (default `postgres://postgres@127.0.0.1:5432/postgres`, the maintenance
 * database used to create and drop the test ones).
 */
function adminUrl(): string {
  return process.env.KILN_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** Parses a postgres URL into kiln's ConnectionOptions (tests do not depend on the config layer). */
export function postgresOptions(url: string): ConnectionOptions {
  const parsed = new URL(url);
  return {
    scheme: parsed.protocol.replace(/:$/, ''),
    host: parsed.hostname === '' ? null : parsed.hostname,
    port: parsed.port === '' ? null : Number(parsed.port),
    user: parsed.username === '' ? null : decodeURIComponent(parsed.username),
    password: parsed.password === '' ? null : decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
    params: Object.fromEntries(parsed.searchParams),
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function dropDatabase(name: string): Promise<void> {
  await withAdmin(async (client) => {
    // A test that failed halfway may leave a session open; DROP DATABASE refuses while one is.
    await client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    );
    await client.query(`DROP DATABASE IF EXISTS ${quote(name)}`);
  });
}

/** The provider `KILN_TEST_DIALECT=postgres` selects. */
export const postgresProvider: TestDatabaseProvider = {
  name: 'postgres',

  async unavailableReason(): Promise<string | null> {
    try {
      await withAdmin((client) => client.query('SELECT 1'));
      return null;
    } catch (error) {
      const target = postgresOptions(adminUrl());
      const message = error instanceof Error ? error.message : String(error);
      return `PostgreSQL at ${target.host ?? 'localhost'}:${target.port ?? 5432} cannot be reached: ${message}`;
    }
  },

  async create(): Promise<TestDatabase> {
    const name = uniqueName();
    await withAdmin((client) => client.query(`CREATE DATABASE ${quote(name)}`));
    const url = withDatabase(adminUrl(), name);
    return {
      dialect: postgresDialect,
      url,
      options: postgresOptions(url),
      runScript: (script) =>
        runClient('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url], script, { PGCLIENTENCODING: 'UTF8' }),
      drop: () => dropDatabase(name),
    };
  },
};
