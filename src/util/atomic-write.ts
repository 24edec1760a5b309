import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that it is either complete or absent: the text goes to a
 * dot-named temporary file beside it (revision loaders skip dot-files), which
 * is then renamed over the target (atomic within one file system). On failure
 * the temporary file is removed and the error rethrown.
 *
 * @example writeFileAtomic('migrations/versions/3f2a_add_email.ts', source);
 */
export function writeFileAtomic(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text, { flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // On a read-only file system the temporary file was never created: nothing to remove.
    }
    throw error;
  }
}
