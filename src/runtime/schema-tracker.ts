import type { CompileContext, QueryExecutor } from '../dialects/dialect.js';
import { OperationError } from '../errors.js';
import { applyOperation, LISTED_ONLY, type SimulationRules } from '../operations/apply.js';
import type { Operation, TableRef } from '../operations/operation.js';
import { findTable, type SchemaModel, type Table } from '../schema/model.js';

/** Reads the live schema (the default schema plus `extraSchemas`); absent offline. */
export type SchemaReader = (extraSchemas: readonly string[]) => Promise<SchemaModel>;

/**
 * The schema as a command's operations leave it, for the compilers to read.
 * Online it introspects once, when a compiler first asks, then advances that
 * model with `applyOperation`, the same simulation `--sql` runs from its
 * starting model, so both compile from the same model and print the same
 * statements. An opaque `execute` or `query` may have changed anything, so
 * online the model is read again, but only when a later operation asks.
 *
 * @example
 * const tracker = new SchemaTracker((extra) => dialect.introspect(connection, { exclude, extraSchemas: extra }));
 * const sql = await dialect.compile(op, tracker.compileContext(connection));
 * tracker.advance(op);
 */
export class SchemaTracker {
  private model: SchemaModel | null;
  /** PostgreSQL schemas the model covers besides the default one (online). */
  private covered = new Set<string>();
  /** How this database simulates table changes (see `Dialect.simulation`). */
  get simulation(): SimulationRules {
    return this.rules;
  }

  /** Times the live schema was read (for tests and figures). */
  reads = 0;

  constructor(
    private readonly reader: SchemaReader | null,
    initial: SchemaModel,
    private readonly rules: SimulationRules = LISTED_ONLY,
  ) {
    this.model = reader === null ? initial : null;
  }

  get offline(): boolean {
    return this.reader === null;
  }

  /** The tracked model; offline it is always known, online it is read first when stale. */
  async current(extraSchemas: readonly string[] = []): Promise<SchemaModel> {
    if (this.reader === null) return this.model as SchemaModel;
    const uncovered = extraSchemas.filter((s) => !this.covered.has(s));
    if (this.model === null || uncovered.length > 0) {
      for (const schema of uncovered) this.covered.add(schema);
      this.reads += 1;
      this.model = await this.reader([...this.covered]);
    }
    return this.model;
  }

  /**
   * Reads the live schema if this command has not yet: called before the
   * first operation, so that tables the run creates are tracked from their
   * definitions, as `--sql` tracks them, rather than read back later.
   */
  async start(): Promise<void> {
    if (this.reads === 0 && this.reader !== null) await this.current();
  }

  /** Offline: the model as the operations so far left it (used to start `--sql` at a range's left end). */
  get known(): SchemaModel | null {
    return this.model;
  }

  /**
   * Moves the model past `op`, which has just been compiled and run. Online,
   * an `execute`, or an operation the simulation refuses although the
   * database took it, leaves the model to be read again: the database is the
   * authority on what happened. Offline the refusal is the user's error.
   */
  advance(op: Operation): void {
    if (this.model === null) return;
    if (op.kind === 'execute' && this.reader !== null) {
      this.model = null;
      return;
    }
    try {
      this.model = applyOperation(this.model, op, this.rules);
    } catch (error) {
      if (this.reader === null || !(error instanceof OperationError)) throw error;
      this.model = null;
    }
  }

  /** A query ran whose effect kiln cannot see (a data migration may run DDL through it). */
  invalidate(): void {
    if (this.reader !== null) this.model = null;
  }

  /** What the compilers read: this tracker, plus `catalog` for details the model lacks (online). */
  compileContext(catalog: QueryExecutor | null): CompileContext {
    return this.contextOver((extraSchemas) => this.current(extraSchemas), catalog);
  }

  /** A context over `model`, a state this tracker was in earlier (for operations compiled after the fact). */
  compileContextAt(model: SchemaModel, catalog: QueryExecutor | null): CompileContext {
    return this.contextOver(async () => model, catalog);
  }

  private contextOver(
    read: (extraSchemas: readonly string[]) => Promise<SchemaModel>,
    catalog: QueryExecutor | null,
  ): CompileContext {
    const getModel = (extraSchemas: readonly string[] = []) => read(extraSchemas);
    return {
      offline: this.offline,
      ...(catalog === null ? {} : { catalog }),
      getModel,
      getTable: async (ref: TableRef): Promise<Table | null> =>
        findTable(await getModel(ref.schema === null ? [] : [ref.schema]), ref.table, ref.schema) ?? null,
    };
  }
}
