import { assertNever } from '../util/assert-never.js';
import { OperationError } from '../errors.js';
import {
  type Column,
  type ColumnType,
  type DefaultValue,
  type ForeignKey,
  isTextType,
  isUnsigned,
  type ReferentialAction,
} from '../schema/model.js';
import { type ImportSet, objectLiteral, sqlTemplate, stringArray, valueLiteral } from './render-source.js';
import { tsString } from '../util/escape.js';

/**
 * A column type as the DSL builder call that makes it: `varchar(30)`,
 * `timestamp({ withTimezone: true })`, `enumType('mood', ['a', 'b'])()`.
 */
export function renderType(type: ColumnType, imports: ImportSet): string {
  const base = renderBaseType(type, imports);
  const source = isUnsigned(type) ? `${base}.unsigned()` : base;
  return isTextType(type) && type.collation !== undefined ? `${source}.collate(${tsString(type.collation)})` : source;
}

function renderBaseType(type: ColumnType, imports: ImportSet): string {
  const use = (name: string, args = '') => {
    imports.add(name);
    return `${name}(${args})`;
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
      if (type.name === null) return use('inlineEnum', stringArray(type.values));
      const options = type.schema === null ? '' : `, { schema: ${tsString(type.schema)} }`;
      return `${use('enumType', `${tsString(type.name)}, ${stringArray(type.values)}${options}`)}()`;
    }
    case 'array':
      return `${renderType(type.element, imports)}.array()`;
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

/** Constraints written on the column itself inside createTable. */
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
export function renderColumn(column: Column, imports: ImportSet, inline: InlineConstraints = NO_INLINE): string {
  const always = column.autoIncrement && column.identity === 'always';
  const serial = column.autoIncrement && !inline.primaryKey && !always;
  let source = serial ? serialType(column, imports) : renderType(column.type, imports);
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
    const target = referenceTarget(foreignKey, foreignKey.referencedColumns[0] ?? column.name);
    source += `.references(${target}${options === '' ? '' : `, ${options}`})`;
  }
  if (column.comment !== null) source += `.comment(${tsString(column.comment)})`;
  return source;
}

function serialType(column: Column, imports: ImportSet): string {
  if (column.type.kind === 'integer' || column.type.kind === 'bigint') {
    const name = column.type.kind === 'integer' ? 'serial' : 'bigserial';
    imports.add(name);
    return isUnsigned(column.type) ? `${name}().unsigned()` : `${name}()`;
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
