import { ConfigError } from '../errors.js';
import { isModuleMissing } from '../util/module-missing.js';

export { isModuleMissing };

/**
 * The database drivers (`better-sqlite3`, `pg`, `mysql2`) are optional peer
 * dependencies: a project installs the one for its database. A dialect loads
 * its driver when it first connects (never for offline `--sql`), through
 * `importDriver`, so a missing one is one clear error naming the package.
 */

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
