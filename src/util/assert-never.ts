/**
 * The `never` check that ends an exhaustive switch: TypeScript rejects the
 * call when a case is missing, and at run time (a value from an older file or
 * a cast) it fails loudly instead of dropping the value silently.
 *
 * @example default: return assertNever(type, 'column type');
 * @throws Error always: reaching it is a bug, not a user mistake.
 */
export function assertNever(value: never, what: string): never {
  throw new Error(`unhandled ${what} ${JSON.stringify(value)}`);
}
