import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { upgrade } from 'kiln';
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
      assert.ok(source.includes(`'${BIG}'`), `the revision lost digits of ${BIG}:\n${source}`);
      assert.ok(source.includes(`'${DECIMAL}'`), `the revision lost digits of ${DECIMAL}:\n${source}`);
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
