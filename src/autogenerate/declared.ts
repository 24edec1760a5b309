/**
 * What a revision writes comes from the models as declared, not from the
 * forms the comparison used. Autogenerate compares the database with the
 * models both normalised by the dialect (MySQL reads `uuid` back as
 * `char(36)`, names every primary key `PRIMARY`, keeps no enum name); those
 * forms are for comparing only. A revision generated on one database must
 * apply and check clean on the others, so its operations are re-dressed:
 *
 * - what the upgrade creates or sets (tables, columns, indexes, constraints,
 *   enum types, new column properties) is taken from the declared models;
 * - what it finds in the database (`existing`, for the downgrade) keeps the
 *   database's spelling, except names the database cannot store: a primary
 *   key's name and an enum's identity come from the models where they have
 *   the table or the enum, else from the naming convention (a primary key)
 *   or the enum's own inline name;
 * - where enum names are not stored, enum types are compared by the columns
 *   that use them, so a revision still creates, alters and drops the types
 *   other databases need (no-ops where enums are inline).
 */
import {
  type Column,
  type ColumnType,
  type EnumType,
  findTable,
  namedEnumOf,
  qualifiedName,
  type SchemaModel,
  type Table,
} from '../schema/model.js';
import { type NamingConvention, resolveName } from '../schema/naming.js';
import type {
  AlterColumnOp,
  Change,
  CreateTableOp,
  ExistingConstraint,
  Operation,
  TableRef,
} from '../operations/operation.js';
import { compareEnums } from './compare-enums.js';
import { ChangeSet } from './order.js';

/** Which names the database stores (see `DialectCapabilities`). */
export interface StoredNames {
  /** A primary key keeps the name it was given (MySQL: always `PRIMARY`). */
  readonly primaryKeyNames: boolean;
  /** An enum column keeps its enum's name (a PostgreSQL type, SQLite's named CHECK; MySQL: none). */
  readonly enumNames: boolean;
}

/** Options of `declaredOperations`. */
export interface DeclaredOptions {
  readonly stored: StoredNames;
  /** The project's naming convention, for a primary key the models no longer have. */
  readonly naming?: Partial<NamingConvention>;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Names and identities of the database's objects as the models know them. */
class Identities {
  private readonly enumOf = new Map<string, EnumType | null>();

  constructor(
    private readonly live: SchemaModel,
    private readonly declared: SchemaModel,
    private readonly options: DeclaredOptions,
  ) {
    if (!options.stored.enumNames) this.matchEnums();
  }

  /** Enum columns of the database, matched to a declared enum by table and column, else by values (when unique). */
  private matchEnums(): void {
    const declaredEnums = enumsOfColumns(this.declared);
    for (const table of this.live.tables) {
      for (const column of table.columns) {
        if (column.type.kind !== 'enum') continue;
        const model = findTable(this.declared, table.name, table.schema)?.columns.find((c) => c.name === column.name);
        const values = column.type.values.join('\u0000');
        const byValues = declaredEnums.filter((e) => e.values.join('\u0000') === values);
        // A model column that is an inline enum keeps the database's (inline) type: no name to give it.
        const declaredType = model?.type.kind === 'enum' ? namedEnumOf(model.type) : undefined;
        const match =
          declaredType === null
            ? null
            : declaredType !== undefined
              ? { schema: declaredType.schema, name: declaredType.name, values: column.type.values }
              : byValues.length === 1
                ? (byValues[0] ?? null)
                : null;
        this.enumOf.set(columnKey(table, column.name), match);
      }
    }
  }

  /** The database's enum types as the models name them: one per matched name, from its columns. */
  liveEnums(): EnumType[] {
    const found = new Map<string, EnumType>();
    for (const match of this.enumOf.values()) {
      if (match !== null && !found.has(qualifiedName(match))) found.set(qualifiedName(match), match);
    }
    return [...found.values()];
  }

  /** A type found in the database, with its enum's declared identity where the database keeps none. */
  type(table: TableRef, column: string, type: ColumnType): ColumnType {
    if (this.options.stored.enumNames || type.kind !== 'enum') return type;
    const match = this.enumOf.get(columnKey({ schema: table.schema, name: table.table }, column)) ?? null;
    return match === null ? type : { ...type, name: match.name, schema: match.schema };
  }

  column(table: TableRef, column: Column): Column {
    const type = this.type(table, column.name, column.type);
    return type === column.type ? column : { ...column, type };
  }

  /** A primary key name found in the database, or the models' (else the convention's) where none is stored. */
  primaryKeyName(table: TableRef, name: string, columns: readonly string[]): string {
    if (this.options.stored.primaryKeyNames) return name;
    const model = findTable(this.declared, table.table, table.schema)?.primaryKey;
    if (model !== null && model !== undefined) return model.name;
    return resolveName('pk', { table: table.table, columns, referredTable: null }, this.options.naming);
  }

  /** A table found in the database (a dropTable's `existing`), with the names the models give it. */
  table(table: Table): Table {
    const ref = { schema: table.schema, table: table.name };
    const pk = table.primaryKey;
    return {
      ...table,
      columns: table.columns.map((c) => this.column(ref, c)),
      primaryKey: pk === null ? null : { ...pk, name: this.primaryKeyName(ref, pk.name, pk.columns) },
    };
  }
}

function columnKey(table: { readonly schema: string | null; readonly name: string }, column: string): string {
  return `${qualifiedName(table)}\u0000${column}`;
}

/** The enum types a model's columns use, once each (a database without enum names keeps no others). */
function enumsOfColumns(model: SchemaModel): EnumType[] {
  const found = new Map<string, EnumType>();
  for (const table of model.tables) {
    for (const column of table.columns) {
      const type = namedEnumOf(column.type);
      if (type !== null && !found.has(qualifiedName(type))) {
        found.set(qualifiedName(type), { schema: type.schema, name: type.name, values: type.values });
      }
    }
  }
  return [...found.values()].sort((a, b) => (qualifiedName(a) < qualifiedName(b) ? -1 : 1));
}

/** The declared counterpart of a changed column's new properties. */
function declaredChanges(op: AlterColumnOp, declared: Column | undefined, ids: Identities): AlterColumnOp {
  const next: Mutable<AlterColumnOp> = { ...op };
  const from = <T>(change: Change<T>, value: (c: Column) => T): Change<T> =>
    declared === undefined ? change : { from: change.from, to: value(declared) };
  if (op.type !== undefined) {
    const type = from(op.type, (c) => c.type);
    next.type = { from: type.from === undefined ? undefined : ids.type(op, op.column, type.from), to: type.to };
  }
  // Nullability and auto-increment are facts, not spellings: the comparison's values stand (an identity
  // switched off then on again is two operations whose values are not the declared column's).
  if (op.default !== undefined) next.default = from(op.default, (c) => c.default);
  if (op.comment !== undefined) next.comment = from(op.comment, (c) => c.comment);
  next.existing = op.existing === null ? null : ids.column(op, op.existing);
  return next;
}

function existingConstraint(ref: TableRef, existing: ExistingConstraint, ids: Identities): ExistingConstraint {
  if (existing.type !== 'primaryKey') return existing;
  const { constraint } = existing;
  return {
    type: 'primaryKey',
    constraint: { ...constraint, name: ids.primaryKeyName(ref, constraint.name, constraint.columns) },
  };
}

/**
 * The declared table, its indexes left to their createIndex ops and its
 * foreign keys to those the comparison kept inline; a unique index the
 * comparison saw as a unique constraint (MySQL cannot tell them apart) is
 * created as the index it was declared as, right after the table.
 */
function createTable(op: CreateTableOp, declared: SchemaModel): Operation[] {
  const table = findTable(declared, op.table.name, op.table.schema);
  if (table === undefined) return [op];
  const inline = new Set(op.table.foreignKeys.map((fk) => fk.name));
  const ref = { schema: table.schema, table: table.name };
  const folded = table.indexes.filter(
    (i) => op.table.uniques.some((u) => u.name === i.name) && !table.uniques.some((u) => u.name === i.name),
  );
  return [
    { ...op, table: { ...table, indexes: [], foreignKeys: table.foreignKeys.filter((fk) => inline.has(fk.name)) } },
    ...folded.map((index): Operation => ({ kind: 'createIndex', ...ref, index })),
  ];
}

function dress(op: Operation, declared: SchemaModel, ids: Identities): Operation | Operation[] {
  const tableOf = (ref: TableRef) => findTable(declared, ref.table, ref.schema);
  switch (op.kind) {
    case 'createTable':
      return createTable(op, declared);
    case 'addColumn': {
      const column = tableOf(op)?.columns.find((c) => c.name === op.column.name);
      return column === undefined ? op : { ...op, column };
    }
    case 'alterColumn': {
      const name = op.name?.to ?? op.column;
      return declaredChanges(
        op,
        tableOf(op)?.columns.find((c) => c.name === name),
        ids,
      );
    }
    case 'alterTable': {
      const table = tableOf(op);
      return table === undefined || op.comment === undefined
        ? op
        : { ...op, comment: { from: op.comment.from, to: table.comment } };
    }
    case 'createIndex': {
      const index = tableOf(op)?.indexes.find((i) => i.name === op.index.name);
      return index === undefined ? op : { ...op, index };
    }
    case 'createUniqueConstraint': {
      const table = tableOf(op);
      const constraint = table?.uniques.find((u) => u.name === op.constraint.name);
      if (constraint !== undefined) return { ...op, constraint };
      // A database that cannot tell a unique index from a unique constraint (MySQL) compared them as one.
      const index = table?.indexes.find((i) => i.name === op.constraint.name && i.unique);
      return index === undefined ? op : { kind: 'createIndex', schema: op.schema, table: op.table, index };
    }
    case 'createForeignKey': {
      const foreignKey = tableOf(op)?.foreignKeys.find((fk) => fk.name === op.foreignKey.name);
      return foreignKey === undefined ? op : { ...op, foreignKey };
    }
    case 'createCheckConstraint': {
      const check = tableOf(op)?.checks.find((c) => c.name === op.check.name);
      return check === undefined ? op : { ...op, check };
    }
    case 'createPrimaryKey': {
      const primaryKey = tableOf(op)?.primaryKey;
      return primaryKey === null || primaryKey === undefined ? op : { ...op, primaryKey };
    }
    case 'createEnum': {
      const found = declared.enums.find((e) => qualifiedName(e) === qualifiedName(op.enum));
      return found === undefined ? op : { ...op, enum: found };
    }
    case 'dropTable':
      return op.existing === null ? op : { ...op, existing: ids.table(op.existing) };
    case 'dropColumn':
      return op.existing === null ? op : { ...op, existing: ids.column(op, op.existing) };
    case 'dropConstraint': {
      if (op.existing === null) return op;
      const existing = existingConstraint(op, op.existing, ids);
      return { ...op, name: existing.constraint.name, existing };
    }
    default:
      return op;
  }
}

/**
 * The operations of `compareSchemas(live, normalize(declared))` as a
 * revision writes them (see the module comment). `live` is the database's
 * normalised model the comparison started from; `declared` the models as
 * built from the schema modules, before the dialect normalised them.
 *
 * @example
 * const ops = declaredOperations(compareSchemas(live, dialect.normalize(declared)), live, declared, {
 *   stored: dialect.capabilities,
 *   naming: config.naming,
 * });
 */
export function declaredOperations(
  ops: readonly Operation[],
  live: SchemaModel,
  declared: SchemaModel,
  options: DeclaredOptions,
): Operation[] {
  const ids = new Identities(live, declared, options);
  const dressed = ops.flatMap((op) => dress(op, declared, ids));
  if (options.stored.enumNames) return dressed;
  const changes = new ChangeSet();
  compareEnums({ tables: [], enums: ids.liveEnums() }, { tables: [], enums: enumsOfColumns(declared) }, changes);
  const enumOps = changes.toOperations();
  return [
    ...enumOps.filter((op) => op.kind !== 'dropEnum'),
    ...dressed,
    ...enumOps.filter((op) => op.kind === 'dropEnum'),
  ];
}
