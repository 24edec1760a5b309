import { ConfigError } from '../errors.js';
import { namedEnumOf, qualifiedName, type SchemaModel, type Table } from '../schema/model.js';

/**
 * Tables other tools keep beside an application's own, left out of every
 * comparison unless the models name them: migration tools' bookkeeping
 * (drizzle, Prisma, knex, Alembic, Flyway, Sequelize, goose, Diesel),
 * PostGIS's `spatial_ref_sys`, and SQLite's internal tables should a
 * database ever show them.
 */
export const DEFAULT_EXCLUDED_TABLES: readonly string[] = Object.freeze([
  '__drizzle_migrations',
  '_prisma_migrations',
  'knex_migrations',
  'knex_migrations_lock',
  'alembic_version',
  'flyway_schema_history',
  'SequelizeMeta',
  'goose_db_version',
  '__diesel_schema_migrations',
  'spatial_ref_sys',
  'sqlite_sequence',
  'sqlite_stat*',
]);

/** The config's `include` / `exclude` table patterns, as `loadConfig` resolved them. */
export interface TablePatterns {
  /** Only tables matching one of these are kiln's; null = every table. */
  readonly include: readonly string[] | null;
  /** Tables matching one of these are not kiln's (besides `DEFAULT_EXCLUDED_TABLES`). */
  readonly exclude: readonly string[];
}

/**
 * Whether `pattern` (a glob: `*` any run of characters, `?` one, everything
 * else literal and case-sensitive) matches the table: its name, or, for a
 * table in a named PostgreSQL schema, its name qualified as `schema.table`.
 *
 * @example tableMatches('audit_*', { schema: null, name: 'audit_log' })   // true
 * @example tableMatches('legacy.*', { schema: 'legacy', name: 'users' }) // true
 */
export function tableMatches(pattern: string, table: Pick<Table, 'schema' | 'name'>): boolean {
  const regex = globRegex(pattern);
  return regex.test(table.name) || (table.schema !== null && regex.test(qualifiedName(table)));
}

const regexCache = new Map<string, RegExp>();

function globRegex(pattern: string): RegExp {
  let regex = regexCache.get(pattern);
  if (regex === undefined) {
    const body = [...pattern]
      .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${body}$`, 'su');
    regexCache.set(pattern, regex);
  }
  return regex;
}

/** Why the patterns leave `table` out (the pattern at fault), or null when it is kiln's. */
function excludedBy(patterns: TablePatterns, table: Table): string | null {
  const excluding = patterns.exclude.find((pattern) => tableMatches(pattern, table));
  if (excluding !== undefined) return `it matches exclude pattern '${excluding}'`;
  if (patterns.include !== null && !patterns.include.some((pattern) => tableMatches(pattern, table))) {
    return 'it matches no include pattern';
  }
  return null;
}

/**
 * Refuses a model that names a table the patterns leave out: kiln would
 * create it and then never compare it again. The built-in exclusions do not
 * apply to a table the models name (that table is then kiln's).
 *
 * @throws ConfigError `config.table-excluded`, naming the table and the pattern.
 */
export function checkModelTables(patterns: TablePatterns, model: SchemaModel, where: string): void {
  for (const table of model.tables) {
    const reason = excludedBy(patterns, table);
    if (reason !== null) {
      throw new ConfigError(
        'config.table-excluded',
        `table ${qualifiedName(table)} is in the schema modules, but ${where} leaves it out: ${reason}`,
        {
          hint: "remove the table from the schema modules, or change 'include' / 'exclude' in the config",
          data: { table: qualifiedName(table) },
        },
      );
    }
  }
}

/**
 * The live schema without the tables that are not kiln's: those the patterns
 * or `DEFAULT_EXCLUDED_TABLES` leave out (unless `models` names them), and
 * the enum types only such tables use, so that `check` and `migrate` never
 * propose to drop what another tool owns.
 */
export function ownTables(patterns: TablePatterns, live: SchemaModel, models: SchemaModel): SchemaModel {
  const named = new Set(models.tables.map(qualifiedName));
  const foreign = (table: Table) =>
    !named.has(qualifiedName(table)) &&
    (excludedBy(patterns, table) !== null || DEFAULT_EXCLUDED_TABLES.some((pattern) => tableMatches(pattern, table)));
  const kept = live.tables.filter((table) => !foreign(table));
  if (kept.length === live.tables.length) return live;
  const usedElsewhere = new Set<string>();
  for (const table of live.tables.filter(foreign)) {
    for (const column of table.columns) {
      const type = namedEnumOf(column.type);
      if (type !== null) usedElsewhere.add(qualifiedName(type));
    }
  }
  const modelEnums = new Set(models.enums.map(qualifiedName));
  const enums = live.enums.filter((e) => modelEnums.has(qualifiedName(e)) || !usedElsewhere.has(qualifiedName(e)));
  return { tables: kept, enums };
}

/** Reads `include` / `exclude` from a config file: lists of non-empty strings. */
export function readTablePatterns(raw: { include?: unknown; exclude?: unknown }, file: string): TablePatterns {
  const include = raw.include === undefined ? null : patternList(raw.include, 'include', file);
  const exclude = raw.exclude === undefined ? [] : patternList(raw.exclude, 'exclude', file);
  return { include, exclude };
}

function patternList(value: unknown, key: string, file: string): readonly string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === '')) {
    throw new ConfigError('config.invalid', `${file}: '${key}' must be a list of table name patterns`, {
      hint: `e.g. ${key}: ['audit_*', 'legacy.*'] ('*' matches any characters, '?' one)`,
    });
  }
  return Object.freeze([...(value as string[])]);
}
