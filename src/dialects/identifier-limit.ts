import { SchemaError } from '../errors.js';
import { dispatchOperation, type Operation, type OperationHandlers } from '../operations/operation.js';
import type { SchemaModel, Table } from '../schema/model.js';
import { utf8Length } from '../schema/naming.js';

/**
 * How long a name may be on one database, in the unit that database counts.
 * A name over the limit is refused before it reaches the server, which would
 * otherwise cut it silently (PostgreSQL, to 63 bytes: two names that differ
 * only after the cut become one) or refuse it mid-revision (MySQL).
 */
export interface IdentifierLimit {
  /** The database, as messages name it: `PostgreSQL`, `MySQL/MariaDB`. */
  readonly database: string;
  readonly max: number;
  /** PostgreSQL counts UTF-8 bytes (NAMEDATALEN − 1); MySQL and MariaDB count characters. */
  readonly unit: 'bytes' | 'characters';
}

/** One name an operation or a model gives, with the table it belongs to (for the message). */
export interface NamedIdentifier {
  /** The table the name belongs to, or null for a table-less object (an enum type). */
  readonly table: string | null;
  /** `table`, `column`, `index`, `constraint`, `enum type`. */
  readonly what: string;
  readonly name: string;
}

/** The length of `name` in the unit `limit` counts (characters are code points). */
export function identifierLength(name: string, unit: IdentifierLimit['unit']): number {
  return unit === 'bytes' ? utf8Length(name) : [...name].length;
}

/**
 * Throws a SchemaError for the first name longer than `limit` allows, naming
 * the table, the name and its length in the database's unit. No limit
 * (SQLite): nothing to check.
 *
 * @example checkIdentifierLengths(POSTGRES_LIMIT, [{ table: 't', what: 'constraint', name: 'uq_…' }])
 */
export function checkIdentifierLengths(limit: IdentifierLimit | null, names: Iterable<NamedIdentifier>): void {
  if (limit === null) return;
  for (const { table, what, name } of names) {
    const length = identifierLength(name, limit.unit);
    if (length <= limit.max) continue;
    const owner = table === null || (what === 'table' && table === name) ? '' : `table "${table}": `;
    throw new SchemaError(
      'schema.identifier-too-long',
      `${owner}${what} name "${name}" is ${length} ${limit.unit} long; ${limit.database} allows at most ${limit.max} ${limit.unit}`,
      {
        hint: `give it a shorter name: ${limit.database} would cut or refuse it`,
        data: { table, what, name, length, max: limit.max, unit: limit.unit },
      },
    );
  }
}

/** Every name a table defines: its schema's, its own, its columns', its keys', constraints' and indexes'. */
export function tableIdentifiers(table: Table): NamedIdentifier[] {
  const owner = table.name;
  const constraint = (name: string): NamedIdentifier => ({ table: owner, what: 'constraint', name });
  return [
    ...(table.schema === null ? [] : [{ table: owner, what: 'schema', name: table.schema }]),
    { table: owner, what: 'table', name: owner },
    ...table.columns.map((c) => ({ table: owner, what: 'column', name: c.name })),
    ...(table.primaryKey === null ? [] : [constraint(table.primaryKey.name)]),
    ...table.uniques.map((u) => constraint(u.name)),
    ...table.foreignKeys.map((fk) => constraint(fk.name)),
    ...table.checks.map((c) => constraint(c.name)),
    ...table.indexes.map((i) => ({ table: owner, what: 'index', name: i.name })),
  ];
}

/** Every name a model defines (tables and enum types). */
export function modelIdentifiers(model: SchemaModel): NamedIdentifier[] {
  return [
    ...model.tables.flatMap(tableIdentifiers),
    ...model.enums.map((e) => ({ table: null, what: 'enum type', name: e.name })),
  ];
}

const none = (): NamedIdentifier[] => [];

/** The names an operation brings into the database; names it only refers to were checked when made. */
const NEW_NAMES: OperationHandlers<NamedIdentifier[]> = {
  createTable: (op) => tableIdentifiers(op.table),
  dropTable: none,
  renameTable: (op) => [{ table: op.newName, what: 'table', name: op.newName }],
  alterTable: none,
  addColumn: (op) => [{ table: op.table, what: 'column', name: op.column.name }],
  dropColumn: none,
  alterColumn: (op) => (op.name === undefined ? [] : [{ table: op.table, what: 'column', name: op.name.to }]),
  createIndex: (op) => [{ table: op.table, what: 'index', name: op.index.name }],
  dropIndex: none,
  createUniqueConstraint: (op) => [{ table: op.table, what: 'constraint', name: op.constraint.name }],
  createForeignKey: (op) => [{ table: op.table, what: 'constraint', name: op.foreignKey.name }],
  createCheckConstraint: (op) => [{ table: op.table, what: 'constraint', name: op.check.name }],
  createPrimaryKey: (op) => [{ table: op.table, what: 'constraint', name: op.primaryKey.name }],
  dropConstraint: none,
  createEnum: (op) => [{ table: null, what: 'enum type', name: op.enum.name }],
  alterEnum: none,
  dropEnum: none,
  createSchema: (op) => [{ table: null, what: 'schema', name: op.name }],
  dropSchema: none,
  execute: none,
  bulkInsert: none,
};

/** The names `op` creates (a new table, column, index, constraint, enum, or a rename's new name). */
export function operationIdentifiers(op: Operation): NamedIdentifier[] {
  return dispatchOperation(op, NEW_NAMES);
}
