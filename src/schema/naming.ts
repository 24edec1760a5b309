/**
 * The naming convention: how kiln names primary keys, unique constraints,
 * indexes and foreign keys the user left unnamed. Names must be
 * deterministic so that a downgrade or a SQLite table rebuild can address
 * the object a previous revision created.
 */
import { createHash } from 'node:crypto';
import { SchemaError } from '../errors.js';

/** What a naming template or function is given. */
export interface NamingContext {
  /** The table's name (without schema). */
  readonly table: string;
  /** Column names, in declaration order. */
  readonly columns: readonly string[];
  /** The referenced table of a foreign key; null for other kinds. */
  readonly referredTable: string | null;
}

/**
 * A template with `{table}`, `{columns}` (column names joined by `_`) and
 * `{referred_table}` placeholders, or a function of the context.
 */
export type NamingRule = string | ((context: NamingContext) => string);

/** The kinds of objects the convention names; checks always need an explicit name. */
export type NameKind = 'pk' | 'unique' | 'index' | 'foreignKey';

/** One rule per kind. Override some with `buildSchemaModel(exports, { naming: { … } })`. */
export type NamingConvention = { readonly [K in NameKind]: NamingRule };

/**
 * The defaults, Alembic's recommended convention:
 * `pk_{table}`, `uq_{table}_{columns}`, `ix_{table}_{columns}`,
 * `fk_{table}_{columns}_{referred_table}`.
 */
export const DEFAULT_NAMING: NamingConvention = Object.freeze({
  pk: 'pk_{table}',
  unique: 'uq_{table}_{columns}',
  index: 'ix_{table}_{columns}',
  foreignKey: 'fk_{table}_{columns}_{referred_table}',
});

/**
 * The length, in UTF-8 bytes, kiln keeps generated names to: the strictest
 * of its databases (PostgreSQL counts 63 bytes; 63 bytes are at most 63
 * characters, within MySQL/MariaDB's 64; SQLite has no limit). One measure
 * for every dialect keeps generated names the same everywhere, so one
 * revision history serves them all.
 */
export const GENERATED_NAME_MAX_BYTES = 63;

/** Length of the hex sha1 suffix of a shortened name. */
const HASH_LENGTH = 8;

/** The UTF-8 length of a name: what PostgreSQL's limit counts. */
export function utf8Length(name: string): number {
  return Buffer.byteLength(name, 'utf8');
}

/**
 * The longest start of `name` that fits in `maxBytes` UTF-8 bytes, cut
 * between characters (code points), never inside one.
 *
 * @example truncateUtf8('aü', 2) // 'a' (ü takes two bytes)
 */
export function truncateUtf8(name: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of name) {
    bytes += utf8Length(char);
    if (bytes > maxBytes) break;
    end += char.length;
  }
  return name.slice(0, end);
}

/** The defaults with the given rules replacing theirs. */
export function namingConvention(overrides: Partial<NamingConvention> = {}): NamingConvention {
  const merged: Record<string, NamingRule> = { ...DEFAULT_NAMING };
  for (const [kind, rule] of Object.entries(overrides)) {
    if (rule !== undefined) merged[kind] = rule;
  }
  return Object.freeze(merged as NamingConvention);
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

function applyTemplate(template: string, kind: NameKind, context: NamingContext): string {
  return template.replace(PLACEHOLDER, (_match, placeholder: string) => {
    switch (placeholder) {
      case 'table':
        return context.table;
      case 'columns':
        return context.columns.join('_');
      case 'referred_table':
        if (context.referredTable !== null) return context.referredTable;
        break;
    }
    throw new SchemaError(
      'schema.naming',
      `Naming convention for ${kind} "${template}" uses an unknown placeholder {${placeholder}}`,
      {
        hint: 'Use {table}, {columns} and, for foreign keys, {referred_table}.',
        data: { kind, template, placeholder },
      },
    );
  });
}

function withHash(name: string, hashInput: string): string {
  const hash = createHash('sha1').update(hashInput).digest('hex').slice(0, HASH_LENGTH);
  return `${truncateUtf8(name, GENERATED_NAME_MAX_BYTES - HASH_LENGTH - 1)}_${hash}`;
}

/**
 * Cuts a name longer than 63 UTF-8 bytes to at most 54 bytes (whole
 * characters) + `_` + the first 8 hex digits of the sha1 of the full name:
 * still unique, and the same on every run (databases would otherwise
 * truncate, or refuse, differently). ASCII names are cut as they always were.
 *
 * @example shortenName('ix_' + 'a'.repeat(70)) // 'ix_aaa…a_3f9c1b2e' (63 bytes)
 */
export function shortenName(name: string): string {
  return utf8Length(name) <= GENERATED_NAME_MAX_BYTES ? name : withHash(name, name);
}

/**
 * Hands out generated names within one namespace (a table's constraints and
 * indexes): the shortened name, or, when a different full name already got
 * that shortened name (a hash collision), the same cut with a suffix hashed
 * from the full name and a counter, so the two stay distinct. Equal full
 * names are left equal: that is a naming mistake the table's duplicate check
 * reports.
 *
 * @example const names = new GeneratedNames(); names.claim('uq_t_a'); // 'uq_t_a'
 */
export class GeneratedNames {
  private readonly fullNames = new Map<string, string>();

  claim(fullName: string): string {
    let name = shortenName(fullName);
    for (let n = 1; (this.fullNames.get(name) ?? fullName) !== fullName; n += 1) {
      name = withHash(fullName, `${fullName}#${n}`);
    }
    this.fullNames.set(name, fullName);
    return name;
  }
}

/**
 * The name the convention gives an object, shortened to 63 UTF-8 bytes.
 *
 * @example
 * resolveName('foreignKey', { table: 'post', columns: ['user_id'], referredTable: 'con_user' })
 * // 'fk_post_user_id_con_user'
 */
export function resolveName(
  kind: NameKind,
  context: NamingContext,
  naming: Partial<NamingConvention> = DEFAULT_NAMING,
): string {
  return shortenName(conventionName(kind, context, naming));
}

/** The name the convention gives an object, before shortening (see `GeneratedNames`). */
export function conventionName(
  kind: NameKind,
  context: NamingContext,
  naming: Partial<NamingConvention> = DEFAULT_NAMING,
): string {
  const rule = naming[kind] ?? DEFAULT_NAMING[kind];
  const name = typeof rule === 'function' ? rule(context) : applyTemplate(rule, kind, context);
  if (typeof name !== 'string' || name.length === 0) {
    throw new SchemaError('schema.naming', `Naming convention for ${kind} gave no name for table "${context.table}"`, {
      hint: 'A naming function must return a non-empty string.',
      data: { kind, table: context.table, columns: [...context.columns] },
    });
  }
  return name;
}
