/**
 * Schema modules → the neutral SchemaModel: every exported table definition,
 * the enum types they use (and exported ones), with foreign keys checked
 * against the other tables. Deterministic: sorted, named, deep-frozen.
 */
import { describeTable, enumProblem, schemaError } from './build-column.js';
import { tableFromDefinition } from './build-table.js';
import { enumTypeOf, type EnumTypeBuilder, isEnumTypeBuilder } from './dsl/enum-type.js';
import { isTableDefinition, type TableDefinition, tableSpecOf } from './dsl/table.js';
import { type EnumType, freezeDeep, namedEnumOf, qualifiedName, type SchemaModel, type Table } from './model.js';
import { checkSharedNames, type SharedNamespaces, TABLE_SCOPED_NAMES } from './namespaces.js';
import { type NamingConvention, namingConvention } from './naming.js';

export { columnFromBuilder, type ColumnLocation } from './build-column.js';
export { tableFromDefinition } from './build-table.js';

/** Options of `buildSchemaModel`. */
export interface BuildSchemaOptions {
  /** Rules replacing the default naming convention's (pk_/uq_/ix_/fk_…). */
  readonly naming?: Partial<NamingConvention>;
  /**
   * The names the target database keeps in a namespace wider than a table
   * (its `capabilities.sharedNamespaces`); a model reusing one across tables
   * is refused. Default: none (names need only differ within their table).
   */
  readonly sharedNamespaces?: SharedNamespaces;
  /**
   * Tables already in model form, declared outside kiln's DSL (drizzle-orm
   * tables, see schema/drizzle/): they join the DSL's tables, named as they
   * are. Default: none.
   */
  readonly tables?: readonly Table[];
  /** Enum types declared outside the DSL (drizzle's exported pgEnums). Default: none. */
  readonly enums?: readonly EnumType[];
}

/** A value found in a schema module, with the export name it was found under. */
interface Found<T> {
  readonly value: T;
  readonly exportName: string;
}

function collect(moduleExports: readonly unknown[]): {
  tables: Found<TableDefinition>[];
  enums: Found<EnumTypeBuilder>[];
} {
  const tables: Found<TableDefinition>[] = [];
  const enums: Found<EnumTypeBuilder>[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, exportName: string): void => {
    if (seen.has(value)) return; // the same object re-exported from several modules
    if (isTableDefinition(value)) tables.push({ value, exportName });
    else if (isEnumTypeBuilder(value)) enums.push({ value, exportName });
    else return;
    seen.add(value);
  };
  moduleExports.forEach((moduleValue, i) => {
    if (isTableDefinition(moduleValue) || isEnumTypeBuilder(moduleValue)) {
      visit(moduleValue, `#${i}`);
    } else if (typeof moduleValue === 'object' && moduleValue !== null) {
      for (const [exportName, value] of Object.entries(moduleValue)) visit(value, exportName);
    }
  });
  return { tables, enums };
}

function buildTables(
  found: readonly Found<TableDefinition>[],
  naming: NamingConvention,
  built: readonly Table[],
): Table[] {
  const byName = new Map<string, string>();
  const tables: Table[] = [];
  const entries = [
    ...found.map(({ value, exportName }) => ({ key: describeTable(tableKey(tableSpecOf(value))), exportName, value })),
    ...built.map((table) => ({
      key: qualifiedName(table),
      exportName: `${qualifiedName(table)} (drizzle)`,
      value: table,
    })),
  ];
  for (const { key, exportName, value } of entries) {
    const other = byName.get(key);
    if (other !== undefined) {
      schemaError(
        'schema.duplicate-table',
        `Two tables are named "${key}" (exports "${other}" and "${exportName}")`,
        'Rename one of them, or export the table once.',
        { table: key, exports: [other, exportName] },
      );
    }
    byName.set(key, exportName);
    tables.push(isTableDefinition(value) ? tableFromDefinition(value, naming) : value);
  }
  return tables;
}

function tableKey(spec: { readonly schema: string | null; readonly name: string }) {
  return { schema: spec.schema, table: spec.name };
}

function checkForeignKeys(tables: readonly Table[]): void {
  const byName = new Map(tables.map((t) => [qualifiedName(t), t]));
  for (const table of tables) {
    for (const fk of table.foreignKeys) {
      const target = qualifiedName({ schema: fk.referencedSchema, name: fk.referencedTable });
      const where = `Foreign key "${fk.name}" of table "${qualifiedName(table)}" (${fk.columns.join(', ')})`;
      const referenced = byName.get(target);
      if (referenced === undefined) {
        schemaError(
          'schema.unknown-reference',
          `${where} references table "${target}", which no schema module exports`,
          'Export the referenced table from a schema module, or fix the reference.',
          { table: qualifiedName(table), foreignKey: fk.name, referencedTable: target },
        );
      }
      const missing = fk.referencedColumns.find((c) => !referenced.columns.some((col) => col.name === c));
      if (missing !== undefined) {
        schemaError(
          'schema.unknown-reference',
          `${where} references column "${target}.${missing}", which does not exist`,
          `"${target}" has: ${referenced.columns.map((c) => c.name).join(', ')}.`,
          { table: qualifiedName(table), foreignKey: fk.name, referencedColumn: missing },
        );
      }
    }
  }
}

function addEnum(enums: Map<string, EnumType>, value: EnumType, source: string): void {
  const problem = enumProblem(value.name, value.values);
  if (problem !== null)
    schemaError(
      'schema.invalid-enum',
      `${source}: ${problem}`,
      'Give the enum type a name and distinct, non-empty string values.',
    );
  const key = qualifiedName(value);
  const known = enums.get(key);
  if (known === undefined) {
    enums.set(key, { schema: value.schema, name: value.name, values: [...value.values] });
  } else if (known.values.join('\u0000') !== value.values.join('\u0000')) {
    schemaError(
      'schema.enum-conflict',
      `Enum type "${key}" is declared twice with different values (${source})`,
      'Declare it once with enumType() and reuse that value.',
      { enum: key, values: [known.values, value.values] },
    );
  }
}

function collectEnums(
  tables: readonly Table[],
  exported: readonly Found<EnumTypeBuilder>[],
  built: readonly EnumType[],
): EnumType[] {
  const enums = new Map<string, EnumType>();
  for (const { value, exportName } of exported) addEnum(enums, enumTypeOf(value), `export "${exportName}"`);
  for (const value of built) addEnum(enums, value, `enum "${qualifiedName(value)}"`);
  for (const table of tables) {
    for (const column of table.columns) {
      const type = column.type.kind === 'array' ? column.type.element : column.type;
      const named = namedEnumOf(type);
      if (named !== null) addEnum(enums, named, `column "${qualifiedName(table)}.${column.name}"`);
    }
  }
  return [...enums.values()];
}

const byQualifiedName = (
  a: { schema: string | null; name: string },
  b: { schema: string | null; name: string },
): number => {
  const [x, y] = [qualifiedName(a), qualifiedName(b)];
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * Builds the schema model from schema module namespaces (`await import(…)`),
 * or from table definitions and enum types given directly. Throws a
 * SchemaError naming the table or column for a mistake in the schema.
 *
 * @example
 * const model = buildSchemaModel([await import('./src/schema.ts')], { naming: { index: 'idx_{table}_{columns}' } });
 * buildSchemaModel([schema], { sharedNamespaces: dialect.capabilities.sharedNamespaces });
 */
export function buildSchemaModel(moduleExports: readonly unknown[], options: BuildSchemaOptions = {}): SchemaModel {
  const naming = namingConvention(options.naming);
  const found = collect(moduleExports);
  const tables = buildTables(found.tables, naming, options.tables ?? []);
  checkForeignKeys(tables);
  const enums = collectEnums(tables, found.enums, options.enums ?? []);
  const model = freezeDeep({ tables: [...tables].sort(byQualifiedName), enums: enums.sort(byQualifiedName) });
  checkSharedNames(model, options.sharedNamespaces ?? TABLE_SCOPED_NAMES);
  return model;
}
