import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { renderSchemaModule, renderSchemaModules } from '../autogenerate/render-schema-module.js';
import { modelEnums } from '../autogenerate/schema-identifiers.js';
import type { ResolvedConfig } from '../config/load-config.js';
import { ConfigError, SchemaError, UsageError } from '../errors.js';
import { shownPath } from '../util/shown-path.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { makeFolder, withFileErrors } from '../util/fs-errors.js';
import { withDatabase } from './database.js';
import { introspectOwnSchema } from './schema-model.js';

export interface PullOptions {
  /**
   * The file to write. Default: the config's `schema` when it names one
   * file that does not exist yet.
   */
  readonly out?: string;
  /** Write one file per table into this folder, with an `index.ts` re-exporting them (instead of one file). */
  readonly split?: string;
  /** Overwrite files that exist. Default: false, an existing file is an error. */
  readonly force?: boolean;
  /** Where relative `out` / `split` paths start. Default: the working directory. */
  readonly cwd?: string;
}

export interface PullResult {
  /** The files written, relative to the working directory; with `split`, `index.ts` last. */
  readonly files: readonly string[];
  /** The module to name as the config's `schema` (the file, or the split folder's `index.ts`). */
  readonly schema: string;
  /** Whether the config's `schema` already names that module. */
  readonly configured: boolean;
  readonly tables: number;
  readonly enums: number;
}

/**
 * `kiln pull`: reads the live database (the tables the config's `include` /
 * `exclude` leave kiln) and writes it as a schema module in kiln's DSL, so
 * a project that has a database but no models can adopt kiln: point the
 * config's `schema` at the module, then `kiln revision --baseline`.
 *
 * @example await pull(await loadConfig(), { out: 'src/schema.ts' });
 */
export async function pull(config: ResolvedConfig, options: PullOptions = {}): Promise<PullResult> {
  if (options.out !== undefined && options.split !== undefined) {
    throw new UsageError('usage.conflicting-options', '--out and --split cannot be combined', {
      hint: '--out FILE writes one module, --split DIR one file per table',
    });
  }
  const cwd = options.cwd ?? process.cwd();
  const single = options.split === undefined ? outputFile(config, options, cwd) : null;
  const { model, primaryKeyNames } = await withDatabase(
    config,
    async (session) => ({
      model: await introspectOwnSchema(config, session),
      primaryKeyNames: session.dialect.capabilities.primaryKeyNames,
    }),
    { command: 'pull' },
  );
  const rendering = { naming: config.naming, primaryKeyNames };
  if (model.tables.length === 0) {
    throw new SchemaError('database.no-tables', 'the database has no tables to pull', {
      hint: "check the URL, and the config's 'include' / 'exclude' patterns",
    });
  }
  const files =
    single !== null
      ? [{ path: single, source: renderSchemaModule(model, rendering) }]
      : renderSchemaModules(model, rendering).map((file) => ({
          path: join(resolve(cwd, options.split as string), file.file),
          source: file.source,
        }));
  if (options.force !== true) {
    for (const file of files) refuseExisting(file.path);
  }
  for (const file of files) {
    makeFolder(dirname(file.path));
    withFileErrors('write the schema module', file.path, () => writeFileAtomic(file.path, file.source));
  }
  const schema = (files[files.length - 1] as { path: string }).path;
  return {
    files: files.map((file) => shownPath(file.path)),
    schema: shownPath(schema),
    configured: config.schemaFiles.length === 1 && config.schemaFiles[0] === schema,
    tables: model.tables.length,
    enums: modelEnums(model).length,
  };
}

/** `--out`, else the config's one schema file while it does not exist; checked before connecting. */
function outputFile(config: ResolvedConfig, options: PullOptions, cwd: string): string {
  if (options.out !== undefined) {
    const file = resolve(cwd, options.out);
    if (options.force !== true) refuseExisting(file);
    return file;
  }
  const [schema, ...others] = config.schemaFiles;
  if (schema === undefined || others.length > 0) {
    throw new ConfigError(
      'pull.no-output',
      `the config names ${schema === undefined ? 'no' : 'several'} schema modules: say where to write with --out`,
      { hint: 'kiln pull --out src/schema.ts (or --split src/schema)' },
    );
  }
  if (options.force !== true) refuseExisting(schema);
  return schema;
}

function refuseExisting(file: string): void {
  if (existsSync(file)) {
    throw new ConfigError('pull.file-exists', `${shownPath(file)} already exists: not overwritten`, {
      hint: 'pass --force to overwrite it, or --out FILE to write elsewhere',
      data: { file: shownPath(file) },
    });
  }
}
