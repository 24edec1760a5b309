import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { CliProject } from '../support/cli-project.js';

/** Every password below holds this, so one search finds any leak. */
const SECRET = 'Sekr1tTarget';

const ids = ['a0000000000a', 'b0000000000b', 'c0000000000c'];

/** Each revision file counts its own imports in loads.txt: the run must import each once, whatever the targets. */
function revision(index: number): string {
  return `import { appendFileSync } from 'node:fs';
import type { Operations } from 'kiln';
import { integer } from 'kiln';
appendFileSync(new URL('../../loads.txt', import.meta.url), '${ids[index]}\\n');
export const revision = '${ids[index]}';
export const downRevision = ${index === 0 ? 'null' : `'${ids[index - 1]}'`};
export const message = 'step ${index}';
export async function upgrade(op: Operations) {
  await op.createTable('t${index}', { id: integer().primaryKey() });
}
export async function downgrade(op: Operations) {
  await op.dropTable('t${index}');
}
`;
}

function config(targets: string): string {
  return `export default { migrations: './migrations', targets: ${targets} };\n`;
}

describe('kiln upgrade --all: selection, output, errors', () => {
  let project: CliProject;
  before(() => {
    project = new CliProject({ 'package.json': '{ "type": "module" }\n' });
    ids.forEach((id, index) => {
      project.write(`migrations/versions/${id}.ts`, revision(index));
    });
  });
  after(() => project.remove());

  it('imports each revision file once for all targets', () => {
    project.write(
      'kiln.config.mjs',
      // The config's own code, as text: a function that builds the list when kiln asks.
      config("async () => Array.from({ length: 6 }, (_, i) => ({ name: 't' + i, url: 'sqlite:./t' + i + '.db' }))"),
    );
    project.write('loads.txt', '');
    const run = project.ok(['upgrade', '--all', '--parallel', '3']);
    assert.match(run.stdout, /^target +from → to +applied +time +status$/m);
    assert.match(run.stdout, /^t5 +<base> → c0000000000c +3 +\d+\.\ds +done$/m);
    assert.match(run.stdout, /6 target\(s\): 6 done/);
    assert.equal(readFileSync(project.path('loads.txt'), 'utf8').split('\n').filter(Boolean).length, ids.length);
    const current = JSON.parse(project.ok(['current', '--targets', 't1,t4', '--json']).stdout);
    assert.deepEqual(
      current.targets.map((t: { target: string; current: { versionRows: string[] } }) => [
        t.target,
        t.current.versionRows,
      ]),
      [
        ['t1', [ids[2]]],
        ['t4', [ids[2]]],
      ],
    );
  });

  it('never prints a target URL: names and redacted servers only, text and --json', () => {
    project.write(
      'kiln.config.mjs',
      config(
        `[{ name: 'ok', url: 'sqlite:./ok.db' }, { name: 'eu', url: 'postgres://kiln:${SECRET}@127.0.0.1:1/app' }, { name: 'us', url: 'mysql://kiln:${SECRET}@127.0.0.1:1/app' }]`,
      ),
    );
    const text = project.ok(['upgrade', '--all'], 1);
    const json = project.ok(['upgrade', '--all', '--json'], 1);
    for (const output of [text.stdout, text.stderr, json.stdout, json.stderr])
      assert.ok(!output.includes(SECRET), output);
    assert.match(text.stderr, /^kiln: error: 2 of 3 target\(s\) failed: eu, us$/m);
    assert.match(
      text.stdout,
      /^eu +\? → \? +0 +\d+\.\ds +failed: cannot connect to postgres:\/\/kiln@127\.0\.0\.1:1\/app/m,
    );
    const document = JSON.parse(json.stdout);
    assert.equal(document.ok, false);
    assert.equal(document.error.code, 'targets.failed');
    assert.deepEqual(document.failed, ['eu', 'us']);
    assert.equal(document.targets[0].status, 'done');
  });

  it('status --all / check --all --json: one document, the unreachable targets failed alone, no password', () => {
    const targets = `[{ name: 'ok', url: 'sqlite:./ok.db' }, { name: 'new', url: 'sqlite:./new.db' }, { name: 'eu', url: 'postgres://kiln:${SECRET}@127.0.0.1:1/app' }]`;
    project.write('kiln.config.mjs', config(targets));
    // Without a schema module check --all stops once, before any target.
    assert.match(project.ok(['check', '--all'], 1).stderr, /^kiln: error: kiln\.config\.mjs names no schema module$/m);
    const schema = ids.map((_, i) => `export const t${i} = table('t${i}', { id: integer().primaryKey() });`);
    project.write('schema.ts', `import { integer, table } from 'kiln';\n${schema.join('\n')}\n`);
    project.write(
      'kiln.config.mjs',
      `export default { migrations: './migrations', schema: './schema.ts', targets: ${targets} };\n`,
    );
    project.ok(['upgrade', '--targets', 'ok']);
    for (const command of ['status', 'check']) {
      const text = project.ok([command, '--all'], 1);
      const json = project.ok([command, '--all', '--json'], 1);
      for (const output of [text.stdout, text.stderr, json.stdout, json.stderr])
        assert.ok(!output.includes(SECRET), output);
      assert.match(text.stderr, /^kiln: error: 1 of 3 target\(s\) could not be read: eu$/m);
      const document = JSON.parse(json.stdout);
      assert.equal(document.ok, false, command);
      assert.equal(document.error.code, 'targets.failed');
      assert.deepEqual(document.failed, ['eu']);
      assert.deepEqual(
        document.targets.map((t: { target: string; state: string }) => [t.target, t.state]),
        command === 'status'
          ? [
              ['ok', 'up-to-date'],
              ['new', 'pending'],
              ['eu', 'failed'],
            ]
          : [
              ['ok', 'clean'],
              ['new', 'differs'],
              ['eu', 'failed'],
            ],
      );
    }
    assert.equal(project.ok(['status', '--targets', 'ok,new', '--json'], 3).status, 3);
  });

  it('says what is wrong with the config, naming it, and with the flags (exit 2)', () => {
    project.write('kiln.config.mjs', config("[{ name: 'a', url: 'sqlite:a.db' }, { name: 'a', url: 'sqlite:b.db' }]"));
    assert.match(project.ok(['upgrade', '--all'], 1).stderr, /kiln\.config\.mjs: target name 'a' is used twice/);
    project.write('kiln.config.mjs', config("[{ name: 'a', url: 'sqlite:a.db', schemas: ['x'] }]"));
    assert.match(project.ok(['upgrade', '--all'], 1).stderr, /target 'a' has 'schemas', but its database has none/);
    project.write('kiln.config.mjs', config("async () => { throw new Error('tenant list unavailable'); }"));
    assert.match(project.ok(['upgrade', '--all'], 1).stderr, /the 'targets' function failed: tenant list unavailable/);
    project.write('kiln.config.mjs', config("[{ name: 'a', url: 'sqlite:a.db' }]"));
    assert.match(project.ok(['upgrade', '--targets', 'b*'], 2).stderr, /--targets: no target is named 'b\*'/);
    assert.match(project.ok(['upgrade', '--parallel', '2'], 2).stderr, /--parallel needs --all or --targets/);
    assert.match(project.ok(['upgrade', '--all', '--sql'], 2).stderr, /--sql runs on one database/);
    assert.match(project.ok(['upgrade', '--all', '--targets', 'a'], 2).stderr, /--all and --targets/);
    project.ok(['upgrade', '--all', '--parallel', '0'], 2);
    project.write('kiln.config.mjs', "export default { migrations: './migrations' };\n");
    assert.match(project.ok(['upgrade', '--all'], 1).stderr, /names no targets/);
  });
});
