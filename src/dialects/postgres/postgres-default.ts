import type { DefaultValue } from '../../schema/model.js';
import { exactNumber } from '../../schema/numeric-text.js';
import { removeCasts, removeRedundantParens, type Token, tokenize } from './postgres-expression.js';

/**
 * Column defaults as PostgreSQL prints them (`pg_get_expr(adbin, adrelid, true)`)
 * read back into kiln's form; the same reader runs over sql`…` defaults from
 * the DSL so that both sides meet in one spelling.
 */

/** Reads a SQL string literal token (`'a''b'`, `E'a\\b'`) into its value; null when `text` is not one literal. */
export function readStringLiteral(text: string): string | null {
  // A backslash escapes only inside E'…': in a standard string '\' is one backslash and the quote closes it.
  const standard = /^'((?:[^']|'')*)'$/s.exec(text);
  if (standard !== null) return (standard[1] ?? '').replaceAll("''", "'");
  const escaped = /^[eE]'((?:[^'\\]|''|\\.)*)'$/s.exec(text);
  if (escaped === null) return null;
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
  return (escaped[1] ?? '').replaceAll("''", "'").replace(/\\(.)/gs, (_, ch: string) => escapes[ch] ?? ch);
}

/** A default as PostgreSQL prints it, read back: `nextval(…)` means an identity-like serial column. */
export interface ParsedDefault {
  readonly default: DefaultValue | null;
  readonly autoIncrement: boolean;
}

/**
 * Reads a default expression (as `pg_get_expr(adbin, adrelid, true)` prints
 * it, or as a user wrote it in sql`…`): a quoted string with casts is the
 * string literal, a bare number or true/false is that literal, NULL is no
 * default, `nextval('…'::regclass)` is autoIncrement; anything else is a SQL
 * expression, kept as written (it is compared in canonical spelling).
 *
 * @example parseDefault("'x'::character varying") // { default: { kind: 'literal', value: 'x' }, autoIncrement: false }
 */
export function parseDefault(sql: string): ParsedDefault {
  const tokens = removeRedundantParens(tokenize(sql.trim()));
  const literalOnly = (t: Token[]) => (t.length >= 1 && removeCasts(t).length === 1 ? removeCasts(t)[0] : undefined);
  const first = tokens[0];
  if (first?.kind === 'word' && first.text.toLowerCase() === 'nextval') {
    return { default: null, autoIncrement: true };
  }
  const negative = first?.text === '-' && tokens[1]?.kind === 'number' && tokens.length === 2;
  const single = negative ? { kind: 'number' as const, text: `-${tokens[1]?.text}` } : literalOnly(tokens);
  if (single !== undefined) {
    const literal = literalValue(single);
    if (literal !== undefined) return { default: literal, autoIncrement: false };
  }
  // As written: the canonical spelling drops casts, which the expression may need (`ARRAY[]::text[]`).
  return { default: { kind: 'sql', sql: sql.trim() }, autoIncrement: false };
}

function literalValue(token: Token): DefaultValue | null | undefined {
  if (token.kind === 'string') {
    const value = readStringLiteral(token.text);
    return value === null ? undefined : { kind: 'literal', value };
  }
  if (token.kind === 'number') return { kind: 'literal', value: exactNumber(token.text) };
  if (token.kind === 'word') {
    const lower = token.text.toLowerCase();
    if (lower === 'true' || lower === 'false') return { kind: 'literal', value: lower === 'true' };
    if (lower === 'null') return null;
  }
  return undefined;
}
