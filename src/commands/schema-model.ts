import type { RenameResolver } from '../autogenerate/rename-resolver.js';
import { existsSync } from 'node:fs';
import { compareSchemas } from '../autogenerate/compare.js';
import { namedSchemas } from '../autogenerate/compare-namespaces.js';
import { declaredOperations } from '../autogenerate/declared.js';
import { redactUrl } from '../config/database-url.js';
import type { ResolvedConfig } from '../config/load-config.js';
import { checkModelTables, ownTables } from '../config/table-filter.js';
import type { Operation } from '../operations/operation.js';
import type { Dialect, LiveNamespace } from '../dialects/dialect.js';
import { checkIdentifierLengths, modelIdentifiers } from '../dialects/identifier-limit.js';
import { ConfigError, KilnError, SchemaError } from '../errors.js';
import { shownPath } from '../revisions/revision-errors.js';
import { buildSchemaModel } from '../schema/build-model.js';
import { drizzleParts } from '../schema/drizzle/drizzle-model.js';
import { EMPTY_SCHEMA, type SchemaModel } from '../schema/model.js';
import { importFailure, importUserModule } from '../util/import-module.js';
import { kilnTableNames } from '../runtime/version-table.js';
import { type DatabaseSession, kilnTables } from './database.js';

/** The models of the schema modules: as declared, and as `dialect` would store them (what comparisons use). */
export interface SchemaModels {
  readonly declared: SchemaModel;
  readonly normalized: SchemaModel;
}

/** Imports the config's schema module(s) and builds the model they describe, as `dialect` would store it. */
export async function loadSchemaModel(config: ResolvedConfig, dialect: Dialect): Promise<SchemaModel> {
  return (await loadSchemaModels(config, dialect)).normalized;
}

/**
 * Throws when the config names no schema module; returns how messages name
 * the config. `check --all` asks once, before any target, not once per target.
 */
export function requireSchemaFiles(config: ResolvedConfig): string {
  const where = config.configFile === null ? 'the config' : shownPath(config.configFile);
  if (config.schemaFiles.length === 0) {
    throw new ConfigError('config.no-schema', `${where} names no schema module`, {
      hint: "set schema: './src/schema.ts' (a module exporting your tables) in the config",
    });
  }
  return where;
}

/** Imports the config's schema module(s) and builds the model they describe, as declared and as stored. */
export async function loadSchemaModels(config: ResolvedConfig, dialect: Dialect): Promise<SchemaModels> {
  const where = requireSchemaFiles(config);
  const modules: unknown[] = [];
  for (const file of config.schemaFiles) {
    const shown = shownPath(file);
    if (!existsSync(file)) {
      throw new ConfigError('config.schema-missing', `schema module ${shown} (named in ${where}) does not exist`, {
        hint: 'create it, or fix the schema path in the config',
      });
    }
    try {
      modules.push(await importUserModule(file));
    } catch (error) {
      if (error instanceof KilnError) throw error;
      throw new SchemaError('schema.load-failed', `cannot load the schema module: ${importFailure(error, file)}`, {
        hint: 'fix the error in the schema module',
        cause: error,
      });
    }
  }
  // drizzle-orm tables join kiln's own (mixed schemas are allowed); drizzle is loaded only if there are some.
  const drizzle = await drizzleParts(modules, { target: dialect.drizzle, label: databaseLabel(config, dialect) });
  const model = buildSchemaModel(modules, {
    naming: config.naming,
    sharedNamespaces: dialect.capabilities.sharedNamespaces,
    tables: drizzle.tables,
    enums: drizzle.enums,
  });
  checkModelTables(config.tables, model, where);
  // Here the model first meets the dialect: a name too long for it is refused before any revision is written.
  checkIdentifierLengths(dialect.capabilities.identifierLimit, modelIdentifiers(model));
  return { declared: model, normalized: dialect.normalize(model) };
}

/** The config's database as a message names it: `sqlite (sqlite:./app.db)`, never a password. */
function databaseLabel(config: ResolvedConfig, dialect: Dialect): string {
  return config.url === null ? dialect.name : `${dialect.name} (${redactUrl(config.url)})`;
}

/**
 * The live schema, without kiln's own tables, as the dialect normalises it.
 * `models` widens the scope to every schema (namespace) they name, and
 * `namespaces` to every schema kiln created (so that the tables of one the
 * models stopped naming are seen, and proposed for drop).
 */
export async function introspectDatabase(
  config: ResolvedConfig,
  session: DatabaseSession,
  models?: SchemaModel,
  namespaces: readonly LiveNamespace[] = [],
): Promise<SchemaModel> {
  const ours = namespaces.filter((namespace) => namespace.createdByKiln).map((namespace) => namespace.name);
  const model = await session.dialect.introspect(session.connection, {
    exclude: kilnTableNames(kilnTables(config)),
    extraSchemas: [...new Set([...(models === undefined ? [] : namedSchemas(models)), ...ours])].sort(),
  });
  return session.dialect.normalize(model);
}

/**
 * What autogenerate would write: the operations that bring the database to
 * the models, compared in the dialect's normalised forms and written as the
 * models declare them (see autogenerate/declared.ts), so that a revision
 * generated here applies and checks clean on the other databases too.
 */
export async function operationsToReach(
  config: ResolvedConfig,
  session: DatabaseSession,
  models: SchemaModels,
): Promise<Operation[]> {
  return (await diffWithDatabase(config, session, models)).operations;
}

/**
 * `operationsToReach`, with the live schema they start from (what `kiln
 * lint` reads tables from). `renames` decides, from the live schema and the
 * models, which dropped + added columns and tables are renames (default: none).
 */
export async function diffWithDatabase(
  config: ResolvedConfig,
  session: DatabaseSession,
  models: SchemaModels,
  renames?: (live: SchemaModel, models: SchemaModel) => Promise<RenameResolver>,
): Promise<{ operations: Operation[]; live: SchemaModel }> {
  const namespaces = await session.dialect.namespaces?.list(session.connection);
  const model = models.normalized;
  const live = ownTables(config.tables, await introspectDatabase(config, session, model, namespaces), model);
  const comparison = await session.dialect.comparison?.(live, model, session.connection);
  const renameResolver = renames === undefined ? undefined : await renames(live, model);
  const operations = compareSchemas(live, model, {
    ...(renameResolver === undefined ? {} : { renameResolver }),
    ...(namespaces === undefined ? {} : { namespaces }),
    ...(comparison === undefined ? {} : { comparison }),
  });
  const declared = declaredOperations(operations, live, models.declared, {
    stored: session.dialect.capabilities,
    naming: config.naming,
  });
  return { operations: declared, live };
}

/**
 * The whole live schema that is kiln's to manage, for `pull` and
 * `revision --baseline`: every user schema (PostgreSQL namespace) read,
 * kiln's own tables and those the config's `include` / `exclude` (or
 * `DEFAULT_EXCLUDED_TABLES`) leave out removed, normalised by the dialect.
 */
export async function introspectOwnSchema(config: ResolvedConfig, session: DatabaseSession): Promise<SchemaModel> {
  const namespaces = (await session.dialect.namespaces?.list(session.connection)) ?? [];
  const model = await session.dialect.introspect(session.connection, {
    exclude: kilnTableNames(kilnTables(config)),
    extraSchemas: namespaces.map((namespace) => namespace.name).sort(),
  });
  return ownTables(config.tables, session.dialect.normalize(model), EMPTY_SCHEMA);
}
