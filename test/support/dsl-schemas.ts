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

/**
 * Order lines with generated totals; `changed` adds a discount the total
 * subtracts; `virtual` adds a virtual generated column (MySQL, SQLite).
 */
export function generatedLines(v: { changed: boolean; virtual: boolean }): string {
  const total = v.changed ? 'price * qty - discount' : 'price * qty';
  return `
export const lines = table('rt_line', {
  id: integer().primaryKey(),
  price: integer().notNull(),
  qty: integer().notNull(),${v.virtual ? `\n  doubled: integer().generatedAs(sql\`qty * 2\`),` : ''}
  // Last: a changed generated column is dropped and added again, at the end of the table.
  total: bigint().generatedAs(sql\`${total}\`, { stored: true }),${v.changed ? '\n  discount: integer().notNull().default(0),' : ''}
});
`;
}
