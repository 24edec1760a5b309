/**
 * Which names a database keeps in one namespace wider than a table. Within
 * one table every constraint and index name must differ on every database
 * (build-table.ts checks that); across tables it depends on the database:
 *
 * - PostgreSQL: tables, indexes and the indexes behind primary keys and
 *   unique constraints share one namespace per schema (`pg_class`); foreign
 *   keys and checks are named per table.
 * - SQLite: tables and indexes share one namespace per database
 *   (`sqlite_master`); constraint names are per table.
 * - MySQL/MariaDB: indexes (keys, uniques) are named per table, so one name
 *   may serve many tables; foreign-key names are per database (InnoDB).
 */
import { schemaError } from './build-column.js';
import { qualifiedName, type SchemaModel, type Table } from './model.js';

/** A kind of named object, as a namespace groups them. */
export type NamedKind = 'table' | 'index' | 'primaryKey' | 'unique' | 'foreignKey' | 'check';

/**
 * Groups of kinds whose names must be distinct across a whole schema (the
 * database, where there are no schemas): each group is one namespace. Kinds
 * in no group need only be distinct within their table.
 *
 * @example [['table', 'index', 'primaryKey', 'unique']] // PostgreSQL
 */
export type SharedNamespaces = readonly (readonly NamedKind[])[];

/** No namespace wider than a table: what `buildSchemaModel` checks when no dialect is given. */
export const TABLE_SCOPED_NAMES: SharedNamespaces = Object.freeze([]);

const KIND_WORDS: Readonly<Record<NamedKind, string>> = {
  table: 'table',
  index: 'index',
  primaryKey: 'primary key',
  unique: 'unique constraint',
  foreignKey: 'foreign key',
  check: 'check constraint',
};

/** The names a table puts into a namespace made of `kinds`, each with its kind. */
function namesOf(table: Table, kinds: ReadonlySet<NamedKind>): [string, NamedKind][] {
  const names: [string, NamedKind][] = [];
  const add = (kind: NamedKind, list: readonly { readonly name: string }[]) => {
    if (kinds.has(kind)) for (const item of list) names.push([item.name, kind]);
  };
  add('table', [table]);
  add('primaryKey', table.primaryKey === null ? [] : [table.primaryKey]);
  add('unique', table.uniques);
  add('index', table.indexes);
  add('foreignKey', table.foreignKeys);
  add('check', table.checks);
  return names;
}

/**
 * Refuses two tables giving one name to objects of a shared namespace (a
 * schema error naming both tables and the name), before any revision is
 * written or the server refuses halfway through one. Names within one table
 * are checked by the table builder.
 *
 * @example checkSharedNames(model, [['table', 'index']]) // SQLite: index names are database-wide
 */
export function checkSharedNames(model: SchemaModel, namespaces: SharedNamespaces): void {
  for (const group of namespaces) {
    const kinds = new Set(group);
    const owners = new Map<string, { table: Table; kind: NamedKind }>();
    for (const table of model.tables) {
      for (const [name, kind] of namesOf(table, kinds)) {
        const key = `${table.schema ?? ''}\u0000${name}`;
        const owner = owners.get(key);
        // Two names of one table are the table builder's to judge, except a table sharing its own name.
        if (owner !== undefined && (owner.table !== table || owner.kind === 'table' || kind === 'table')) {
          const [first, second] = [qualifiedName(owner.table), qualifiedName(table)];
          const who = first === second ? `Table "${first}" uses` : `Tables "${first}" and "${second}" both use`;
          schemaError(
            'schema.duplicate-name',
            `${who} the name "${name}" (${KIND_WORDS[owner.kind]} and ${KIND_WORDS[kind]})`,
            `This database keeps ${group.map((k) => KIND_WORDS[k]).join(', ')} names in one namespace per schema; rename one.`,
            { name, tables: [first, second] },
          );
        }
        owners.set(key, { table, kind });
      }
    }
  }
}
