/**
 * The TypeScript names a pulled schema module gives what it read from a
 * database: a constant per table and enum type, a property key per column.
 * Database names are untrusted: every name made here is a plain ASCII
 * identifier that shadows nothing the module uses.
 */
import { type EnumType, qualifiedName, type SchemaModel, type Table } from '../schema/model.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Reserved words, globals the rendered module uses, the extras callback's
 * `t`, and every DSL builder a schema module imports from 'kiln': a table
 * named `text` or `index` must not shadow the import.
 */
const RESERVED = new Set(
  [
    'break case catch class const continue debugger default delete do else enum export extends false finally for',
    'function if import in instanceof new null return super switch this throw true try typeof var void while with',
    'yield let static implements interface package private protected public await arguments eval undefined NaN',
    'Infinity t bigint bigserial binary boolean char date double integer json mediumint numeric rawType real serial',
    'smallint text time timestamp tinyint uuid varchar check foreignKey index primaryKey unique uniqueIndex enumType',
    'sql schema table',
  ]
    .join(' ')
    .split(' '),
);

/** `user_accounts` → `userAccounts`; anything but ASCII letters and digits separates words. */
function camelWords(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  const [first = '', ...rest] = words;
  return first + rest.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
}

/** A fresh identifier from `base` (camelCase, `_` before a leading digit), suffixed until unused. */
function allocate(base: string, taken: Set<string>, fallback: string): string {
  let stem = base === '' ? fallback : base;
  if (/^[0-9]/.test(stem)) stem = `_${stem}`;
  let candidate = stem;
  for (let i = 2; RESERVED.has(candidate) || taken.has(candidate); i++) candidate = `${stem}${i}`;
  taken.add(candidate);
  return candidate;
}

/** The enum types a model uses: its named ones, then those only its columns spell (inline enums). */
export function modelEnums(model: SchemaModel): EnumType[] {
  const enums = new Map<string, EnumType>(model.enums.map((e) => [qualifiedName(e), e]));
  for (const table of model.tables) {
    for (const column of table.columns) {
      const type = column.type.kind === 'array' ? column.type.element : column.type;
      if (type.kind !== 'enum' || type.name === null) continue;
      const named = { schema: type.schema, name: type.name, values: type.values };
      if (!enums.has(qualifiedName(named))) {
        enums.set(qualifiedName(named), named);
      }
    }
  }
  return [...enums.values()];
}

/** Names of one model's tables, enum types and columns in a schema module. */
export interface SchemaIdentifiers {
  /** The constant of a table (by `qualifiedName`), or undefined for one outside the model. */
  table(schema: string | null, name: string): string | undefined;
  /** The constant of an enum type (by `qualifiedName`). */
  enumType(schema: string | null, name: string): string | undefined;
  /** A column's property key in its table (the column name itself when camelCase does not fit). */
  columnKey(table: Table, column: string): string;
}

/**
 * Tables get the camelCase of their name (`order_items` → `orderItems`),
 * prefixed by their schema when two share a name; enum types likewise,
 * suffixed `Enum` when a table has the name. A column's key is its
 * camelCase when that is an identifier no other column of the table is
 * called, else the column name (quoted by `propertyKey` when it must be).
 */
export function schemaIdentifiers(model: SchemaModel): SchemaIdentifiers {
  const taken = new Set<string>();
  const tables = new Map<string, string>();
  for (const table of model.tables) {
    const plain = camelWords(table.name);
    const base =
      table.schema !== null && (taken.has(plain) || RESERVED.has(plain))
        ? camelWords(`${table.schema}_${table.name}`)
        : plain;
    tables.set(qualifiedName(table), allocate(base, taken, 'table'));
  }
  const enums = new Map<string, string>();
  for (const type of modelEnums(model)) {
    const plain = camelWords(type.name);
    enums.set(qualifiedName(type), allocate(taken.has(plain) ? `${plain}Enum` : plain, taken, 'enumType'));
  }
  const keys = new Map<Table, Map<string, string>>();
  return {
    table: (schema, name) => tables.get(qualifiedName({ schema, name })),
    enumType: (schema, name) => enums.get(qualifiedName({ schema, name })),
    columnKey(table, column) {
      let map = keys.get(table);
      if (map === undefined) {
        map = columnKeys(table);
        keys.set(table, map);
      }
      return map.get(column) ?? column;
    },
  };
}

function columnKeys(table: Table): Map<string, string> {
  const names = new Set(table.columns.map((c) => c.name));
  const used = new Set<string>();
  const keys = new Map<string, string>();
  for (const { name } of table.columns) {
    // Underscores between letters or digits go; a leading one (`_id`) stays.
    const camel = IDENTIFIER.test(name)
      ? name.replace(/(?<=[A-Za-z0-9])_+([A-Za-z0-9])/g, (_, c: string) => c.toUpperCase())
      : name;
    const candidates = [camel, name];
    // `__proto__` as a key would set the object's prototype instead of naming a column.
    let key = candidates.find(
      (c) => c !== '__proto__' && !used.has(c) && (c === name || (!names.has(c) && IDENTIFIER.test(c))),
    );
    for (let i = 2; key === undefined || used.has(key) || (key !== name && names.has(key)); i++) {
      key = `${camelWords(name) || 'column'}${i}`;
    }
    used.add(key);
    keys.set(name, key);
  }
  return keys;
}
