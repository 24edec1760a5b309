import { roundTrip } from '../support/round-trip-suite.js';

/**
 * MySQL/MariaDB: raw types written in any of the spellings the server takes
 * are compared in the spelling information_schema's COLUMN_TYPE prints
 * (`int(11)` and `int`, `tinyint(1)`, `unsigned`, fractional seconds).
 */
const rawTypes = (precision: number) => `
export const event = table('rt_event', {
  id: rawType('INT UNSIGNED').primaryKey(),
  plain: rawType('int(11)'),
  bare: rawType('int'),
  big: rawType('bigint(20) unsigned').notNull(),
  medium: rawType('MEDIUMINT'),
  flag: rawType('tinyint(1)').notNull().default(sql\`1\`),
  at: rawType('datetime(${precision})'),
  clock: rawType('time(6)'),
  money: rawType('decimal(10,2)').default('1.50'),
  ratio: rawType('double precision'),
  body: rawType('LONGTEXT'),
  code: rawType('varchar(20)'),
  year: rawType('year'),
  bits: rawType('bit(1)'),
});
`;

roundTrip('raw types compared in the COLUMN_TYPE spelling', [
  { title: 'int(11), tinyint(1), unsigned, datetime(3)', body: rawTypes(3), detects: [/create table rt_event/] },
  { title: 'datetime(3) → datetime(6)', body: rawTypes(6), detects: [/alter column rt_event\.at \(type\)/] },
]);
