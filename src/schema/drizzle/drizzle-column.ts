/**
 * One drizzle column → a model `Column`. The type is read from the SQL type
 * drizzle itself writes (`column.getSQLType()`), by the target database's
 * own type reader (the one its introspector uses), so a drizzle column gets
 * exactly the type drizzle-kit would create; enums, arrays and serials, which
 * drizzle spells as more than a type, are read from the column.
 */
import { schemaError } from '../build-column.js';
import type { Column, ColumnType, DefaultValue } from '../model.js';
import type { DrizzleCore } from './drizzle-exports.js';
import type { DrizzleColumn, DrizzleRuntime } from './drizzle-runtime.js';

/** What the target database contributes to reading drizzle tables (see `Dialect.drizzle`). */
export interface DrizzleTarget {
  /** The drizzle core whose tables describe this database. */
  readonly core: DrizzleCore;
  /** The portable type of a type as this database spells it (`varchar(30)`, `int unsigned`, `jsonb`). */
  readType(sql: string, place: { readonly table: string; readonly column: string }): ColumnType;
}

/** Serial columns, by drizzle column class: an integer type with auto-increment. */
const SERIALS: Readonly<Record<string, ColumnType>> = {
  PgSerial: { kind: 'integer' },
  PgSmallSerial: { kind: 'smallint' },
  PgBigSerial53: { kind: 'bigint' },
  PgBigSerial64: { kind: 'bigint' },
  // MySQL's SERIAL is BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE (the unique key: see drizzle-table.ts).
  MySqlSerial: { kind: 'bigint', unsigned: true },
};

/** True for MySQL `serial()`, whose alias also makes a unique key named after the column. */
export function isMysqlSerial(column: DrizzleColumn): boolean {
  return column.columnType === 'MySqlSerial';
}

/** Where a column is, for messages: `"users.email"` (drizzle's table name). */
export function columnLabel(table: string, column: DrizzleColumn | string): string {
  return `"${table}.${typeof column === 'string' ? column : column.name}"`;
}

function unsupported(table: string, column: DrizzleColumn, what: string, hint: string): never {
  return schemaError('schema.drizzle-unsupported', `Drizzle column ${columnLabel(table, column)} ${what}`, hint, {
    table,
    column: column.name,
  });
}

function columnType(column: DrizzleColumn, table: string, target: DrizzleTarget): ColumnType {
  const serial = SERIALS[column.columnType];
  if (serial !== undefined) return serial;
  if (column.enum !== undefined) {
    const { enumName, enumValues, schema } = column.enum;
    return { kind: 'enum', name: enumName, values: [...enumValues], schema: schema ?? null };
  }
  if (column.baseColumn !== undefined) {
    return { kind: 'array', element: columnType(column.baseColumn, table, target) };
  }
  return target.readType(column.getSQLType(), { table, column: column.name });
}

/** A default value drizzle-kit would write, as the model keeps it: the driver value of a JS default, or `sql`. */
function defaultOf(column: DrizzleColumn, table: string, runtime: DrizzleRuntime): DefaultValue | null {
  const value = column.default;
  if (value === undefined || value === null) return null;
  if (runtime.isSql(value)) return { kind: 'sql', sql: runtime.sqlText(value) };
  // A Date, an object for a json column, a boolean in an integer column: as drizzle hands it to the driver.
  const driverValue = column.mapToDriverValue(value);
  if (typeof driverValue === 'string' || typeof driverValue === 'boolean')
    return { kind: 'literal', value: driverValue };
  if (typeof driverValue === 'number' && Number.isFinite(driverValue)) return { kind: 'literal', value: driverValue };
  if (typeof driverValue === 'bigint') return { kind: 'sql', sql: driverValue.toString() };
  return unsupported(
    table,
    column,
    `has a default kiln cannot write as SQL (${typeof driverValue})`,
    "Give the default as sql`…` (e.g. .default(sql`'{}'`)).",
  );
}

function generatedOf(column: DrizzleColumn, table: string, runtime: DrizzleRuntime, storedByDefault: boolean) {
  const generated = column.generated;
  if (generated === undefined) return {};
  const as = typeof generated.as === 'function' ? (generated.as as () => unknown)() : generated.as;
  const expression = typeof as === 'string' ? as : runtime.isSql(as) ? runtime.sqlText(as) : null;
  if (expression === null) {
    unsupported(
      table,
      column,
      'has a generation expression that is not sql`…` or a string',
      'Use .generatedAlwaysAs(sql`…`).',
    );
  }
  const stored = generated.mode === undefined ? storedByDefault : generated.mode === 'stored';
  return { generated: { expression, stored } };
}

function identityOf(column: DrizzleColumn, table: string): { autoIncrement: boolean; identity?: 'always' } {
  const identity = column.generatedIdentity;
  if (identity === undefined) {
    return { autoIncrement: SERIALS[column.columnType] !== undefined || column.autoIncrement === true };
  }
  const options = Object.entries(identity.sequenceOptions ?? {}).filter(([, v]) => v !== undefined);
  if (identity.sequenceName !== undefined || options.length > 0) {
    unsupported(
      table,
      column,
      'is an identity with sequence options (name, start, increment, …), which kiln does not manage',
      'Drop the options: .generatedByDefaultAsIdentity() / .generatedAlwaysAsIdentity().',
    );
  }
  return identity.type === 'always' ? { autoIncrement: true, identity: 'always' } : { autoIncrement: true };
}

/**
 * The model column of a drizzle column. `$defaultFn`/`$onUpdateFn` are left
 * out: drizzle runs them in the application and never puts them in the
 * database. MySQL's `.onUpdateNow()` is refused: kiln has no ON UPDATE clause.
 *
 * @example columnFromDrizzle(getTableConfig(users).columns[0], 'users', target, runtime, true)
 */
export function columnFromDrizzle(
  column: DrizzleColumn,
  table: string,
  target: DrizzleTarget,
  runtime: DrizzleRuntime,
  storedByDefault: boolean,
): Column {
  if (column.hasOnUpdateNow === true) {
    unsupported(
      table,
      column,
      'uses .onUpdateNow() (ON UPDATE CURRENT_TIMESTAMP), which kiln cannot declare',
      'Remove it and set the value in the application ($onUpdate), or with a trigger.',
    );
  }
  const { autoIncrement, identity } = identityOf(column, table);
  return {
    name: column.name,
    type: columnType(column, table, target),
    nullable: !(column.notNull || column.primary || autoIncrement),
    default: defaultOf(column, table, runtime),
    autoIncrement,
    comment: null,
    ...(identity === undefined ? {} : { identity }),
    ...generatedOf(column, table, runtime, storedByDefault),
  };
}
