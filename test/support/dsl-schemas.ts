/**
 * Schema-module bodies for the DSL feature tests (issue 9) that run on some
 * dialects only (each test file picks its own); see round-trip-dsl.test.ts
 * for the ones every dialect runs.
 */

/** Unsigned keys and counters; `widened` makes `views` unsigned and `level` a smallint. */
export function unsignedCounters(widened: boolean): string {
  return `
export const counters = table('rt_counter', {
  id: bigint().unsigned().primaryKey({ autoIncrement: true }),
  level: ${widened ? 'smallint' : 'tinyint'}().unsigned().notNull().default(0),
  views: mediumint()${widened ? '.unsigned()' : ''},
  hits: integer().unsigned(),
});
export const visits = table('rt_visit', {
  id: serial().unsigned().primaryKey(),
  counterId: bigint('counter_id').unsigned().notNull().references(() => counters.id),
});
`;
}
