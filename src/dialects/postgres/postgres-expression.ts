/**
 * Canonical spelling of SQL expressions (check constraints, partial-index
 * predicates, default expressions), so that what a user wrote and what
 * PostgreSQL's `pg_get_constraintdef(oid, true)` / `pg_get_expr(…, true)`
 * print back compare equal.
 *
 * The server adds casts (`length(name::text)`, `c > 0::numeric`, `'-5'::integer`),
 * spells LIKE as `~~` and `!=` as `<>`, and upper-cases keywords. This module
 * removes casts, maps those operators, spells `IN (…)` as `= ANY (ARRAY[…])`
 * and `x BETWEEN a AND b` as `x >= a AND x <= b` like the server, fixes the
 * case of words and the spacing, and drops parentheses the server adds or
 * leaves out where precedence makes them redundant. It is a token rewrite,
 * not a SQL parser: a BETWEEN over expressions, or casts a user wrote on
 * purpose, may still compare different (a documented limit).
 */
import { type SqlLexicon, type SqlToken, tokenizeSql } from '../sql-tokens.js';

/** What the rewrites here need of a token: its kind and its source text. */
export type Token = Pick<SqlToken, 'kind' | 'text'>;

/**
 * PostgreSQL's lexical rules: names in `"…"`, strings in `'…'`, `E'…'` with
 * backslash escapes and `$tag$…$tag$`, `--` and block comments (the server
 * drops them from what it stores), `::`, and operators of any run of
 * operator characters (`<=`, `!~~*`, `@>`).
 */
const POSTGRES_LEXICON: SqlLexicon = {
  identifierQuotes: { '"': '"' },
  stringQuotes: "'",
  backslashEscapes: 'e-prefix',
  dollarQuotes: true,
  lineComments: ['--'],
  blockComments: true,
  number: /\d+(?:\.\d+)?(?:e[+-]?\d+)?/iy,
  word: /[\p{L}_][\p{L}\p{N}_$]*/uy,
  wordsMayStartWithDigits: false,
  operators: ['::'],
  operatorRun: /[-+*/<>=~!@#%^&|`?]/,
  otherSymbols: 'punct',
  punctuation: '',
};

/** Words printed in upper case; every other unquoted word is folded to lower case, as the server folds it. */
const KEYWORDS = new Set([
  'and',
  'or',
  'not',
  'is',
  'null',
  'in',
  'any',
  'all',
  'some',
  'array',
  'case',
  'when',
  'then',
  'else',
  'end',
  'between',
  'distinct',
  'from',
  'exists',
  'collate',
  'similar',
  'to',
  'escape',
  'current_timestamp',
  'current_date',
  'current_time',
  'localtime',
  'localtimestamp',
  'current_user',
  'session_user',
  'current_role',
  'current_catalog',
  'current_schema',
  'user',
  'interval',
  'at',
  'time',
  'zone',
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
  'integer',
  'int',
  'int4',
  'bigint',
  'int8',
  'smallint',
  'int2',
  'numeric',
  'decimal',
  'real',
  'float4',
  'double',
  'float8',
]);

const NUMBER = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i;

export function tokenize(sql: string): Token[] {
  return tokenizeSql(sql, POSTGRES_LEXICON).tokens;
}

/** Removes `::type` casts; a quoted number cast to a numeric type (`'-5'::integer`) becomes the number. */
export function removeCasts(tokens: readonly Token[]): Token[] {
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
  const isName = (t: Token | undefined) => t !== undefined && (t.kind === 'word' || t.kind === 'ident');
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

/** `- 5` where a value is expected (start, after an operator, `(`, `,`, `[` or a keyword) → the number `-5`. */
function foldNegativeNumbers(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const next = tokens[i + 1];
    const before = out[out.length - 1];
    const expectsValue =
      before === undefined ||
      before.kind === 'op' ||
      ['(', ',', '['].includes(before.text) ||
      (before.kind === 'word' && KEYWORDS.has(before.text.toLowerCase()));
    if (token.kind === 'op' && token.text === '-' && next?.kind === 'number' && expectsValue) {
      out.push({ kind: 'number', text: `-${next.text}` });
      i++;
    } else {
      out.push(token);
    }
  }
  return out;
}

/** A quoted name the server would print unquoted: lower case letters, digits, `_` (and `$` after the first). */
const PLAIN_NAME = /^"[a-z_][a-z0-9_$]*"$/;

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
    } else if (token.kind === 'ident' && PLAIN_NAME.test(token.text) && !KEYWORDS.has(token.text.slice(1, -1))) {
      // The server quotes a name only where it must: `"deleted_at"` reads back as deleted_at.
      out.push({ kind: 'word', text: token.text.slice(1, -1) });
    } else if (token.kind === 'op' && token.text === '!=') {
      out.push({ kind: 'op', text: '<>' });
    } else {
      out.push(token);
    }
  }
  return out;
}

/** Drops `( x )` around one token unless it is a call's argument list (`f(x)`), until nothing changes. */
export function removeRedundantParens(tokens: Token[]): Token[] {
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i + 2 < tokens.length; i++) {
      if (tokens[i]?.text !== '(' || tokens[i + 2]?.text !== ')') continue;
      const before = tokens[i - 1];
      const isCall = before !== undefined && (before.kind === 'word' || before.kind === 'ident');
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
      (token.text === '(' && (before.kind === 'word' || before.kind === 'ident') && !/^[A-Z]/.test(before.text));
    out += tight ? token.text : ` ${token.text}`;
  });
  return out;
}

/**
 * The canonical text of a SQL expression. Idempotent.
 *
 * @example canonicalExpression('length((name)::text) > (0)::numeric') // 'length(name) > 0'
 * @example canonicalExpression("a like 'x%' OR a IS NULL") // "a ~~ 'x%' OR a IS NULL"
 */
export function canonicalExpression(sql: string): string {
  const words = rewriteBetween(rewriteInLists(canonicalWords(foldNegativeNumbers(removeCasts(tokenize(sql.trim()))))));
  return join(removeComparisonParens(removeRedundantParens(words)));
}

const word = (text: string): Token => ({ kind: 'word', text });
const punct = (text: string): Token => ({ kind: 'punct', text });
const isWord = (t: Token | undefined, text: string) => t?.kind === 'word' && t.text === text;
const isOperand = (t: Token | undefined) =>
  t !== undefined && t.kind !== 'op' && t.kind !== 'punct' && !KEYWORDS.has(t.text.toLowerCase());

/** `x IN (a, b)` → `x = ANY (ARRAY[a, b])`, `x NOT IN (…)` → `x <> ALL (ARRAY[…])`, as the server prints them. */
function rewriteInLists(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const negated = isWord(tokens[i], 'NOT') && isWord(tokens[i + 1], 'IN');
    const at = negated ? i + 1 : i;
    const close = isWord(tokens[at], 'IN') && tokens[at + 1]?.text === '(' ? closingParen(tokens, at + 1) : -1;
    if (close === -1 || /^select$/i.test(tokens[at + 2]?.text ?? '')) {
      out.push(tokens[i] as Token);
      continue;
    }
    const list = rewriteInLists(tokens.slice(at + 2, close));
    if (list.length === 1) {
      // A one-element list is printed as a plain comparison.
      out.push({ kind: 'op', text: negated ? '<>' : '=' }, list[0] as Token);
      i = close;
      continue;
    }
    out.push({ kind: 'op', text: negated ? '<>' : '=' }, word(negated ? 'ALL' : 'ANY'), punct('('), word('ARRAY'));
    out.push(punct('['), ...list, punct(']'), punct(')'));
    i = close;
  }
  return out;
}

/** `x BETWEEN a AND b` (single tokens) → `x >= a AND x <= b`, as the server expands it. */
function rewriteBetween(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const subject = out[out.length - 1];
    const [low, and, high] = [tokens[i + 1], tokens[i + 2], tokens[i + 3]];
    if (isWord(tokens[i], 'BETWEEN') && isOperand(subject) && isOperand(low) && isWord(and, 'AND') && isOperand(high)) {
      out.push(
        { kind: 'op', text: '>=' },
        low as Token,
        word('AND'),
        subject as Token,
        { kind: 'op', text: '<=' },
        high as Token,
      );
      i += 3;
    } else {
      out.push(tokens[i] as Token);
    }
  }
  return out;
}

/**
 * Drops parentheses around an operand of AND/OR where precedence makes them
 * redundant, as the server's pretty printer does: `(a = ANY (…)) AND b` →
 * `a = ANY (…) AND b`, `a OR (b AND c)` → `a OR b AND c`.
 */
function removeComparisonParens(tokens: Token[]): Token[] {
  const boundary = (t: Token | undefined, paren: string) =>
    t === undefined || t.text === paren || isWord(t, 'AND') || isWord(t, 'OR');
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]?.text !== '(' || !boundary(tokens[i - 1], '(')) continue;
    const close = closingParen(tokens, i);
    if (close === -1 || !boundary(tokens[close + 1], ')')) continue;
    const inner = tokens.slice(i + 1, close);
    if (inner.length === 0 || /^select$/i.test(inner[0]?.text ?? '') || hasTopLevel(inner, ['OR', ','])) continue;
    // AND binds tighter than OR: `a OR (b AND c)` is `a OR b AND c`, but `(b AND c)` next to AND keeps nothing.
    const nextToAnd = isWord(tokens[i - 1], 'AND') || isWord(tokens[close + 1], 'AND');
    if (nextToAnd && hasTopLevel(inner, ['AND'])) continue;
    tokens = [...tokens.slice(0, i), ...inner, ...tokens.slice(close + 1)];
    i--;
  }
  return tokens;
}

function hasTopLevel(tokens: readonly Token[], texts: readonly string[]): boolean {
  let depth = 0;
  for (const t of tokens) {
    if (t.text === '(' || t.text === '[') depth++;
    else if (t.text === ')' || t.text === ']') depth--;
    else if (depth === 0 && texts.includes(t.text)) return true;
  }
  return false;
}
