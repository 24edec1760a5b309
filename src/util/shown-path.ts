import { isAbsolute, relative } from 'node:path';

/**
 * A file as messages show it: relative to the working directory when it lies
 * below it (`migrations/versions/3f2a_add_email.ts`), else as given.
 *
 * @example shownPath(join(process.cwd(), 'kiln.config.ts')) // 'kiln.config.ts'
 */
export function shownPath(file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(process.cwd(), file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}
