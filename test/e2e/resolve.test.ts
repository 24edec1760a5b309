import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { CliProject } from '../support/cli-project.js';
import { openSqlite } from '../support/sqlite-file.js';

const CONFIG = `export default { url: 'sqlite:./app.db', schema: './schema.ts', migrations: './migrations' };\n`;
const SCHEMA = `import { integer, table } from 'kiln';
export const one = table('r_one', { id: integer().primaryKey() });
`;

function revision(id: string, down: string | null, body: string, transactional = true): string {
  return `import type { Operations } from 'kiln';
import { integer } from 'kiln';
export const revision = '${id}';
export const downRevision = ${down === null ? 'null' : `'${id.slice(0, -1)}${down}'`};
export const message = 'revision ${id}';
${transactional ? '' : 'export const transactional = false;\n'}export async function upgrade(op: Operations) {
${body}
}
export async function downgrade(op: Operations) {}
`;
}

describe('kiln resolve, edited and half-applied revisions through the CLI (SQLite)', () => {
  let project: CliProject;
  const exec = (sql: string) => {
    const db = openSqlite(project.path('app.db'));
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  };

  before(() => {
    project = new CliProject({
      'kiln.config.mjs': CONFIG,
      'schema.ts': SCHEMA,
      'package.json': '{ "type": "module" }\n',
      'migrations/versions/r1.ts': revision(
        're0000000001',
        null,
        "  await op.createTable('r_one', { id: integer().primaryKey() });",
      ),
    });
    project.ok(['upgrade']);
  });
  after(() => project.remove());

  it('an edited applied revision: upgrade exits 1 naming file, revision and both hashes; check reports it', () => {
    const path = project.path('migrations/versions/r1.ts');
    project.write('migrations/versions/r1.ts', `${readFileSync(path, 'utf8')}// edited\n`);
    const run = project.ok(['upgrade'], 1);
    assert.match(
      run.stderr,
      /kiln: error: revision re0000000001 \(migrations\/versions\/r1\.ts\) was edited after it was applied: recorded [0-9a-f]{12}, now [0-9a-f]{12}/,
    );
    assert.match(run.stderr, /hint: .*kiln resolve re0000000001 --rehash/);
    assert.match(project.ok(['check'], 1).stdout, /re0000000001 .*was edited after it was applied/);
    const json = JSON.parse(project.ok(['check', '--json'], 1).stdout) as {
      edited: { revision: string; file: string; recorded: string; actual: string }[];
    };
    assert.equal(json.edited[0]?.revision, 're0000000001');
    assert.match(json.edited[0]?.recorded ?? '', /^[0-9a-f]{64}$/);
    assert.match(json.edited[0]?.actual ?? '', /^[0-9a-f]{64}$/);
    assert.notEqual(json.edited[0]?.recorded, json.edited[0]?.actual);
  });

  it('resolve --rehash accepts it (text and --json); resolve without an action is a usage error', () => {
    assert.equal(project.kiln(['resolve', 're0000000001']).status, 2);
    assert.match(
      project.ok(['resolve', 're0000000001', '--rehash']).stdout,
      /Rehashed re0000000001: checksum [0-9a-f]{12} -> [0-9a-f]{12}/,
    );
    const json = JSON.parse(project.ok(['resolve', 're0000000001', '--rehash', '--json']).stdout) as {
      action: string;
      checksum: string;
    };
    assert.equal(json.action, 'rehash');
    assert.match(json.checksum, /^[0-9a-f]{64}$/);
    project.ok(['check']);
  });

  it('a half-applied revision: current names it and the way out; upgrade refuses; resolve --rolled-back leads out', () => {
    project.write(
      'migrations/versions/r2.ts',
      revision(
        're0000000002',
        '1',
        "  await op.createTable('r_two', { id: integer().primaryKey() });\n  throw new Error('stopped on purpose');",
        false,
      ),
    );
    const failed = project.ok(['upgrade'], 1);
    assert.match(failed.stderr, /stopped on purpose; 1 statement\(s\) of it applied, revision marked pending/);
    const current = project.ok(['current']).stdout;
    assert.match(current, /^re0000000001$/m);
    assert.match(current, /re0000000002 \(pending: upgrade stopped after 1 statement\(s\) applied, last: CREATE TABLE/);
    assert.match(current, /kiln resolve re0000000002 --rolled-back.*kiln resolve re0000000002 --applied/);
    const json = JSON.parse(project.ok(['current', '--json']).stdout) as {
      halfApplied: { revision: string; applied: number }[];
    };
    assert.deepEqual(
      json.halfApplied.map((p) => [p.revision, p.applied]),
      [['re0000000002', 1]],
    );
    const blocked = project.ok(['upgrade'], 1);
    assert.match(blocked.stderr, /upgrade of revision re0000000002 stopped after 1 statement\(s\)/);
    assert.match(blocked.stderr, /hint: .*kiln resolve re0000000002 --rolled-back/);

    exec('DROP TABLE r_two');
    assert.match(project.ok(['resolve', 're0000000002', '--rolled-back']).stdout, /recorded as rolled back/);
    rmSync(project.path('migrations/versions/r2.ts'));
    project.ok(['upgrade']);
    project.ok(['check']);
  });
});
