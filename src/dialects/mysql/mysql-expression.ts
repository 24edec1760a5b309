import { quoteIdentifier, quoteString, type Token, tokenize } from './mysql-sql.js';

/**
 * Canonical spelling of the SQL expressions MySQL/MariaDB echo back (check
 * clauses, expression defaults), so that what the user wrote and what the
 * server prints compare equal. The result is still valid, equivalent SQL:
 * only case, quoting, spacing, redundant parentheses, charset introducers and
 * a few documented synonyms change. MariaDB rewrites some expressions more
 * deeply (`NOT (a > 1)` becomes `a <= 1`); those must be written as the server
 * echoes them.
 */

/** Function names the server echoes under another name (MariaDB: LENGTH → octet_length). */
const FUNCTION_ALIASES: Readonly<Record<string, string>> = {
  length: 'octet_length',
  character_length: 'char_length',
  now: 'current_timestamp',
};

/** Words that bind looser than comparisons: a parenthesised comparison next to them needs no parentheses. */
const LOGICAL = new Set(['and', 'or', 'xor', 'not']);
/** Words after which `(` opens a group or list rather than a function's arguments. */
const KEYWORDS = new Set([
  ...LOGICAL,
  'in',
  'when',
  'then',
  'else',
  'case',
  'is',
  'like',
  'regexp',
  'rlike',
  'between',
  'mod',
  'div',
  'exists',
  'interval',
]);
/** Contents that make a group unsafe to unwrap (anything at logical precedence or below, or a row). */
const UNSAFE_INSIDE = new Set([...LOGICAL, 'between', 'case', 'when', 'then', 'else', 'end']);

const CHARSET_INTRODUCER = /^_(utf8mb4|utf8mb3|utf8|latin1|ascii|binary|ucs2|utf16|utf32)$/i;

function isPunct(token: Token | undefined, value: string): boolean {
  return token?.kind === 'punct' && token.value === value;
}

function isWord(token: Token | undefined, words: ReadonlySet<string>): boolean {
  return token?.kind === 'word' && words.has(token.value);
}

/** Lower-cases words, maps synonyms, turns column names into identifiers, drops charset introducers. */
function canonicalTokens(tokens: readonly Token[], columns: ReadonlySet<string>): Token[] {
  const out: Token[] = [];
  for (const [i, token] of tokens.entries()) {
    const next = tokens[i + 1];
    const prev = tokens[i - 1];
    if (token.kind === 'word' && CHARSET_INTRODUCER.test(token.value) && next?.kind === 'string') continue;
    if (token.kind === 'ident') {
      out.push({ kind: 'ident', value: token.value.toLowerCase() });
    } else if (token.kind === 'word') {
      const word = token.value.toLowerCase();
      if (isPunct(next, '(')) out.push({ kind: 'word', value: FUNCTION_ALIASES[word] ?? word });
      else if (word === 'true' || word === 'false') out.push({ kind: 'number', value: word === 'true' ? '1' : '0' });
      else if (columns.has(word) && !isPunct(prev, '.')) out.push({ kind: 'ident', value: word });
      else out.push({ kind: 'word', value: word });
    } else if (token.kind === 'op' && token.value === '!=') {
      out.push({ kind: 'op', value: '<>' });
    } else if (token.kind === 'op' && token.value === '%') {
      out.push({ kind: 'word', value: 'mod' });
    } else if (token.kind === 'op' && token.value === '&&') {
      out.push({ kind: 'word', value: 'and' });
    } else {
      out.push(token);
    }
  }
  return out;
}

/** Index of the `)` matching the `(` at `open`, or -1. */
function matchingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i += 1) {
    if (isPunct(tokens[i], '(')) depth += 1;
    else if (isPunct(tokens[i], ')')) {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Whether the group between `open` and `close` can lose its parentheses without changing meaning. */
function removableGroup(tokens: readonly Token[], open: number, close: number): boolean {
  const prev = tokens[open - 1];
  // After a function name or IN/… the parentheses belong to the call or list.
  if (prev !== undefined && (prev.kind === 'ident' || (prev.kind === 'word' && !LOGICAL.has(prev.value)))) {
    return false;
  }
  const inner = tokens.slice(open + 1, close);
  let depth = 0;
  let unsafe = false;
  for (const token of inner) {
    if (isPunct(token, '(')) depth += 1;
    else if (isPunct(token, ')')) depth -= 1;
    else if (depth === 0 && (isPunct(token, ',') || isWord(token, UNSAFE_INSIDE))) {
      if (isPunct(token, ',')) return false;
      unsafe = true;
    }
  }
  if (inner.length <= 1) return true;
  const next = tokens[close + 1];
  const whole = open === 0 && close === tokens.length - 1;
  const doubled = isPunct(prev, '(') && isPunct(next, ')');
  if (whole || doubled) return true;
  const boundary = (t: Token | undefined) =>
    t === undefined || isPunct(t, '(') || isPunct(t, ')') || isPunct(t, ',') || isWord(t, LOGICAL);
  return !unsafe && boundary(prev) && boundary(next) && !isWord(prev, new Set(['not']));
}

/** Removes redundant grouping parentheses until none is left. */
function unwrapGroups(tokens: Token[]): Token[] {
  let current = tokens;
  for (let changed = true; changed; ) {
    changed = false;
    for (let open = 0; open < current.length; open += 1) {
      if (!isPunct(current[open], '(')) continue;
      const close = matchingParen(current, open);
      if (close > open && removableGroup(current, open, close)) {
        current = [...current.slice(0, open), ...current.slice(open + 1, close), ...current.slice(close + 1)];
        changed = true;
        break;
      }
    }
  }
  return current;
}

function renderToken(token: Token): string {
  if (token.kind === 'string') return quoteString(token.value);
  if (token.kind === 'ident') return quoteIdentifier(token.value);
  return token.value;
}

function render(tokens: readonly Token[]): string {
  let out = '';
  for (const [i, token] of tokens.entries()) {
    const prev = tokens[i - 1];
    const glue =
      prev === undefined ||
      isPunct(prev, '(') ||
      isPunct(prev, '.') ||
      isPunct(prev, ',') ||
      isPunct(token, ')') ||
      isPunct(token, ',') ||
      isPunct(token, '.') ||
      (isPunct(token, '(') && prev.kind === 'word' && !KEYWORDS.has(prev.value));
    out += (glue ? '' : ' ') + renderToken(token);
  }
  return out;
}

/**
 * The canonical spelling of an expression. `columns` are the table's column
 * names: bare words naming them become backticked identifiers, as the server
 * echoes them. An expression kiln cannot tokenize is returned trimmed.
 *
 * @example canonicalExpression('LENGTH(name) != 0', new Set(['name'])) // 'octet_length(`name`) <> 0'
 */
export function canonicalExpression(sql: string, columns: ReadonlySet<string> = new Set()): string {
  const tokens = tokenize(sql);
  if (tokens === null) return sql.trim();
  return render(unwrapGroups(canonicalTokens(tokens, columns)));
}

/** The tokens of an expression in canonical form (for callers that inspect single literals). */
export function canonicalExpressionTokens(sql: string, columns: ReadonlySet<string> = new Set()): Token[] | null {
  const tokens = tokenize(sql);
  return tokens === null ? null : unwrapGroups(canonicalTokens(tokens, columns));
}
