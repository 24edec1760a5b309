import { readFileSync, readdirSync } from 'node:fs';
import { KilnProject } from './project.js';
import { revision } from 'kiln';
const p = await KilnProject.create();
try {
  p.writeSchema(`import { integer, table, smallint, unique, double } from 'kiln';
export const pt_b = table('pt_b', { id: integer().primaryKey({ autoIncrement: true }), c2: smallint().notNull().default(0), c3: double() }, (t) => [unique().on(t.id, t.c2)]);
`);
  await p.migrate('a'); await p.upgrade();
  const before = await p.schema();
  p.writeSchema(`import { integer, table, smallint } from 'kiln';
export const pt_b = table('pt_b', { id: integer().notNull(), c2: smallint().notNull().default(0) });
`);
  const r = await revision(await p.config(), { message: 'b', autogenerate: true });
  console.log(readFileSync(p.dir + '/' + r.path!.replace(/^.*migrations/, 'migrations'), 'utf8').split('export async function upgrade')[1]);
  await p.upgrade();
  console.log(await p.differences());
  await p.downgrade('-1');
  console.log(JSON.stringify((await p.schema()).tables[0]?.columns[0]), JSON.stringify(before.tables[0]?.columns[0]));
  console.log(JSON.stringify(await p.query("select sql from sqlite_master")));
} finally { await p.remove(); }
