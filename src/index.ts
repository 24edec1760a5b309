/**
 * kiln's public API: the schema DSL (what schema modules and revision files
 * import), `defineConfig`, the `Operations` type revision functions receive,
 * and every command as a typed function.
 *
 * @example
 * import { loadConfig, upgrade } from 'kiln';
 * await upgrade(await loadConfig(), 'head');
 */
export * from './schema/dsl/index.js';
export type { NamingConvention, NamingRule } from './schema/naming.js';
export type * from './schema/model.js';
export { buildSchemaModel } from './schema/build-model.js';

export { Operations, type OperationSink } from './operations/op.js';
export type {
  BulkInsertRow,
  ColumnChanges,
  CreateForeignKeyOptions,
  CreateIndexOptions,
  DropConstraintOptions,
  OperationsOptions,
  SchemaOption,
} from './operations/op.js';
export { DEFAULT_NAMING, type NamingContext, resolveName, shortenName } from './schema/naming.js';
export type { BuildSchemaOptions } from './schema/build-model.js';
export type { Operation, OperationKind } from './operations/operation.js';

export { defineConfig, type KilnConfig } from './config/define-config.js';
export { loadConfig, type LoadConfigOptions, type ResolvedConfig } from './config/load-config.js';
export { parseDatabaseUrl, redactUrl } from './config/database-url.js';

export {
  branches,
  // `check` is the DSL's check constraint; the command is `checkSchema`.
  check as checkSchema,
  current,
  downgrade,
  edit,
  graph,
  heads,
  history,
  init,
  merge,
  resolve,
  revision,
  autogenerate,
  show,
  stamp,
  upgrade,
  VERSION,
} from './commands/index.js';
export type {
  BranchesResult,
  CheckResult,
  CurrentResult,
  CurrentRevision,
  GraphFormat,
  GraphOptions,
  GraphResult,
  HeadsResult,
  HistoryOptions,
  HistoryResult,
  InitOptions,
  InitResult,
  LockHolder,
  LockWait,
  LockWaitOptions,
  MergeOptions,
  MigrateOptions,
  MigrationResult,
  PendingRecord,
  EditedRevision,
  ResolveAction,
  ResolveOptions,
  ResolveResult,
  RevisionCliOptions,
  RevisionInfo,
  RevisionOptions,
  RevisionResult,
  ShowResult,
  StampOptions,
  StampResult,
  StepEvent,
} from './commands/index.js';
export { KilnError } from './errors.js';
