/**
 * Reading the SQL text SQLite keeps in `sqlite_master`. SQLite stores CREATE
 * TABLE / CREATE INDEX verbatim and offers no catalogue for constraint names
 * or CHECK expressions, so the introspector reads them from that text, with
 * the shared tokenizer (../sql-tokens.ts) under SQLite's lexical rules;
 * expressions are sliced from the original text so that they read back
 * exactly as written.
 */
import { leadingWord, type SqlLexicon, type SqlToken, tokenizeSql } from '../sql-tokens.js';

/** A token of SQLite's SQL text: `value` is the unquoted name or string, `start`/`end` its place in the text. */
export type Token = SqlToken;

/**
 * SQLite's lexical rules: names quoted with `"…"`, `` `…` `` or `[…]`,
 * strings with `'…'` (no backslash escapes), `--` and block comments, hex
 * numbers. Symbols stay single-character `punct`: the parsers here only look
 * for parentheses and commas, and slice everything else from the text.
 */
const SQLITE_LEXICON: SqlLexicon = {
  identifierQuotes: { '"': '"', '`': '`', '[': ']' },
  stringQuotes: "'",
  backslashEscapes: 'never',
  dollarQuotes: false,
  lineComments: ['--'],
  blockComments: true,
  number: /0x[0-9a-f]+|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?/iy,
  word: /[\p{L}\p{N}_$]+/uy,
  wordsMayStartWithDigits: false,
  operators: [],
  operatorRun: null,
  otherSymbols: 'punct',
  punctuation: '',
};

/** Splits SQL text into tokens, skipping whitespace and comments. */
export function tokenize(sql: string): Token[] {
  return tokenizeSql(sql, SQLITE_LEXICON).tokens;
}

/** True when the token is the keyword `word` (case-insensitive, bare only). */
export function isKeyword(token: Token | undefined, word: string): boolean {
  return token !== undefined && token.kind === 'word' && token.value.toUpperCase() === word;
}

/** Index of the `)` matching the `(` at `open`, or tokens.length when unbalanced. */
export function matchingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i += 1) {
    const value = (tokens[i] as Token).kind === 'punct' ? (tokens[i] as Token).value : '';
    if (value === '(') depth += 1;
    else if (value === ')') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return tokens.length;
}

/** Splits tokens[from, to) at commas of nesting depth 0. */
export function splitTopLevel(tokens: readonly Token[], from: number, to: number): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let depth = 0;
  let start = from;
  for (let i = from; i < to; i += 1) {
    const token = tokens[i] as Token;
    if (token.kind !== 'punct') continue;
    if (token.value === '(') depth += 1;
    else if (token.value === ')') depth -= 1;
    else if (token.value === ',' && depth === 0) {
      parts.push([start, i]);
      start = i + 1;
    }
  }
  if (start < to) parts.push([start, to]);
  return parts;
}

/** The original text covered by tokens[from, to), or '' when empty. */
export function sliceText(sql: string, tokens: readonly Token[], from: number, to: number): string {
  if (from >= to) return '';
  return sql.slice((tokens[from] as Token).start, (tokens[to - 1] as Token).end);
}

/**
 * Collapses whitespace outside quotes and comments to single spaces, drops it
 * next to parentheses, and trims: how kiln compares expressions whose spacing
 * differs between the model and the database.
 */
export function normalizeExpression(sql: string): string {
  const tokens = tokenize(sql);
  let out = '';
  let previous: Token | undefined;
  for (const token of tokens) {
    const text = sql.slice(token.start, token.end);
    const glued =
      previous === undefined ||
      previous.end === token.start ||
      (previous.kind === 'punct' && previous.value === '(') ||
      (token.kind === 'punct' && (token.value === ')' || token.value === ','));
    out += glued ? text : ` ${text}`;
    previous = token;
  }
  return out;
}

/** True when `name` occurs in the expression as an identifier (quoted or bare). */
export function mentionsIdentifier(sql: string, name: string): boolean {
  const lower = name.toLowerCase();
  return tokenize(sql).some((t) => (t.kind === 'word' || t.kind === 'ident') && t.value.toLowerCase() === lower);
}

/** Statement verbs that change no rows (what `execute` reports as 0 without asking SQLite). */
const ROWLESS_VERBS: ReadonlySet<string> = new Set([
  'CREATE',
  'DROP',
  'ALTER',
  'PRAGMA',
  'BEGIN',
  'COMMIT',
  'END',
  'ROLLBACK',
  'SAVEPOINT',
  'RELEASE',
  'ANALYZE',
  'VACUUM',
  'REINDEX',
]);

/** Whether `sql` is a statement whose verb changes no rows (DDL, transaction control, pragmas). */
export function changesNoRows(sql: string): boolean {
  const verb = leadingWord(sql, SQLITE_LEXICON);
  return verb !== null && ROWLESS_VERBS.has(verb);
}
