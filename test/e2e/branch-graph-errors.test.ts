import assert from 'node:assert/strict';
import { renameSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { assertUserError, currentRevisions } from '../support/branch-flow.js';
import { CliProject } from '../support/cli-project.js';

const CONFIG = `export default { url: 'sqlite:./app.db', migrations: './migrations' };\n`;

describe('graph errors name the file at fault (SQLite)', () => {
  let project: CliProject;
  const revision = (id: string, down: string | string[] | null, extra = '') =>
    `export const revision = '${id}';\nexport const downRevision = ${JSON.stringify(down)?.replaceAll('"', "'") ?? 'null'};\n${extra}export async function upgrade() {}\nexport async function downgrade() {}\n`;
  const write = (name: string, text: string) => project.write(`migrations/versions/${name}`, text);

  before(() => {
    project = new CliProject({ 'kiln.config.mjs': CONFIG });
    project.ok(['init']);
    write('root1.ts', revision('root1', null));
    write('root1b.ts', revision('root1b', 'root1'));
    write('root2.ts', revision('root2', null));
    write('root2b.ts', revision('root2b', 'root2'));
  });
  after(() => project.remove());

  it('two independent bases draw as two histories, and merge like git log --graph', () => {
    assert.equal(
      project.ok(['history', '--graph']).stdout.trimEnd(),
      ['* root2 -> root2b (head),', '* <base> -> root2,', '* root1 -> root1b (head),', '* <base> -> root1,'].join('\n'),
    );
    project.ok(['merge', 'heads', '-m', 'join roots', '--rev-id', 'joined']);
    assert.equal(
      project.ok(['history', '--graph']).stdout.trimEnd(),
      [
        '* root1b, root2b -> joined (head) (mergepoint), join roots',
        '|\\',
        '| * root2 -> root2b,',
        '| * <base> -> root2,',
        '* root1 -> root1b,',
        '* <base> -> root1,',
      ].join('\n'),
    );
    project.ok(['upgrade']);
    assert.deepEqual(currentRevisions(project), ['joined']);
    project.ok(['downgrade', '-1']);
    assert.deepEqual(currentRevisions(project).sort(), ['root1b', 'root2b']);
  });

  it('a downRevision pointing nowhere names the file', () => {
    write('lost.ts', revision('lost', 'nowhere'));
    assertUserError(
      project.kiln(['heads']),
      /migrations\/versions\/lost\.ts: downRevision nowhere of revision lost does not exist/,
    );
    renameSync(project.path('migrations/versions/lost.ts'), project.path('migrations/versions/lost.txt'));
  });

  it('two files with the same id name both files', () => {
    write('copy.ts', revision('root1b', 'root1'));
    assertUserError(
      project.kiln(['history']),
      /revision root1b is declared by both migrations\/versions\/copy\.ts and migrations\/versions\/root1b\.ts/,
    );
    renameSync(project.path('migrations/versions/copy.ts'), project.path('migrations/versions/copy.txt'));
  });

  it('a cycle names its members and their files', () => {
    write('cyc1.ts', revision('cyc1', 'cyc2'));
    write('cyc2.ts', revision('cyc2', 'cyc1'));
    assertUserError(
      project.kiln(['history']),
      /revisions form a cycle: cyc\d -> cyc\d -> cyc\d \(migrations\/versions\/cyc\d\.ts, migrations\/versions\/cyc\d\.ts\)/,
    );
    renameSync(project.path('migrations/versions/cyc1.ts'), project.path('migrations/versions/cyc1.txt'));
    renameSync(project.path('migrations/versions/cyc2.ts'), project.path('migrations/versions/cyc2.txt'));
    project.ok(['history']);
  });
});
