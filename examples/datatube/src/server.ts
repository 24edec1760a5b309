import { createServer } from 'node:http';
import Database from 'better-sqlite3';
import type { KyselyDatabase } from 'kiln';
import { Kysely, SqliteDialect } from 'kysely';
import type * as schema from './schema.js';

/** The database as Kysely sees it, derived from the models kiln migrates: no code generation. */
export type DB = KyselyDatabase<typeof schema, 'sqlite'>;

/** A user as `GET /user` returns it: SQLite gives booleans as 0/1, so `status` is turned back into one. */
function asJson(user: { status: number | null } & Record<string, unknown>) {
  return { ...user, status: user.status === null ? null : user.status !== 0 };
}

/**
 * The tutorial's web service: `GET /user` returns every user as JSON.
 * The schema it reads is the one kiln migrated; the query is typed by it, so
 * a column the models do not have does not compile.
 */
export function startServer(databaseFile: string, port = 0) {
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: new Database(databaseFile, { readonly: true }) }) });
  const server = createServer(async (request, response) => {
    if (request.method === 'GET' && request.url === '/user') {
      const users = await db.selectFrom('con_user').selectAll().orderBy('id').execute();
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(users.map(asJson)));
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: 'not found' }));
  });
  server.on('close', () => void db.destroy());
  return new Promise<typeof server>((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startServer(process.env.DATATUBE_DB ?? './datatube.db', Number(process.env.PORT ?? 8000));
  const address = server.address();
  console.log(`datatube listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : ''}/user`);
}
