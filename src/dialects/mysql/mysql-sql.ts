import { OperationError } from '../../errors.js';

/**
 * MySQL/MariaDB lexical helpers: identifier quoting, string literals escaped
 * for the default `sql_mode` (where `\` is an escape character), and a small
 * tokenizer for the expressions the server echoes back (defaults, checks,
 * ENUM value lists). kiln's sessions turn `NO_BACKSLASH_ESCAPES` off (see
 * mysql-connection.ts) so that online and offline `--sql` output agree.
 */

/** `` `a``b` ``: backtick quoting, backticks doubled. */
export function quoteIdentifier(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

const STRING_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "''",
  '\0': '\\0',
  '\n': '\\n',
  '\r': '\\r',
  '\x1a': '\\Z',
};

/**
 * A string literal for the default sql_mode: `\` doubled (it is an escape
 * character there), `'` doubled, NUL/CR/LF/^Z spelled as escapes.
 *
 * @example quoteString("a\\b'c") // → 'a\\b''c'
 */
export function quoteString(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL and ^Z are exactly what MySQL wants escaped.
  return `'${value.replace(/[\\'\0\n\r\x1a]/g, (c) => STRING_ESCAPES[c] ?? c)}'`;
}

/** A SQL literal: NULL, 1/0 for booleans (MySQL's TRUE is 1 anyway), numbers, escaped strings. */
export function literal(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new OperationError('operation.literal', `cannot write ${value} as a MySQL literal`, {
        hint: 'use a finite number, or sql`…` for a database-specific value',
      });
    }
    return String(value);
  }
  return quoteString(value);
}

export type Token =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'ident'; readonly value: string }
  | { readonly kind: 'word'; readonly value: string }
  | { readonly kind: 'number'; readonly value: string }
  | { readonly kind: 'op'; readonly value: string }
  | { readonly kind: 'punct'; readonly value: string };

const UNESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  b: '\b',
  n: '\n',
  r: '\r',
  t: '\t',
  Z: '\x1a',
};

/** Reads a quoted string starting at `start`; returns the value and the index after it, or null if unterminated. */
function readString(sql: string, start: number): { value: string; end: number } | null {
  const quote = sql[start];
  let value = '';
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i] as string;
    if (c === '\\' && i + 1 < sql.length) {
      const next = sql[i + 1] as string;
      // MySQL keeps the backslash of \% and \_ (they matter to LIKE).
      value += next === '%' || next === '_' ? `\\${next}` : (UNESCAPES[next] ?? next);
      i += 2;
    } else if (c === quote) {
      if (sql[i + 1] === quote) {
        value += c;
        i += 2;
      } else {
        return { value, end: i + 1 };
      }
    } else {
      value += c;
      i += 1;
    }
  }
  return null;
}

function readIdentifier(sql: string, start: number): { value: string; end: number } | null {
  let value = '';
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === '`') {
      if (sql[i + 1] === '`') {
        value += '`';
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    value += sql[i];
    i += 1;
  }
  return null;
}

const MULTI_CHAR_OPS = ['<=>', '<=', '>=', '<>', '!=', '||', '&&', '<<', '>>', ':='];
const NUMBER = /^(?:\d+\.?\d*(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?)/i;
const WORD = /^[\p{L}\p{N}_$@]+/u;

/** Splits an expression into tokens; null when it has an unterminated string or identifier. */
export function tokenize(sql: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    const rest = sql.slice(i);
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === "'" || c === '"') {
      const read = readString(sql, i);
      if (read === null) return null;
      tokens.push({ kind: 'string', value: read.value });
      i = read.end;
    } else if (c === '`') {
      const read = readIdentifier(sql, i);
      if (read === null) return null;
      tokens.push({ kind: 'ident', value: read.value });
      i = read.end;
    } else if (NUMBER.test(rest) && !/^\d+[\p{L}_$]/u.test(rest)) {
      const match = NUMBER.exec(rest)?.[0] ?? c;
      tokens.push({ kind: 'number', value: match });
      i += match.length;
    } else if (WORD.test(rest)) {
      const match = WORD.exec(rest)?.[0] ?? c;
      tokens.push({ kind: 'word', value: match });
      i += match.length;
    } else if ('(),.'.includes(c)) {
      tokens.push({ kind: 'punct', value: c });
      i += 1;
    } else {
      const op = MULTI_CHAR_OPS.find((o) => rest.startsWith(o)) ?? c;
      tokens.push({ kind: 'op', value: op });
      i += op.length;
    }
  }
  return tokens;
}

/** The value of `sql` when it is exactly one quoted string literal (`'a\\b''c'`), else null. */
export function parseStringLiteral(sql: string): string | null {
  const tokens = tokenize(sql.trim());
  const first = tokens?.[0];
  return tokens?.length === 1 && first?.kind === 'string' ? first.value : null;
}

/** The values of `enum('a','b''c')` as the server prints a column type. */
export function parseEnumValues(columnType: string): string[] | null {
  const match = /^(?:enum|set)\s*\((.*)\)$/is.exec(columnType.trim());
  if (match === null) return null;
  const tokens = tokenize(match[1] ?? '');
  if (tokens === null) return null;
  const values: string[] = [];
  for (const [i, token] of tokens.entries()) {
    const expected = i % 2 === 0 ? 'string' : 'punct';
    if (token.kind !== expected) return null;
    if (token.kind === 'string') values.push(token.value);
  }
  return values;
}
