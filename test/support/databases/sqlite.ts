import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionOptions } from '../../../src/dialects/dialect.js';
import { sqliteDialect } from '../../../src/dialects/sqlite/sqlite-dialect.js';
import { runClient, type TestDatabase, type TestDatabaseProvider, uniqueName } from '../test-database.js';

/**
 * Each test database is a file in its own folder under the OS temp dir
 * (`kiln-sqlite-*`/`kiln_t_….db`); `drop()` removes the folder, lock and
 * journal files included. Always available: SQLite needs no server.
 */
export const sqliteProvider: TestDatabaseProvider = {
  name: 'sqlite',

  async unavailableReason(): Promise<string | null> {
    return null;
  },

  async create(): Promise<TestDatabase> {
    const folder = mkdtempSync(join(tmpdir(), 'kiln-sqlite-'));
    const file = join(folder, `${uniqueName()}.db`);
    const options: ConnectionOptions = {
      scheme: 'sqlite',
      host: null,
      port: null,
      user: null,
      password: null,
      database: file,
      params: {},
    };
    return {
      dialect: sqliteDialect,
      url: `sqlite:${file}`,
      options,
      runScript: (script) => runClient('sqlite3', ['-bail', file], script),
      async drop() {
        rmSync(folder, { recursive: true, force: true });
      },
    };
  },
};
