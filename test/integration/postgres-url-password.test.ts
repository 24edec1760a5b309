import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CliProject } from '../support/cli-project.js';
import { postgresProvider } from '../support/databases/postgres.js';
import { encodedCredentials, oddPassword } from '../support/odd-credentials.js';
import type { TestDatabase } from '../support/test-database.js';
import { uniqueName } from '../support/test-database.js';

const unavailable = await postgresProvider.unavailableReason();

/**
 * The test server trusts 127.0.0.1 (no password is checked), so what this
 * proves is that an odd, percent-encoded role name and password parse and
 * connect as that role; MariaDB's test checks the password itself.
 */
describe('a percent-encoded odd role and password connect (PostgreSQL)', { skip: unavailable ?? false }, () => {
  const role = `${uniqueName('kr')} @:/ü`;
  const password = oddPassword();
  const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
  let db: TestDatabase;
  let project: CliProject;

  before(async () => {
    db = await postgresProvider.create();
    const admin = await db.dialect.connect(db.options, process.cwd());
    try {
      await admin.execute(`CREATE ROLE ${ident(role)} LOGIN PASSWORD ${literal(password)}`);
      await admin.execute(`ALTER DATABASE ${ident(db.options.database)} OWNER TO ${ident(role)}`);
    } finally {
      await admin.close();
    }
    project = new CliProject({ 'kiln.config.mjs': `export default { migrations: './migrations' };\n` });
    project.ok(['init']);
    project.ok(['revision', '-m', 'one', '--rev-id', 'aa01']);
  });

  after(async () => {
    project?.remove();
    await db.drop();
    // Roles belong to the cluster: drop it from the maintenance database.
    const admin = await db.dialect.connect({ ...db.options, database: 'postgres' }, process.cwd());
    try {
      await admin.execute(`DROP ROLE IF EXISTS ${ident(role)}`);
    } finally {
      await admin.close();
    }
  });

  it('upgrades as that role, and never prints the password', async () => {
    const url = `postgres://${encodedCredentials(role, password)}${db.options.host}:${db.options.port ?? 5432}/${db.options.database}`;
    const run = project.ok(['--url', url, 'upgrade']);
    assert.ok(!(run.stdout + run.stderr).includes(password));
    const admin = await db.dialect.connect(db.options, process.cwd());
    try {
      const rows = await admin.query<{ owner: string }>(
        "SELECT tableowner AS owner FROM pg_tables WHERE tablename = 'kiln_version'",
      );
      assert.deepEqual(rows, [{ owner: role }]);
    } finally {
      await admin.close();
    }
  });
});
