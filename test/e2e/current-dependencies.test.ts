import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CliProject } from '../support/cli-project.js';

const CONFIG = `export default { url: 'sqlite:./app.db', migrations: './migrations' };\n`;

function revision(id: string, down: string | null, dependsOn: readonly string[] = []): string {
  return `import type { Operations } from 'kiln';
export const revision = '${id}';
export const downRevision = ${down === null ? 'null' : `'${down}'`};
export const dependsOn: string[] = ${JSON.stringify(dependsOn)};
export const message = '${id}';
export async function upgrade(op: Operations) {
  void op;
}
export async function downgrade(op: Operations) {
  void op;
}
`;
}

/**
 * Two roots: accounts (ac000001 → ac000002) and network (ne000001, which
 * depends on ac000001). Upgrading network applies ac000001 as its dependency;
 * kiln_version then holds ne000001 alone.
 */
describe('current shows the effective heads; stamp of an applied revision says what happened', () => {
  let project: CliProject;
  before(() => {
    project = new CliProject({
      'package.json': '{ "type": "module" }\n',
      'kiln.config.mjs': CONFIG,
      'migrations/versions/ac000001.ts': revision('ac000001', null),
      'migrations/versions/ac000002.ts': revision('ac000002', 'ac000001'),
      'migrations/versions/ne000001.ts': revision('ne000001', null, ['ac000001']),
    });
    project.ok(['upgrade', 'ne000001']);
  });
  after(() => project.remove());

  it('current lists the revision applied as a dependency, as Alembic does', () => {
    assert.equal(
      project.ok(['current']).stdout.trim(),
      'ac000001 (applied as a dependency of ne000001)\nne000001 (head)',
    );
    const json = JSON.parse(project.ok(['current', '--json']).stdout) as {
      current: { revision: string; dependencyOf: string[] }[];
      versionRows: string[];
    };
    assert.deepEqual(
      json.current.map((c) => [c.revision, c.dependencyOf]),
      [
        ['ac000001', ['ne000001']],
        ['ne000001', []],
      ],
    );
    assert.deepEqual(json.versionRows, ['ne000001']);
    assert.match(project.ok(['current', '-v']).stdout, /Applied as a dependency of: ne000001/);
  });

  it('stamp of a revision applied as a dependency changes nothing and says so', () => {
    const log = () => project.ok(['current', '--json']).stdout;
    const before = log();
    assert.equal(
      project.ok(['stamp', 'ac000001']).stdout.trim(),
      'already at ac000001 (applied as a dependency of ne000001); nothing changed',
    );
    assert.equal(project.ok(['stamp', 'ne000001']).stdout.trim(), 'already at ne000001; nothing changed');
    const json = JSON.parse(project.ok(['stamp', 'ac000001', '--json']).stdout) as { changed: boolean };
    assert.equal(json.changed, false);
    assert.equal(log(), before);
  });

  it('once the dependency branch moves on, current shows its row instead', () => {
    project.ok(['upgrade', 'ac000002']);
    assert.equal(project.ok(['current']).stdout.trim(), 'ac000002 (head)\nne000001 (head)');
    assert.match(project.ok(['stamp', 'ac000001']).stdout, /^Stamped: ac000001, ne000001/m);
    assert.equal(
      project.ok(['current']).stdout.trim(),
      'ac000001 (applied as a dependency of ne000001)\nne000001 (head)',
      'the stamp moved the accounts branch only (Alembic would also un-record ne000001)',
    );
  });
});
