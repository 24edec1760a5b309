import { existsSync } from 'node:fs';
import { compareSchemas } from '../autogenerate/compare.js';
import type { ResolvedConfig } from '../config/load-config.js';
import type { Operation } from '../operations/operation.js';
import type { Dialect } from '../dialects/dialect.js';
import { checkIdentifierLengths, modelIdentifiers } from '../dialects/identifier-limit.js';
import { ConfigError, KilnError, SchemaError } from '../errors.js';
import { shownPath } from '../revisions/revision-errors.js';
import { buildSchemaModel } from '../schema/build-model.js';
import type { SchemaModel } from '../schema/model.js';
import { importFailure, importUserModule } from '../util/import-module.js';
import { kilnTableNames } from '../runtime/version-table.js';
import { type DatabaseSession, kilnTables } from './database.js';

/** Imports the config's schema module(s) and builds the model they describe, as `dialect` would store it. */
export async function loadSchemaModel(config: ResolvedConfig, dialect: Dialect): Promise<SchemaModel> {
  const where = config.configFile === null ? 'the config' : shownPath(config.configFile);
  if (config.schemaFiles.length === 0) {
    throw new ConfigError('config.no-schema', `${where} names no schema module`, {
      hint: "set schema: './src/schema.ts' (a module exporting your tables) in the config",
    });
  }
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
  const model = buildSchemaModel(modules, { naming: config.naming });
  // Here the model first meets the dialect: a name too long for it is refused before any revision is written.
  checkIdentifierLengths(dialect.capabilities.identifierLimit, modelIdentifiers(model));
  return dialect.normalize(model);
}

/**
 * The live schema, without kiln's own tables, as the dialect normalises it.
 * `models` widens the scope to every schema (namespace) they name.
 */
export async function introspectDatabase(
  config: ResolvedConfig,
  session: DatabaseSession,
  models?: SchemaModel,
): Promise<SchemaModel> {
  const named = [...(models?.tables ?? []), ...(models?.enums ?? [])].map((item) => item.schema);
  const model = await session.dialect.introspect(session.connection, {
    exclude: kilnTableNames(kilnTables(config)),
    extraSchemas: [...new Set(named.filter((schema): schema is string => schema !== null))].sort(),
  });
  return session.dialect.normalize(model);
}

/** What autogenerate would write: the operations that bring the database to `model`. */
export async function operationsToReach(
  config: ResolvedConfig,
  session: DatabaseSession,
  model: SchemaModel,
): Promise<Operation[]> {
  const database = await introspectDatabase(config, session, model);
  const comparison = await session.dialect.comparison?.(database, model, session.connection);
  return compareSchemas(database, model, comparison === undefined ? {} : { comparison });
}
