import { OperationError } from '../../errors.js';
import { type SqlLexicon, type SqlToken, tokenizeSql } from '../sql-tokens.js';

/**
 * MySQL/MariaDB lexical helpers: identifier quoting, string literals escaped
 * for the default `sql_mode` (where `\` is an escape character), and the
 * lexical rules the shared tokenizer (../sql-tokens.ts) reads the expressions
 * the server echoes back with (defaults, checks, ENUM value lists). kiln's sessions turn `NO_BACKSLASH_ESCAPES` off (see
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

/** What the expression rewrites here need of a token: its kind and its unquoted value. */
export type Token = Pick<SqlToken, 'kind' | 'value'>;

/**
 * MySQL's lexical rules (default sql_mode): names in backticks, strings in
 * `'…'` or `"…"` with backslash escapes, `-- ` and `#` and block comments,
 * words that may start with digits, and its few multi-character operators.
 */
const MYSQL_LEXICON: SqlLexicon = {
  identifierQuotes: { '`': '`' },
  stringQuotes: `'"`,
  backslashEscapes: 'always',
  dollarQuotes: false,
  lineComments: ['-- ', '#'],
  blockComments: true,
  number: /\d+\.?\d*(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?/iy,
  word: /[\p{L}\p{N}_$@]+/uy,
  wordsMayStartWithDigits: true,
  operators: ['<=>', '<=', '>=', '<>', '!=', '||', '&&', '<<', '>>', ':='],
  operatorRun: null,
  otherSymbols: 'op',
  punctuation: '(),.',
};

/** Splits an expression into tokens; null when it has an unterminated string or identifier. */
export function tokenize(sql: string): SqlToken[] | null {
  const { tokens, complete } = tokenizeSql(sql, MYSQL_LEXICON);
  return complete ? tokens : null;
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
