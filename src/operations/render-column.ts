import { assertNever } from '../util/assert-never.js';
import { OperationError } from '../errors.js';
import {
  type Column,
  type ColumnType,
  type DefaultValue,
  type EnumType,
  type ForeignKey,
  isTextType,
  isUnsigned,
  type ReferentialAction,
} from '../schema/model.js';
import { type ImportSet, objectLiteral, sqlTemplate, stringArray, valueLiteral } from './render-source.js';
import { tsString } from '../util/escape.js';

/** An enum column type. */
export type EnumColumnType = Extract<ColumnType, { readonly kind: 'enum' }>;

/**
 * How rendered DSL names what it points at. Revision files key columns by
 * their names and spell references as `'table.column'` strings
 * (`REVISION_SPELLING`); a schema module (`kiln pull`) keys them in
 * camelCase, passes the column name to the builder where the key differs,
 * points references at table constants through thunks and uses its exported
 * enum types.
 */
export interface Spelling {
  /** The property key of a column (before `propertyKey` quoting). */
  readonly key: (column: string) => string;
  /** What `.references()` / `foreignColumns` hold for one referenced column of `fk`. */
  readonly reference: (fk: ForeignKey, column: string) => string;
  /** The identifier of an exported `enumType` builder for `type`, or undefined to spell it inline. */
  readonly enumType?: (type: EnumColumnType) => string | undefined;
}

/** Revision files' spelling: keys are column names, references `'table.column'` strings. */
export const REVISION_SPELLING: Spelling = Object.freeze({
  key: (column: string) => column,
  reference: referenceTarget,
});

/**
 * A column type as the DSL builder call that makes it: `varchar(30)`,
 * `timestamp({ withTimezone: true })`, `enumType('mood', ['a', 'b'])()`;
 * with `columnName`, the builder names the column: `varchar('user_name', 30)`.
 */
export function renderType(
  type: ColumnType,
  imports: ImportSet,
  columnName?: string,
  spelling: Spelling = REVISION_SPELLING,
): string {
  const base = renderBaseType(type, imports, columnName, spelling);
  const source = isUnsigned(type) ? `${base}.unsigned()` : base;
  return isTextType(type) && type.collation !== undefined ? `${source}.collate(${tsString(type.collation)})` : source;
}

function renderBaseType(
  type: ColumnType,
  imports: ImportSet,
  columnName: string | undefined,
  spelling: Spelling,
): string {
  const named = columnName === undefined ? [] : [tsString(columnName)];
  const use = (name: string, args = '') => {
    imports.add(name);
    return `${name}(${[...named, ...(args === '' ? [] : [args])].join(', ')})`;
  };
  switch (type.kind) {
    case 'varchar':
      return use('varchar', type.length === null ? '' : String(type.length));
    case 'char':
      return use('char', String(type.length));
    case 'timestamp':
      return use(
        'timestamp',
        objectLiteral([
          ...(type.withTimezone ? [['withTimezone', 'true'] as [string, string]] : []),
          ...(type.precision === undefined ? [] : [['precision', String(type.precision)] as [string, string]]),
        ]),
      );
    case 'time':
      return use('time', type.precision === undefined ? '' : `{ precision: ${type.precision} }`);
    case 'numeric': {
      const args = type.precision === null ? [] : type.scale === null ? [type.precision] : [type.precision, type.scale];
      return use('numeric', args.join(', '));
    }
    case 'enum': {
      const { name, values, schema } = type;
      if (name === null) return use('inlineEnum', stringArray(values));
      const builder = spelling.enumType?.(type);
      if (builder !== undefined) return `${builder}(${named.join('')})`;
      return `${enumTypeCall({ name, values, schema }, imports)}(${named.join('')})`;
    }
    case 'array':
      return `${renderType(type.element, imports, columnName, spelling)}.array()`;
    case 'raw':
      return use('rawType', tsString(type.sql));
    case 'integer':
    case 'bigint':
    case 'smallint':
    case 'tinyint':
    case 'mediumint':
    case 'text':
    case 'boolean':
    case 'date':
    case 'real':
    case 'double':
    case 'json':
    case 'uuid':
    case 'binary':
      return use(type.kind);
    default:
      return assertNever(type, 'column type');
  }
}

/** `enumType('mood', ['a', 'b'], { schema: 'app' })`: the declaration of an enum type. */
export function enumTypeCall(type: Pick<EnumType, 'name' | 'values' | 'schema'>, imports: ImportSet): string {
  imports.add('enumType');
  const options = type.schema === null ? '' : `, { schema: ${tsString(type.schema)} }`;
  return `enumType(${tsString(type.name)}, ${stringArray(type.values)}${options})`;
}

/** A default as `.default()` takes it (and as alterColumn's `default:` does). */
export function renderDefault(value: DefaultValue | null, imports: ImportSet): string {
  if (value === null) return 'null';
  return value.kind === 'sql' ? sqlTemplate(value.sql, imports) : valueLiteral(value.value);
}

/** `'con_user.id'` / `'app.con_user.id'`: the string form `.references()` and `foreignKey()` accept. */
export function referenceTarget(fk: ForeignKey, column: string): string {
  return tsString([fk.referencedSchema, fk.referencedTable, column].filter((p) => p !== null).join('.'));
}

/** `{ onDelete: 'cascade' }` entries, leaving out the default `'no action'`. */
export function referentialEntries(fk: Pick<ForeignKey, 'onDelete' | 'onUpdate'>): [string, string][] {
  const entries: [string, string][] = [];
  const add = (key: string, action: ReferentialAction) => {
    if (action !== 'no action') entries.push([key, tsString(action)]);
  };
  add('onDelete', fk.onDelete);
  add('onUpdate', fk.onUpdate);
  return entries;
}

/** Constraints written on the column itself inside createTable (or `table()`). */
export interface InlineConstraints {
  /** Write `.primaryKey()`. */
  readonly primaryKey: boolean;
  /** Write `.unique()`: '' for the convention's name, else the name. null = no unique. */
  readonly unique: string | null;
  /** Write `.references()`; `name` '' = the convention's name. */
  readonly references: { readonly foreignKey: ForeignKey; readonly name: string } | null;
}

const NO_INLINE: InlineConstraints = { primaryKey: false, unique: null, references: null };

/**
 * A column as the builder chain a person writes:
 * `varchar(120).notNull().default('')`, `integer().primaryKey({ autoIncrement: true })`.
 * An auto-increment column outside an inline primary key is `serial()` / `bigserial()`.
 *
 * @throws OperationError for an auto-increment column of another type, which the DSL cannot spell.
 */
export function renderColumn(
  column: Column,
  imports: ImportSet,
  inline: InlineConstraints = NO_INLINE,
  spelling: Spelling = REVISION_SPELLING,
): string {
  const always = column.autoIncrement && column.identity === 'always';
  const serial = column.autoIncrement && !inline.primaryKey && !always;
  const name = spelling.key(column.name) === column.name ? undefined : column.name;
  let source = serial ? serialType(column, imports, name) : renderType(column.type, imports, name, spelling);
  if (always) source += '.generatedAlwaysAsIdentity()';
  if (column.generated !== undefined) {
    const stored = column.generated.stored ? ', { stored: true }' : '';
    source += `.generatedAs(${sqlTemplate(column.generated.expression, imports)}${stored})`;
  }
  if (inline.primaryKey)
    source += column.autoIncrement && !always ? '.primaryKey({ autoIncrement: true })' : '.primaryKey()';
  else if (!column.nullable && !serial && !always) source += '.notNull()';
  if (inline.unique !== null) source += `.unique(${inline.unique === '' ? '' : tsString(inline.unique)})`;
  if (column.default !== null) source += `.default(${renderDefault(column.default, imports)})`;
  if (inline.references !== null) {
    const { foreignKey, name } = inline.references;
    const entries = referentialEntries(foreignKey);
    if (name !== '') entries.push(['name', tsString(name)]);
    const options = objectLiteral(entries);
    const target = spelling.reference(foreignKey, foreignKey.referencedColumns[0] ?? column.name);
    source += `.references(${target}${options === '' ? '' : `, ${options}`})`;
  }
  if (column.comment !== null) source += `.comment(${tsString(column.comment)})`;
  return source;
}

function serialType(column: Column, imports: ImportSet, columnName: string | undefined): string {
  if (column.type.kind === 'integer' || column.type.kind === 'bigint') {
    const name = column.type.kind === 'integer' ? 'serial' : 'bigserial';
    imports.add(name);
    const call = `${name}(${columnName === undefined ? '' : tsString(columnName)})`;
    return isUnsigned(column.type) ? `${call}.unsigned()` : call;
  }
  throw new OperationError(
    'operation.render',
    `column ${column.name}: the DSL has no auto-increment ${column.type.kind} outside a primary key`,
    {
      hint: 'make it integer or bigint, or write this operation by hand',
      data: { column: column.name, type: column.type.kind },
    },
  );
}
