/**
 * Column builder → model `Column`, with the checks that catch DSL mistakes
 * early (a bad length, an auto-increment text column) and name the culprit.
 */
import { SchemaError } from '../errors.js';
import { type ColumnSpec, isColumnBuilder } from './dsl/column-builder.js';
import { isEnumTypeBuilder } from './dsl/enum-type.js';
import {
  type Column,
  type ColumnType,
  type DefaultValue,
  isIntegerType,
  isTextType,
  precisionOf,
  type ReferentialAction,
} from './model.js';

/** Where a column is declared: used in messages. */
export interface ColumnLocation {
  readonly schema: string | null;
  readonly table: string;
}

/** `schema.table` or `table`. */
export function describeTable(location: ColumnLocation): string {
  return location.schema === null ? location.table : `${location.schema}.${location.table}`;
}

/** Throws a SchemaError; kept in one place so every DSL error has the same shape. */
export function schemaError(code: string, message: string, hint: string, data: Record<string, unknown> = {}): never {
  throw new SchemaError(code, message, { hint, data });
}

/**
 * Checks a table, column, schema, constraint or index name is a non-empty
 * string. Its length is the dialect's to judge (`checkIdentifierLengths` in
 * dialects/), since the limit and its unit differ per database.
 */
export function checkIdentifier(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    schemaError(
      'schema.invalid-name',
      `${what} has no name (got ${JSON.stringify(value) ?? String(value)})`,
      'Give it a non-empty string name.',
    );
  }
  return value;
}

const isPositiveInteger = (value: unknown): boolean => Number.isInteger(value) && (value as number) > 0;

/** Returns a message describing what is wrong with a column type, or null. */
function typeProblem(type: ColumnType): string | null {
  // `.collate()`/`.unsigned()` record on any type; only the character/integer types take them.
  const recorded: { readonly kind: string; readonly collation?: unknown; readonly unsigned?: unknown } = type;
  if ('unsigned' in recorded && !isIntegerType(type))
    return `a ${type.kind} column cannot be unsigned (.unsigned() is for integer types)`;
  if ('collation' in recorded) {
    const collation = recorded.collation;
    if (!isTextType(type)) return `a ${type.kind} column has no collation (.collate() is for varchar, char and text)`;
    if (typeof collation !== 'string' || collation.trim() === '')
      return `collation ${JSON.stringify(collation) ?? String(collation)} is not a non-empty string`;
  }
  const precision = precisionOf(type);
  if (precision !== undefined && !(Number.isInteger(precision) && precision >= 0 && precision <= 6))
    return `${type.kind} precision ${String(precision)} is not an integer from 0 to 6`;
  switch (type.kind) {
    case 'varchar':
      return type.length === null || isPositiveInteger(type.length)
        ? null
        : `varchar length ${String(type.length)} is not a positive integer`;
    case 'char':
      return isPositiveInteger(type.length) ? null : `char length ${String(type.length)} is not a positive integer`;
    case 'numeric':
      return numericProblem(type.precision, type.scale);
    case 'enum':
      return enumProblem(type.name ?? INLINE_ENUM_LABEL, type.values);
    case 'array':
      return typeProblem(type.element);
    case 'raw':
      return typeof type.sql === 'string' && type.sql.trim() !== '' ? null : 'rawType() needs a non-empty SQL type';
    default:
      return null;
  }
}

function numericProblem(precision: number | null, scale: number | null): string | null {
  if (precision !== null && !isPositiveInteger(precision))
    return `numeric precision ${String(precision)} is not a positive integer`;
  if (scale === null) return null;
  if (precision === null) return 'numeric scale given without a precision';
  if (!Number.isInteger(scale) || scale < 0) return `numeric scale ${String(scale)} is not a non-negative integer`;
  return scale > precision ? `numeric scale ${scale} is larger than its precision ${precision}` : null;
}

/** How messages name an inline enum, which has no name of its own. */
const INLINE_ENUM_LABEL = 'inline';

/** Returns a message describing what is wrong with an enum's name or values, or null. */
export function enumProblem(name: unknown, values: readonly unknown[]): string | null {
  if (typeof name !== 'string' || name.length === 0) return 'enum type has no name';
  if (!Array.isArray(values) || values.length === 0) return `enum type "${name}" has no values`;
  const bad = values.find((v) => typeof v !== 'string' || v.length === 0);
  if (bad !== undefined)
    return `enum type "${name}" has a value that is not a non-empty string: ${JSON.stringify(bad)}`;
  const duplicate = values.find((v, i) => values.indexOf(v) !== i);
  return duplicate === undefined ? null : `enum type "${name}" lists "${String(duplicate)}" twice`;
}

function checkDefault(value: DefaultValue | null, where: string): DefaultValue | null {
  if (value === null || value.kind === 'sql') return value;
  const literal: unknown = value.value;
  const ok =
    typeof literal === 'string' ||
    typeof literal === 'boolean' ||
    (typeof literal === 'number' && Number.isFinite(literal));
  if (!ok) {
    schemaError(
      'schema.invalid-default',
      `Column ${where} has an unsupported default ${String(literal)}`,
      'Use a string, a finite number, a boolean, or sql`…` for an expression.',
    );
  }
  return value;
}

/**
 * Turns one column builder into a model Column. `nullable` is false when the
 * builder says notNull, primaryKey or autoIncrement; a table-level primary key
 * is applied by the table builder.
 *
 * @example columnFromBuilder(varchar(120).notNull(), 'email', { schema: null, table: 'con_user' })
 */
export function columnFromBuilder(builder: unknown, name: string, location: ColumnLocation): Column {
  const where = `"${describeTable(location)}.${String(name)}"`;
  if (!isColumnBuilder(builder)) {
    const hint = isEnumTypeBuilder(builder)
      ? 'Call the enum type to make a column: `feeling: mood()`.'
      : 'Use a column type builder such as integer() or varchar(30).';
    schemaError('schema.invalid-column', `Column ${where} is not a column builder`, hint, {
      table: location.table,
      column: name,
    });
  }
  checkIdentifier(name, `Column of table "${describeTable(location)}"`);
  const spec = builder.spec;
  const problem = typeProblem(spec.type);
  if (problem !== null) {
    schemaError(
      'schema.invalid-column',
      `Column ${where}: ${problem}`,
      'Fix the arguments of the column type builder.',
      {
        table: location.table,
        column: name,
      },
    );
  }
  if (spec.autoIncrement && !isIntegerType(spec.type)) {
    schemaError(
      'schema.invalid-column',
      `Column ${where} is auto-increment but of type ${spec.type.kind}`,
      'Only integer types (integer, bigint, smallint, tinyint, mediumint) can auto-increment.',
    );
  }
  if (spec.generated !== null) checkGenerated(spec.generated, spec, where, location, name);
  if (spec.comment !== null && typeof spec.comment !== 'string') {
    schemaError(
      'schema.invalid-column',
      `Column ${where} has a comment that is not a string`,
      'Pass a string to .comment().',
    );
  }
  return {
    name,
    type: spec.type,
    nullable: !(spec.notNull || spec.primaryKey || spec.autoIncrement),
    default: checkDefault(spec.default, where),
    autoIncrement: spec.autoIncrement,
    comment: spec.comment,
    ...(spec.identityAlways ? { identity: 'always' as const } : {}),
    ...(spec.generated === null ? {} : { generated: { ...spec.generated } }),
  };
}

/** A generated column has a non-empty expression, no default and no auto-increment. */
function checkGenerated(
  generated: NonNullable<ColumnSpec['generated']>,
  spec: ColumnSpec,
  where: string,
  location: ColumnLocation,
  name: string,
): void {
  const problem =
    typeof generated.expression !== 'string' || generated.expression.trim() === ''
      ? 'has an empty generation expression'
      : spec.default !== null
        ? 'is generated and has a default'
        : spec.autoIncrement
          ? 'is generated and auto-increment'
          : null;
  if (problem !== null) {
    schemaError(
      'schema.invalid-column',
      `Column ${where} ${problem}`,
      'A generated column takes its values from its expression: give it sql`…` and no default or auto-increment.',
      { table: location.table, column: name },
    );
  }
}

const ACTIONS: readonly ReferentialAction[] = ['no action', 'restrict', 'cascade', 'set null', 'set default'];

/** Checks an ON DELETE/ON UPDATE action (any case); undefined means `'no action'`. */
export function referentialAction(value: unknown, what: string): ReferentialAction {
  if (value === undefined || value === null) return 'no action';
  const normalized =
    typeof value === 'string'
      ? value
          .toLowerCase()
          .replace(/[\s_]+/g, ' ')
          .trim()
      : '';
  const action = ACTIONS.find((a) => a === normalized);
  if (action === undefined) {
    schemaError(
      'schema.invalid-action',
      `${what} has an unknown referential action ${JSON.stringify(value)}`,
      `Use one of: ${ACTIONS.map((a) => `'${a}'`).join(', ')}.`,
    );
  }
  return action;
}
