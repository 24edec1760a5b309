/**
 * TypeScript source spelling of values: string literals, `sql` templates,
 * property keys. The escaping itself is `util/escape.ts`'s.
 */

import type { IndexPart } from '../schema/model.js';
import { tsString, tsTemplate } from '../util/escape.js';

/** The DSL names a rendered fragment uses; collected for `import { … } from 'kiln'`. */
export type ImportSet = Set<string>;

/**
 * A `sql\`…\`` template holding `text` verbatim (the tag reads the cooked
 * string); escaped by `tsTemplate`.
 */
export function sqlTemplate(text: string, imports: ImportSet): string {
  imports.add('sql');
  return `sql${tsTemplate(text)}`;
}

/** A literal for a number, boolean, string or null. */
export function valueLiteral(value: string | number | boolean | null): string {
  if (typeof value === 'string') return tsString(value);
  if (typeof value === 'number' && Object.is(value, -0)) return '-0';
  return String(value);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** An object key: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : tsString(name);
}

/** `t.name`, or `t['created at']` when the name is not an identifier. */
export function memberAccess(object: string, name: string): string {
  return IDENTIFIER.test(name) ? `${object}.${name}` : `${object}[${tsString(name)}]`;
}

/** `['a', 'b']`. */
export function stringArray(values: readonly string[]): string {
  return `[${values.map(tsString).join(', ')}]`;
}

/** An index's parts as a TS array: `['tenant_id', sql\`lower(email)\`]`. */
export function indexPartArray(parts: readonly IndexPart[], imports: ImportSet): string {
  return `[${parts.map((p) => (typeof p === 'string' ? tsString(p) : sqlTemplate(p.expression, imports))).join(', ')}]`;
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
