import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { revision } from 'kiln';
import { KilnProject } from '../support/project.js';
import { schemaModule } from '../support/round-trip-schemas.js';
import { capabilities as caps } from '../support/round-trip-suite.js';

/**
 * Expression indexes in a database kiln did not create: made by hand SQL,
 * then declared by the model, they check clean and `migrate` writes
 * nothing. Where the dialect has none (MariaDB), a model that declares one
 * is refused by name. The round trip is in round-trip-features.test.ts.
 */

const MODEL = `
export const members = table('hx_member', {
  id: integer().primaryKey(),
  tenantId: integer('tenant_id').notNull(),
  email: varchar(100).notNull(),
  nick: varchar(40),
}, (t) => [
  uniqueIndex('ix_hx_email_lower').on(sql\`lower(email)\`),
  index('ix_hx_tenant_nick').on(t.tenantId, sql\`upper(nick)\`),
  index('ix_hx_sum').on(sql\`tenant_id + id\`)${caps.partialIndexes ? '.where(sql`nick IS NOT NULL`)' : ''},
]);
`;

describe('expression indexes created by hand SQL', { skip: !caps.expressionIndexes && 'no expression indexes' }, () => {
  let project: KilnProject;
  before(async () => {
    project = await KilnProject.create();
    const q = (name: string) => project.quote(name);
    await project.execute(
      `CREATE TABLE ${q('hx_member')} (${q('id')} integer NOT NULL, ${q('tenant_id')} integer NOT NULL, ` +
        `${q('email')} varchar(100) NOT NULL, ${q('nick')} varchar(40), ` +
        `CONSTRAINT ${q('pk_hx_member')} PRIMARY KEY (${q('id')}))`,
    );
    // Spelled as a person would, not as kiln writes them: no extra parentheses, other spacing.
    await project.execute(`CREATE UNIQUE INDEX ${q('ix_hx_email_lower')} ON ${q('hx_member')} (LOWER( email ))`);
    await project.execute(`CREATE INDEX ${q('ix_hx_tenant_nick')} ON ${q('hx_member')} (tenant_id, upper(nick))`);
    const where = caps.partialIndexes ? ' WHERE nick IS NOT NULL' : '';
    await project.execute(`CREATE INDEX ${q('ix_hx_sum')} ON ${q('hx_member')} ((tenant_id+id))${where}`);
    project.writeSchema(schemaModule(MODEL));
  });
  after(() => project.remove());

  it('are read back as expressions, with the columns beside them', async () => {
    const table = (await project.schema()).tables.find((t) => t.name === 'hx_member');
    const parts = table?.indexes.find((i) => i.name === 'ix_hx_tenant_nick')?.columns;
    assert.equal(parts?.[0], 'tenant_id');
    assert.equal(typeof parts?.[1], 'object');
    assert.equal(table?.indexes.find((i) => i.name === 'ix_hx_email_lower')?.unique, true);
  });

  it('check clean against a model that declares them, and migrate writes nothing', async () => {
    await project.assertClean('for hand-made expression indexes');
    const result = await revision(await project.config(), { message: 'nothing', autogenerate: true });
    assert.equal(result.path, null, `autogenerate wrote a revision: ${result.changes.join('; ')}`);
  });

  it('a changed expression is detected as a drop and create of that index only', async () => {
    project.writeSchema(schemaModule(MODEL.replace('upper(nick)', 'lower(nick)')));
    const result = await project.migrate('change');
    assert.deepEqual(result.changes, [
      'drop index ix_hx_tenant_nick on hx_member',
      'create index ix_hx_tenant_nick on hx_member',
    ]);
    await project.upgrade();
    await project.assertClean('after the changed expression');
  });
});

describe('expression indexes where the dialect has none', { skip: caps.expressionIndexes && 'it has them' }, () => {
  let project: KilnProject;
  before(async () => {
    project = await KilnProject.create();
    project.writeSchema(schemaModule(MODEL));
  });
  after(() => project.remove());

  it('MariaDB refuses the model by the index name; MySQL 8.0.13+ creates it', async () => {
    const [row] = await project.query<{ v: string }>('SELECT VERSION() AS v');
    if (!/mariadb/i.test(String(row?.v))) {
      await project.migrate('create');
      await project.upgrade();
      await project.assertClean('after creating expression indexes');
      return;
    }
    await assert.rejects(
      revision(await project.config(), { message: 'create', autogenerate: true }),
      (error: unknown) =>
        error instanceof Error &&
        (error as { code?: string }).code === 'operation.unsupported' &&
        /index 'ix_hx_\w+' on 'hx_member' indexes an expression, which MariaDB does not support/.test(error.message),
    );
  });
});
