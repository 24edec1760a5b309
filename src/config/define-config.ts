import type { NamingConvention } from '../schema/naming.js';
import type { TargetsSetting } from './targets.js';

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
  /**
   * Table name patterns kiln owns: when given, `check` and `migrate` compare
   * only the database tables that match one (and every model table must).
   * `*` matches any characters, `?` one; a table in a named PostgreSQL
   * schema is matched both as `table` and as `schema.table`. Default: every table.
   *
   * @example include: ['app_*', 'billing.*']
   */
  readonly include?: readonly string[];
  /**
   * Table name patterns kiln leaves alone: never compared, so never proposed
   * for drop. Added to the built-in ones (`_prisma_migrations`,
   * `__drizzle_migrations`, `knex_migrations`, `alembic_version`,
   * `spatial_ref_sys`, …). A model table that matches one is an error.
   * Default: none besides the built-in ones.
   *
   * @example exclude: ['legacy_*', 'audit.*']
   */
  readonly exclude?: readonly string[];
  /**
   * The databases `--all` and `--targets` migrate, each `{ name, url }`
   * (PostgreSQL: `schemas` makes one target per schema), or a function,
   * async or not, that returns them when they are selected (e.g. read from a
   * tenants table). `url` stays the database every other command uses.
   * Default: none.
   *
   * @example targets: [{ name: 'eu', url: process.env.EU_URL! }, { name: 'us', url: process.env.US_URL! }]
   * @example targets: async () => (await listTenants()).map((t) => ({ name: t.slug, url: t.url }))
   */
  readonly targets?: TargetsSetting;
}

/** Identity function that gives `kiln.config.ts` type checking and editor completion. */
export function defineConfig(config: KilnConfig): KilnConfig {
  return config;
}
