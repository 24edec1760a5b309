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

/**
 * The form two index expressions are compared in: SQLite keeps the text as
 * written, and names (bare or quoted) and keywords are case-insensitive, so
 * each token is spelled the same way (names and words in lower case, string
 * literals as they are) and separated by one space, without the parentheses
 * around all of it. Lossy: for comparing only.
 *
 * @example comparableExpression('(LOWER( "Email" ))') // 'lower ( email )'
 */
export function comparableExpression(sql: string): string {
  return tokenize(withoutOuterParens(sql))
    .map((t) =>
      t.kind === 'string' ? t.text : t.kind === 'word' || t.kind === 'ident' ? t.value.toLowerCase() : t.text,
    )
    .join(' ');
}

/** The expression without parentheses around all of it: `(lower(email))` → `lower(email)`. */
export function withoutOuterParens(sql: string): string {
  let text = sql.trim();
  for (;;) {
    const tokens = tokenize(text);
    const first = tokens[0];
    if (first?.kind !== 'punct' || first.value !== '(' || matchingParen(tokens, 0) !== tokens.length - 1) return text;
    text = text.slice(first.end, (tokens[tokens.length - 1] as Token).start).trim();
  }
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

/** The tables one statement of kiln's changes, by what it does to them (names lower-cased: SQLite's are case-insensitive). */
export interface StatementTables {
  /** A table the statement creates (empty, or filled by the same transaction). */
  readonly created: string | null;
  /** Existing tables whose definition or rows it changes. */
  readonly changed: readonly string[];
  /** The new name of a table it renames (also in `changed`). */
  readonly renamedTo?: string | null;
}

const NOTHING: StatementTables = { created: null, changed: [] };

/**
 * What a schema statement kiln compiled (see `StatementReach`) does to
 * tables, read from its first words; null for a statement it cannot read,
 * which the caller then treats as one that may change rows anywhere.
 * Indexes, triggers and views change no rows; `sqlite_sequence` holds
 * counters that no foreign key touches.
 */
export function statementTables(sql: string): StatementTables | null {
  const verb = leadingWord(sql, SQLITE_LEXICON);
  if (verb === 'PRAGMA') return NOTHING;
  const tokens = tokenize(sql);
  const word = (i: number) => (tokens[i]?.kind === 'word' ? tokens[i]?.value.toUpperCase() : undefined);
  const name = (i: number): string | null => {
    const token = tokens[i];
    if (token === undefined || (token.kind !== 'word' && token.kind !== 'ident')) return null;
    // `main.t`: kiln never qualifies, so a dot means a statement it did not write.
    return tokens[i + 1]?.text === '.' ? null : token.value.toLowerCase();
  };
  const ifClause = (i: number, words: readonly string[]) =>
    words.every((w, k) => word(i + k) === w) ? words.length : 0;
  const one = (table: string | null): StatementTables | null =>
    table === null ? null : table === 'sqlite_sequence' ? NOTHING : { created: null, changed: [table] };
  switch (verb) {
    case 'CREATE': {
      const kind = word(1) === 'UNIQUE' ? word(2) : word(1);
      if (kind === 'INDEX' || kind === 'TRIGGER' || kind === 'VIEW') return NOTHING;
      if (kind !== 'TABLE') return null;
      const created = name(2 + ifClause(2, ['IF', 'NOT', 'EXISTS']));
      return created === null ? null : { created, changed: [] };
    }
    case 'DROP': {
      const kind = word(1);
      if (kind === 'INDEX' || kind === 'TRIGGER' || kind === 'VIEW') return NOTHING;
      return kind === 'TABLE' ? one(name(2 + ifClause(2, ['IF', 'EXISTS']))) : null;
    }
    case 'ALTER': {
      const table = word(1) === 'TABLE' ? name(2) : null;
      if (table === null) return null;
      const renamedTo = word(3) === 'RENAME' && word(4) === 'TO' ? name(5) : null;
      return { created: null, changed: renamedTo === null ? [table] : [table, renamedTo], renamedTo };
    }
    case 'INSERT':
      return one(word(1) === 'INTO' ? name(2) : word(1) === 'OR' && word(3) === 'INTO' ? name(4) : null);
    case 'DELETE':
      return one(word(1) === 'FROM' ? name(2) : null);
    case 'UPDATE':
      return one(word(1) === 'OR' ? name(3) : name(1));
    default:
      return null;
  }
}
