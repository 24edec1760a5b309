/**
 * Raw SQL fragments for defaults, check constraints, partial-index predicates
 * and `op.execute()`. kiln never parses them: they reach the database as
 * written, which is why they are a distinct type from string literals.
 */

import { isColumnRef } from './column-ref.js';

const SQL_BRAND = Symbol.for('kiln.sql');

/** A SQL fragment made by the `sql` tagged template. Frozen; `sql` is the text. */
export interface Sql {
  readonly sql: string;
}

/**
 * Tags a template as raw SQL. Interpolated values are inserted verbatim
 * (not quoted, not bound): use them for identifiers and constants you control.
 * A column of a table (`t.email`) is inserted as its bare database name.
 *
 * @example
 * createdAt: timestamp('created_at').default(sql`CURRENT_TIMESTAMP`)
 * check('ck_price', sql`price > ${0}`)
 * (t) => [index('ix_user_email_lower').on(sql`lower(${t.email})`)]
 */
export function sql(strings: TemplateStringsArray, ...values: readonly unknown[]): Sql {
  let text = strings[0] ?? '';
  values.forEach((value, i) => {
    const part = isSql(value) ? value.sql : isColumnRef(value) ? value.column : String(value);
    text += part + (strings[i + 1] ?? '');
  });
  return makeSql(text);
}

/** Wraps an already-built SQL string as a `Sql` value. */
export function makeSql(text: string): Sql {
  const value = { sql: text };
  // Non-enumerable so a Sql compares and prints as plain `{ sql }`.
  Object.defineProperty(value, SQL_BRAND, { value: true, enumerable: false });
  return Object.freeze(value);
}

/** True for values made by `sql` (checked by brand, so it works across module copies). */
export function isSql(value: unknown): value is Sql {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[SQL_BRAND] === true &&
    typeof (value as { sql?: unknown }).sql === 'string'
  );
}

/** The SQL text of a fragment given either as `sql\`…\`` or as a plain string. */
export function sqlText(value: Sql | string): string {
  return typeof value === 'string' ? value : value.sql;
}
