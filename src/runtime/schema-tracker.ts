import type { CompileContext, DependentObject } from '../dialects/dialect.js';
import { OperationError } from '../errors.js';
import { applyOperation, LISTED_ONLY, type SimulationRules } from '../operations/apply.js';
import type { Operation } from '../operations/operation.js';
import type { SchemaModel } from '../schema/model.js';

/** How the tracker reads the live database (absent offline). */
export interface LiveSchema {
  /** Reads the schema: the default one plus `extraSchemas` (PostgreSQL namespaces). */
  readModel(extraSchemas: readonly string[]): Promise<SchemaModel>;
  /** Reads `CompileContext.dependents`; null where the dialect keeps none. */
  readonly readDependents: (() => Promise<DependentObject[]>) | null;
}

/** Operations after which the dependents' text or owners may have changed (SQLite rewrites them on renames). */
const MOVES_DEPENDENTS: ReadonlySet<Operation['kind']> = new Set(['dropTable', 'renameTable']);

/**
 * The schema as a command's operations leave it, which the compilers read.
 * Online it introspects once, before the first operation, then advances that
 * model with `applyOperation`, the same simulation `--sql` runs from its
 * starting model, so both compile from the same model and print the same
 * statements. An opaque `execute` or `query` may have changed anything, so
 * online the model is read again, but only when a later operation needs it.
 *
 * Compiling is synchronous and pure: `prepare(op)` does the reading an
 * operation may need, `context()` then hands out what was read.
 *
 * @example
 * const tracker = new SchemaTracker(live, EMPTY_SCHEMA, dialect.simulation);
 * await tracker.prepare(op);
 * const sql = dialect.compile(op, tracker.context());
 * tracker.advance(op);
 */
export class SchemaTracker {
  private model: SchemaModel | null;
  private dependents: DependentObject[] | null = null;
  /** PostgreSQL schemas the model covers besides the default one (online). */
  private covered = new Set<string>();

  /** Times the live schema was read (for tests and figures). */
  reads = 0;

  constructor(
    private readonly live: LiveSchema | null,
    initial: SchemaModel,
    private readonly rules: SimulationRules = LISTED_ONLY,
  ) {
    this.model = live === null ? initial : null;
  }

  /** How this database simulates table changes (see `Dialect.simulation`). */
  get simulation(): SimulationRules {
    return this.rules;
  }

  get offline(): boolean {
    return this.live === null;
  }

  /**
   * Reads whatever compiling `op` needs that is not known: the schema when it
   * is stale or does not cover `op`'s PostgreSQL schema, and the dependents.
   * Called before the first operation too, so that tables the run creates are
   * tracked from their definitions, as `--sql` tracks them, not read back.
   */
  async prepare(op?: Operation): Promise<void> {
    const { live } = this;
    if (live === null) return;
    const schema = op === undefined ? null : operationSchema(op);
    if (this.model === null || (schema !== null && !this.covered.has(schema))) {
      if (schema !== null) this.covered.add(schema);
      this.reads += 1;
      this.model = await live.readModel([...this.covered]);
    }
    if (this.dependents === null && live.readDependents !== null) this.dependents = await live.readDependents();
  }

  /** The model as the operations so far left it; null online until `prepare()` has read it. */
  get known(): SchemaModel | null {
    return this.model;
  }

  /** What the compilers read right now. Online, `prepare()` the operation first. */
  context(): CompileContext {
    if (this.model === null) {
      throw new Error('SchemaTracker.context() before prepare(): the schema has not been read');
    }
    return this.contextAt(this.model);
  }

  /** A context over `model`, a state this tracker was in earlier (for operations compiled after the fact). */
  contextAt(model: SchemaModel): CompileContext {
    return { model, offline: this.offline, dependents: this.dependents };
  }

  /**
   * Moves the model past `op`, which has just been compiled and run. Online,
   * an `execute`, or an operation the simulation refuses although the
   * database took it, leaves the model to be read again: the database is the
   * authority on what happened. Offline the refusal is the user's error.
   */
  advance(op: Operation): void {
    if (this.model === null) return;
    if (op.kind === 'execute') {
      this.invalidate();
      return;
    }
    if (MOVES_DEPENDENTS.has(op.kind) || (op.kind === 'alterColumn' && op.name !== undefined)) {
      if (this.live !== null) this.dependents = null;
    }
    try {
      this.model = applyOperation(this.model, op, this.rules);
    } catch (error) {
      if (this.live === null || !(error instanceof OperationError)) throw error;
      this.invalidate();
    }
  }

  /** Something ran whose effect kiln cannot see (a data migration may run DDL through a query). */
  invalidate(): void {
    if (this.live === null) return;
    this.model = null;
    this.dependents = null;
  }
}

/** The PostgreSQL schema an operation addresses; null for the default one or none. */
function operationSchema(op: Operation): string | null {
  if (op.kind === 'createTable') return op.table.schema;
  return 'schema' in op ? op.schema : null;
}
