/**
 * A schema model as a schema module in kiln's DSL (`kiln pull`): one file,
 * or one file per table with an index re-exporting them all. Columns,
 * constraints and indexes are rendered by the same code that writes
 * `op.createTable` in revision files, spelled for a module: camelCase keys,
 * references as thunks to the table constants (so mutual and cross-file
 * references work), enum types as exported constants.
 */
import type { EnumColumnType, Spelling } from '../operations/render-column.js';
import { type ImportSet, memberAccess } from '../operations/render-source.js';
import { enumTypeCall, referenceTarget } from '../operations/render-column.js';
import { renderTableParts, tableCallTail, tableOptionsLiteral } from '../operations/render-table.js';
import type { NamingConvention } from '../schema/naming.js';
import { type EnumType, type ForeignKey, qualifiedName, type SchemaModel, type Table } from '../schema/model.js';
import { tsString } from '../util/escape.js';
import { modelEnums, type SchemaIdentifiers, schemaIdentifiers } from './schema-identifiers.js';

const HEADER = [
  '// Written by `kiln pull` from the database. Edit it freely: `kiln check` compares it with the database,',
  '// `kiln migrate` writes a revision for each change you make.',
].join('\n');

/** One file of a rendered schema module: its name (relative to the output folder) and text. */
export interface SchemaModuleFile {
  readonly file: string;
  readonly source: string;
}

interface Rendered {
  readonly source: string;
  /** Table constants the text points at (thunks), by qualified table name. */
  readonly tables: ReadonlySet<string>;
  readonly enums: ReadonlySet<string>;
}

function importLine(imports: ImportSet): string {
  const names = [...imports].sort();
  const line = `import { ${names.join(', ')} } from 'kiln';`;
  return line.length <= 100 ? line : `import {\n${names.map((name) => `  ${name},\n`).join('')}} from 'kiln';`;
}

/** How the target database stores what the module declares. */
export interface ModuleRenderOptions {
  /** The project's naming convention: names it gives are left out. */
  readonly naming?: Partial<NamingConvention>;
  /** The database keeps primary key names (false on MySQL, where each is `PRIMARY`). Default: true. */
  readonly primaryKeyNames?: boolean;
}

function renderEnum(type: EnumType, names: SchemaIdentifiers, imports: ImportSet): string {
  const name = names.enumType(type.schema, type.name) as string;
  return `export const ${name} = ${enumTypeCall(type, imports)};`;
}

function renderTable(
  table: Table,
  names: SchemaIdentifiers,
  tables: SchemaModel['tables'],
  imports: ImportSet,
  options: ModuleRenderOptions,
): Rendered {
  const usedTables = new Set<string>();
  const usedEnums = new Set<string>();
  const spelling: Spelling = {
    key: (column) => names.columnKey(table, column),
    reference: (fk: ForeignKey, column: string) => {
      const target = tables.find((t) => t.name === fk.referencedTable && t.schema === fk.referencedSchema);
      const constant = names.table(fk.referencedSchema, fk.referencedTable);
      // A table left out of the pull (include/exclude) has no constant: its string form still names it.
      if (target === undefined || constant === undefined) return referenceTarget(fk, column);
      usedTables.add(qualifiedName(target));
      return `() => ${memberAccess(constant, names.columnKey(target, column))}`;
    },
    enumType: (type: EnumColumnType) => {
      if (type.name === null) return undefined;
      const constant = names.enumType(type.schema, type.name);
      if (constant !== undefined) usedEnums.add(qualifiedName({ schema: type.schema, name: type.name }));
      return constant;
    },
  };
  imports.add('table');
  const parts = renderTableParts(table, imports, options.naming ?? {}, spelling, options.primaryKeyNames ?? true);
  const constant = names.table(table.schema, table.name) as string;
  const head = `export const ${constant} = table(${tsString(table.name)}, `;
  return {
    source: tableCallTail(head, parts, tableOptionsLiteral(table), ';', ''),
    tables: usedTables,
    enums: usedEnums,
  };
}

/**
 * The whole model as one module: the DSL import, the enum types, then the
 * tables in the model's order.
 *
 * @example writeFileSync('src/schema.ts', renderSchemaModule(model, { naming: config.naming }));
 */
export function renderSchemaModule(model: SchemaModel, options: ModuleRenderOptions = {}): string {
  const names = schemaIdentifiers(model);
  const imports: ImportSet = new Set();
  const enums = modelEnums(model).map((type) => renderEnum(type, names, imports));
  const tables = model.tables.map((table) => renderTable(table, names, model.tables, imports, options).source);
  const body = [...(enums.length === 0 ? [] : [enums.join('\n')]), ...tables];
  return `${HEADER}\n${importLine(imports)}\n\n${body.join('\n\n')}\n`;
}

/**
 * The model as one module per table (named after its constant), `enums.ts`
 * for the enum types, and `index.ts` re-exporting them all, which is what
 * the config's `schema` names. A table's file imports the constants its
 * references point at; cycles between files are fine in ESM, as the thunks
 * run only after every module has loaded.
 */
export function renderSchemaModules(model: SchemaModel, options: ModuleRenderOptions = {}): SchemaModuleFile[] {
  const names = schemaIdentifiers(model);
  const files: SchemaModuleFile[] = [];
  const stems = new Set(['index', 'enums']);
  const fileOf = new Map<string, string>();
  for (const table of model.tables) {
    const constant = names.table(table.schema, table.name) as string;
    // Distinct even on a case-insensitive file system.
    let stem = constant;
    for (let i = 2; stems.has(stem.toLowerCase()); i++) stem = `${constant}_${i}`;
    stems.add(stem.toLowerCase());
    fileOf.set(qualifiedName(table), stem);
  }
  const enumTypes = modelEnums(model);
  if (enumTypes.length > 0) {
    const imports: ImportSet = new Set();
    const lines = enumTypes.map((type) => renderEnum(type, names, imports));
    files.push({ file: 'enums.ts', source: `${HEADER}\n${importLine(imports)}\n\n${lines.join('\n')}\n` });
  }
  for (const table of model.tables) {
    const imports: ImportSet = new Set();
    const rendered = renderTable(table, names, model.tables, imports, options);
    const own = qualifiedName(table);
    const local = [...rendered.tables]
      .filter((name) => name !== own)
      .sort()
      .map((name) => {
        const target = model.tables.find((t) => qualifiedName(t) === name) as Table;
        const constant = names.table(target.schema, target.name) as string;
        return `import { ${constant} } from './${fileOf.get(name)}.js';`;
      });
    if (rendered.enums.size > 0) {
      const constants = [...rendered.enums].map((name) => {
        const type = enumTypes.find((e) => qualifiedName(e) === name) as EnumType;
        return names.enumType(type.schema, type.name) as string;
      });
      local.unshift(`import { ${constants.sort().join(', ')} } from './enums.js';`);
    }
    const head = [HEADER, importLine(imports), ...local].join('\n');
    files.push({ file: `${fileOf.get(own)}.ts`, source: `${head}\n\n${rendered.source}\n` });
  }
  const reexports = files.map((f) => `export * from './${f.file.replace(/\.ts$/, '.js')}';`);
  files.push({ file: 'index.ts', source: `${HEADER}\n${reexports.join('\n')}\n` });
  return files;
}
