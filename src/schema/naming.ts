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

/** The identifier limit kiln keeps to: PostgreSQL's 63 (MySQL allows 64, SQLite more). */
export const MAX_IDENTIFIER_LENGTH = 63;

/** Length of the hex sha1 suffix of a shortened name. */
const HASH_LENGTH = 8;

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

/**
 * Cuts a name longer than 63 characters to 54 characters + `_` + the first
 * 8 hex digits of the sha1 of the full name: still unique, and the same on
 * every run (databases would otherwise truncate, or refuse, differently).
 *
 * @example shortenName('ix_' + 'a'.repeat(70)) // 'ix_aaa…a_3f9c1b2e' (63 chars)
 */
export function shortenName(name: string): string {
  if (name.length <= MAX_IDENTIFIER_LENGTH) return name;
  const hash = createHash('sha1').update(name).digest('hex').slice(0, HASH_LENGTH);
  return `${name.slice(0, MAX_IDENTIFIER_LENGTH - HASH_LENGTH - 1)}_${hash}`;
}

/**
 * The name the convention gives an object, shortened to 63 characters.
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
  const rule = naming[kind] ?? DEFAULT_NAMING[kind];
  const name = typeof rule === 'function' ? rule(context) : applyTemplate(rule, kind, context);
  if (typeof name !== 'string' || name.length === 0) {
    throw new SchemaError('schema.naming', `Naming convention for ${kind} gave no name for table "${context.table}"`, {
      hint: 'A naming function must return a non-empty string.',
      data: { kind, table: context.table, columns: [...context.columns] },
    });
  }
  return shortenName(name);
}
