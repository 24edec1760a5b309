import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { quoteIdentifier } from '../../src/dialects/mysql/mysql-sql.js';
import { CliProject } from '../support/cli-project.js';
import { mysqlProvider } from '../support/databases/mysql.js';
import { encodedCredentials, oddPassword } from '../support/odd-credentials.js';
import type { TestDatabase } from '../support/test-database.js';
import { uniqueName } from '../support/test-database.js';

const unavailable = await mysqlProvider.unavailableReason();

/** MariaDB checks passwords, so this proves the decoded password is the one sent. */
describe('a percent-encoded odd password connects (MariaDB/MySQL)', { skip: unavailable ?? false }, () => {
  const user = `${uniqueName('ku')}@:/x`.slice(-60);
  const password = oddPassword();
  const literal = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
  let db: TestDatabase;
  let project: CliProject;

  before(async () => {
    db = await mysqlProvider.create();
    const admin = await db.dialect.connect(db.options, process.cwd());
    try {
      await admin.execute(`CREATE USER ${literal(user)}@'%' IDENTIFIED BY ${literal(password)}`);
      await admin.execute(`GRANT ALL ON ${quoteIdentifier(db.options.database)}.* TO ${literal(user)}@'%'`);
    } finally {
      await admin.close();
    }
    project = new CliProject({ 'kiln.config.mjs': `export default { migrations: './migrations' };\n` });
    project.ok(['init']);
    project.ok(['revision', '-m', 'one', '--rev-id', 'aa01']);
  });

  after(async () => {
    project?.remove();
    const admin = await db.dialect.connect(db.options, process.cwd());
    try {
      await admin.execute(`DROP USER IF EXISTS ${literal(user)}@'%'`);
    } finally {
      await admin.close();
    }
    await db.drop();
  });

  const url = (pw: string) =>
    `mysql://${encodedCredentials(user, pw)}${db.options.host}:${db.options.port ?? 3306}/${db.options.database}`;

  it('upgrades with it, and never prints it', () => {
    const run = project.ok(['--url', url(password), 'upgrade']);
    assert.match(project.ok(['--url', url(password), 'current']).stdout, /aa01/);
    assert.ok(!(run.stdout + run.stderr).includes(password));
  });

  it('a wrong password is refused by the server: one line, no password', () => {
    const wrong = `${password}x`;
    const run = project.kiln(['--url', url(wrong), 'current']);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /^kiln: error: cannot connect to mysql:\/\/.*Access denied/);
    assert.ok(!(run.stdout + run.stderr).includes(wrong) && !(run.stdout + run.stderr).includes(password));
    assert.ok(!run.stderr.includes(encodeURIComponent(wrong)));
  });
});
