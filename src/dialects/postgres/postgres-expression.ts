import type { DefaultValue } from '../../schema/model.js';

/**
 * Canonical spelling of SQL expressions (check constraints, partial-index
 * predicates, default expressions), so that what a user wrote and what
 * PostgreSQL's `pg_get_constraintdef(oid, true)` / `pg_get_expr(…, true)`
 * print back compare equal.
 *
 * The server adds casts (`length(name::text)`, `c > 0::numeric`, `'-5'::integer`),
 * spells LIKE as `~~` and `!=` as `<>`, and upper-cases keywords. This module
 * removes casts, maps those operators, fixes the case of words and the
 * spacing, and drops parentheses around single tokens and around the whole
 * expression. It does not parse SQL: `IN (…)` (printed as `= ANY (ARRAY[…])`)
 * and `BETWEEN` (expanded) are not recognised; that is a documented limit.
 */

type TokenKind = 'string' | 'quoted' | 'number' | 'word' | 'op' | 'punct';

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
}

/** Words printed in upper case; every other unquoted word is folded to lower case, as the server folds it. */
const KEYWORDS = new Set([
  'and', 'or', 'not', 'is', 'null', 'in', 'any', 'all', 'some', 'array', 'case', 'when', 'then',
  'else', 'end', 'between', 'distinct', 'from', 'exists', 'collate', 'similar', 'to', 'escape',
  'current_timestamp', 'current_date', 'current_time', 'localtime', 'localtimestamp',
  'current_user', 'session_user', 'current_role', 'current_catalog', 'current_schema', 'user',
  'interval', 'at', 'time', 'zone',
]);

/** LIKE-family operators as the server prints them. */
const WORD_OPERATORS: ReadonlyArray<readonly [readonly string[], string]> = [
  [['not', 'ilike'], '!~~*'],
  [['not', 'like'], '!~~'],
  [['ilike'], '~~*'],
  [['like'], '~~'],
];

/** Words that may continue a multi-word type name after `::` (`character varying`, `double precision`). */
const TYPE_CONTINUATIONS = new Set(['varying', 'precision', 'with', 'without', 'time', 'zone']);

const NUMERIC_CAST_TYPES = new Set([
  'integer', 'int', 'int4', 'bigint', 'int8', 'smallint', 'int2', 'numeric', 'decimal', 'real',
  'float4', 'double', 'float8',
]);

const NUMBER = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i;

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const pattern =
    /\s+|(?<string>[eE]?'(?:[^'\\]|''|\\.)*')|(?<quoted>"(?:[^"]|"")*")|(?<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(?<word>[A-Za-z_][A-Za-z0-9_$]*)|(?<op>::|[-+*/<>=~!@#%^&|`?]+)|(?<punct>.)/gsy;
  for (const match of sql.matchAll(pattern)) {
    const groups = match.groups ?? {};
    for (const kind of ['string', 'quoted', 'number', 'word', 'op', 'punct'] as const) {
      const text = groups[kind];
      if (text !== undefined) tokens.push({ kind, text });
    }
  }
  return tokens;
}

/** Removes `::type` casts; a quoted number cast to a numeric type (`'-5'::integer`) becomes the number. */
function removeCasts(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.text !== '::') {
      out.push(token);
      continue;
    }
    const end = castEnd(tokens, i + 1);
    const typeName = tokens[i + 1]?.text.toLowerCase() ?? '';
    const previous = out[out.length - 1];
    if (previous?.kind === 'string' && NUMERIC_CAST_TYPES.has(typeName)) {
      const inner = previous.text.slice(1, -1);
      if (NUMBER.test(inner)) out[out.length - 1] = { kind: 'number', text: inner };
    }
    i = end - 1;
  }
  return out;
}

/** Index just past the type name that starts at `start` (words, `schema.name`, `(n, m)`, `[]`). */
function castEnd(tokens: readonly Token[], start: number): number {
  let i = start;
  const isName = (t: Token | undefined) => t !== undefined && (t.kind === 'word' || t.kind === 'quoted');
  if (!isName(tokens[i])) return i;
  i++;
  if (tokens[i]?.text === '.' && isName(tokens[i + 1])) i += 2;
  while (tokens[i]?.kind === 'word' && TYPE_CONTINUATIONS.has((tokens[i] as Token).text.toLowerCase())) i++;
  if (tokens[i]?.text === '(') {
    const close = tokens.findIndex((t, j) => j > i && t.text === ')');
    if (close !== -1 && tokens.slice(i + 1, close).every((t) => t.kind === 'number' || t.text === ',')) {
      i = close + 1;
    }
  }
  while (tokens[i]?.text === '[' && tokens[i + 1]?.text === ']') i += 2;
  return i;
}

function canonicalWords(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const mapped = WORD_OPERATORS.find(([words]) =>
      words.every((w, k) => tokens[i + k]?.kind === 'word' && tokens[i + k]?.text.toLowerCase() === w),
    );
    if (mapped !== undefined) {
      out.push({ kind: 'op', text: mapped[1] });
      i += mapped[0].length - 1;
    } else if (token.kind === 'word') {
      const lower = token.text.toLowerCase();
      out.push({ kind: 'word', text: KEYWORDS.has(lower) ? lower.toUpperCase() : lower });
    } else if (token.kind === 'op' && token.text === '!=') {
      out.push({ kind: 'op', text: '<>' });
    } else {
      out.push(token);
    }
  }
  return out;
}

/** Drops `( x )` around one token unless it is a call's argument list (`f(x)`), until nothing changes. */
function removeRedundantParens(tokens: Token[]): Token[] {
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i + 2 < tokens.length; i++) {
      if (tokens[i]?.text !== '(' || tokens[i + 2]?.text !== ')') continue;
      const before = tokens[i - 1];
      const isCall = before !== undefined && (before.kind === 'word' || before.kind === 'quoted');
      if (isCall && !KEYWORDS.has(before.text.toLowerCase())) continue;
      if ((tokens[i + 1] as Token).kind === 'punct') continue;
      tokens.splice(i, 3, tokens[i + 1] as Token);
      changed = true;
    }
  }
  while (tokens[0]?.text === '(' && closingParen(tokens, 0) === tokens.length - 1) {
    tokens = tokens.slice(1, -1);
  }
  return tokens;
}

function closingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i]?.text === '(') depth++;
    if (tokens[i]?.text === ')' && --depth === 0) return i;
  }
  return -1;
}

function join(tokens: readonly Token[]): string {
  let out = '';
  tokens.forEach((token, i) => {
    const before = tokens[i - 1];
    const tight =
      before === undefined ||
      before.text === '(' ||
      before.text === '[' ||
      before.text === '.' ||
      token.text === ')' ||
      token.text === ']' ||
      token.text === ',' ||
      token.text === '.' ||
      token.text === '[' ||
      (token.text === '(' && (before.kind === 'word' || before.kind === 'quoted') && !/^[A-Z]/.test(before.text)) ||
      (before.kind === 'op' && before.text === '-' && tokens[i - 2]?.kind === 'op' && token.kind === 'number');
    out += tight ? token.text : ` ${token.text}`;
  });
  return out;
}

/**
 * The canonical text of a SQL expression. Idempotent.
 *
 * @example canonicalExpression('CHECK-less: length((name)::text) > (0)::numeric') // 'length(name) > 0'
 * @example canonicalExpression("a like 'x%' OR a IS NULL") // "a ~~ 'x%' OR a IS NULL"
 */
export function canonicalExpression(sql: string): string {
  const tokens = removeRedundantParens(canonicalWords(removeCasts(tokenize(sql.trim()))));
  return join(tokens);
}

/** Reads a SQL string literal token (`'a''b'`, `E'a\\b'`) into its value; null when `text` is not one literal. */
export function readStringLiteral(text: string): string | null {
  const match = /^([eE]?)'((?:[^'\\]|''|\\.)*)'$/s.exec(text);
  if (match === null) return null;
  const [, prefix, body = ''] = match;
  const undoubled = body.replaceAll("''", "'");
  if (prefix === '') return undoubled;
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
  return undoubled.replace(/\\(.)/gs, (_, ch: string) => escapes[ch] ?? ch);
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
 * expression in canonical spelling.
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
  return { default: { kind: 'sql', sql: canonicalExpression(sql) }, autoIncrement: false };
}

function literalValue(token: Token): DefaultValue | null | undefined {
  if (token.kind === 'string') {
    const value = readStringLiteral(token.text);
    return value === null ? undefined : { kind: 'literal', value };
  }
  if (token.kind === 'number') return { kind: 'literal', value: Number(token.text) };
  if (token.kind === 'word') {
    const lower = token.text.toLowerCase();
    if (lower === 'true' || lower === 'false') return { kind: 'literal', value: lower === 'true' };
    if (lower === 'null') return null;
  }
  return undefined;
}
