import { ConfigError } from '../errors.js';

/**
 * The database drivers (`better-sqlite3`, `pg`, `mysql2`) are optional peer
 * dependencies: a project installs the one for its database. A dialect loads
 * its driver when it first connects (never for offline `--sql`), through
 * `importDriver`, so a missing one is one clear error naming the package.
 */

/** True when `error` says `name` itself (not one of its own imports) is not installed. */
export function isModuleMissing(error: unknown, name: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false;
  const message = error instanceof Error ? error.message : '';
  return message.includes(`'${name}'`) || message.includes(`"${name}"`);
}

/**
 * Imports a driver package, or throws `config.driver-missing` naming the
 * command that installs it.
 *
 * @example const pg = await importDriver('pg', 'PostgreSQL', () => import('pg'));
 */
export async function importDriver<M>(name: string, database: string, load: () => Promise<M>): Promise<M> {
  try {
    return await load();
  } catch (error) {
    if (!isModuleMissing(error, name)) throw error;
    throw new ConfigError('config.driver-missing', `the ${database} driver '${name}' is not installed`, {
      hint: `install it in your project: npm install ${name}`,
      data: { package: name },
      cause: error,
    });
  }
}
