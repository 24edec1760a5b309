import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { upgrade } from 'kiln';
import { KilnProject } from '../support/project.js';
import { schemaModule } from '../support/round-trip-schemas.js';
import { roundTrip } from '../support/round-trip-suite.js';

/**
 * Issue 9's false differences that every dialect shares: numbers in
 * defaults kept exact (model, normalise, render, compare), and a unique
 * constraint that repeats the primary key (`@id @unique`) checking clean.
 */

const BIG = '9007199254740993';
const DECIMAL = '12345678901234567890.1234567891';

const exactDefaults = (big: string) => `
export const ledger = table('rt_ledger', {
  id: integer().primaryKey(),
  big: bigint().notNull().default(sql\`${big}\`),
  bigText: bigint('big_text').default('${big}'),
  amount: numeric(38, 10).notNull().default(sql\`${DECIMAL}\`),
  small: numeric(10, 2).default('1.50'),
});
`;

roundTrip('numeric defaults keep every digit', [
  {
    title: 'a bigint past 2^53 and a 30-digit decimal',
    body: exactDefaults(BIG),
    detects: [/create table rt_ledger/],
    after: async (project, result) => {
      const source = readFileSync(resolve(project.dir, result.path as string), 'utf8');
      // Written as the model declares them (sql`…` or a string): every digit, never a rounded JS number.
      assert.ok(source.includes(BIG), `the revision lost digits of ${BIG}:\n${source}`);
      assert.ok(source.includes(DECIMAL), `the revision lost digits of ${DECIMAL}:\n${source}`);
      assert.ok(!source.includes('9007199254740992'), `the revision holds a rounded number:\n${source}`);
      await project.execute(`INSERT INTO ${project.quote('rt_ledger')} (${project.quote('id')}) VALUES (1)`);
      // Compared in SQL: a driver may hand integers past 2^53 back rounded.
      const [row] = await project.query<{ n: unknown }>(
        `SELECT COUNT(*) AS n FROM ${project.quote('rt_ledger')} WHERE ${project.quote('big')} = ${BIG} AND ${project.quote('amount')} = ${DECIMAL}`,
      );
      assert.equal(Number(row?.n), 1, 'the inserted row did not get the exact defaults');
    },
  },
  {
    // Both sides used to lose the same digits, so this change was invisible.
    title: 'a default one above 2^53 changed by one',
    body: exactDefaults('9007199254740995'),
    detects: [/alter column rt_ledger\.big \(default\)/, /alter column rt_ledger\.big_text \(default\)/],
  },
]);

roundTrip('a unique constraint repeating the primary key checks clean (@id @unique)', [
  {
    title: 'column-level and composite',
    body: `
export const account = table('rt_account', {
  id: varchar(36).primaryKey().unique(),
  email: varchar(100).notNull().unique(),
});
export const member = table('rt_member', {
  org: integer().notNull(),
  person: integer().notNull(),
}, (t) => [primaryKey({ columns: [t.org, t.person] }), unique('uq_member_pair').on(t.org, t.person)]);
`,
    detects: [/create table rt_account/, /create table rt_member/],
    after: async (project) => {
      const script = await upgrade(await project.config(), 'base:head', { sql: true });
      assert.match(script.sql ?? '', /rt_account/);
    },
  },
  {
    title: 'a later column keeps the duplicate out of every revision',
    body: `
export const account = table('rt_account', {
  id: varchar(36).primaryKey().unique(),
  email: varchar(100).notNull().unique(),
  name: varchar(50),
});
export const member = table('rt_member', {
  org: integer().notNull(),
  person: integer().notNull(),
}, (t) => [primaryKey({ columns: [t.org, t.person] }), unique('uq_member_pair').on(t.org, t.person)]);
`,
    detects: [/add column rt_account\.name/],
    after: async (project, result) => {
      assert.deepEqual(result.changes.length, 1, result.changes.join('\n'));
      const script = await upgrade(await project.config(), 'base:head', { sql: true });
      assert.match(script.sql ?? '', /name/);
    },
  },
]);

const checked = (v2: boolean) => `
export const span = table('rt_span', {
  id: integer().primaryKey(),
  amount: numeric(10, 2).notNull(),
  low: integer(),
  high: integer(),
  code: varchar(3),
}, () => [
  check('ck_span_amount', sql\`amount ${v2 ? '>=' : '>'} 0\`),
  check('ck_span_code', sql\`code IN ('a', 'b'${v2 ? ", 'c'" : ''})\`),
  check('ck_span_range', sql\`low BETWEEN 0 AND high * 2\`),
  check('ck_span_length', sql\`(length(code) = 1) OR (code IS NULL)\`),
]);
`;

roundTrip('check constraints compared by expression', [
  { title: 'four checks', body: checked(false), detects: [/create table rt_span/] },
  {
    title: 'two expressions changed, names kept',
    body: checked(true),
    detects: [
      /drop constraint ck_span_amount/,
      /add check constraint ck_span_amount/,
      /drop constraint ck_span_code/,
      /add check constraint ck_span_code/,
    ],
    after: async (_project, result) => {
      assert.equal(result.changes.length, 4, `only the two changed checks: ${result.changes.join('; ')}`);
    },
  },
]);

const revisionFile = (
  id: string,
  down: string | null,
  upgradeBody: string,
  downgradeBody: string,
) => `import type { Operations } from 'kiln';
import { integer, varchar } from 'kiln';
export const revision = '${id}';
export const downRevision = ${down === null ? 'null' : `'${down}'`};
export const branchLabels: string[] = [];
export const dependsOn: string[] = [];
export const message = '${id}';
export async function upgrade(op: Operations) {
  ${upgradeBody}
}
export async function downgrade(op: Operations) {
  ${downgradeBody}
}
`;

describe('a fix-up revision for a unique constraint repeating the primary key (written by an older kiln)', () => {
  let project: KilnProject;
  before(async () => {
    project = await KilnProject.create();
    const versions = join(project.dir, 'migrations', 'versions');
    writeFileSync(
      join(versions, 'a.ts'),
      revisionFile(
        'a1a1a1a1a1a1',
        null,
        "await op.createTable('rt_account', { id: varchar(36).primaryKey().unique(), n: integer() });",
        "await op.dropTable('rt_account');",
      ),
    );
    writeFileSync(
      join(versions, 'b.ts'),
      revisionFile(
        'b2b2b2b2b2b2',
        'a1a1a1a1a1a1',
        "await op.createUniqueConstraint('uq_rt_account_id', 'rt_account', ['id']);",
        "await op.dropConstraint('uq_rt_account_id', 'rt_account', { type: 'unique' });",
      ),
    );
    project.writeSchema(
      schemaModule(
        "export const account = table('rt_account', { id: varchar(36).primaryKey().unique(), n: integer() });",
      ),
    );
  });
  after(() => project.remove());

  it('upgrade --sql prints both revisions; online they apply and check is clean', async () => {
    const script = await upgrade(await project.config(), 'base:head', { sql: true });
    assert.match(script.sql ?? '', /a1a1a1a1a1a1 -> b2b2b2b2b2b2/);
    await project.upgrade();
    await project.assertClean('after the fix-up revision');
  });
});
