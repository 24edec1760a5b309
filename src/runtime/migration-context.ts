import type { CompileContext, Dialect, QueryExecutor } from '../dialects/dialect.js';
import { DatabaseError, KilnError } from '../errors.js';
import { applyOperation } from '../operations/apply.js';
import type { Operation, TableRef } from '../operations/operation.js';
import { Operations, type OperationSink } from '../operations/op.js';
import type { NamingConvention } from '../schema/naming.js';
import { EMPTY_SCHEMA, findTable, type SchemaModel, type Table } from '../schema/model.js';
import type { Step } from '../revisions/plan.js';
import type { LoadedRevision } from './revision-module.js';
import { firstLine, type StatementTarget } from './statement-target.js';
import {
  createKilnTablesOps,
  type KilnTables,
  type LogDirection,
  readHeads,
  VersionTableSql,
} from './version-table.js';

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

/**
 * Runs revisions against a statement target (a connection or the offline
 * script): each revision in its own transaction where the dialect has
 * transactional DDL, with the version rows and the log entry written in that
 * same transaction, so a revision is either wholly applied and recorded or
 * not at all. Without transactional DDL (MySQL) a failure names the revision,
 * the statement, and how many statements had already been committed.
 */
export class MigrationContext {
  private model: SchemaModel;
  private readonly sql: VersionTableSql;

  constructor(private readonly options: MigrationContextOptions) {
    this.model = options.initialModel ?? EMPTY_SCHEMA;
    this.sql = new VersionTableSql(options.dialect, options.tables);
  }

  /** Offline: the schema as the operations run so far have left it. */
  get schemaModel(): SchemaModel {
    return this.model;
  }

  /** Creates kiln_version and kiln_log when missing (offline: always writes the CREATE statements). */
  async ensureKilnTables(): Promise<void> {
    const { dialect, introspector, tables, target } = this.options;
    const [versionTable, logTable] = createKilnTablesOps(tables);
    const missing: Operation[] = [];
    // Offline nothing can be read: the script creates both.
    if (introspector === null || !(await dialect.tableExists(introspector, tables.versionTable, null))) {
      missing.push(versionTable);
    }
    if (introspector === null || !(await dialect.tableExists(introspector, tables.logTable, null))) {
      missing.push(logTable);
    }
    if (missing.length === 0) return;
    await target.transaction(dialect.capabilities.transactionalDdl, () => this.executeOps(missing));
  }

  private async executeOps(ops: readonly Operation[]): Promise<void> {
    const context = this.compileContext();
    for (const op of ops) {
      for (const statement of await this.options.dialect.compile(op, context)) {
        await this.options.target.execute(statement);
      }
    }
  }

  /** The heads recorded in the version table; [] when it does not exist yet. */
  async currentHeads(): Promise<string[]> {
    const { dialect, introspector, tables } = this.options;
    if (introspector === null) return [];
    if (!(await dialect.tableExists(introspector, tables.versionTable, null))) return [];
    return readHeads(introspector, this.sql);
  }

  /**
   * Runs one revision's upgrade or downgrade and records it. A revision that
   * exports `transactional = false` (for statements a transaction refuses,
   * like PostgreSQL's `CREATE INDEX CONCURRENTLY`) runs its `execute`s bare
   * and every other operation in a transaction of its own; its version row
   * and log entry are written after the last one succeeds.
   */
  async runStep(step: Step, revision: LoadedRevision): Promise<StepResult> {
    const { dialect, target } = this.options;
    const started = performance.now();
    const counter = { statements: 0 };
    const run = step.direction === 'up' ? revision.upgrade : revision.downgrade;
    const transactionalDdl = dialect.capabilities.transactionalDdl;
    const atomic = transactionalDdl && revision.transactional;
    const body = async () => {
      const operations = new Operations(this.sink(counter, !revision.transactional), { naming: this.options.naming });
      try {
        await run(operations);
      } catch (error) {
        throw this.stepFailure(step, revision, atomic, counter.statements, error);
      }
    };
    const record = () => {
      const direction: LogDirection = step.direction === 'up' ? 'upgrade' : 'downgrade';
      // Offline nothing runs now, and a script that differs on every run cannot be reviewed or diffed.
      const duration = target.offline ? 0 : performance.now() - started;
      return this.recordStep(step, direction, revision.checksum, duration);
    };
    if (revision.transactional) {
      await target.transaction(transactionalDdl, async () => {
        await body();
        await record();
      });
    } else {
      await body();
      await target.transaction(transactionalDdl, record);
    }
    return {
      revision: step.revision.revision,
      direction: step.direction,
      statements: counter.statements,
      durationMs: performance.now() - started,
    };
  }

  /** Moves the version rows without running anything (`kiln stamp`). */
  async stamp(deleted: readonly string[], inserted: readonly string[], purge: boolean): Promise<void> {
    const { target, dialect } = this.options;
    await target.transaction(dialect.capabilities.transactionalDdl, async () => {
      if (purge) await target.execute(this.sql.deleteAllHeads());
      for (const statement of this.sql.moveHeads(purge ? [] : deleted, inserted)) await target.execute(statement);
      for (const revision of inserted) {
        await target.execute(
          this.sql.insertLog({ revision, direction: 'stamp', checksum: null, message: null, durationMs: 0 }),
        );
      }
    });
  }

  private async recordStep(step: Step, direction: LogDirection, checksum: string, durationMs: number) {
    const { target } = this.options;
    for (const statement of this.sql.moveHeads(step.versionDelete, step.versionInsert)) {
      await target.execute(statement);
    }
    await target.execute(
      this.sql.insertLog({
        revision: step.revision.revision,
        direction,
        checksum,
        message: step.revision.message,
        durationMs,
      }),
    );
  }

  /** `perOperation`: no revision-wide transaction, so each operation but `execute` gets its own. */
  private sink(counter: { statements: number }, perOperation: boolean): OperationSink {
    const { dialect, target } = this.options;
    const context = this.compileContext();
    const runStatements = async (statements: readonly string[]) => {
      for (const statement of statements) {
        try {
          await target.execute(statement);
        } catch (error) {
          throw new StatementFailure(statement, counter.statements, error);
        }
        counter.statements += 1;
      }
    };
    return {
      run: async (op) => {
        const statements = await dialect.compile(op, context);
        if (perOperation && op.kind !== 'execute') {
          await target.transaction(dialect.capabilities.transactionalDdl, () => runStatements(statements));
        } else {
          await runStatements(statements);
        }
        if (target.offline) this.model = applyOperation(this.model, op);
      },
      query: (sql, params) => target.query(sql, params),
    };
  }

  private compileContext(): CompileContext {
    const { dialect, introspector, tables } = this.options;
    const getModel = async (extraSchemas: readonly string[] = []): Promise<SchemaModel> =>
      introspector === null
        ? this.model
        : dialect.introspect(introspector, { exclude: [tables.versionTable, tables.logTable], extraSchemas });
    return {
      offline: introspector === null,
      ...(introspector === null ? {} : { catalog: introspector }),
      getModel,
      getTable: async (ref: TableRef): Promise<Table | null> =>
        findTable(await getModel(ref.schema === null ? [] : [ref.schema]), ref.table, ref.schema) ?? null,
    };
  }

  private stepFailure(
    step: Step,
    revision: LoadedRevision,
    atomic: boolean,
    applied: number,
    error: unknown,
  ): KilnError {
    const verb = step.direction === 'up' ? 'upgrade' : 'downgrade';
    const where = `revision ${step.revision.revision} (${revision.file}) failed in ${verb}`;
    if (!(error instanceof StatementFailure)) {
      if (error instanceof KilnError) {
        return new KilnError(error.code, `${where}: ${error.message}`, {
          hint: error.hint ?? '',
          data: error.data,
          cause: error,
        });
      }
      return new DatabaseError(
        'migration.revision-failed',
        `${where}: ${firstLine(String(error instanceof Error ? error.message : error))}`,
        {
          hint: this.rollbackHint(atomic, applied),
          cause: error,
        },
      );
    }
    const reason = error.cause instanceof Error ? error.cause.message : String(error.cause);
    return new DatabaseError(
      'migration.statement-failed',
      `${where} at statement ${error.index + 1}: ${firstLine(reason.replace(/ \(in: .*\)$/, ''))}`,
      {
        hint: this.rollbackHint(atomic, error.index),
        data: {
          revision: step.revision.revision,
          statement: error.sql,
          statementIndex: error.index,
          applied: error.index,
        },
        cause: error.cause,
      },
    );
  }

  /** `atomic`: the revision ran in one transaction, so its failure undid all of it. */
  private rollbackHint(atomic: boolean, applied: number): string {
    if (atomic) {
      return 'the revision was rolled back: the database is as it was before it; fix the revision and run again';
    }
    const why = this.options.dialect.capabilities.transactionalDdl
      ? 'the revision runs outside a transaction (transactional = false)'
      : `${this.options.dialect.name} commits DDL as it runs`;
    return applied === 0
      ? 'nothing of this revision was applied; fix the revision and run again'
      : `${why}: the first ${applied} statement(s) of this revision are applied and were not undone, and the version table still names the previous revision; undo them by hand or finish the revision, then run again`;
  }
}

class StatementFailure extends Error {
  constructor(
    readonly sql: string,
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(`statement ${index + 1} failed`);
  }
}
