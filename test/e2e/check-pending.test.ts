import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CliProject } from '../support/cli-project.js';

const CONFIG = `export default { url: 'sqlite:./app.db', schema: './schema.ts', migrations: './migrations' };\n`;
const SCHEMA = `import { integer, table } from 'kiln';\nexport const t = table('t', { id: integer().primaryKey() });\n`;

const ids = Array.from({ length: 12 }, (_, i) => `p${String(i + 1).padStart(11, '0')}`);

function revision(index: number): string {
  const id = ids[index] as string;
  const down = index === 0 ? 'null' : `'${ids[index - 1]}'`;
  const body = index === 0 ? "  await op.createTable('t', { id: integer().primaryKey() });" : '  void op;';
  return `import type { Operations } from 'kiln';
import { integer } from 'kiln';
export const revision = '${id}';
export const downRevision = ${down};
export const message = 'step ${index + 1}';
export async function upgrade(op: Operations) {
${body}
}
export async function downgrade(op: Operations) {
  void op;
}
`;
}

describe('kiln check names every pending revision, not only the head', () => {
  let project: CliProject;
  before(() => {
    project = new CliProject({
      'kiln.config.mjs': CONFIG,
      'schema.ts': SCHEMA,
      'package.json': '{ "type": "module" }\n',
    });
    ids.forEach((id, index) => {
      project.write(`migrations/versions/${id}.ts`, revision(index));
    });
  });
  after(() => project.remove());

  it('lists all 12 in text and --json, oldest first', () => {
    const text = project.ok(['check'], 1).stdout;
    for (const [index, id] of ids.entries()) {
      assert.match(text, new RegExp(`revision ${id} \\(step ${index + 1}\\) is not applied`));
    }
    const json = JSON.parse(project.ok(['check', '--json'], 1).stdout) as {
      pending: string[];
      differences: { kind: string; table: string | null }[];
    };
    assert.deepEqual(json.pending, ids);
    // The schema differences in their documented shape: the pending first revision would create t.
    assert.deepEqual(
      json.differences.map((d) => [d.kind, d.table]),
      [['add-table', 't']],
    );
  });

  it('lists only what is left after a partial upgrade', () => {
    project.ok(['upgrade', ids[4] as string]);
    const json = JSON.parse(project.ok(['check', '--json'], 1).stdout) as { pending: string[] };
    assert.deepEqual(json.pending, ids.slice(5));
    project.ok(['upgrade']);
    assert.deepEqual(JSON.parse(project.ok(['check', '--json']).stdout).pending, []);
  });
});
