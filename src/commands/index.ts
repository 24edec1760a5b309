export { check, type CheckResult } from './check.js';
export type { DifferenceKind, SchemaDifference } from '../operations/difference.js';
export {
  type ReportedError,
  type SchemaStatus,
  type StatusResult,
  type StatusState,
  status,
} from './status.js';
export { type EditOptions, type EditResult, edit } from './edit.js';
export { init, type InitOptions, type InitResult } from './init.js';
export { type LintFinding, type LintResult, lint } from './lint.js';
export { LINT_CODES, type LintCode, type LintSeverity } from '../operations/lint-rules.js';
export type { LockHolder, LockWait, LockWaitOptions } from './lock-options.js';
export { merge, type MergeOptions } from './merge.js';
export { squash, type SquashOptions, type SquashResult } from './squash.js';
export {
  branches,
  type BranchesResult,
  current,
  type CurrentResult,
  type CurrentRevision,
  heads,
  type HeadsResult,
  history,
  type HistoryOptions,
  type HistoryResult,
  show,
  type ShowResult,
} from './read-commands.js';
export { type PullOptions, type PullResult, pull } from './pull.js';
export type { AskRename, RenameQuestion } from './renames.js';
export { type ResolveAction, type ResolveOptions, type ResolveResult, resolve } from './resolve.js';
export type { PendingRecord } from '../runtime/pending-record.js';
export type { EditedRevision } from '../runtime/applied-checksums.js';
export {
  autogenerate,
  revision,
  type RevisionCliOptions,
  type RevisionOptions,
  type RevisionResult,
} from './revision.js';
export type { RevisionInfo } from './revision-info.js';
export { stamp, type StampOptions, type StampResult } from './stamp.js';
export { createTestDatabase, type TestDatabase, type TestDatabaseOptions } from './test-database.js';
export { downgrade, type MigrateOptions, type MigrationResult, type StepEvent, stepTitle, upgrade } from './upgrade.js';
export { VERSION } from '../version.js';
export {
  downgradeTargets,
  type MigrateTargetsOptions,
  type MigrationTargetEvent,
  type TargetMigrationRow,
  type TargetsMigrationResult,
  upgradeTargets,
} from './migrate-targets.js';
export {
  DEFAULT_PARALLEL,
  type ForEachTargetOptions,
  forEachTarget,
  type TargetError,
  type TargetEvent,
  type TargetOutcome,
} from './for-each-target.js';
export { selectTargets, selectsTargets, type Target, type TargetSelection } from './targets.js';
export {
  type CurrentTargetsOptions,
  currentTargets,
  type TargetCurrentRow,
  type TargetsCurrentResult,
} from './current-targets.js';
export {
  type StatusTargetsOptions,
  statusTargets,
  type TargetStatusRow,
  type TargetsStatusResult,
} from './status-targets.js';
export {
  type CheckTargetsOptions,
  checkTargets,
  type TargetCheckRow,
  type TargetsCheckResult,
} from './check-targets.js';
export { GRAPH_FORMATS, graph, type GraphFormat, type GraphOptions, type GraphResult } from './graph.js';
