/**
 * One table definition → model `Table`: columns, primary key, uniques,
 * indexes, foreign keys and checks, with every unnamed object named by the
 * naming convention. Shared by `buildSchemaModel` and `op.createTable`.
 */
import { SchemaError } from '../errors.js';
import { checkIdentifier, columnFromBuilder, describeTable, referentialAction, schemaError } from './build-column.js';
import type { ColumnReferenceSpec } from './dsl/column-builder.js';
import { describeColumnRef, isColumnRef } from './dsl/column-ref.js';
import type { ColumnInput, ForeignColumnInput, ForeignKeyExtra, IndexInput, TableExtra } from './dsl/constraints.js';
import { isSql } from './dsl/sql.js';
import { type TableDefinition, type TableSpec, tableSpecOf } from './dsl/table.js';
import type {
  CheckConstraint,
  Column,
  ForeignKey,
  Index,
  IndexPart,
  PrimaryKey,
  Table,
  UniqueConstraint,
} from './model.js';
import { freezeDeep, hasIndexExpression, indexColumnNames } from './model.js';
import { conventionName, DEFAULT_NAMING, GeneratedNames, type NameKind, type NamingConvention } from './naming.js';

/** A referenced column, resolved from a ColumnRef or a `'[schema.]table.column'` string. */
interface ResolvedRef {
  readonly schema: string | null;
  readonly table: string;
  readonly column: string;
}

/** The state shared while one table is built. */
interface TableContext {
  readonly spec: TableSpec;
  readonly label: string;
  readonly columns: readonly Column[];
  readonly naming: Partial<NamingConvention>;
  /** The table's generated names: two that shorten alike still come out distinct. */
  readonly generated: GeneratedNames;
}

function columnName(ctx: TableContext, input: ColumnInput, what: string): string {
  if (isColumnRef(input)) {
    if (input.table !== ctx.spec.name || input.schema !== ctx.spec.schema) {
      schemaError(
        'schema.unknown-column',
        `${what} of table "${ctx.label}" uses column ${describeColumnRef(input)} of another table`,
        'Use the columns of the table being defined (the `t` argument).',
      );
    }
    return input.column;
  }
  if (typeof input === 'string' && ctx.columns.some((c) => c.name === input)) return input;
  return schemaError(
    'schema.unknown-column',
    `${what} of table "${ctx.label}" names a column ${JSON.stringify(input)} that the table does not have`,
    `Its columns are: ${ctx.columns.map((c) => c.name).join(', ')}.`,
  );
}

function columnNames(ctx: TableContext, inputs: readonly ColumnInput[], what: string): string[] {
  if (!Array.isArray(inputs) || inputs.length === 0) {
    schemaError(
      'schema.invalid-constraint',
      `${what} of table "${ctx.label}" has no columns`,
      'List its columns, e.g. `.on(t.name)`.',
    );
  }
  return inputs.map((input) => columnName(ctx, input, what));
}

/** An index's parts: columns by name, `sql` parts as expressions. */
function indexParts(ctx: TableContext, inputs: readonly IndexInput[], what: string): IndexPart[] {
  if (!Array.isArray(inputs) || inputs.length === 0) return columnNames(ctx, [], what);
  return inputs.map((input) => {
    if (!isSql(input)) return columnName(ctx, input, what);
    if (input.sql.trim() === '') {
      schemaError(
        'schema.invalid-index',
        `${what} of table "${ctx.label}" has an empty expression`,
        'Write the indexed expression, e.g. .on(sql`lower(email)`).',
      );
    }
    return { expression: input.sql.trim() };
  });
}

function nameOf(
  ctx: TableContext,
  given: string | null,
  kind: NameKind,
  columns: string[],
  referredTable: string | null = null,
): string {
  if (given !== null) return checkIdentifier(given, `A ${kind} of table "${ctx.label}"`);
  return ctx.generated.claim(conventionName(kind, { table: ctx.spec.name, columns, referredTable }, ctx.naming));
}

/** Resolves a reference target (thunk or string) as declared on `what`. */
function resolveRef(target: ColumnReferenceSpec['target'] | ForeignColumnInput, what: string): ResolvedRef {
  let value: unknown = target;
  if (typeof target === 'function') {
    try {
      value = target();
    } catch (cause) {
      throw new SchemaError(
        'schema.invalid-reference',
        `${what} has a reference that failed to evaluate: ${String(cause)}`,
        {
          hint: 'Check that the thunk returns a column of an exported table, e.g. `() => users.id`.',
          cause,
        },
      );
    }
  }
  if (isColumnRef(value)) return { schema: value.schema, table: value.table, column: value.column };
  const parts = typeof value === 'string' ? value.split('.') : [];
  if (parts.length === 2 || parts.length === 3) {
    const [column, tableName, schemaName] = [...parts].reverse() as [string, string, string | undefined];
    if (column !== '' && tableName !== '' && schemaName !== '')
      return { schema: schemaName ?? null, table: tableName, column };
  }
  return schemaError(
    'schema.invalid-reference',
    `${what} references ${JSON.stringify(value) ?? String(value)}, which is not a column`,
    "Reference a column: `() => users.id` or 'con_user.id' (or 'schema.table.column').",
  );
}

function columnReference(ctx: TableContext, column: Column, spec: ColumnReferenceSpec): ForeignKey {
  const what = `Column "${ctx.label}.${column.name}"`;
  const ref = resolveRef(spec.target, what);
  return {
    name: nameOf(ctx, spec.name, 'foreignKey', [column.name], ref.table),
    columns: [column.name],
    referencedSchema: ref.schema,
    referencedTable: ref.table,
    referencedColumns: [ref.column],
    onDelete: referentialAction(spec.onDelete, `${what} ON DELETE`),
    onUpdate: referentialAction(spec.onUpdate, `${what} ON UPDATE`),
  };
}

function foreignKeyExtra(ctx: TableContext, extra: ForeignKeyExtra): ForeignKey {
  const what = `A foreign key${extra.name === null ? '' : ` "${extra.name}"`} of table "${ctx.label}"`;
  const columns = columnNames(ctx, extra.columns, what);
  const refs = (Array.isArray(extra.foreignColumns) ? extra.foreignColumns : []).map((f) => resolveRef(f, what));
  const first = refs[0];
  if (first === undefined || refs.length !== columns.length) {
    schemaError(
      'schema.invalid-constraint',
      `${what} has ${columns.length} columns but ${refs.length} foreign columns`,
      'Give one foreign column per column, in the same order.',
    );
  }
  if (refs.some((r) => r.table !== first.table || r.schema !== first.schema)) {
    schemaError(
      'schema.invalid-constraint',
      `${what} references columns of more than one table`,
      'All foreign columns must belong to one table.',
    );
  }
  return {
    name: nameOf(ctx, extra.name, 'foreignKey', columns, first.table),
    columns,
    referencedSchema: first.schema,
    referencedTable: first.table,
    referencedColumns: refs.map((r) => r.column),
    onDelete: referentialAction(extra.onDelete, `${what} ON DELETE`),
    onUpdate: referentialAction(extra.onUpdate, `${what} ON UPDATE`),
  };
}

function checkExtra(ctx: TableContext, name: unknown, expression: unknown): CheckConstraint {
  if (typeof name !== 'string' || name.length === 0) {
    schemaError(
      'schema.invalid-constraint',
      `A check constraint of table "${ctx.label}" has no name`,
      "Name it: check('ck_<table>_<what>', sql`…`); kiln needs the name to drop it later.",
    );
  }
  checkIdentifier(name, `A check of table "${ctx.label}"`);
  const text = isSql(expression) ? expression.sql : expression;
  if (typeof text !== 'string' || text.trim() === '') {
    schemaError(
      'schema.invalid-constraint',
      `Check "${name}" of table "${ctx.label}" has no expression`,
      'Pass the condition: check(name, sql`price > 0`).',
    );
  }
  return { name, expression: text };
}

/** Table parts collected from column builders and extras. */
export interface Parts {
  primaryKeys: PrimaryKey[];
  uniques: UniqueConstraint[];
  indexes: Index[];
  foreignKeys: ForeignKey[];
  checks: CheckConstraint[];
}

function addExtra(ctx: TableContext, parts: Parts, extra: TableExtra): void {
  const kind = (extra as { kind?: unknown } | null)?.kind;
  switch (kind) {
    case 'index': {
      const e = extra as Extract<TableExtra, { kind: 'index' }>;
      const columns = indexParts(ctx, e.columns, `An index${e.name === null ? '' : ` "${e.name}"`}`);
      if (e.name === null && hasIndexExpression({ columns })) {
        schemaError(
          'schema.invalid-index',
          `An index of table "${ctx.label}" on an expression has no name`,
          "Name it: index('ix_<table>_<what>').on(sql`…`); the naming convention names indexes by their columns.",
        );
      }
      const where = e.predicate === null ? null : isSql(e.predicate) ? e.predicate.sql : e.predicate;
      const method = e.method === null || e.method === undefined ? {} : { method: indexMethod(e.method, ctx.label) };
      const opclasses = indexOpclasses(e.opclasses, columns.length, ctx.label);
      parts.indexes.push({
        name: nameOf(ctx, e.name, 'index', indexColumnNames({ columns })),
        columns,
        unique: e.unique,
        where,
        ...method,
        ...opclasses,
      });
      return;
    }
    case 'unique': {
      const e = extra as Extract<TableExtra, { kind: 'unique' }>;
      const columns = columnNames(ctx, e.columns, `A unique constraint${e.name === null ? '' : ` "${e.name}"`}`);
      parts.uniques.push({ name: nameOf(ctx, e.name, 'unique', columns), columns });
      return;
    }
    case 'primaryKey': {
      const e = extra as Extract<TableExtra, { kind: 'primaryKey' }>;
      const columns = columnNames(ctx, e.columns, 'The primary key');
      parts.primaryKeys.push({ name: nameOf(ctx, e.name, 'pk', columns), columns });
      return;
    }
    case 'foreignKey':
      parts.foreignKeys.push(foreignKeyExtra(ctx, extra as ForeignKeyExtra));
      return;
    case 'check': {
      const e = extra as Extract<TableExtra, { kind: 'check' }>;
      parts.checks.push(checkExtra(ctx, e.name, e.expression));
      return;
    }
    default:
      schemaError(
        'schema.invalid-constraint',
        `Table "${ctx.label}" has an extra that is not an index or constraint: ${String(extra)}`,
        'Return index(), uniqueIndex(), unique(), check(), primaryKey() or foreignKey() values from the extras callback.',
      );
  }
}

function columnParts(ctx: TableContext, parts: Parts): void {
  const pkColumns: string[] = [];
  for (const [key, builder] of Object.entries(ctx.spec.columns)) {
    const column = ctx.columns.find((c) => c.name === (builder.spec.name ?? key));
    if (column === undefined) continue;
    if (builder.spec.primaryKey) pkColumns.push(column.name);
    if (builder.spec.unique !== null) {
      parts.uniques.push({
        name: nameOf(ctx, builder.spec.unique.name, 'unique', [column.name]),
        columns: [column.name],
      });
    }
    if (builder.spec.references !== null) parts.foreignKeys.push(columnReference(ctx, column, builder.spec.references));
  }
  if (pkColumns.length > 0) parts.primaryKeys.push({ name: nameOf(ctx, null, 'pk', pkColumns), columns: pkColumns });
}

function buildColumns(spec: TableSpec, label: string): Column[] {
  if (typeof spec.columns !== 'object' || spec.columns === null || Object.keys(spec.columns).length === 0) {
    schemaError('schema.invalid-table', `Table "${label}" has no columns`, 'Declare at least one column.');
  }
  const columns: Column[] = [];
  for (const [key, builder] of Object.entries(spec.columns)) {
    const explicit = (builder as { spec?: { name?: unknown } } | null)?.spec?.name;
    const name = typeof explicit === 'string' ? explicit : key;
    const column = columnFromBuilder(builder, name, { schema: spec.schema, table: spec.name });
    if (columns.some((c) => c.name === column.name)) {
      schemaError(
        'schema.duplicate-column',
        `Table "${label}" has two columns named "${column.name}"`,
        'Rename one of them (the property key, or the name given to the builder).',
        { table: spec.name, column: column.name },
      );
    }
    columns.push(column);
  }
  return columns;
}

/** Refuses two constraints or indexes of one table with one name (`schema.duplicate-name`, naming both). */
export function checkUniqueNames(label: string, parts: Parts): void {
  const seen = new Set<string>();
  const all = [...parts.primaryKeys, ...parts.uniques, ...parts.indexes, ...parts.foreignKeys, ...parts.checks];
  for (const { name } of all) {
    if (seen.has(name)) {
      schemaError(
        'schema.duplicate-name',
        `Table "${label}" has two constraints or indexes named "${name}"`,
        'Give one of them another name.',
        { table: label, name },
      );
    }
    seen.add(name);
  }
}

function callExtras(ctx: TableContext, definition: TableDefinition): readonly TableExtra[] {
  if (ctx.spec.extras === null) return [];
  const extras = ctx.spec.extras(definition);
  if (!Array.isArray(extras)) {
    schemaError(
      'schema.invalid-table',
      `The extras callback of table "${ctx.label}" did not return an array`,
      'Return a list: (t) => [index().on(t.name)].',
    );
  }
  return extras;
}

/**
 * Builds the model Table of one definition, naming unnamed constraints and
 * indexes by `naming` (defaults: DEFAULT_NAMING). Foreign keys are not
 * checked against other tables here; `buildSchemaModel` does that.
 *
 * @example tableFromDefinition(users, namingConvention()).primaryKey // { name: 'pk_con_user', columns: ['id'] }
 */
export function tableFromDefinition(
  definition: TableDefinition,
  naming: Partial<NamingConvention> = DEFAULT_NAMING,
): Table {
  const spec = tableSpecOf(definition);
  checkIdentifier(spec.name, 'A table');
  if (spec.schema !== null) checkIdentifier(spec.schema, `The schema of table "${spec.name}"`);
  const label = describeTable({ schema: spec.schema, table: spec.name });
  const ctx: TableContext = {
    spec,
    label,
    columns: buildColumns(spec, label),
    naming,
    generated: new GeneratedNames(),
  };
  const parts: Parts = { primaryKeys: [], uniques: [], indexes: [], foreignKeys: [], checks: [] };
  columnParts(ctx, parts);
  for (const extra of callExtras(ctx, definition)) addExtra(ctx, parts, extra);
  if (parts.primaryKeys.length > 1) {
    schemaError(
      'schema.invalid-constraint',
      `Table "${label}" declares its primary key twice`,
      'Use either .primaryKey() on columns or one table-level primaryKey({ columns }).',
    );
  }
  checkUniqueNames(label, parts);
  const primaryKey = parts.primaryKeys[0] ?? null;
  const inKey = new Set(primaryKey?.columns ?? []);
  return freezeDeep({
    schema: spec.schema,
    name: spec.name,
    columns: ctx.columns.map((c) => (inKey.has(c.name) ? { ...c, nullable: false } : c)),
    primaryKey,
    uniques: parts.uniques,
    indexes: parts.indexes,
    foreignKeys: parts.foreignKeys,
    checks: parts.checks,
    comment: spec.comment,
    ...tableOption('collation', spec.collation, label),
    ...tableOption('charset', spec.charset, label),
  });
}

/** `{ opclasses }` when any is named; one per column (or fewer, the rest default). */
function indexOpclasses(
  given: readonly (string | null)[] | null | undefined,
  count: number,
  label: string,
): { opclasses?: readonly (string | null)[] } {
  if (given === null || given === undefined || given.every((o) => o === null)) return {};
  const bad = given.find((o) => o !== null && (typeof o !== 'string' || !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(o)));
  if (given.length > count || bad !== undefined) {
    schemaError(
      'schema.invalid-index',
      `An index of table "${label}" has ${given.length > count ? `${given.length} operator classes for ${count} columns` : `an operator class that is not a plain name: ${JSON.stringify(bad)}`}`,
      "Give one operator class (or null) per indexed column, e.g. .opclass('text_pattern_ops').",
      { table: label },
    );
  }
  return { opclasses: Array.from({ length: count }, (_, i) => given[i] ?? null) };
}

/** An index method as the model keeps it: a lower-case word (`gin`). */
function indexMethod(method: unknown, label: string): string {
  if (typeof method !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(method)) {
    schemaError(
      'schema.invalid-index',
      `An index of table "${label}" has an index method that is not a plain name: ${JSON.stringify(method) ?? String(method)}`,
      "Use a method name such as 'gin', 'gist', 'brin', 'hash' or 'btree'.",
      { table: label },
    );
  }
  return method.toLowerCase();
}

/** `{ collation: 'x' }` or `{}`: table options are absent from the model unless named. */
function tableOption(key: 'collation' | 'charset', value: unknown, label: string): Partial<Record<typeof key, string>> {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'string' || value.trim() === '') {
    schemaError(
      'schema.invalid-table',
      `Table "${label}" has a ${key} that is not a non-empty string: ${JSON.stringify(value) ?? String(value)}`,
      `Give the ${key} name as the database spells it, e.g. ${key === 'collation' ? "'utf8mb4_bin'" : "'utf8mb4'"}.`,
      { table: label },
    );
  }
  return { [key]: value };
}
