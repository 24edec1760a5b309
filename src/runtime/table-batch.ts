import type { Dialect, TableRewrite } from '../dialects/dialect.js';
import { applyToTable, type TableOperation } from '../operations/apply.js';
import type { Operation, TableRef } from '../operations/operation.js';
import { findTable, type SchemaModel, type Table } from '../schema/model.js';
import type { SchemaTracker } from './schema-tracker.js';

const TABLE_KINDS: ReadonlySet<Operation['kind']> = new Set([
  'addColumn',
  'dropColumn',
  'alterColumn',
  'createIndex',
  'dropIndex',
  'createUniqueConstraint',
  'createForeignKey',
  'createCheckConstraint',
  'createPrimaryKey',
  'dropConstraint',
]);

/** A renamed column must be renamed by the database (SQLite rewrites what names it), so a rename never joins. */
function joinable(op: Operation): op is TableOperation {
  return TABLE_KINDS.has(op.kind) && !(op.kind === 'alterColumn' && op.name !== undefined);
}

function sameTable(a: TableRef, b: TableRef): boolean {
  return a.table === b.table && a.schema === b.schema;
}

/**
 * Holds back a run of consecutive changes to one table so that, where the
 * dialect rewrites tables (SQLite's rebuild), the run costs one rewrite
 * rather than one per change: a revision that drops a column and alters
 * another copies the table once. A run in which nothing needs a rewrite is
 * compiled operation by operation, as it would have been. The same code
 * runs online and for `--sql`, so both print the same statements.
 *
 * The held statements run at `flush()`: before any other operation or
 * query, and at the end of the revision.
 */
export class TableBatch {
  private ops: TableOperation[] = [];
  private before: SchemaModel | null = null;

  constructor(
    private readonly dialect: Dialect,
    private readonly tracker: SchemaTracker,
    private readonly run: (statements: readonly string[]) => Promise<void>,
  ) {}

  /** Takes `op` into the run when it can join one; false: the caller compiles and runs it now. */
  async add(op: Operation): Promise<boolean> {
    if (this.dialect.tableRewrite === undefined || !joinable(op)) return false;
    const first = this.ops[0];
    if (first !== undefined && !sameTable(first, op)) await this.flush();
    if (this.ops.length === 0) {
      await this.tracker.prepare(op);
      this.before = this.tracker.known;
    }
    this.tracker.advance(op);
    this.ops.push(op);
    return true;
  }

  /** Compiles and runs the held run. */
  async flush(): Promise<void> {
    const { ops, before } = this;
    this.ops = [];
    this.before = null;
    const rewrite = this.dialect.tableRewrite;
    const first = ops[0];
    if (first === undefined || before === null || rewrite === undefined) return;
    const table = findTable(before, first.table, first.schema);
    const after = table === undefined || ops.length === 1 ? null : this.rewritten(rewrite, table, ops);
    if (table !== undefined && after !== null) {
      await this.run(rewrite.rewrite(table, after, keptSources(table, ops), this.tracker.contextAt(before)));
      return;
    }
    // One change, or none that rewrites: each compiles alone, against the table as the ones before it left it.
    let model = before;
    for (const op of ops) {
      await this.run(this.dialect.compile(op, this.tracker.contextAt(model)));
      model = replaceTable(model, op, (t) => applyToTable(t, op, this.tracker.simulation));
    }
  }

  /** The table after the run, when some change of it needs a rewrite; else null. */
  private rewritten(rewrite: TableRewrite, table: Table, ops: readonly TableOperation[]): Table | null {
    let current = table;
    let needed = false;
    for (const op of ops) {
      needed ||= rewrite.rebuilds(op, current);
      current = applyToTable(current, op, this.tracker.simulation);
    }
    return needed ? current : null;
  }
}

/** Each column of `table` the run neither dropped nor added again, mapped to itself. */
function keptSources(table: Table, ops: readonly TableOperation[]): Map<string, string> {
  const kept = new Map(table.columns.map((c) => [c.name, c.name]));
  for (const op of ops) if (op.kind === 'dropColumn') kept.delete(op.column);
  return kept;
}

function replaceTable(model: SchemaModel, ref: TableRef, change: (table: Table) => Table): SchemaModel {
  return {
    ...model,
    tables: model.tables.map((t) => (t.name === ref.table && t.schema === ref.schema ? change(t) : t)),
  };
}
