import { createServer } from 'node:http';
import Database from 'better-sqlite3';

/**
 * The tutorial's web service: `GET /user` returns every user as JSON.
 * The schema it reads is the one kiln migrated.
 */
export function startServer(databaseFile: string, port = 0) {
  const db = new Database(databaseFile, { readonly: true });
  const server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/user') {
      const users = db.prepare('SELECT * FROM con_user ORDER BY id').all();
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(users));
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: 'not found' }));
  });
  server.on('close', () => db.close());
  return new Promise<typeof server>((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startServer(process.env.DATATUBE_DB ?? './datatube.db', Number(process.env.PORT ?? 8000));
  const address = server.address();
  console.log(`datatube listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : ''}/user`);
}
