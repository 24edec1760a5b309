import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fillCreateTable } from '../support/branch-flow.js';
import { CliProject } from '../support/cli-project.js';
import { selectedDialect, type TestDatabase, testDatabaseProvider } from '../support/test-database.js';
import { checkXml } from '../support/xml-well-formed.js';

/**
 * `kiln graph` through the built CLI on the database KILN_TEST_DIALECT
 * selects: two branches (one depending on the other), a merge, the
 * database's position marked when it can be read and left unmarked, with a
 * note, when it cannot.
 */
const provider = await testDatabaseProvider();
const unavailable = await provider.unavailableReason();
if (unavailable !== null && process.env.CI === 'true') throw new Error(unavailable);

const USERS = 'users0001';
const ALICE = 'alice0001';
const BOB = 'bob000001';
const MERGE = 'merge0001';
const AUDIT = 'audit0001';
const HOSTILE = 'tag "x" --> <b>y</b> & #35;';

describe(`kiln graph on ${selectedDialect()}`, { skip: unavailable ?? false }, () => {
  let database: TestDatabase;
  let project: CliProject;

  before(async () => {
    database = await provider.create();
    project = new CliProject({
      'kiln.config.mjs': `export default { url: ${JSON.stringify(database.url)}, migrations: './migrations' };\n`,
    });
    project.ok(['init']);
    project.ok(['revision', '-m', 'create users', '--rev-id', USERS]);
    fillCreateTable(project, USERS, 't_user');
    project.ok(['revision', '-m', 'add post', '--rev-id', ALICE, '--branch-label', 'alice']);
    fillCreateTable(project, ALICE, 't_post');
    project.ok(['revision', '-m', HOSTILE, '--head', USERS, '--splice', '--rev-id', BOB, '--branch-label', 'bob']);
    project.ok(['merge', 'heads', '-m', 'join', '--rev-id', MERGE]);
    project.ok(['revision', '-m', 'audit', '--head', 'base', '--rev-id', AUDIT, '--depends-on', 'alice']);
    project.ok(['upgrade', ALICE]);
  });
  after(async () => {
    project?.remove();
    await database?.drop();
  });

  it('prints Mermaid by default: branches, labels, the dashed dependency, the merge, the current revision', () => {
    const run = project.ok(['graph']);
    assert.equal(run.stderr, '');
    const lines = run.stdout.split('\n');
    assert.equal(lines[0], 'flowchart TD');
    assert.ok(lines.includes(`  r0["${USERS}<br/>create users"]`), run.stdout);
    assert.ok(lines.includes(`  r1["${ALICE} (alice) (current)<br/>add post"]`), run.stdout);
    assert.ok(lines.includes(`  r2["${AUDIT} (head)<br/>audit"]`), run.stdout);
    assert.ok(lines.includes(`  r4{{"${MERGE} (head)<br/>join"}}`), run.stdout);
    for (const edge of ['r0 --> r1', 'r1 -. depends on .-> r2', 'r0 --> r3', 'r1 --> r4', 'r3 --> r4']) {
      assert.ok(lines.includes(`  ${edge}`), `${edge} in\n${run.stdout}`);
    }
    assert.ok(lines.includes('  class r2,r4 head'), run.stdout);
    assert.ok(lines.includes('  class r1 current'), run.stdout);
    const bob = lines.find((l) => l.includes(BOB)) ?? '';
    assert.equal(bob, `  r3["${BOB} (bob)<br/>tag #34;x#34; --#62; #60;b#62;y#60;/b#62; #38; #35;35#59;"]`);
  });

  it('prints DOT, and writes SVG through the WebAssembly Graphviz: well-formed, every revision id shown', () => {
    const dot = project.ok(['graph', '--format', 'dot']).stdout;
    assert.match(dot, /^digraph kiln \{$/m);
    assert.match(dot, /r1 -> r2 \[style=dashed, label="depends on"\];/);
    assert.match(dot, new RegExp(`r1 \\[label="${ALICE} \\(alice\\) \\(current\\)\\\\nadd post", .*filled`));
    const run = project.ok(['graph', '--format', 'svg', '--out', 'graph.svg']);
    assert.equal(run.stdout.trim(), 'Wrote the svg graph of 5 revision(s) to graph.svg');
    const svg = readFileSync(project.path('graph.svg'), 'utf8');
    assert.match(svg, /^<\?xml /);
    const { problems, text } = checkXml(svg);
    assert.deepEqual(problems, []);
    for (const id of [USERS, ALICE, BOB, AUDIT, MERGE]) assert.ok(text.includes(id), id);
    assert.ok(text.includes(HOSTILE), 'the message as written');
  });

  it('--offline marks nothing and says nothing; an unreachable database marks nothing, with a note', () => {
    const offline = project.ok(['graph', '--offline']);
    assert.equal(offline.stderr, '');
    assert.doesNotMatch(offline.stdout, /current/);
    const unreachable = project.ok(['graph', '--url', 'postgres://kiln:s3cret@127.0.0.1:1/nowhere']);
    assert.doesNotMatch(unreachable.stdout, /current/);
    assert.match(unreachable.stderr, /^kiln: warning: the database's position is not marked: cannot connect/);
    assert.doesNotMatch(unreachable.stderr, /s3cret/);
  });

  it('rejects an unknown format as a usage error, and gives the graph as JSON', () => {
    const bad = project.kiln(['graph', '--format', 'png']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown graph format 'png'/);
    const json = JSON.parse(project.ok(['graph', '--format', 'dot', '--json']).stdout) as Record<string, unknown>;
    assert.equal(json.ok, true);
    assert.equal(json.format, 'dot');
    assert.deepEqual(json.current, [ALICE]);
    assert.equal(json.revisions, 5);
    assert.match(String(json.text), /^digraph kiln/);
  });
});
