import { applyOperations } from '../operations/apply.js';
import { OperationError } from '../errors.js';
import type {
  AlterColumnOp,
  AlterTableOp,
  Change,
  Operation,
  RenameTableOp,
  TableRef,
} from '../operations/operation.js';
import type { ModelComparison } from '../schema/comparison.js';
import { findTable, qualifiedName, type SchemaModel, type Table } from '../schema/model.js';
import { compareColumns, resolveColumnRenames } from './compare-columns.js';
import { compareConstraints, dropForeignKeyOp } from './compare-constraints.js';
import { compareIndexes } from './compare-indexes.js';
import type { TableComparison } from './diff.js';
import { type ChangeSet, type ForeignKeyOrder, foreignKeyOrder } from './order.js';
import type { RenameResolver } from './rename-resolver.js';

const refOf = (table: Table): TableRef => ({ schema: table.schema, table: table.name });

/**
 * A self-reference may rest on one of its table's unique indexes (PostgreSQL
 * binds an FK to any unique index over the referenced columns, e.g. after a
 * downgrade re-created the key), so in a table with unique indexes it is
 * created after them and dropped before them, like an FK closing a cycle.
 */
function withSelfReferences({ order, deferred }: ForeignKeyOrder): ForeignKeyOrder {
  const all = new Set(deferred);
  for (const table of order) {
    if (!table.indexes.some((i) => i.unique)) continue;
    for (const fk of table.foreignKeys) {
      if (fk.referencedTable === table.name && fk.referencedSchema === table.schema) all.add(fk);
    }
  }
  return { order, deferred: all };
}

/**
 * New tables in FK dependency order, each followed by its indexes. An FK that
 * points at a new table created later (a cycle) is left out of createTable
 * and created once every table exists.
 */
function createTables(tables: readonly Table[], changes: ChangeSet): void {
  const { order, deferred } = withSelfReferences(foreignKeyOrder(tables));
  for (const table of order) {
    const ref = refOf(table);
    const inline = table.foreignKeys.filter((fk) => !deferred.has(fk));
    changes.add('createTable', { kind: 'createTable', table: { ...table, indexes: [], foreignKeys: inline } });
    for (const index of table.indexes) changes.add('createTable', { kind: 'createIndex', ...ref, index });
    for (const foreignKey of table.foreignKeys.filter((fk) => deferred.has(fk))) {
      changes.add('createForeignKey', { kind: 'createForeignKey', ...ref, foreignKey });
    }
  }
}

/**
 * Dropped tables, referencing tables first: the mirror image of
 * `createTables`, so the downgrade (the reversed list) re-creates them in
 * dependency order, indexes after their table, cycle FKs last.
 */
function dropTables(tables: readonly Table[], changes: ChangeSet): void {
  const { order, deferred } = withSelfReferences(foreignKeyOrder(tables));
  for (const table of order) {
    for (const fk of table.foreignKeys.filter((f) => deferred.has(f)))
      changes.add('dropForeignKey', dropForeignKeyOp(refOf(table), fk));
  }
  for (const table of [...order].reverse()) {
    const ref = refOf(table);
    const indexDrops: Operation[] = table.indexes.map((index) => ({
      kind: 'dropIndex',
      ...ref,
      name: index.name,
      existing: index,
    }));
    const existing: Table = { ...table, indexes: [], foreignKeys: table.foreignKeys.filter((fk) => !deferred.has(fk)) };
    changes.add('dropTable', ...indexDrops.reverse(), { kind: 'dropTable', ...ref, existing });
  }
}

/**
 * The alterTable for a changed comment, collation or charset, or null. The
 * database's side of a collation or charset is what it has in effect (its
 * default where it reports none), so the downgrade names it too.
 */
function tableChanges(
  ref: TableRef,
  live: Table,
  target: Table,
  defaults: SchemaModel['databaseDefaults'],
): AlterTableOp | null {
  const effective = (value: string | undefined, fallback: string | undefined) => value ?? fallback ?? null;
  const entries: [string, Change<string | null>][] = [
    ['comment', { from: live.comment, to: target.comment }],
    [
      'collation',
      { from: effective(live.collation, defaults?.collation), to: effective(target.collation, defaults?.collation) },
    ],
    ['charset', { from: effective(live.charset, defaults?.charset), to: effective(target.charset, defaults?.charset) }],
  ];
  const changed = entries.filter(([, change]) => change.from !== change.to);
  if (changed.length === 0) return null;
  return { kind: 'alterTable', ...ref, ...Object.fromEntries(changed) };
}

/**
 * Asks the resolver, schema by schema, which dropped+added tables are
 * renames, and returns one renameTable each.
 *
 * @throws OperationError when the resolver names a table that is not a candidate, or one twice.
 */
function resolveTableRenames(from: SchemaModel, to: SchemaModel, resolver: RenameResolver): RenameTableOp[] {
  if (resolver.resolveTables === undefined) return [];
  const toNames = new Set(to.tables.map(qualifiedName));
  const fromNames = new Set(from.tables.map(qualifiedName));
  const removed = from.tables.filter((t) => !toNames.has(qualifiedName(t)));
  const added = to.tables.filter((t) => !fromNames.has(qualifiedName(t)));
  const schemas = [...new Set(removed.map((t) => t.schema))];
  return schemas.flatMap((schema) => {
    const candidates = {
      schema,
      removed: removed.filter((t) => t.schema === schema),
      added: added.filter((t) => t.schema === schema),
    };
    if (candidates.added.length === 0) return [];
    const used = new Set<string>();
    return (resolver.resolveTables?.(candidates) ?? []).map((rename): RenameTableOp => {
      const known =
        candidates.removed.some((t) => t.name === rename.from) && candidates.added.some((t) => t.name === rename.to);
      if (!known || used.has(`-${rename.from}`) || used.has(`+${rename.to}`)) {
        throw new OperationError(
          'autogenerate.rename',
          `rename resolver: table ${rename.from} → ${rename.to} is not a dropped/added table pair`,
          { hint: 'return each removed and each added table at most once', data: { schema, ...rename } },
        );
      }
      used.add(`-${rename.from}`).add(`+${rename.to}`);
      return { kind: 'renameTable', schema, table: rename.from, newName: rename.to };
    });
  });
}

/**
 * Tables by qualified name: renamed (when the resolver confirms it), created, dropped, or compared column by column
 * and constraint by constraint. Column renames the resolver confirms are
 * applied to the database model first, so indexes and constraints that
 * follow a renamed column are not reported as changed.
 *
 * A changed table comment is an alterTable.
 */
export function compareTables(
  live: SchemaModel,
  to: SchemaModel,
  changes: ChangeSet,
  resolver: RenameResolver,
  comparison: ModelComparison,
): void {
  const tableRenames = resolveTableRenames(live, to, resolver);
  changes.add('renameTable', ...tableRenames);
  const from = applyOperations(live, tableRenames);
  const toNames = new Set(to.tables.map(qualifiedName));
  const fromNames = new Set(from.tables.map(qualifiedName));
  dropTables(
    from.tables.filter((t) => !toNames.has(qualifiedName(t))),
    changes,
  );
  const kept = [...to.tables]
    .filter((t) => fromNames.has(qualifiedName(t)))
    .sort((a, b) => (qualifiedName(a) < qualifiedName(b) ? -1 : 1));
  const renames = new Map<Table, AlterColumnOp[]>();
  for (const target of kept) {
    const source = findTable(from, target.name, target.schema) as Table;
    renames.set(target, resolveColumnRenames(refOf(target), source, target, resolver, comparison));
  }
  const renamed = applyOperations(from, [...renames.values()].flat());
  for (const target of kept) {
    const table: TableComparison = {
      ref: refOf(target),
      from: findTable(from, target.name, target.schema) as Table,
      current: findTable(renamed, target.name, target.schema) as Table,
      to: target,
      comparison,
    };
    const tableOp = tableChanges(table.ref, table.from, target, from.databaseDefaults);
    if (tableOp !== null) changes.add('alterTable', tableOp);
    compareColumns(table, renames.get(target) ?? [], changes);
    compareConstraints(table, changes);
    compareIndexes(table, changes);
  }
  createTables(
    to.tables.filter((t) => !fromNames.has(qualifiedName(t))),
    changes,
  );
}
