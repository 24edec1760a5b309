/**
 * One drizzle table → a model `Table`, read through drizzle's
 * `getTableConfig`. Objects drizzle leaves unnamed get the names drizzle-kit
 * gives them (`users_email_unique`, `posts_user_id_users_id_fk`,
 * `users_name_index`; a column's primary key: PostgreSQL's `users_pkey`), so
 * a database drizzle-kit made checks clean against the same tables.
 */
import { referentialAction, schemaError } from '../build-column.js';
import type { CheckConstraint, ForeignKey, Index, PrimaryKey, Table, UniqueConstraint } from '../model.js';
import { freezeDeep, qualifiedName } from '../model.js';
import { checkUniqueNames } from '../build-table.js';
import { resolveName } from '../naming.js';
import { columnFromDrizzle, columnLabel, type DrizzleTarget, isMysqlSerial } from './drizzle-column.js';
import type { DrizzleCore } from './drizzle-exports.js';
import type { DrizzleIndex, DrizzleIndexColumn, DrizzleRuntime, DrizzleTableConfig } from './drizzle-runtime.js';

/** What drizzle-kit does differently per core, where it matters to the model. */
const CORE_HABITS: Readonly<
  Record<
    DrizzleCore,
    {
      readonly generatedStored: boolean;
      readonly uniquesAsIndexes: boolean;
      readonly unnamedKeys: boolean;
      readonly parenthesizedDefaults: boolean;
    }
  >
> = {
  // drizzle-kit writes PostgreSQL generated columns STORED, MySQL ones STORED unless told `virtual`.
  'pg-core': { generatedStored: true, uniquesAsIndexes: false, unnamedKeys: false, parenthesizedDefaults: false },
  'mysql-core': { generatedStored: true, uniquesAsIndexes: false, unnamedKeys: false, parenthesizedDefaults: false },
  // SQLite: VIRTUAL unless told `stored`; uniques become CREATE UNIQUE INDEX statements; primary and
  // foreign keys are written without a name, which kiln's SQLite introspector reads as the default
  // convention's (pk_<table>, fk_<table>_<columns>_<referred>): the model names them so too. A sql
  // default is written in the parentheses SQLite's DEFAULT needs (`sql\`(unixepoch())\``), which SQLite
  // does not keep: kiln's compiler adds its own, so the model holds the expression inside them.
  'sqlite-core': { generatedStored: false, uniquesAsIndexes: true, unnamedKeys: true, parenthesizedDefaults: true },
};

/** `(expr)` → `expr` when one pair of parentheses encloses the whole text (quotes respected); else as it is. */
export function unwrapParentheses(text: string): string {
  const trimmed = text.trim();
  if (!trimmed.startsWith('(') || !trimmed.endsWith(')')) return text;
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed[i] as string;
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(') depth += 1;
    else if (c === ')' && --depth === 0 && i < trimmed.length - 1) return text;
  }
  return trimmed.slice(1, -1).trim();
}

function withUnwrappedDefaults(table: Table): Table {
  return {
    ...table,
    columns: table.columns.map((c) =>
      c.default?.kind === 'sql' ? { ...c, default: { kind: 'sql', sql: unwrapParentheses(c.default.sql) } } : c,
    ),
  };
}

/** A table's primary and foreign keys under the default naming convention's names. */
function withConventionKeyNames(table: Table): Table {
  const context = (columns: readonly string[], referredTable: string | null) => ({
    table: table.name,
    columns,
    referredTable,
  });
  return {
    ...table,
    primaryKey:
      table.primaryKey === null
        ? null
        : { ...table.primaryKey, name: resolveName('pk', context(table.primaryKey.columns, null)) },
    foreignKeys: table.foreignKeys.map((fk) => ({
      ...fk,
      name: resolveName('foreignKey', context(fk.columns, fk.referencedTable)),
    })),
  };
}

function unsupported(table: string, what: string, hint: string): never {
  return schemaError('schema.drizzle-unsupported', `Drizzle table "${table}" ${what}`, hint, { table });
}

function primaryKeyOf(config: DrizzleTableConfig): PrimaryKey | null {
  const keyColumns = config.columns.filter((c) => c.primary).map((c) => c.name);
  const composite = config.primaryKeys.map((pk) => ({
    name: pk.name ?? pk.getName(),
    columns: pk.columns.map((c) => c.name),
  }));
  if (keyColumns.length + composite.length > 1) {
    unsupported(
      config.name,
      'declares more than one primary key',
      'Use .primaryKey() on one column or one primaryKey({ columns }) in the extras.',
    );
  }
  // A column's PRIMARY KEY is unnamed in drizzle-kit's DDL; PostgreSQL names it `<table>_pkey`.
  return composite[0] ?? (keyColumns[0] === undefined ? null : { name: `${config.name}_pkey`, columns: keyColumns });
}

function uniquesOf(config: DrizzleTableConfig): UniqueConstraint[] {
  const uniques: UniqueConstraint[] = [];
  for (const column of config.columns) {
    if (column.uniqueType === 'not distinct' && column.isUnique) {
      unsupported(
        config.name,
        `has a NULLS NOT DISTINCT unique on ${columnLabel(config.name, column)}`,
        'Use a plain .unique().',
      );
    }
    if (column.isUnique)
      uniques.push({ name: column.uniqueName ?? `${config.name}_${column.name}_unique`, columns: [column.name] });
    // MySQL's SERIAL alias adds a unique key named after the column.
    if (isMysqlSerial(column)) uniques.push({ name: column.name, columns: [column.name] });
  }
  for (const unique of config.uniqueConstraints) {
    if (unique.nullsNotDistinct === true) {
      unsupported(config.name, `has a NULLS NOT DISTINCT unique "${unique.getName()}"`, 'Use a plain unique().');
    }
    uniques.push({ name: unique.name ?? unique.getName(), columns: unique.columns.map((c) => c.name) });
  }
  return uniques;
}

function indexColumn(table: string, index: string, column: unknown, runtime: DrizzleRuntime) {
  const given = column as DrizzleIndexColumn | null;
  if (runtime.isSql(column) || typeof given?.name !== 'string') {
    unsupported(
      table,
      `has an index "${index}" on an expression`,
      'kiln indexes columns: index on the columns, or create it with op.execute in a revision.',
    );
  }
  const config = given.indexConfig;
  if (config?.order === 'desc' || config?.nulls === 'first') {
    unsupported(
      table,
      `has an index "${index}" with a column in DESC or NULLS FIRST order`,
      'kiln indexes columns in ascending order: drop .desc()/.nullsFirst().',
    );
  }
  return { name: given.name, opclass: config?.opClass ?? null };
}

function indexOf(table: string, index: DrizzleIndex, runtime: DrizzleRuntime): Index {
  const { config } = index;
  const given = config.columns.map((column) => indexColumn(table, config.name ?? '(unnamed)', column, runtime));
  const columns = given.map((c) => c.name);
  const name = config.name ?? `${table}_${columns.join('_')}_index`;
  if (config.with !== undefined && Object.keys(config.with).length > 0) {
    unsupported(
      table,
      `has an index "${name}" with storage parameters (.with)`,
      'Remove .with(…); kiln does not manage index storage parameters.',
    );
  }
  const method = (config.method ?? config.using)?.toLowerCase();
  const opclasses = given.map((c) => c.opclass);
  return {
    name,
    columns,
    unique: config.unique === true,
    where: config.where === undefined || config.where === null ? null : runtime.sqlText(config.where),
    ...(method === undefined || method === 'btree' ? {} : { method }),
    ...(opclasses.every((o) => o === null) ? {} : { opclasses }),
  };
}

function foreignKeysOf(config: DrizzleTableConfig, runtime: DrizzleRuntime): ForeignKey[] {
  return config.foreignKeys.map((fk) => {
    const reference = fk.reference();
    const target = runtime.getTableConfig(reference.foreignTable);
    const what = `Foreign key "${fk.getName()}" of table "${config.name}"`;
    return {
      name: fk.getName(),
      columns: reference.columns.map((c) => c.name),
      referencedSchema: target.schema ?? null,
      referencedTable: target.name,
      referencedColumns: reference.foreignColumns.map((c) => c.name),
      onDelete: referentialAction(fk.onDelete, `${what} ON DELETE`),
      onUpdate: referentialAction(fk.onUpdate, `${what} ON UPDATE`),
    };
  });
}

function checksOf(config: DrizzleTableConfig, runtime: DrizzleRuntime): CheckConstraint[] {
  return config.checks.map((check) => ({ name: check.name, expression: runtime.sqlText(check.value) }));
}

/**
 * The model table of a drizzle table of `runtime.core`. Throws a
 * `schema.drizzle-unsupported` SchemaError naming the table (and column)
 * for what kiln cannot declare: RLS policies, expression or DESC indexes,
 * identity sequence options, MySQL `.onUpdateNow()`, a MySQL table in
 * another database (`mysqlSchema`).
 *
 * @example tableFromDrizzle(users, target, await loadDrizzle('pg-core'))
 */
export function tableFromDrizzle(table: object, target: DrizzleTarget, runtime: DrizzleRuntime): Table {
  const config = runtime.getTableConfig(table);
  const habits = CORE_HABITS[runtime.core];
  if ((config.policies?.length ?? 0) > 0 || config.enableRLS === true) {
    unsupported(
      config.name,
      'has row-level security (policies or .enableRLS())',
      'Manage RLS with op.execute in a revision; kiln does not compare policies.',
    );
  }
  if (config.schema !== undefined && runtime.core !== 'pg-core') {
    unsupported(
      config.name,
      `is in schema "${config.schema}", a database other than the config's`,
      'Declare it with mysqlTable() in the database the config names.',
    );
  }
  const columns = config.columns.map((c) => columnFromDrizzle(c, config.name, target, runtime, habits.generatedStored));
  const primaryKey = primaryKeyOf(config);
  const inKey = new Set(primaryKey?.columns ?? []);
  const uniques = uniquesOf(config);
  const indexes = config.indexes.map((index) => indexOf(config.name, index, runtime));
  const built: Table = {
    schema: config.schema ?? null,
    name: config.name,
    columns: columns.map((c) => (inKey.has(c.name) ? { ...c, nullable: false } : c)),
    primaryKey,
    uniques: habits.uniquesAsIndexes ? [] : uniques,
    indexes: habits.uniquesAsIndexes
      ? [...uniques.map((u) => ({ ...u, unique: true, where: null })), ...indexes]
      : indexes,
    foreignKeys: foreignKeysOf(config, runtime),
    checks: checksOf(config, runtime),
    comment: null,
  };
  checkUniqueNames(qualifiedName(built), {
    primaryKeys: built.primaryKey === null ? [] : [built.primaryKey],
    uniques: [...built.uniques],
    indexes: [...built.indexes],
    foreignKeys: [...built.foreignKeys],
    checks: [...built.checks],
  });
  const named = habits.unnamedKeys ? withConventionKeyNames(built) : built;
  return freezeDeep(habits.parenthesizedDefaults ? withUnwrappedDefaults(named) : named);
}
