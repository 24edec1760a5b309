import type { NamingConvention } from '../schema/naming.js';

/**
 * What `kiln.config.ts` exports (default export).
 *
 * @example
 * export default defineConfig({
 *   url: process.env.DATABASE_URL ?? 'sqlite:./app.db',
 *   schema: './src/schema.ts',
 *   migrations: './migrations',
 * });
 */
export interface KilnConfig {
  /** Database URL; `--url` and `DATABASE_URL` override it. Default: none (an error names the fix). */
  readonly url?: string;
  /** Module(s) exporting table definitions, relative to the config file. Needed by autogenerate and check. */
  readonly schema?: string | readonly string[];
  /** Folder holding `versions/` and the revision template. Default `./migrations`. */
  readonly migrations?: string;
  /** Overrides for the constraint and index naming convention. */
  readonly naming?: Partial<NamingConvention>;
  /** Name of the version table. Default `kiln_version`. */
  readonly versionTable?: string;
  /** Name of the append-only log table. Default `kiln_log`. */
  readonly logTable?: string;
  /**
   * Seconds `upgrade`, `downgrade` and `stamp` wait for another kiln run's
   * lock on the database; 0 fails at once. `--lock-timeout` overrides it.
   * Default 60.
   */
  readonly lockTimeout?: number;
}

/** Identity function that gives `kiln.config.ts` type checking and editor completion. */
export function defineConfig(config: KilnConfig): KilnConfig {
  return config;
}
