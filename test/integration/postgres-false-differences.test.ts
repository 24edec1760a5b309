import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { roundTrip } from '../support/round-trip-suite.js';

/**
 * PostgreSQL's false differences from issue 9: `sql` defaults keep their
 * casts in the revision (the normalised form is for comparing only), and
 * raw types are compared in the server's own spelling (`format_type`).
 */

const revisionText = (dir: string, path: string | null) => readFileSync(resolve(dir, path as string), 'utf8');

roundTrip('sql defaults keep their casts in the revision', [
  {
    title: 'empty and enum arrays with casts',
    body: `
export const role = enumType('Role', ['USER', 'ADMIN']);
export const member = table('rt_member', {
  id: integer().primaryKey(),
  main: role().notNull().default('USER'),
  tags: rawType('text[]').notNull().default(sql\`ARRAY[]::text[]\`),
  roles: rawType('"Role"[]').notNull().default(sql\`ARRAY['USER']::"Role"[]\`),
  scores: rawType('integer[]').default(sql\`'{}'::integer[]\`),
  label: text().default(sql\`('a'::text || 'b'::text)\`),
});
`,
    detects: [/create table rt_member/],
    after: async (project, result) => {
      const source = revisionText(project.dir, result.path);
      assert.ok(source.includes('ARRAY[]::text[]'), `the cast of the empty array is lost:\n${source}`);
      assert.ok(source.includes(`ARRAY['USER']::"Role"[]`), `the cast of the enum array is lost:\n${source}`);
      await project.execute('INSERT INTO rt_member (id) VALUES (1)');
      const [row] = await project.query<{ tags: unknown; roles: unknown }>('SELECT tags, roles FROM rt_member');
      assert.deepEqual([row?.tags, row?.roles], [[], '{USER}']);
    },
  },
  {
    title: 'a changed array default',
    body: `
export const role = enumType('Role', ['USER', 'ADMIN']);
export const member = table('rt_member', {
  id: integer().primaryKey(),
  main: role().notNull().default('USER'),
  tags: rawType('text[]').notNull().default(sql\`ARRAY['new']::text[]\`),
  roles: rawType('"Role"[]').notNull().default(sql\`ARRAY['USER', 'ADMIN']::"Role"[]\`),
  scores: rawType('integer[]').default(sql\`'{}'::integer[]\`),
  label: text().default(sql\`('a'::text || 'b'::text)\`),
});
`,
    detects: [/alter column rt_member\.tags \(default\)/, /alter column rt_member\.roles \(default\)/],
  },
]);

const rawTypes = (precision: number) => `
export const event = table('rt_event', {
  id: integer().primaryKey(),
  at: rawType('timestamp(${precision})').notNull(),
  atZone: rawType('at_zone', 'timestamptz(3)'),
  clock: rawType('time(6)'),
  names: rawType('varchar(20)[]'),
  bits: rawType('bit varying(8)'),
  ratio: rawType('float(24)'),
  span: rawType('int4range'),
});
`;

roundTrip('raw types compared in the server spelling (format_type)', [
  { title: 'timestamp(3) and friends', body: rawTypes(3), detects: [/create table rt_event/] },
  { title: 'timestamp(3) → timestamp(6)', body: rawTypes(6), detects: [/alter column rt_event\.at \(type\)/] },
]);
