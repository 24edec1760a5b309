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
export type { QueryDriver } from './schema/infer/driver-values.js';
export type { InferInsert, InferRow } from './schema/infer/infer-row.js';
export type {
  KyselyColumnType,
  KyselyDatabase,
  KyselyTable,
  KyselyTableName,
} from './schema/infer/kysely-database.js';

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
  createTestDatabase,
  current,
  downgrade,
  downgradeTargets,
  edit,
  graph,
  heads,
  history,
  init,
  lint,
  LINT_CODES,
  merge,
  pull,
  resolve,
  revision,
  autogenerate,
  show,
  squash,
  stamp,
  status,
  upgrade,
  upgradeTargets,
  currentTargets,
  statusTargets,
  checkTargets,
  forEachTarget,
  selectTargets,
  VERSION,
} from './commands/index.js';
export type {
  AskRename,
  BranchesResult,
  CheckResult,
  CurrentResult,
  CurrentRevision,
  DifferenceKind,
  GraphFormat,
  GraphOptions,
  GraphResult,
  HeadsResult,
  HistoryOptions,
  HistoryResult,
  InitOptions,
  InitResult,
  LintCode,
  LintFinding,
  LintResult,
  LintSeverity,
  LockHolder,
  LockWait,
  LockWaitOptions,
  MergeOptions,
  SquashOptions,
  SquashResult,
  MigrateOptions,
  MigrationResult,
  PendingRecord,
  PullOptions,
  PullResult,
  EditedRevision,
  RenameQuestion,
  ResolveAction,
  ResolveOptions,
  ResolveResult,
  RevisionCliOptions,
  RevisionInfo,
  RevisionOptions,
  RevisionResult,
  ReportedError,
  SchemaDifference,
  SchemaStatus,
  ShowResult,
  StampOptions,
  StampResult,
  StatusResult,
  StatusState,
  StepEvent,
  MigrateTargetsOptions,
  MigrationTargetEvent,
  TargetMigrationRow,
  TargetsMigrationResult,
  CurrentTargetsOptions,
  TargetCurrentRow,
  TargetsCurrentResult,
  StatusTargetsOptions,
  TargetStatusRow,
  TargetsStatusResult,
  CheckTargetsOptions,
  TargetCheckRow,
  TargetsCheckResult,
  ForEachTargetOptions,
  Target,
  TargetError,
  TargetEvent,
  TargetOutcome,
  TargetSelection,
  TestDatabase,
  TestDatabaseOptions,
} from './commands/index.js';
export type { TargetSpec, TargetsSetting } from './config/targets.js';
export { KilnError } from './errors.js';
