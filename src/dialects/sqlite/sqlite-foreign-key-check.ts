import { DatabaseError } from '../../errors.js';
import type { StatementReach } from '../dialect.js';
import type { SqliteHandle } from './sqlite-driver.js';
import { statementTables } from './sqlite-sql-text.js';

/**
 * The foreign-key check a revision's transaction ends with. Enforcement is off
 * during the transaction (SQLite's table rebuild requires it), so
 * `PRAGMA foreign_key_check` before COMMIT is what stops a revision from
 * leaving rows that point nowhere. But an orphan row the revision never
 * touched (made before kiln, or with enforcement off) must not block every
 * revision. So:
 *
 * - a violation in a table the revision created, rebuilt or altered, or in
 *   one that references such a table, fails the revision (rolled back);
 * - so does one anywhere that was not there before the revision's first
 *   statement that may change rows anywhere (a data migration's DELETE runs
 *   with enforcement off, too);
 * - the others were there before and are not the revision's doing: they are
 *   reported as warnings and the revision commits.
 *
 * The changed tables are read from kiln's own statements as they run
 * (`statementTables`). `PRAGMA foreign_key_check` of the whole database reads
 * every row of every table with a foreign key, so it runs only for a revision
 * that may change rows anywhere (an `execute`, a bulk insert, a query, a
 * statement whose tables cannot be read): the violations already there are
 * read right before the first such statement, and all of them again before
 * COMMIT. Any other revision checks only the tables it changed and those
 * that reference them; one that only adds tables reads only those.
 */
export class ForeignKeyScope {
  /** Tables created in this transaction: nothing referred to them before. */
  private readonly created = new Set<string>();
  /** Tables that existed and changed: the tables referencing them are checked too. */
  private readonly changed = new Set<string>();
  /** The violations before the first statement that may change rows anywhere; null: none has run. */
  private before: ReadonlySet<string> | null = null;

  constructor(private readonly db: SqliteHandle) {}

  /** Called before each statement of the transaction runs. */
  noteStatement(sql: string, reach: StatementReach): void {
    if (reach === 'kiln') return;
    const tables = reach === 'definition' ? statementTables(sql) : null;
    if (tables === null) {
      this.recordViolations();
      return;
    }
    if (tables.created !== null) this.created.add(tables.created);
    const [renamed] = tables.changed;
    // A created table renamed (a rebuild's copy taking the old name) replaces the table of that name.
    if (tables.renamedTo != null && renamed !== undefined && this.created.has(renamed)) {
      this.changed.add(tables.renamedTo);
      return;
    }
    for (const table of tables.changed) if (!this.created.has(table)) this.changed.add(table);
  }

  /** Before a statement that may change rows anywhere: the violations already there. */
  recordViolations(): void {
    if (this.before === null) this.before = new Set(keyed(allViolations(this.db)).map(([key]) => key));
  }

  /**
   * Before COMMIT: throws a DatabaseError for the revision's own violations,
   * returns one warning per table for the ones it found there already.
   */
  check(): string[] {
    const touched = (table: string) => this.created.has(table.toLowerCase()) || this.changed.has(table.toLowerCase());
    const { before } = this;
    const found = keyed(before === null ? this.violationsAround() : allViolations(this.db));
    if (found.length === 0) return [];
    const own: Violation[] = [];
    const older: Violation[] = [];
    for (const [key, violation] of found) {
      // Without a full reading, rows outside the changed tables did not change: their violations are older.
      const appeared = before !== null && !before.has(key);
      const mine = touched(violation.table) || touched(violation.parent) || appeared;
      (mine ? own : older).push(violation);
    }
    if (own.length > 0) {
      const pairs = [...new Set(own.map((r) => `${r.table} → ${r.parent}`))];
      throw new DatabaseError(
        'database.foreign-key-violation',
        `foreign key check failed: ${own.length} row(s) of ${pairs.join(', ')} refer to missing rows`,
        {
          hint: 'the revision was rolled back; delete or fix those rows (or the foreign key) in the revision, then run again',
          data: { violations: own.length, tables: [...new Set(own.map((r) => r.table))] },
        },
      );
    }
    return [...countByPair(older)].map(
      ([[table, parent], count]) =>
        `foreign key check: ${count} row(s) of table ${table} refer to missing rows of ${parent}; they were there before, in tables this revision did not change, so it was applied`,
    );
  }

  /**
   * The violations in the tables this transaction created or changed, and in
   * those referencing a changed one. Each table is checked by name (a name
   * renamed away, like a rebuild's copy, no longer exists and is skipped);
   * the referencing tables are found in one pass over the schema, needed only
   * when a table that existed before changed.
   */
  private violationsAround(): Violation[] {
    const tables = new Set([...this.created, ...this.changed]);
    if (this.changed.size > 0) {
      const rows = this.db.all(
        `SELECT DISTINCT lower(m.name) AS name FROM sqlite_master m, pragma_foreign_key_list(m.name) f
          WHERE m.type = 'table' AND lower(f."table") IN (SELECT value FROM json_each(?))`,
        [JSON.stringify([...this.changed])],
      );
      for (const row of rows) tables.add(String(row.name));
    }
    return [...tables].flatMap((table) => tableViolations(this.db, table));
  }
}

function tableViolations(db: SqliteHandle, table: string): Violation[] {
  try {
    return db.all('SELECT "table", rowid, parent, fkid FROM pragma_foreign_key_check(?)', [
      table,
    ]) as unknown as Violation[];
  } catch (error) {
    if (/no such table/i.test((error as Error).message)) return [];
    throw error;
  }
}

interface Violation {
  readonly table: string;
  readonly rowid: number | bigint | null;
  readonly parent: string;
  readonly fkid: number;
}

function allViolations(db: SqliteHandle): Violation[] {
  return db.all('PRAGMA foreign_key_check') as unknown as Violation[];
}

/** WITHOUT ROWID tables report a null rowid: their violations are told apart by count only. */
function violationKey(violation: Violation, occurrence: number): string {
  const row = violation.rowid === null ? `#${occurrence}` : String(violation.rowid);
  return `${violation.table.toLowerCase()}\u0000${violation.fkid}\u0000${row}`;
}

function keyed(list: readonly Violation[]): Array<[string, Violation]> {
  const seen = new Map<string, number>();
  return list.map((violation) => {
    const group = `${violation.table}\u0000${violation.fkid}`;
    const occurrence = (seen.get(group) ?? 0) + 1;
    seen.set(group, occurrence);
    return [violationKey(violation, occurrence), violation];
  });
}

function countByPair(list: readonly Violation[]): Map<readonly [string, string], number> {
  const counts = new Map<string, { pair: readonly [string, string]; count: number }>();
  for (const r of list) {
    const key = `${r.table}\u0000${r.parent}`;
    const entry = counts.get(key) ?? { pair: [r.table, r.parent] as const, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  return new Map([...counts.values()].map((e) => [e.pair, e.count]));
}
