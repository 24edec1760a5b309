/** Telling "this optional package is not installed" from a failure inside it. */

/** True when `error` says `name` itself (not one of its own imports) is not installed. */
export function isModuleMissing(error: unknown, name: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false;
  const message = error instanceof Error ? error.message : '';
  return message.includes(`'${name}'`) || message.includes(`"${name}"`);
}
