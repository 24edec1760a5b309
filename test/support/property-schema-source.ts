import type {
  ColumnSpec,
  DefaultSpec,
  EnumSpec,
  ForeignKeySpec,
  SchemaSpec,
  TableSpec,
  TypeSpec,
} from './property-schema-spec.js';

/**
 * A SchemaSpec as the TypeScript schema module a person would write with
 * kiln's DSL (`import { table, integer, … } from 'kiln'`). It is both what the
 * property runs and what a failing case prints.
 */

const str = (value: string) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

function typeCall(type: TypeSpec, name: string | null, used: Set<string>): string {
  const arg = (...rest: string[]) => [...(name === null ? [] : [str(name)]), ...rest].join(', ');
  if (type.kind === 'enum') return `${type.enumName}(${arg()})`;
  used.add(type.kind);
  switch (type.kind) {
    case 'varchar':
    case 'char':
      return `${type.kind}(${arg(String(type.length))})`;
    case 'timestamp':
      return `timestamp(${arg(...(type.withTimezone ? ['{ withTimezone: true }'] : []))})`;
    case 'numeric':
      return `numeric(${arg(String(type.precision), String(type.scale))})`;
    default:
      return `${type.kind}(${arg()})`;
  }
}

function defaultSource(value: DefaultSpec, type: TypeSpec, enums: readonly EnumSpec[], used: Set<string>): string {
  if (value.kind === 'sql') {
    used.add('sql');
    return `sql\`${value.sql}\``;
  }
  if (value.kind === 'enumValue') {
    const spec = enums.find((e) => type.kind === 'enum' && e.name === type.enumName);
    return str(spec?.values[value.index] ?? '');
  }
  return typeof value.value === 'string' ? str(value.value) : String(value.value);
}

function referenceTarget(
  fk: ForeignKeySpec,
  i: number,
  tables: readonly TableSpec[],
  self: TableSpec,
  lazy: boolean,
): string {
  const target = tables.find((t) => t.name === fk.refTable) as TableSpec;
  const column = target.columns.find((c) => c.name === fk.refColumns[i]) as ColumnSpec;
  if (fk.style === 1 || fk.style === 3) return str(`${fk.refTable}.${column.name}`);
  if (!lazy && target === self) return `t.${column.key}`;
  return `${lazy ? '() => ' : ''}${target.key}.${column.key}`;
}

const referential = (fk: ForeignKeySpec) => (fk.onDelete === 'no action' ? [] : [`onDelete: ${str(fk.onDelete)}`]);

function columnSource(table: TableSpec, column: ColumnSpec, schema: SchemaSpec, used: Set<string>): string {
  let code = typeCall(column.type, column.key === column.name ? null : column.name, used);
  const pk = table.primaryKey;
  const inPk = pk?.inline === true && pk.columns[0] === column.name;
  if (inPk) code += pk.autoIncrement ? '.primaryKey({ autoIncrement: true })' : '.primaryKey()';
  if (column.notNull && !inPk) code += '.notNull()';
  if (column.default !== null) code += `.default(${defaultSource(column.default, column.type, schema.enums, used)})`;
  const unique = table.uniques.find((u) => u.inline && u.columns[0] === column.name);
  if (unique !== undefined) code += `.unique(${unique.name === null ? '' : str(unique.name)})`;
  const fk = table.foreignKeys.find((f) => f.style < 2 && f.columns.length === 1 && f.columns[0] === column.name);
  if (fk !== undefined) {
    const options = [...referential(fk), ...(fk.name === null ? [] : [`name: ${str(fk.name)}`])];
    const target = referenceTarget(fk, 0, schema.tables, table, true);
    code += `.references(${target}${options.length === 0 ? '' : `, { ${options.join(', ')} }`})`;
  }
  if (column.comment !== null) code += `.comment(${str(column.comment)})`;
  return `  ${column.key}: ${code},`;
}

function extrasSource(table: TableSpec, schema: SchemaSpec, used: Set<string>): string[] {
  const ref = (name: string) => `t.${(table.columns.find((c) => c.name === name) as ColumnSpec).key}`;
  const refs = (names: readonly string[]) => names.map(ref).join(', ');
  const named = (name: string | null) => (name === null ? '' : str(name));
  const extras: string[] = [];
  const pk = table.primaryKey;
  if (pk !== null && !pk.inline) {
    used.add('primaryKey');
    extras.push(`primaryKey({ columns: [${refs(pk.columns)}]${pk.name === null ? '' : `, name: ${str(pk.name)}`} })`);
  }
  for (const u of table.uniques.filter((x) => !x.inline)) {
    used.add('unique');
    extras.push(`unique(${named(u.name)}).on(${refs(u.columns)})`);
  }
  for (const x of table.indexes) {
    const fn = x.unique ? 'uniqueIndex' : 'index';
    used.add(fn);
    if (x.where !== null) used.add('sql');
    extras.push(`${fn}(${named(x.name)}).on(${refs(x.columns)})${x.where === null ? '' : `.where(sql\`${x.where}\`)`}`);
  }
  for (const fk of table.foreignKeys.filter((f) => f.style >= 2 || f.columns.length > 1)) {
    used.add('foreignKey');
    const foreign = fk.columns.map((_, i) => referenceTarget(fk, i, schema.tables, table, false)).join(', ');
    const options = [`columns: [${refs(fk.columns)}]`, `foreignColumns: [${foreign}]`, ...referential(fk)];
    if (fk.name !== null) options.push(`name: ${str(fk.name)}`);
    extras.push(`foreignKey({ ${options.join(', ')} })`);
  }
  for (const c of table.checks) {
    used.add('check');
    used.add('sql');
    extras.push(`check(${str(c.name)}, sql\`${c.expression}\`)`);
  }
  return extras;
}

function tableSource(table: TableSpec, schema: SchemaSpec, used: Set<string>): string {
  used.add('table');
  const columns = table.columns.map((c) => columnSource(table, c, schema, used));
  const extras = extrasSource(table, schema, used);
  const parts = [`export const ${table.key} = table(${str(table.name)}, {`, ...columns, '}'];
  if (extras.length > 0) parts[parts.length - 1] = `}, (t) => [\n  ${extras.join(',\n  ')},\n]`;
  if (table.comment !== null) parts[parts.length - 1] += `, { comment: ${str(table.comment)} }`;
  return `${parts.join('\n')});`;
}

/** The schema module's source. */
export function schemaSource(schema: SchemaSpec): string {
  const used = new Set<string>();
  const enums = schema.enums.map(
    (e) => `export const ${e.name} = enumType(${str(e.name)}, [${e.values.map(str).join(', ')}]);`,
  );
  if (enums.length > 0) used.add('enumType');
  const tables = schema.tables.map((t) => tableSource(t, schema, used));
  const imports = `import { ${[...used].sort().join(', ')} } from 'kiln';`;
  return `${[imports, '', ...enums, '', ...tables.flatMap((t) => [t, ''])].join('\n')}`;
}
