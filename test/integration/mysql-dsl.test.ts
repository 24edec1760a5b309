import assert from 'node:assert/strict';
import { schemaModule } from '../support/round-trip-schemas.js';
import { roundTrip } from '../support/round-trip-suite.js';

/**
 * MySQL/MariaDB-only parts of the DSL (issue 9): table charset and collation,
 * each created, changed on a table holding rows, and reverted to base.
 */

function accounts(options: string, extraColumn = false): string {
  return `
export const accounts = table('rt_account', {
  id: integer().primaryKey({ autoIncrement: true }),
  handle: varchar(40).notNull(),
  bio: text(),${extraColumn ? '\n  motto: varchar(80),' : ''}
}, undefined, ${options});
`;
}

roundTrip('table charset and collation', [
  {
    title: 'create a table with a charset and a collation',
    body: accounts("{ charset: 'latin1', collation: 'latin1_bin' }"),
    detects: [/create table rt_account/],
  },
  {
    title: 'change the collation of a table holding rows, add a column',
    body: accounts("{ charset: 'utf8mb4', collation: 'utf8mb4_bin' }", true),
    detects: [/collation utf8mb4_bin, charset utf8mb4 on table rt_account/, /add column rt_account.motto/],
    before: async (project) => {
      await project.execute(`INSERT INTO rt_account (handle, bio) VALUES ('ann', 'hello'), ('Bob', NULL)`);
    },
    after: async (project) => {
      const [row] = await project.query<{ n: number }>('SELECT COUNT(*) AS n FROM rt_account');
      assert.equal(Number(row?.n), 2);
      const [motto] = await project.query<{ c: string }>(
        "SELECT COLLATION_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'rt_account' AND COLUMN_NAME = 'motto'",
      );
      assert.equal(motto?.c, 'utf8mb4_bin', 'a column added after the change follows the new default');
      // Naming the database's own defaults is no difference either.
      project.writeSchema(schemaModule(accounts("{ collation: 'utf8mb4_bin' }", true)));
      await project.assertClean('with the charset left to the database');
    },
  },
]);
