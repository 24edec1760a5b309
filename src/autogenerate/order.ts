import type { Operation } from '../operations/operation.js';
import { type ForeignKey, qualifiedName, type Table } from '../schema/model.js';

/**
 * The order autogenerate emits operations in. Each stage only needs what the
 * stages before it made, and because the downgrade is the same list
 * reversed, each stage only needs to be undone after the stages after it:
 *
 * 0. createSchema               — PostgreSQL schemas the models name, before anything in them
 * 1. createEnum (and alterEnum) — types before the columns that use them
 * 1b. renameTable               — confirmed renames first: every later stage names the
 *                                 table by its new name, and the downgrade renames it back last
 * 2. dropForeignKey             — FKs go first: they depend on keys, columns, tables
 * 3. dropTable                  — referencing tables first; their indexes just before them
 * 4. autoIncrementOff           — before its primary key is dropped (MySQL requires an
 *                                 AUTO_INCREMENT column to be a key; SQLite's AUTOINCREMENT
 *                                 lives on the key)
 * 5. dropConstraint             — indexes, checks, uniques, primary keys of kept tables
 * 5b. alterTable                — comment, default charset/collation: before addColumn, so
 *                                 new columns get the new default (MySQL)
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
  'renameTable',
  'dropForeignKey',
  'dropTable',
  'autoIncrementOff',
  'dropConstraint',
  'alterTable',
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

const byQualifiedName = (a: Table, b: Table) => (qualifiedName(a) < qualifiedName(b) ? -1 : 1);

/** The other tables of the set each table's foreign keys point at (self-references left out). */
function dependencies(tables: readonly Table[]): Map<Table, Set<Table>> {
  const graph = new Map<Table, Set<Table>>();
  for (const table of tables) {
    const targets = new Set<Table>();
    for (const fk of table.foreignKeys) {
      const target = tables.find((other) => other !== table && sameTable(fk, other));
      if (target !== undefined) targets.add(target);
    }
    graph.set(table, targets);
  }
  return graph;
}

/**
 * The strongly connected components of the dependency graph (Tarjan): a
 * component of one table is outside any cycle; a larger one is a cycle (or
 * several sharing tables).
 */
function components(tables: readonly Table[], graph: ReadonlyMap<Table, ReadonlySet<Table>>): Table[][] {
  const index = new Map<Table, number>();
  const low = new Map<Table, number>();
  const stack: Table[] = [];
  const onStack = new Set<Table>();
  const found: Table[][] = [];
  const visit = (table: Table): void => {
    index.set(table, index.size);
    low.set(table, index.get(table) as number);
    stack.push(table);
    onStack.add(table);
    for (const target of [...(graph.get(table) ?? [])].sort(byQualifiedName)) {
      if (!index.has(target)) {
        visit(target);
        low.set(table, Math.min(low.get(table) as number, low.get(target) as number));
      } else if (onStack.has(target)) {
        low.set(table, Math.min(low.get(table) as number, index.get(target) as number));
      }
    }
    if (low.get(table) !== index.get(table)) return;
    const component: Table[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      component.push(member);
      if (member === table) break;
    }
    found.push(component.sort(byQualifiedName));
  };
  for (const table of tables) if (!index.has(table)) visit(table);
  return found;
}

/**
 * Orders `tables` so that referenced tables come first (Kahn's algorithm,
 * ties by qualified name, so the output is deterministic). FKs to tables
 * outside the set, and self-references, impose no order. When only cycles
 * are left, the next table is one of a cycle that depends on nothing outside
 * it, with the fewest targets still to come: only the FKs that close a cycle
 * point forward and are deferred (one for a cycle of two tables), and tables
 * that merely depend on a cycle keep their FKs inline.
 */
export function foreignKeyOrder(tables: readonly Table[]): ForeignKeyOrder {
  const remaining = [...tables].sort(byQualifiedName);
  const graph = dependencies(remaining);
  const componentOf = new Map<Table, number>();
  components(remaining, graph).forEach((members, i) => {
    for (const member of members) componentOf.set(member, i);
  });
  const pending = (table: Table) => [...(graph.get(table) ?? [])].filter((t) => remaining.includes(t));
  const order: Table[] = [];
  while (remaining.length > 0) {
    const ready =
      remaining.find((t) => pending(t).length === 0) ??
      remaining
        .filter((t) => pending(t).every((target) => componentOf.get(target) === componentOf.get(t)))
        .reduce<Table | undefined>(
          (best, t) => (best === undefined || pending(t).length < pending(best).length ? t : best),
          undefined,
        );
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
