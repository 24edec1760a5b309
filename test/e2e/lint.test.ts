import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CliProject } from '../support/cli-project.js';

const CONFIG = `export default { url: 'sqlite:./app.db', schema: './schema.ts', migrations: './migrations' };\n`;
const SCHEMA = `import { integer, table, varchar } from 'kiln';
export const account = table('account', { id: integer().primaryKey(), email: varchar(120), nick: varchar(40) });
`;

const revision = (id: string, down: string | null, body: string, extra = '') => `import type { Operations } from 'kiln';
import { integer, varchar } from 'kiln';
export const revision = '${id}';
export const downRevision = ${down === null ? 'null' : `'${down}'`};
export const message = 'step ${id}';
${extra}export async function upgrade(op: Operations) {
${body}
}
export async function downgrade(op: Operations) {
  void op;
}
`;

describe('kiln lint from the command line', () => {
  let project: CliProject;
  before(() => {
    project = new CliProject({
      'kiln.config.mjs': CONFIG,
      'schema.ts': SCHEMA,
      'package.json': '{ "type": "module" }\n',
      'migrations/versions/a1.ts': revision(
        'a1a1a1a1a1a1',
        null,
        "  await op.createTable('account', { id: integer().primaryKey(), email: varchar(120), nick: varchar(40) });",
      ),
    });
    project.ok(['upgrade']);
    project.ok(['upgrade', '--sql']);
  });
  after(() => project.remove());

  it('nothing pending: exit 0 and a count line', () => {
    assert.match(project.ok(['lint']).stdout, /^Linted 0 revision\(s\): 0 error\(s\), 0 warning\(s\), 0 info$/m);
  });

  it('a pending drop: exit 1, the finding with its fix in text and --json; upgrade warns on stderr', () => {
    project.write(
      'migrations/versions/b2.ts',
      revision('b2b2b2b2b2b2', 'a1a1a1a1a1a1', "  await op.dropColumn('account', 'nick');"),
    );
    const text = project.ok(['lint'], 1).stdout;
    assert.match(text, /^Revision b2b2b2b2b2b2:$/m);
    assert.match(text, /error {3}drop-column: dropping column account\.nick discards its values/);
    assert.match(text, /fix: deploy code that no longer reads the column first/);
    const json = JSON.parse(project.ok(['lint', '--json'], 1).stdout) as {
      findings: { code: string; severity: string; revision: string; table: string; column: string }[];
      failed: boolean;
    };
    assert.deepEqual(
      json.findings.map(({ code, severity, revision, table, column }) => ({ code, severity, revision, table, column })),
      [{ code: 'drop-column', severity: 'error', revision: 'b2b2b2b2b2b2', table: 'account', column: 'nick' }],
    );
    assert.equal(json.failed, true);
    const run = project.ok(['upgrade']);
    assert.match(run.stderr, /^kiln: warning: b2b2b2b2b2b2 drop-column: dropping column account\.nick/m);
  });

  it('lintAllow silences the code; an unknown code is an error naming the file', () => {
    project.write(
      'migrations/versions/c3.ts',
      revision(
        'c3c3c3c3c3c3',
        'b2b2b2b2b2b2',
        "  await op.dropColumn('account', 'email');",
        "export const lintAllow = ['drop-column'];\n",
      ),
    );
    assert.match(project.ok(['lint']).stdout, /0 error\(s\), 0 warning\(s\), 0 info, 1 allowed by lintAllow$/m);
    project.write(
      'migrations/versions/c3.ts',
      revision(
        'c3c3c3c3c3c3',
        'b2b2b2b2b2b2',
        "  await op.dropColumn('account', 'email');",
        "export const lintAllow = ['drop-colum'];\n",
      ),
    );
    const run = project.kiln(['lint']);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /c3\.ts: `lintAllow` 'drop-colum' is not a lint code/);
  });

  it('a range is linted from the files: row counts unknown', () => {
    const text = project.ok(['lint', 'a1a1a1a1a1a1:b2b2b2b2b2b2'], 1).stdout;
    assert.match(text, /Linted 2 revision\(s\): 1 error\(s\).*row counts unknown/);
  });

  it('no reachable database: every revision, from the files', () => {
    project.write(
      'migrations/versions/c3.ts',
      revision('c3c3c3c3c3c3', 'b2b2b2b2b2b2', "  await op.execute('SELECT 1');"),
    );
    const run = project.ok(['lint', '--json', '--url', 'postgres://nobody@127.0.0.1:9/none'], 1);
    const json = JSON.parse(run.stdout) as { revisions: string[]; rowCounts: string; findings: { code: string }[] };
    assert.deepEqual(json.revisions, ['a1a1a1a1a1a1', 'b2b2b2b2b2b2', 'c3c3c3c3c3c3']);
    assert.equal(json.rowCounts, 'unknown');
    assert.deepEqual(
      json.findings.map((f) => f.code),
      ['drop-column', 'raw-sql'],
    );
  });
});
