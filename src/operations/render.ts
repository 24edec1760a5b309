import { dataLossWarning, notRestoredWarning } from './data-loss.js';
import {
  type AlterColumnOp,
  type AlterEnumOp,
  type BulkInsertOp,
  type CreateForeignKeyOp,
  type CreateIndexOp,
  dispatchOperation,
  type Operation,
  type OperationHandlers,
} from './operation.js';
import { referentialEntries, renderColumn, renderDefault, renderType } from './render-column.js';
import {
  call,
  type ImportSet,
  indentLines,
  indexPartArray,
  objectLiteral,
  propertyKey,
  sqlTemplate,
  stringArray,
  valueLiteral,
} from './render-source.js';
import { renderCreateTable } from './render-table.js';
import type { NamingConvention } from '../schema/naming.js';
import { tsComment, tsString } from '../util/escape.js';

/**
 * Operations → the TypeScript a revision file's `upgrade`/`downgrade` holds,
 * calling the `Operations` API (`await op.addColumn(…)`) with the DSL's
 * builders, formatted as a person writes it. Operations that destroy values
 * get a `// data loss: …` comment line above them (see `dataLossWarning`).
 */

type Schema = { readonly schema: string | null };

/** `{ schema: 'app' }` as the last options argument, or nothing. */
function schemaEntries(ref: Schema): [string, string][] {
  return ref.schema === null ? [] : [['schema', tsString(ref.schema)]];
}

const opCall = (method: string, args: readonly string[]) => `await ${call(`op.${method}`, args)};`;

function renderers(imports: ImportSet, naming: Partial<NamingConvention>): OperationHandlers<string> {
  const name = tsString;
  return {
    createTable: (op) => renderCreateTable(op, imports, naming),
    dropTable: (op) => opCall('dropTable', [name(op.table), objectLiteral(schemaEntries(op))]),
    renameTable: (op) => opCall('renameTable', [name(op.table), name(op.newName), objectLiteral(schemaEntries(op))]),
    alterTable: (op) => {
      const entries: [string, string][] = [];
      const add = (key: string, change: { readonly to: string | null } | undefined) => {
        if (change !== undefined) entries.push([key, change.to === null ? 'null' : name(change.to)]);
      };
      add('comment', op.comment);
      add('collation', op.collation);
      add('charset', op.charset);
      return opCall('alterTable', [name(op.table), objectLiteral(entries), objectLiteral(schemaEntries(op))]);
    },
    addColumn: (op) => {
      const column = renderColumn(op.column, imports);
      return opCall('addColumn', [name(op.table), name(op.column.name), column, objectLiteral(schemaEntries(op))]);
    },
    dropColumn: (op) => opCall('dropColumn', [name(op.table), name(op.column), objectLiteral(schemaEntries(op))]),
    alterColumn: (op) => renderAlterColumn(op, imports),
    createIndex: (op) => renderCreateIndex(op, imports),
    dropIndex: (op) => opCall('dropIndex', [name(op.name), name(op.table), objectLiteral(schemaEntries(op))]),
    createUniqueConstraint: (op) =>
      opCall('createUniqueConstraint', [
        name(op.constraint.name),
        name(op.table),
        stringArray(op.constraint.columns),
        objectLiteral(schemaEntries(op)),
      ]),
    createForeignKey: (op) => renderCreateForeignKey(op),
    createCheckConstraint: (op) =>
      opCall('createCheckConstraint', [
        name(op.check.name),
        name(op.table),
        sqlTemplate(op.check.expression, imports),
        objectLiteral(schemaEntries(op)),
      ]),
    createPrimaryKey: (op) =>
      opCall('createPrimaryKey', [
        name(op.primaryKey.name),
        name(op.table),
        stringArray(op.primaryKey.columns),
        objectLiteral(schemaEntries(op)),
      ]),
    dropConstraint: (op) => {
      const type: [string, string][] = op.type === null ? [] : [['type', tsString(op.type)]];
      return opCall('dropConstraint', [name(op.name), name(op.table), objectLiteral([...type, ...schemaEntries(op)])]);
    },
    createEnum: (op) =>
      opCall('createEnum', [name(op.enum.name), stringArray(op.enum.values), objectLiteral(schemaEntries(op.enum))]),
    alterEnum: (op) => renderAlterEnum(op),
    dropEnum: (op) => opCall('dropEnum', [name(op.name), objectLiteral(schemaEntries(op))]),
    createSchema: (op) => opCall('createSchema', [name(op.name)]),
    dropSchema: (op) => opCall('dropSchema', [name(op.name)]),
    execute: (op) => opCall('execute', [op.sql.includes('\n') ? sqlTemplate(op.sql, imports) : tsString(op.sql)]),
    bulkInsert: (op) => renderBulkInsert(op),
  };
}

const LINE_LIMIT = 100;

/** An options object on one line when short, else one property per line. */
function wrapObject(head: string, entries: readonly (readonly [string, string])[], tail: string): string {
  const flat = `${head}${objectLiteral(entries)}${tail}`;
  if (flat.length <= LINE_LIMIT || entries.length < 2) return flat;
  // Long option lists read better one per line, as a formatter would wrap them.
  return [`${head}{`, ...entries.map(([k, v]) => `  ${propertyKey(k)}: ${v},`), `}${tail}`].join('\n');
}

function renderAlterColumn(op: AlterColumnOp, imports: ImportSet): string {
  const entries: [string, string][] = [];
  if (op.type !== undefined) entries.push(['type', renderType(op.type.to, imports)]);
  if (op.nullable !== undefined) entries.push(['notNull', String(!op.nullable.to)]);
  if (op.default !== undefined) entries.push(['default', renderDefault(op.default.to, imports)]);
  if (op.name !== undefined) entries.push(['name', tsString(op.name.to)]);
  if (op.comment !== undefined) entries.push(['comment', op.comment.to === null ? 'null' : tsString(op.comment.to)]);
  if (op.autoIncrement !== undefined) entries.push(['autoIncrement', String(op.autoIncrement.to)]);
  if (op.identity !== undefined) entries.push(['identity', tsString(op.identity)]);
  const schema = objectLiteral(schemaEntries(op));
  const head = `await op.alterColumn(${tsString(op.table)}, ${tsString(op.column)}, `;
  const tail = schema === '' ? ');' : `, ${schema});`;
  return entries.length === 0 ? `${head}{}${tail}` : wrapObject(head, entries, tail);
}

function renderCreateIndex(op: CreateIndexOp, imports: ImportSet): string {
  const entries: [string, string][] = [];
  if (op.index.unique) entries.push(['unique', 'true']);
  if (op.index.where !== null) entries.push(['where', sqlTemplate(op.index.where, imports)]);
  if (op.index.method !== undefined) entries.push(['using', tsString(op.index.method)]);
  if (op.index.opclasses !== undefined)
    entries.push(['opclasses', `[${op.index.opclasses.map((o) => (o === null ? 'null' : tsString(o))).join(', ')}]`]);
  entries.push(...schemaEntries(op));
  const args = [
    tsString(op.index.name),
    tsString(op.table),
    indexPartArray(op.index.columns, imports),
    objectLiteral(entries),
  ];
  return opCall('createIndex', args);
}

function renderCreateForeignKey(op: CreateForeignKeyOp): string {
  const fk = op.foreignKey;
  const entries: [string, string][] = [...referentialEntries(fk), ...schemaEntries(op)];
  if (fk.referencedSchema !== null) entries.push(['referencedSchema', tsString(fk.referencedSchema)]);
  const args = [
    tsString(fk.name),
    tsString(op.table),
    tsString(fk.referencedTable),
    stringArray(fk.columns),
    stringArray(fk.referencedColumns),
  ];
  const head = `await op.createForeignKey(${args.join(', ')}`;
  return entries.length === 0 ? `${head});` : wrapObject(`${head}, `, entries, ');');
}

function renderAlterEnum(op: AlterEnumOp): string {
  const entries: [string, string][] = [];
  if (op.addValues.length > 0 || (op.removeValues ?? []).length === 0)
    entries.push(['addValues', stringArray(op.addValues)]);
  if ((op.removeValues ?? []).length > 0) entries.push(['removeValues', stringArray(op.removeValues ?? [])]);
  const options: [string, string][] = [...schemaEntries(op)];
  if (op.existing !== null) options.push(['existingValues', stringArray(op.existing.values)]);
  return opCall('alterEnum', [tsString(op.name), objectLiteral(entries), objectLiteral(options)]);
}

function renderBulkInsert(op: BulkInsertOp): string {
  const rows = op.rows.map(
    (row) => `  ${objectLiteral(Object.entries(row).map(([k, v]) => [k, valueLiteral(v)] as const)) || '{}'},`,
  );
  const schema = objectLiteral(schemaEntries(op));
  return [`await op.bulkInsert(${tsString(op.table)}, [`, ...rows, `]${schema === '' ? '' : `, ${schema}`});`].join(
    '\n',
  );
}

function renderInto(op: Operation, imports: ImportSet, naming: Partial<NamingConvention> = {}): string {
  const code = dispatchOperation(op, renderers(imports, naming));
  const warning = dataLossWarning(op);
  return warning === null ? code : `${tsComment(warning)}\n${code}`;
}

/**
 * One operation as TypeScript statement(s), unindented, with its data-loss
 * comment when it destroys values.
 *
 * @example renderOperation(addEmail) // "await op.addColumn('con_user', 'email', varchar(120).notNull().default(''));"
 */
export function renderOperation(op: Operation): string {
  return renderInto(op, new Set());
}

/** Options of `renderOperations`. */
export interface RenderOperationsOptions {
  /**
   * True for an autogenerated downgrade: a createTable/addColumn that brings
   * back what the upgrade dropped gets a comment saying its values are gone.
   * Default false.
   */
  readonly restoresDropped?: boolean;
  /** The project's naming convention: names it would give are left out. Default: kiln's. */
  readonly naming?: Partial<NamingConvention>;
}

/**
 * Operations as a block of statements, each line prefixed with `indent`
 * (default two spaces), for a function body.
 *
 * @example renderOperations(ops, '  ')
 */
export function renderOperations(
  ops: readonly Operation[],
  indent = '  ',
  options: RenderOperationsOptions = {},
): string {
  const imports: ImportSet = new Set();
  return ops
    .map((op) => {
      const code = renderInto(op, imports, options.naming);
      const note = options.restoresDropped === true ? notRestoredWarning(op) : null;
      return indentLines(note === null ? code : `${tsComment(note)}\n${code}`, indent);
    })
    .join('\n');
}

/**
 * The DSL names the rendered operations use, sorted, for `import { … } from 'kiln'`.
 *
 * @example renderImports([addEmail]) // ['varchar']
 */
export function renderImports(ops: readonly Operation[], naming: Partial<NamingConvention> = {}): string[] {
  const imports: ImportSet = new Set();
  for (const op of ops) renderInto(op, imports, naming);
  return [...imports].sort();
}
