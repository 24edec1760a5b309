/**
 * The one SQL tokenizer. Each dialect reads SQL text back from its server
 * (defaults, CHECK and partial-index expressions, SQLite's stored CREATE
 * statements) and compares or slices it; they differ only in lexical rules,
 * which a dialect states as a `SqlLexicon`: its quote characters, comment
 * styles, dollar quotes, backslash escapes, and what a number, a word and an
 * operator look like. It is a lexer, not a parser: it never fails, and
 * reports text it could not close (an unterminated quote) in `complete`.
 */

export type SqlTokenKind = 'word' | 'ident' | 'string' | 'number' | 'op' | 'punct';

export interface SqlToken {
  /** `word`: a bare name or keyword; `ident`: a quoted name; `string`: a literal; `op`: an operator. */
  readonly kind: SqlTokenKind;
  /** The source text, quotes and prefixes included. */
  readonly text: string;
  /** For `ident` and `string` the unquoted, unescaped content; otherwise the text. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/** A dialect's lexical rules. */
export interface SqlLexicon {
  /** Opening → closing quote of a quoted identifier; a doubled closing quote is a literal one (not for `]`). */
  readonly identifierQuotes: Readonly<Record<string, string>>;
  /** Characters opening a string literal (closed by the same character, doubled to escape). */
  readonly stringQuotes: string;
  /** Where `\` escapes in strings: always (MySQL's default sql_mode), only in `E'…'` (PostgreSQL), never. */
  readonly backslashEscapes: 'always' | 'e-prefix' | 'never';
  /** `$$…$$` / `$tag$…$tag$` strings (PostgreSQL). */
  readonly dollarQuotes: boolean;
  /** Line comment openers (`--`, `#`); each runs to the end of the line. */
  readonly lineComments: readonly string[];
  /** `/* … *\/` comments. */
  readonly blockComments: boolean;
  /** A number at the current position (sticky). */
  readonly number: RegExp;
  /** A bare word at the current position (sticky, `u`). */
  readonly word: RegExp;
  /** MySQL: digits followed by a letter (`1abc`, even `1e5`) are one word, not a number. */
  readonly wordsMayStartWithDigits: boolean;
  /** Multi-character operators, longest first, tried before anything else. */
  readonly operators: readonly string[];
  /** Characters that form an operator together (PostgreSQL's `<=`, `!~~*`); null: none run together. */
  readonly operatorRun: RegExp | null;
  /** What any other single character is: PostgreSQL and SQLite say `punct`, MySQL `op`. */
  readonly otherSymbols: 'op' | 'punct';
  /** Characters that are always `punct`, whatever `otherSymbols` says. */
  readonly punctuation: string;
}

export interface SqlTokens {
  readonly tokens: SqlToken[];
  /** False when a quote or a comment ran to the end of the text unclosed. */
  readonly complete: boolean;
}

/**
 * Splits SQL text into tokens, skipping whitespace and comments.
 *
 * @example tokenizeSql("a <> 'x'", POSTGRES_LEXICON).tokens.map((t) => t.kind) // ['word', 'op', 'string']
 */
export function tokenizeSql(sql: string, lexicon: SqlLexicon): SqlTokens {
  const tokens: SqlToken[] = [];
  let complete = true;
  let i = 0;
  while (i < sql.length) {
    const skipped = skipSpaceOrComment(sql, i, lexicon);
    if (skipped !== null) {
      complete &&= skipped.closed;
      i = skipped.end;
      continue;
    }
    const read = readQuoted(sql, i, lexicon) ?? readBare(sql, i, lexicon);
    complete &&= read.closed;
    tokens.push(read.token);
    i = read.token.end;
  }
  return { tokens, complete };
}

interface Read {
  readonly token: SqlToken;
  readonly closed: boolean;
}

/**
 * The first bare word of `sql` after whitespace and comments (the statement's
 * verb: `CREATE`, `INSERT`, …), upper-cased; null when it starts otherwise.
 * Reads no further than that word, so it costs nothing on a long statement.
 */
export function leadingWord(sql: string, lexicon: SqlLexicon): string | null {
  let i = 0;
  while (i < sql.length) {
    const skipped = skipSpaceOrComment(sql, i, lexicon);
    if (skipped === null) break;
    i = skipped.end;
  }
  lexicon.word.lastIndex = i;
  const match = lexicon.word.exec(sql);
  return match === null ? null : match[0].toUpperCase();
}

function skipSpaceOrComment(sql: string, i: number, lexicon: SqlLexicon): { end: number; closed: boolean } | null {
  if (/\s/.test(sql[i] as string)) return { end: i + 1, closed: true };
  if (lexicon.lineComments.some((opener) => sql.startsWith(opener, i))) {
    const eol = sql.indexOf('\n', i);
    return { end: eol === -1 ? sql.length : eol + 1, closed: true };
  }
  if (lexicon.blockComments && sql.startsWith('/*', i)) {
    const close = sql.indexOf('*/', i + 2);
    return close === -1 ? { end: sql.length, closed: false } : { end: close + 2, closed: true };
  }
  return null;
}

function token(sql: string, kind: SqlTokenKind, start: number, end: number, value?: string): SqlToken {
  const text = sql.slice(start, end);
  return { kind, text, value: value ?? text, start, end };
}

function readQuoted(sql: string, i: number, lexicon: SqlLexicon): Read | null {
  const c = sql[i] as string;
  const close = lexicon.identifierQuotes[c];
  if (close !== undefined) return readDelimited(sql, i, i + 1, 'ident', close, false);
  if (lexicon.stringQuotes.includes(c)) {
    return readDelimited(sql, i, i + 1, 'string', c, lexicon.backslashEscapes === 'always');
  }
  if (lexicon.backslashEscapes === 'e-prefix' && /[eE]/.test(c) && sql[i + 1] === "'") {
    return readDelimited(sql, i, i + 2, 'string', "'", true);
  }
  if (lexicon.dollarQuotes && c === '$') return readDollarQuoted(sql, i);
  return null;
}

const UNESCAPES: Readonly<Record<string, string>> = { '0': '\0', b: '\b', n: '\n', r: '\r', t: '\t', Z: '\x1a' };

/** From `open` (after the opening quote) to the closing one; a doubled closing quote stands for itself. */
function readDelimited(
  sql: string,
  start: number,
  open: number,
  kind: SqlTokenKind,
  close: string,
  backslash: boolean,
): Read {
  let value = '';
  let i = open;
  while (i < sql.length) {
    const c = sql[i] as string;
    if (backslash && c === '\\' && i + 1 < sql.length) {
      const next = sql[i + 1] as string;
      // MySQL keeps the backslash of \% and \_ (they matter to LIKE).
      value += next === '%' || next === '_' ? `\\${next}` : (UNESCAPES[next] ?? next);
      i += 2;
    } else if (c === close && close !== ']' && sql[i + 1] === close) {
      value += c;
      i += 2;
    } else if (c === close) {
      return { token: token(sql, kind, start, i + 1, value), closed: true };
    } else {
      value += c;
      i += 1;
    }
  }
  return { token: token(sql, kind, start, sql.length, value), closed: false };
}

const DOLLAR_TAG = /\$(?:[\p{L}_][\p{L}\p{N}_]*)?\$/uy;

function readDollarQuoted(sql: string, start: number): Read | null {
  DOLLAR_TAG.lastIndex = start;
  const tag = DOLLAR_TAG.exec(sql)?.[0];
  if (tag === undefined) return null;
  const close = sql.indexOf(tag, start + tag.length);
  if (close === -1)
    return { token: token(sql, 'string', start, sql.length, sql.slice(start + tag.length)), closed: false };
  const value = sql.slice(start + tag.length, close);
  return { token: token(sql, 'string', start, close + tag.length, value), closed: true };
}

function matchAt(pattern: RegExp, sql: string, i: number): string | undefined {
  pattern.lastIndex = i;
  return pattern.exec(sql)?.[0] || undefined;
}

const DIGITS_THEN_LETTER = /\d+[\p{L}_$]/uy;

function readBare(sql: string, i: number, lexicon: SqlLexicon): Read {
  const number = matchAt(lexicon.number, sql, i);
  if (number !== undefined && !(lexicon.wordsMayStartWithDigits && matchAt(DIGITS_THEN_LETTER, sql, i) !== undefined)) {
    return { token: token(sql, 'number', i, i + number.length), closed: true };
  }
  const word = matchAt(lexicon.word, sql, i);
  if (word !== undefined) return { token: token(sql, 'word', i, i + word.length), closed: true };
  const operator = lexicon.operators.find((op) => sql.startsWith(op, i));
  if (operator !== undefined) return { token: token(sql, 'op', i, i + operator.length), closed: true };
  const c = sql[i] as string;
  if (lexicon.operatorRun?.test(c) === true) {
    let end = i + 1;
    while (end < sql.length && lexicon.operatorRun.test(sql[end] as string)) end += 1;
    return { token: token(sql, 'op', i, end), closed: true };
  }
  const kind = lexicon.punctuation.includes(c) ? 'punct' : lexicon.otherSymbols;
  return { token: token(sql, kind, i, i + 1), closed: true };
}
