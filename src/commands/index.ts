export { check, type CheckResult } from './check.js';
export { edit } from './edit.js';
export { init, type InitOptions, type InitResult } from './init.js';
export type { LockHolder, LockWait, LockWaitOptions } from './lock-options.js';
export { merge, type MergeOptions } from './merge.js';
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
export { downgrade, type MigrateOptions, type MigrationResult, type StepEvent, stepTitle, upgrade } from './upgrade.js';
export { VERSION } from '../version.js';
export { GRAPH_FORMATS, graph, type GraphFormat, type GraphOptions, type GraphResult } from './graph.js';
