import type { Operation } from '../operations/operation.js';
import { type ForeignKey, qualifiedName, type Table } from '../schema/model.js';

/**
 * The order autogenerate emits operations in. Each stage only needs what the
 * stages before it made, and because the downgrade is the same list
 * reversed, each stage only needs to be undone after the stages after it:
 *
 * 0. createSchema               — PostgreSQL schemas the models name, before anything in them
 * 1. createEnum (and alterEnum) — types before the columns that use them
 * 2. dropForeignKey             — FKs go first: they depend on keys, columns, tables
 * 3. dropTable                  — referencing tables first; their indexes just before them
 * 4. autoIncrementOff           — before its primary key is dropped (MySQL requires an
 *                                 AUTO_INCREMENT column to be a key; SQLite's AUTOINCREMENT
 *                                 lives on the key)
 * 5. dropConstraint             — indexes, checks, uniques, primary keys of kept tables
 * 6. addColumn
 * 7. alterColumn                — renames included
 * 8. dropColumn                 — after the indexes/constraints on them are gone (5)
 * 9. createConstraint           — primary keys, uniques, checks, indexes of kept tables
 * 10. autoIncrementOn           — once its primary key exists (the mirror of 4)
 * 11. createTable               — in FK dependency order, after the columns and unique
 *                                 keys their FKs point at (6, 9); indexes right after
 * 12. createForeignKey          — FKs of kept tables (may point at new tables) and FKs
 *                                 that close a cycle between new tables
 * 13. dropEnum                  — after every column using the type is gone
 * 14. dropSchema                — last, once nothing kiln made is left in it
 */
export const STAGES = [
  'createSchema',
  'createEnum',
  'dropForeignKey',
  'dropTable',
  'autoIncrementOff',
  'dropConstraint',
  'addColumn',
  'alterColumn',
  'dropColumn',
  'createConstraint',
  'autoIncrementOn',
  'createTable',
  'createForeignKey',
  'dropEnum',
  'dropSchema',
] as const;

export type Stage = (typeof STAGES)[number];

/** Operations collected per stage by the comparators, flattened in stage order. */
export class ChangeSet {
  private readonly stages = new Map<Stage, Operation[]>(STAGES.map((stage) => [stage, []]));

  /** Appends operations to a stage (comparators visit tables in name order, so the result is stable). */
  add(stage: Stage, ...ops: Operation[]): void {
    this.stages.get(stage)?.push(...ops);
  }

  /** Every operation, stage by stage. */
  toOperations(): Operation[] {
    return STAGES.flatMap((stage) => this.stages.get(stage) ?? []);
  }
}

/** Tables sorted so that referenced tables come first, and the FKs that cannot be created inline. */
export interface ForeignKeyOrder {
  readonly order: readonly Table[];
  /** FKs pointing at a table of the set that comes later (a cycle): created/dropped separately. */
  readonly deferred: ReadonlySet<ForeignKey>;
}

function sameTable(fk: ForeignKey, table: Table): boolean {
  return fk.referencedTable === table.name && fk.referencedSchema === table.schema;
}

/**
 * Orders `tables` by their foreign keys among themselves (Kahn's algorithm,
 * ties and cycles broken by qualified name, so the output is deterministic).
 * FKs to tables outside the set, and self-references, impose no order.
 */
export function foreignKeyOrder(tables: readonly Table[]): ForeignKeyOrder {
  const remaining = [...tables].sort((a, b) => (qualifiedName(a) < qualifiedName(b) ? -1 : 1));
  const order: Table[] = [];
  const dependsOnRemaining = (table: Table) =>
    table.foreignKeys.some(
      (fk) => !sameTable(fk, table) && remaining.some((other) => other !== table && sameTable(fk, other)),
    );
  while (remaining.length > 0) {
    const ready = remaining.find((t) => !dependsOnRemaining(t)) ?? remaining[0];
    if (ready === undefined) break;
    order.push(ready);
    remaining.splice(remaining.indexOf(ready), 1);
  }
  const deferred = new Set<ForeignKey>();
  order.forEach((table, position) => {
    for (const fk of table.foreignKeys) {
      const target = order.findIndex((other) => sameTable(fk, other));
      if (target > position) deferred.add(fk);
    }
  });
  return { order, deferred };
}
