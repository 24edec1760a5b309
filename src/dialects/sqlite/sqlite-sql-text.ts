/**
 * A small tokenizer for the SQL text SQLite keeps in `sqlite_master`. SQLite
 * stores CREATE TABLE / CREATE INDEX verbatim and offers no catalogue for
 * constraint names or CHECK expressions, so the introspector reads them from
 * that text. The tokenizer respects quotes (`"…"`, `` `…` ``, `[…]`, `'…'`),
 * comments and parentheses; expressions are sliced from the original text so
 * that they read back exactly as written.
 */

export interface Token {
  /** `word`: a bare name or keyword; `ident`: a quoted name; `string`: a '…' literal. */
  readonly kind: 'word' | 'ident' | 'string' | 'number' | 'punct';
  /** The unquoted value (for ident and string), else the text. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

const WORD_CHAR = /[\p{L}\p{N}_$]/u;
const QUOTES: Readonly<Record<string, { close: string; kind: Token['kind'] }>> = {
  '"': { close: '"', kind: 'ident' },
  '`': { close: '`', kind: 'ident' },
  '[': { close: ']', kind: 'ident' },
  "'": { close: "'", kind: 'string' },
};

/** Splits SQL text into tokens, skipping whitespace and comments. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] as string;
    if (/\s/.test(ch)) {
      i += 1;
    } else if (sql.startsWith('--', i)) {
      const eol = sql.indexOf('\n', i);
      i = eol === -1 ? sql.length : eol + 1;
    } else if (sql.startsWith('/*', i)) {
      const close = sql.indexOf('*/', i + 2);
      i = close === -1 ? sql.length : close + 2;
    } else if (QUOTES[ch] !== undefined) {
      const { close, kind } = QUOTES[ch];
      const token = readQuoted(sql, i, close, kind);
      tokens.push(token);
      i = token.end;
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const match = /^(0x[0-9a-f]+|(\d+\.?\d*|\.\d+)(e[+-]?\d+)?)/i.exec(sql.slice(i));
      const text = match?.[0] ?? ch;
      tokens.push({ kind: 'number', value: text, start: i, end: i + text.length });
      i += text.length;
    } else if (WORD_CHAR.test(ch)) {
      let end = i + 1;
      while (end < sql.length && WORD_CHAR.test(sql[end] as string)) end += 1;
      tokens.push({ kind: 'word', value: sql.slice(i, end), start: i, end });
      i = end;
    } else {
      tokens.push({ kind: 'punct', value: ch, start: i, end: i + 1 });
      i += 1;
    }
  }
  return tokens;
}

function readQuoted(sql: string, start: number, close: string, kind: Token['kind']): Token {
  let value = '';
  let i = start + 1;
  while (i < sql.length) {
    const ch = sql[i] as string;
    if (ch === close) {
      // A doubled closing quote is an escaped quote (not for [brackets]).
      if (close !== ']' && sql[i + 1] === close) {
        value += close;
        i += 2;
        continue;
      }
      return { kind, value, start, end: i + 1 };
    }
    value += ch;
    i += 1;
  }
  return { kind, value, start, end: sql.length };
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
