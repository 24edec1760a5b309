import { applyToTable, type SimulationRules } from '../../operations/apply.js';
import type { DropColumnOp, TableRef } from '../../operations/operation.js';
import type { Column, DefaultValue, Index, Table } from '../../schema/model.js';
import { mentionsIdentifier } from './sqlite-sql-text.js';

/**
 * SQLite's ALTER TABLE can rename a table or column, add a plain column and
 * drop an unconstrained one; everything else is done by rebuilding the table
 * in the order https://www.sqlite.org/lang_altertable.html#otheralter gives:
 * create `_kiln_new_<name>` with the target definition, copy the rows, drop
 * the old table, rename the new one, re-create the indexes (and the
 * triggers: see sqlite-dependents.ts).
 *
 * Foreign keys must be off meanwhile (else DROP TABLE deletes or refuses the
 * child rows): `SqliteConnection.transaction()` turns them off before BEGIN
 * and runs `PRAGMA foreign_key_check` before COMMIT. Offline scripts are
 * meant for the sqlite3 shell, where foreign keys are off by default.
 *
 * The target table is the current one with the operation applied by
 * `applyToTable` under `SQLITE_SIMULATION`: a dropped column also takes the
 * checks and partial indexes whose expressions name it, or the new CREATE
 * TABLE would refer to a column that is gone.
 */

/** The SQL pieces a rebuild needs from the SQLite compiler. */
export interface RebuildSql {
  quoteIdentifier(name: string): string;
  createTableStatement(table: Table): string;
  createIndexStatement(ref: TableRef, index: Index): string;
  defaultSql(value: DefaultValue, column: Column): string;
  literal(value: string): string;
  /** Whether the table has SQLite's `INTEGER PRIMARY KEY AUTOINCREMENT` (a `sqlite_sequence` row). */
  autoIncrements(table: Table): boolean;
}

/** Prefix of the table a rebuild copies into. */
export const REBUILD_PREFIX = '_kiln_new_';

/**
 * The statements that turn `current` into `target` keeping every row.
 * `sources` maps a target column to the current column its values come from
 * (renamed columns map to their old names); target columns without a source
 * get their default.
 */
export function rebuildTableStatements(
  sql: RebuildSql,
  current: Table,
  target: Table,
  sources: ReadonlyMap<string, string>,
): string[] {
  const ref: TableRef = { schema: target.schema, table: target.name };
  const temporary = { ...target, name: `${REBUILD_PREFIX}${target.name}` };
  const q = (name: string) => sql.quoteIdentifier(name);
  // A generated column computes its own values: it is never written.
  const copied = target.columns.filter((c) => sources.has(c.name) && c.generated === undefined);
  const statements = [sql.createTableStatement(temporary)];
  if (copied.length > 0) {
    const selects = copied.map((column) => {
      const from = sources.get(column.name) as string;
      const source = current.columns.find((c) => c.name === from);
      // A column becoming NOT NULL with a default takes the default where it was NULL.
      const fill = !column.nullable && column.default !== null && source?.nullable !== false;
      return fill && column.default !== null
        ? `COALESCE(${q(from)}, ${sql.defaultSql(column.default, column)})`
        : q(from);
    });
    statements.push(
      `INSERT INTO ${q(temporary.name)} (${copied.map((c) => q(c.name)).join(', ')})` +
        ` SELECT ${selects.join(', ')} FROM ${q(current.name)}`,
    );
  }
  if (sql.autoIncrements(target)) statements.push(...carrySequence(sql, current.name, temporary.name));
  statements.push(
    `DROP TABLE ${q(current.name)}`,
    // Legacy mode: the rename must not re-check views and triggers that name
    // the dropped table (they would fail with "no such table"); nothing refers
    // to the temporary name, so there is nothing to rewrite either.
    'PRAGMA legacy_alter_table = ON',
    `ALTER TABLE ${q(temporary.name)} RENAME TO ${q(target.name)}`,
    'PRAGMA legacy_alter_table = OFF',
    ...target.indexes.map((index) => sql.createIndexStatement(ref, index)),
  );
  return statements;
}

/**
 * Gives the new table the old one's AUTOINCREMENT counter. The copy leaves
 * the new counter at the highest id copied, so ids of rows deleted before
 * the rebuild (the counter's whole point) would be handed out again; DROP
 * TABLE deletes the old counter and the rename carries the new one over.
 * Old table without a counter: none is kept, and SQLite starts from the
 * highest id, as it would have.
 */
function carrySequence(sql: RebuildSql, from: string, to: string): string[] {
  return [
    `DELETE FROM sqlite_sequence WHERE name = ${sql.literal(to)}`,
    `INSERT INTO sqlite_sequence (name, seq) SELECT ${sql.literal(to)}, seq FROM sqlite_sequence WHERE name = ${sql.literal(from)}`,
  ];
}

/** Each current column that survives, mapped to itself: the usual `sources`. */
export function sameNameSources(current: Table, target: Table): Map<string, string> {
  const names = new Set(current.columns.map((c) => c.name));
  return new Map(target.columns.filter((c) => names.has(c.name)).map((c) => [c.name, c.name]));
}

/** A rebuild's CREATE TABLE must not keep a check or partial index naming a column that is gone. */
export const SQLITE_SIMULATION: SimulationRules = Object.freeze({ mentions: mentionsIdentifier });

/** True when dropping `name` touches a key, index, constraint or check: ALTER TABLE DROP COLUMN would refuse. */
export function columnIsConstrained(table: Table, name: string): boolean {
  const op: DropColumnOp = {
    kind: 'dropColumn',
    schema: table.schema,
    table: table.name,
    column: name,
    existing: null,
  };
  return !sameConstraints(table, applyToTable(table, op, SQLITE_SIMULATION));
}

function sameConstraints(a: Table, b: Table): boolean {
  return (
    a.primaryKey === b.primaryKey &&
    a.uniques.length === b.uniques.length &&
    a.indexes.length === b.indexes.length &&
    a.foreignKeys.length === b.foreignKeys.length &&
    a.checks.length === b.checks.length
  );
}
