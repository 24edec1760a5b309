import { type NamingConvention, resolveName } from '../schema/naming.js';
import { type Column, type ForeignKey, indexColumnNames, type Table } from '../schema/model.js';
import type { CreateTableOp } from './operation.js';
import {
  type InlineConstraints,
  REVISION_SPELLING,
  referentialEntries,
  renderColumn,
  type Spelling,
} from './render-column.js';
import { type ImportSet, memberAccess, objectLiteral, propertyKey, sqlTemplate } from './render-source.js';
import { tsString } from '../util/escape.js';

/**
 * Names equal to what the project's naming convention gives are left out of
 * the rendered DSL (`.primaryKey()`, `.unique()`, `.references('con_user.id')`),
 * as a person writes them, since `op.createTable` names them the same way when
 * it runs; any other name is spelled out.
 */
type NameCheck = (
  kind: 'pk' | 'unique' | 'index' | 'foreignKey',
  table: string,
  name: string,
  columns: readonly string[],
  referredTable?: string | null,
) => boolean;

function nameCheck(naming: Partial<NamingConvention>, primaryKeyNames: boolean): NameCheck {
  // Where the database names every primary key alike (MySQL's `PRIMARY`), the name read back is no choice to keep.
  return (kind, table, name, columns, referredTable = null) =>
    (kind === 'pk' && !primaryKeyNames) || resolveName(kind, { table, columns, referredTable }, naming) === name;
}

interface TableLayout {
  readonly inline: ReadonlyMap<string, InlineConstraints>;
  readonly extras: readonly string[];
}

/** Decides which constraints sit on their column and which become table extras. */
function layoutTable(table: Table, imports: ImportSet, isDefaultName: NameCheck, spelling: Spelling): TableLayout {
  const inline = new Map<
    string,
    { primaryKey: boolean; unique: string | null; references: InlineConstraints['references'] }
  >(table.columns.map((c) => [c.name, { primaryKey: false, unique: null, references: null }]));
  const extras: string[] = [];
  // A name that is no column (an expression an introspector read from an index) stays a string.
  const t = (names: readonly string[]) =>
    names.map((n) => (inline.has(n) ? memberAccess('t', spelling.key(n)) : tsString(n))).join(', ');
  const pk = table.primaryKey;
  const pkColumn = pk?.columns.length === 1 ? inline.get(pk.columns[0] ?? '') : undefined;
  if (pk !== null && pkColumn !== undefined && isDefaultName('pk', table.name, pk.name, pk.columns)) {
    pkColumn.primaryKey = true;
  } else if (pk !== null) {
    imports.add('primaryKey');
    const name = isDefaultName('pk', table.name, pk.name, pk.columns) ? '' : `, name: ${tsString(pk.name)}`;
    extras.push(`primaryKey({ columns: [${t(pk.columns)}]${name} })`);
  }
  for (const unique of table.uniques) {
    const name = isDefaultName('unique', table.name, unique.name, unique.columns) ? '' : tsString(unique.name);
    const column = unique.columns.length === 1 ? inline.get(unique.columns[0] ?? '') : undefined;
    if (column !== undefined && column.unique === null) {
      column.unique = name === '' ? '' : unique.name;
    } else {
      imports.add('unique');
      extras.push(`unique(${name}).on(${t(unique.columns)})`);
    }
  }
  for (const fk of table.foreignKeys) {
    const defaultName = isDefaultName('foreignKey', table.name, fk.name, fk.columns, fk.referencedTable);
    const column = fk.columns.length === 1 ? inline.get(fk.columns[0] ?? '') : undefined;
    if (column !== undefined && column.references === null) {
      column.references = { foreignKey: fk, name: defaultName ? '' : fk.name };
    } else {
      extras.push(foreignKeyExtra(fk, defaultName, imports, spelling));
    }
  }
  for (const check of table.checks) {
    imports.add('check');
    extras.push(`check(${tsString(check.name)}, ${sqlTemplate(check.expression, imports)})`);
  }
  for (const index of table.indexes) {
    const builder = index.unique ? 'uniqueIndex' : 'index';
    imports.add(builder);
    const names = indexColumnNames(index);
    const plain = names.length === index.columns.length;
    const name = plain && isDefaultName('index', table.name, index.name, names) ? '' : tsString(index.name);
    const parts = index.columns
      .map((c) => (typeof c === 'string' ? memberAccess('t', spelling.key(c)) : sqlTemplate(c.expression, imports)))
      .join(', ');
    const where = index.where === null ? '' : `.where(${sqlTemplate(index.where, imports)})`;
    const using = index.method === undefined ? '' : `.using(${tsString(index.method)})`;
    const opclass =
      index.opclasses === undefined
        ? ''
        : `.opclass(${index.opclasses.map((o) => (o === null ? 'null' : tsString(o))).join(', ')})`;
    extras.push(`${builder}(${name})${using}.on(${parts})${opclass}${where}`);
  }
  return { inline, extras };
}

function foreignKeyExtra(fk: ForeignKey, defaultName: boolean, imports: ImportSet, spelling: Spelling): string {
  imports.add('foreignKey');
  const entries: [string, string][] = [];
  if (!defaultName) entries.push(['name', tsString(fk.name)]);
  entries.push(['columns', `[${fk.columns.map((c) => memberAccess('t', spelling.key(c))).join(', ')}]`]);
  entries.push(['foreignColumns', `[${fk.referencedColumns.map((c) => spelling.reference(fk, c)).join(', ')}]`]);
  entries.push(...referentialEntries(fk));
  return `foreignKey(${objectLiteral(entries)})`;
}

function columnLine(column: Column, layout: TableLayout, imports: ImportSet, spelling: Spelling): string {
  const source = renderColumn(column, imports, layout.inline.get(column.name), spelling);
  return `  ${propertyKey(spelling.key(column.name))}: ${source},`;
}

/** A table's parts as the DSL spells them: one line per column (`  key: builder,`), and the extras. */
export interface TableParts {
  readonly columns: readonly string[];
  readonly extras: readonly string[];
}

/**
 * The column lines and extras of `table`, shared by `op.createTable` in
 * revision files and `table()` in a schema module (`kiln pull`), which
 * differ only in `spelling`.
 */
export function renderTableParts(
  table: Table,
  imports: ImportSet,
  naming: Partial<NamingConvention>,
  spelling: Spelling,
  primaryKeyNames = true,
): TableParts {
  const layout = layoutTable(table, imports, nameCheck(naming, primaryKeyNames), spelling);
  return { columns: table.columns.map((c) => columnLine(c, layout, imports, spelling)), extras: layout.extras };
}

/** The options object of `op.createTable` / `table()`: schema, comment, collation, charset (those set). */
export function tableOptionsLiteral(table: Table): string {
  return objectLiteral([
    ...(table.schema === null ? [] : [['schema', tsString(table.schema)] as const]),
    ...(table.comment === null ? [] : [['comment', tsString(table.comment)] as const]),
    ...(table.collation === undefined ? [] : [['collation', tsString(table.collation)] as const]),
    ...(table.charset === undefined ? [] : [['charset', tsString(table.charset)] as const]),
  ]);
}

/**
 * `head, { col, … }, extras, options)` after the caller's opening: the
 * column lines, then the extras callback (one per line when several) and
 * the options, closed by `)` + `end`. Without extras, the options follow
 * `noExtras` (`undefined, `; `''` for `table()`, which takes them third).
 */
export function tableCallTail(
  head: string,
  parts: TableParts,
  options: string,
  end: string,
  noExtras = 'undefined, ',
): string {
  const lines = [`${head}{`];
  if (parts.columns.length === 0) lines[0] += '}';
  else lines.push(...parts.columns, '}');
  const tail = options === '' ? `)${end}` : `, ${options})${end}`;
  const { extras } = parts;
  const last = lines.length - 1;
  if (extras.length === 0) lines[last] += options === '' ? tail : `, ${noExtras}${tail.slice(2)}`;
  else if (extras.length === 1) lines[last] += `, (t) => [${extras[0]}]${tail}`;
  else lines[last] += [', (t) => [', ...extras.map((e) => `  ${e},`), `]${tail}`].join('\n');
  return lines.join('\n');
}

/**
 * `await op.createTable('post', { … }, (t) => [ … ], { schema, comment });`
 * with one column per line; single-column keys, uniques and foreign keys sit
 * on their column, the rest in the extras callback.
 */
export function renderCreateTable(
  op: CreateTableOp,
  imports: ImportSet,
  naming: Partial<NamingConvention> = {},
): string {
  const table = op.table;
  const parts = renderTableParts(table, imports, naming, REVISION_SPELLING);
  return tableCallTail(`await op.createTable(${tsString(table.name)}, `, parts, tableOptionsLiteral(table), ';');
}
