import type { Dialect, QueryExecutor, StatementReach } from '../dialects/dialect.js';
import type { Operation } from '../operations/operation.js';
import { Operations, type OperationSink } from '../operations/op.js';
import type { NamingConvention } from '../schema/naming.js';
import { EMPTY_SCHEMA, type SchemaModel } from '../schema/model.js';
import type { Step } from '../revisions/plan.js';
import { type PendingRecord, PendingSql, pendingFromRow } from './pending-record.js';
import type { LoadedRevision } from './revision-module.js';
import { SchemaTracker } from './schema-tracker.js';
import { TableBatch } from './table-batch.js';
import { notPendingError, versionMovedError } from './safety-errors.js';
import type { StatementTarget } from './statement-target.js';
import { StatementFailure, stepFailure } from './step-failure.js';
import {
  createKilnTablesOps,
  type KilnTables,
  kilnTableNames,
  type LogEntry,
  readHeads,
  VersionTableSql,
} from './version-table.js';

/** Operations whose statements may change rows of any table (see `StatementReach`); the others change definitions. */
const ROW_CHANGING: ReadonlySet<Operation['kind']> = new Set(['execute', 'bulkInsert']);

export interface MigrationContextOptions {
  readonly dialect: Dialect;
  readonly target: StatementTarget;
  readonly tables: KilnTables;
  readonly naming: Partial<NamingConvention>;
  /** Online: the connection introspection reads through. Offline: null. */
  readonly introspector: QueryExecutor | null;
  /** Offline: the schema before the first step (tracked from the operations run). */
  readonly initialModel?: SchemaModel;
}

export interface StepResult {
  readonly revision: string;
  readonly direction: 'up' | 'down';
  readonly statements: number;
  readonly durationMs: number;
}

/** Statements and queries a step has run so far. */
interface StepCounter {
  statements: number;
  queries: number;
}

/**
 * Runs revisions against a statement target (a connection or the offline
 * script). Where the dialect has transactional DDL and the revision is
 * transactional, the revision, its version rows and its log entry share one
 * transaction: wholly applied and recorded, or not at all. Any other
 * revision is tracked in `kiln_pending` while it runs (see
 * pending-record.ts), so a crash or a failure halfway leaves a record of how
 * far it got instead of silence.
 */
export class MigrationContext {
  /** The schema the compilers read, kept for the whole command (see schema-tracker.ts). */
  readonly tracker: SchemaTracker;
  private readonly sql: VersionTableSql;
  private readonly pendingSql: PendingSql;

  constructor(private readonly options: MigrationContextOptions) {
    const { dialect, introspector, tables } = options;
    const exclude = kilnTableNames(tables);
    const readDependents = dialect.readDependents?.bind(dialect);
    this.tracker = new SchemaTracker(
      introspector === null
        ? null
        : {
            readModel: (extraSchemas) => dialect.introspect(introspector, { exclude, extraSchemas }),
            readDependents: readDependents === undefined ? null : () => readDependents(introspector),
          },
      options.initialModel ?? EMPTY_SCHEMA,
      dialect.simulation,
    );
    this.sql = new VersionTableSql(options.dialect, options.tables);
    this.pendingSql = new PendingSql(options.dialect, options.tables.pendingTable);
  }

  /** Offline: the schema as the operations run so far have left it. */
  get schemaModel(): SchemaModel {
    return this.tracker.known ?? EMPTY_SCHEMA;
  }

  /**
   * Creates whichever of kiln_version, kiln_log and kiln_pending is missing
   * (a database made by kiln 0.1 has only the first two). Offline nothing can
   * be read, so the script creates all three.
   */
  async ensureKilnTables(): Promise<void> {
    const { dialect, introspector, target } = this.options;
    const missing: Operation[] = [];
    for (const [name, op] of createKilnTablesOps(this.options.tables)) {
      if (introspector === null || !(await dialect.tableExists(introspector, name, null))) missing.push(op);
    }
    if (missing.length === 0) return;
    await target.transaction(dialect.capabilities.transactionalDdl, () => this.executeOps(missing));
  }

  /** Kiln's own tables: created from their definitions, with no need to read the schema first. */
  private async executeOps(ops: readonly Operation[]): Promise<void> {
    const context = this.tracker.contextAt(EMPTY_SCHEMA);
    for (const op of ops) {
      for (const statement of this.options.dialect.compile(op, context)) {
        await this.options.target.execute(statement, 'kiln');
      }
    }
  }

  /** The heads recorded in the version table; [] when it does not exist yet. */
  async currentHeads(): Promise<string[]> {
    if (!(await this.hasTable(this.options.tables.versionTable))) return [];
    return readHeads(this.options.introspector as QueryExecutor, this.sql);
  }

  /** Half-applied revisions (normally none, at most one); [] when kiln_pending does not exist yet. */
  async pendingRecords(): Promise<PendingRecord[]> {
    if (!(await this.hasTable(this.options.tables.pendingTable))) return [];
    const rows = await (this.options.introspector as QueryExecutor).query(this.pendingSql.select());
    return rows.map(pendingFromRow);
  }

  /** Each logged revision's latest recorded checksum (null: stamped), in one query. */
  async recordedChecksums(): Promise<Map<string, string | null>> {
    if (!(await this.hasTable(this.options.tables.logTable))) return new Map();
    const rows = await (this.options.introspector as QueryExecutor).query(this.sql.latestChecksums());
    return new Map(rows.map((row) => [String(row.revision), row.checksum == null ? null : String(row.checksum)]));
  }

  /** Offline (no introspector) every table counts as missing. */
  private async hasTable(name: string): Promise<boolean> {
    const { dialect, introspector } = this.options;
    return introspector !== null && dialect.tableExists(introspector, name, null);
  }

  /**
   * Runs one revision's upgrade or downgrade and records it. A revision that
   * exports `transactional = false` (for statements a transaction refuses,
   * like PostgreSQL's `CREATE INDEX CONCURRENTLY`) runs its `execute`s bare
   * and every other operation in a transaction of its own; its version row
   * and log entry are written after the last one succeeds. A step that is
   * not atomic costs two statements more than its own (the pending row's
   * insert and delete) plus one per statement (its advance), or two for a
   * statement that commits on its own (announced before it runs too); an
   * atomic one costs none.
   */
  async runStep(step: Step, revision: LoadedRevision): Promise<StepResult> {
    const { dialect, target } = this.options;
    const started = performance.now();
    const counter: StepCounter = { statements: 0, queries: 0 };
    const transactionalDdl = dialect.capabilities.transactionalDdl;
    const atomic = transactionalDdl && revision.transactional;
    // Offline the script runs elsewhere, later: there is no run for kiln to track.
    const tracked = !atomic && !target.offline;
    const pendingRevision = tracked ? step.revision.revision : null;
    const body = async () => {
      const sink = this.sink(counter, !revision.transactional, pendingRevision);
      await (step.direction === 'up' ? revision.upgrade : revision.downgrade)(
        new Operations(sink, { naming: this.options.naming }),
      );
      await sink.flush();
    };
    // Offline nothing runs now, and a script that differs on every run cannot be reviewed or diffed.
    const record = () =>
      this.recordStep(step, revision.checksum, target.offline ? 0 : performance.now() - started, tracked);
    await this.tracker.prepare();
    try {
      if (atomic) {
        await target.transaction(true, async () => {
          await body();
          await record();
        });
      } else {
        if (tracked) await target.transaction(transactionalDdl, () => this.beginPending(step, revision.checksum));
        // On MySQL a transactional revision still groups its DML; its DDL commits as it runs.
        if (revision.transactional) await target.transaction(transactionalDdl, body);
        else await body();
        await target.transaction(transactionalDdl, record);
      }
    } catch (error) {
      // A rolled-back or half-applied step leaves the database somewhere the model cannot follow.
      this.tracker.invalidate();
      const outcome = tracked
        ? { atomic, ...(await this.settlePending(step.revision.revision, counter)) }
        : { atomic, applied: atomic ? 0 : counter.statements, pending: false };
      throw stepFailure(dialect, step, revision.file, outcome, error);
    }
    return {
      revision: step.revision.revision,
      direction: step.direction,
      statements: counter.statements,
      durationMs: performance.now() - started,
    };
  }

  private async beginPending(step: Step, checksum: string): Promise<void> {
    await this.options.target.execute(
      this.pendingSql.insert({
        revision: step.revision.revision,
        direction: step.direction === 'up' ? 'upgrade' : 'downgrade',
        versionDelete: step.versionDelete,
        versionInsert: step.versionInsert,
        checksum,
      }),
      'kiln',
    );
  }

  /**
   * After a tracked step failed: what its pending record says is applied
   * (the database's word, not the run's: on MySQL a rolled-back transaction
   * takes DML and its progress with it). A record showing nothing applied,
   * from a run that ran no query either, is deleted: nothing needs resolving.
   */
  private async settlePending(revision: string, counter: StepCounter): Promise<{ applied: number; pending: boolean }> {
    try {
      const record = (await this.pendingRecords()).find((r) => r.revision === revision);
      if (record === undefined) return { applied: 0, pending: false };
      if (record.applied > 0 || counter.queries > 0) return { applied: record.applied, pending: true };
      await this.options.target.execute(this.pendingSql.delete(revision), 'kiln');
      return { applied: 0, pending: false };
    } catch {
      // The connection is gone: the record stays, and the run's own count is the best word left.
      return { applied: counter.statements, pending: true };
    }
  }

  /** Moves the version rows without running anything (`kiln stamp`). */
  async stamp(deleted: readonly string[], inserted: readonly string[], purge: boolean): Promise<void> {
    const { target, dialect } = this.options;
    await target.transaction(dialect.capabilities.transactionalDdl, async () => {
      if (purge) await target.execute(this.sql.deleteAllHeads(), 'kiln');
      await this.moveVersionRows('stamp', purge ? [] : deleted, inserted);
      for (const revision of inserted) {
        await target.execute(
          this.sql.insertLog({ revision, direction: 'stamp', checksum: null, message: null, durationMs: 0 }),
          'kiln',
        );
      }
    });
  }

  /**
   * `kiln resolve --applied`: a half-applied revision finished by hand. The
   * version rows move as its step would have, the log says so, the record goes.
   */
  async resolveApplied(record: PendingRecord, message: string): Promise<void> {
    await this.resolveWith(record, async () => {
      await this.moveVersionRows(record.revision, record.versionDelete, record.versionInsert);
      const checksum = record.direction === 'upgrade' ? record.checksum : null;
      await this.log({ revision: record.revision, direction: 'applied', checksum, message, durationMs: 0 });
    });
  }

  /** `kiln resolve --rolled-back`: undone by hand; the version rows stay as they are. */
  async resolveRolledBack(record: PendingRecord, message: string): Promise<void> {
    await this.resolveWith(record, () =>
      this.log({ revision: record.revision, direction: 'rolled-back', checksum: null, message, durationMs: 0 }),
    );
  }

  /** `kiln resolve --rehash`: the edited file is accepted as what is applied. */
  async rehash(revision: string, checksum: string, message: string): Promise<void> {
    const { target, dialect } = this.options;
    await target.transaction(dialect.capabilities.transactionalDdl, () =>
      this.log({ revision, direction: 'rehash', checksum, message, durationMs: 0 }),
    );
  }

  private async resolveWith(record: PendingRecord, fn: () => Promise<void>): Promise<void> {
    const { target, dialect } = this.options;
    await target.transaction(dialect.capabilities.transactionalDdl, async () => {
      const deleted = await target.execute(this.pendingSql.delete(record.revision), 'kiln');
      // Another kiln resolved it meanwhile: do not move the version rows twice.
      if (deleted !== null && deleted !== 1) throw notPendingError(record.revision, []);
      await fn();
    });
  }

  private async recordStep(step: Step, checksum: string, durationMs: number, tracked: boolean): Promise<void> {
    const revision = step.revision.revision;
    await this.moveVersionRows(revision, step.versionDelete, step.versionInsert);
    const direction = step.direction === 'up' ? 'upgrade' : 'downgrade';
    await this.log({ revision, direction, checksum, message: step.revision.message, durationMs });
    if (tracked) await this.options.target.execute(this.pendingSql.delete(revision), 'kiln');
  }

  private async log(entry: LogEntry): Promise<void> {
    await this.options.target.execute(this.sql.insertLog(entry), 'kiln');
  }

  /**
   * Each UPDATE/DELETE must change exactly its row: none means another
   * process, or the revision itself, moved it, and recording over it would
   * leave the version table naming the wrong revisions. The caller's
   * transaction rolls the step back where it can.
   */
  private async moveVersionRows(revision: string, deleted: readonly string[], inserted: readonly string[]) {
    for (const change of this.sql.moveHeads(deleted, inserted)) {
      const changed = await this.options.target.execute(change.sql, 'kiln');
      if (changed !== null && changed !== 1) {
        throw versionMovedError(revision, change.row, changed, this.options.tables.versionTable);
      }
    }
  }

  /**
   * `perOperation`: no revision-wide transaction, so each operation but
   * `execute` gets its own. `pendingRevision`: the tracked revision whose
   * record advances after each statement, in that statement's transaction.
   * A statement that commits on its own (any DDL on MySQL, a bare `execute`)
   * is also announced before it runs: a crash while it runs (a long ALTER,
   * a CREATE INDEX CONCURRENTLY) then leaves its text in the record.
   */
  private sink(
    counter: StepCounter,
    perOperation: boolean,
    pendingRevision: string | null,
  ): OperationSink & { flush(): Promise<void> } {
    const { dialect, target } = this.options;
    const runStatements = async (statements: readonly string[], committedAlone: boolean, reach: StatementReach) => {
      for (const statement of statements) {
        if (pendingRevision !== null && committedAlone) {
          await target.execute(this.pendingSql.starting(pendingRevision, statement), 'kiln');
        }
        try {
          await target.execute(statement, reach);
        } catch (error) {
          if (pendingRevision !== null && committedAlone) await this.clearRunning(pendingRevision);
          throw new StatementFailure(statement, counter.statements, error);
        }
        counter.statements += 1;
        if (pendingRevision !== null) {
          await target.execute(this.pendingSql.progress(pendingRevision, counter.statements, statement), 'kiln');
        }
      }
    };
    // Only an atomic revision shares rewrites: elsewhere each operation must be applied, or not, on its own.
    const batch =
      perOperation || pendingRevision !== null
        ? null
        : new TableBatch(dialect, this.tracker, (statements) =>
            runStatements(statements, !dialect.capabilities.transactionalDdl, 'definition'),
          );
    return {
      flush: async () => batch?.flush(),
      run: async (op) => {
        if (batch !== null && (await batch.add(op))) return;
        await batch?.flush();
        await this.tracker.prepare(op);
        const statements = dialect.compile(op, this.tracker.context());
        const transactionalDdl = dialect.capabilities.transactionalDdl;
        const reach = ROW_CHANGING.has(op.kind) ? 'data' : 'definition';
        if (perOperation && op.kind !== 'execute') {
          await target.transaction(transactionalDdl, () => runStatements(statements, !transactionalDdl, reach));
        } else {
          await runStatements(statements, !transactionalDdl || op.kind === 'execute', reach);
        }
        this.tracker.advance(op);
      },
      query: async (sql, params) => {
        await batch?.flush();
        counter.queries += 1;
        this.tracker.invalidate();
        return target.query(sql, params, 'data');
      },
    };
  }

  /**
   * The database refused the statement the record announced, so it did not
   * take effect: only a kill leaves "had started and may have taken effect".
   * Best effort: the statement's own error is the one to report.
   */
  private async clearRunning(revision: string): Promise<void> {
    try {
      await this.options.target.execute(this.pendingSql.notRunning(revision), 'kiln');
    } catch {
      // The connection is gone: the record keeps the statement as possibly applied, which is the safe word.
    }
  }
}
