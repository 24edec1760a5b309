/**
 * TypeScript source spelling of values: string literals, `sql` templates,
 * property keys. Kept apart from the operation renderers so that escaping is
 * decided in one place.
 */

/** The DSL names a rendered fragment uses; collected for `import { … } from 'kiln'`. */
export type ImportSet = Set<string>;

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
  '\v': '\\v',
  '\0': '\\x00',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

function escapeChar(ch: string): string {
  const known = ESCAPES[ch];
  if (known !== undefined) return known;
  return `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
}

/**
 * A string literal, single-quoted unless the text holds single quotes and no
 * double ones (SQL text often does), escaped so that it reads back the same.
 *
 * @example stringLiteral("it's") // "\"it's\""
 */
export function stringLiteral(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const special = new RegExp(`[\\\\\\x00-\\x1f\\x7f\\u2028\\u2029${quote}]`, 'g');
  return `${quote}${text.replace(special, (ch) => (ch === quote ? `\\${quote}` : escapeChar(ch)))}${quote}`;
}

/**
 * A `sql\`…\`` template holding `text` verbatim: backslashes, backticks and
 * `${` are escaped (the tag reads the cooked string), and a carriage return
 * is written as `\r` because template literals turn raw CRLF into LF.
 */
export function sqlTemplate(text: string, imports: ImportSet): string {
  imports.add('sql');
  const escaped = text.replace(/\\|`|\$\{|\r/g, (m) => (m === '\r' ? '\\r' : m === '${' ? '\\${' : `\\${m}`));
  return `sql\`${escaped}\``;
}

/** A literal for a number, boolean, string or null. */
export function valueLiteral(value: string | number | boolean | null): string {
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number' && Object.is(value, -0)) return '-0';
  return String(value);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** An object key: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : stringLiteral(name);
}

/** `t.name`, or `t['created at']` when the name is not an identifier. */
export function memberAccess(object: string, name: string): string {
  return IDENTIFIER.test(name) ? `${object}.${name}` : `${object}[${stringLiteral(name)}]`;
}

/** `['a', 'b']`. */
export function stringArray(values: readonly string[]): string {
  return `[${values.map(stringLiteral).join(', ')}]`;
}

/** `{ a: 1, b: 'x' }`, or `''` when there are no entries (so callers can omit the argument). */
export function objectLiteral(entries: readonly (readonly [string, string])[]): string {
  if (entries.length === 0) return '';
  return `{ ${entries.map(([key, value]) => `${propertyKey(key)}: ${value}`).join(', ')} }`;
}

/** A call whose trailing empty arguments are left out: `f('a', ['b'])`. */
export function call(callee: string, args: readonly string[]): string {
  const trimmed = [...args];
  while (trimmed.length > 0 && trimmed[trimmed.length - 1] === '') trimmed.pop();
  return `${callee}(${trimmed.map((a) => (a === '' ? 'undefined' : a)).join(', ')})`;
}

/** Prefixes every non-empty line with `indent`. */
export function indentLines(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `${indent}${line}`))
    .join('\n');
}
