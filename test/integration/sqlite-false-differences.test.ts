import { roundTrip } from '../support/round-trip-suite.js';

/**
 * SQLite keeps a declared type as written and kiln reads it back so: raw
 * types in any spelling SQLite takes check clean (its canonical spelling is
 * the declaration itself), and a changed one is a difference.
 */
const rawTypes = (precision: number) => `
export const event = table('rt_event', {
  id: rawType('INT').primaryKey(),
  at: rawType('timestamp(${precision})').notNull(),
  code: rawType('varchar(20)'),
  big: rawType('UNSIGNED BIG INT'),
  money: rawType('NUMERIC(10, 2)').default('1.50'),
  ratio: rawType('double precision'),
  stamp: rawType('DATETIME').default(sql\`CURRENT_TIMESTAMP\`),
});
`;

roundTrip('raw types compared as declared', [
  { title: 'INT, timestamp(3), UNSIGNED BIG INT', body: rawTypes(3), detects: [/create table rt_event/] },
  { title: 'timestamp(3) → timestamp(6)', body: rawTypes(6), detects: [/alter column rt_event\.at \(type\)/] },
]);
