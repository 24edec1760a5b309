import { type NamingConvention, resolveName } from '../schema/naming.js';
import { type Column, type ForeignKey, indexColumnNames, type Table } from '../schema/model.js';
import type { CreateTableOp } from './operation.js';
import { type InlineConstraints, referenceTarget, referentialEntries, renderColumn } from './render-column.js';
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

function nameCheck(naming: Partial<NamingConvention>): NameCheck {
  return (kind, table, name, columns, referredTable = null) =>
    resolveName(kind, { table, columns, referredTable }, naming) === name;
}

interface TableLayout {
  readonly inline: ReadonlyMap<string, InlineConstraints>;
  readonly extras: readonly string[];
}

/** Decides which constraints sit on their column and which become table extras. */
function layoutTable(table: Table, imports: ImportSet, isDefaultName: NameCheck): TableLayout {
  const inline = new Map<
    string,
    { primaryKey: boolean; unique: string | null; references: InlineConstraints['references'] }
  >(table.columns.map((c) => [c.name, { primaryKey: false, unique: null, references: null }]));
  const extras: string[] = [];
  const t = (names: readonly string[]) => names.map((n) => memberAccess('t', n)).join(', ');
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
      extras.push(foreignKeyExtra(fk, defaultName, imports));
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
      .map((c) => (typeof c === 'string' ? memberAccess('t', c) : sqlTemplate(c.expression, imports)))
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

function foreignKeyExtra(fk: ForeignKey, defaultName: boolean, imports: ImportSet): string {
  imports.add('foreignKey');
  const entries: [string, string][] = [];
  if (!defaultName) entries.push(['name', tsString(fk.name)]);
  entries.push(['columns', `[${fk.columns.map((c) => memberAccess('t', c)).join(', ')}]`]);
  entries.push(['foreignColumns', `[${fk.referencedColumns.map((c) => referenceTarget(fk, c)).join(', ')}]`]);
  entries.push(...referentialEntries(fk));
  return `foreignKey(${objectLiteral(entries)})`;
}

function columnLine(column: Column, layout: TableLayout, imports: ImportSet): string {
  return `  ${propertyKey(column.name)}: ${renderColumn(column, imports, layout.inline.get(column.name))},`;
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
  const layout = layoutTable(table, imports, nameCheck(naming));
  const lines = [`await op.createTable(${tsString(table.name)}, {`];
  if (table.columns.length === 0) lines[0] += '}';
  else lines.push(...table.columns.map((c) => columnLine(c, layout, imports)), '}');
  const options = objectLiteral([
    ...(table.schema === null ? [] : [['schema', tsString(table.schema)] as const]),
    ...(table.comment === null ? [] : [['comment', tsString(table.comment)] as const]),
    ...(table.collation === undefined ? [] : [['collation', tsString(table.collation)] as const]),
    ...(table.charset === undefined ? [] : [['charset', tsString(table.charset)] as const]),
  ]);
  const tail = options === '' ? ');' : `, ${options});`;
  const { extras } = layout;
  const last = lines.length - 1;
  if (extras.length === 0) lines[last] += options === '' ? tail : `, undefined${tail}`;
  else if (extras.length === 1) lines[last] += `, (t) => [${extras[0]}]${tail}`;
  else lines[last] += [', (t) => [', ...extras.map((e) => `  ${e},`), `]${tail}`].join('\n');
  return lines.join('\n');
}
