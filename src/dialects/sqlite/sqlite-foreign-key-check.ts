import { DatabaseError } from '../../errors.js';
import type { SqliteHandle } from './sqlite-driver.js';

/**
 * The foreign-key check a revision's transaction ends with. Enforcement is off
 * during the transaction (SQLite's table rebuild requires it), so
 * `PRAGMA foreign_key_check` before COMMIT is what stops a revision from
 * leaving rows that point nowhere. But it reads the whole database, and an
 * orphan row the revision never touched (made before kiln, or with
 * enforcement off) must not block every revision. So:
 *
 * - a violation in a table the revision created, rebuilt or altered, or in
 *   one that references such a table, fails the revision (rolled back);
 * - so does one anywhere that was not there when the transaction began (a
 *   data migration's DELETE runs with enforcement off, too);
 * - the others were there before and are not the revision's doing: they are
 *   reported as warnings and the revision commits.
 *
 * "Changed" tables are found by comparing `sqlite_master` before and after:
 * a rebuilt table has a new root page, an altered one new SQL text.
 *
 * `PRAGMA foreign_key_check` reads every row of every table with a foreign
 * key, so it runs in full only for a revision that may change rows anywhere
 * (an `execute`, a bulk insert, a query): the violations already there are
 * read right before the first such statement, and all of them again before
 * COMMIT. A revision of kiln's own operations changes rows only in the
 * tables it creates, rebuilds or alters, so only those and the tables that
 * reference them are checked, once, before COMMIT; on a large database that
 * is the difference between reading a few tables and reading all of them
 * twice per revision.
 */

/** What the transaction started from. */
export interface ForeignKeyBaseline {
  /** Table name → `rootpage:sql` when the transaction began. */
  readonly tables: ReadonlyMap<string, string>;
  /**
   * The violations present before the first statement that may change rows
   * anywhere, as `violationKey`s; null while none has run (then only the
   * changed tables and their children are checked).
   */
  violations: ReadonlySet<string> | null;
}

interface Violation {
  readonly table: string;
  readonly rowid: number | bigint | null;
  readonly parent: string;
  readonly fkid: number;
}

function tableShapes(db: SqliteHandle): Map<string, string> {
  const rows = db.all("SELECT name, rootpage, sql FROM sqlite_master WHERE type = 'table'") as Array<{
    name: string;
    rootpage: number;
    sql: string | null;
  }>;
  return new Map(rows.map((row) => [row.name.toLowerCase(), `${row.rootpage}:${row.sql ?? ''}`]));
}

function violations(db: SqliteHandle): Violation[] {
  return db.all('PRAGMA foreign_key_check') as unknown as Violation[];
}

/** The violations in `tables` and in the tables whose foreign keys refer to them, in one query. */
function violationsAround(db: SqliteHandle, tables: readonly string[]): Violation[] {
  const names = JSON.stringify(tables);
  return db.all(
    `SELECT c."table" AS "table", c.rowid AS rowid, c.parent AS parent, c.fkid AS fkid
       FROM sqlite_master m, pragma_foreign_key_check(m.name) c
      WHERE m.type = 'table' AND (lower(m.name) IN (SELECT value FROM json_each(?))
         OR EXISTS (SELECT 1 FROM pragma_foreign_key_list(m.name) f WHERE lower(f."table") IN (SELECT value FROM json_each(?))))`,
    [names, names],
  ) as unknown as Violation[];
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

/** Reads the tables a revision's transaction starts from (inside it, right after BEGIN): one small query. */
export function foreignKeyBaseline(db: SqliteHandle): ForeignKeyBaseline {
  return { tables: tableShapes(db), violations: null };
}

/** Before the first statement that may change rows anywhere: the violations already there. */
export function recordViolations(db: SqliteHandle, baseline: ForeignKeyBaseline): void {
  if (baseline.violations === null) baseline.violations = new Set(keyed(violations(db)).map(([key]) => key));
}

/**
 * Checks the foreign keys before COMMIT: throws a DatabaseError for the
 * revision's own violations, returns one warning per table for the ones it
 * found there already.
 */
export function checkForeignKeys(db: SqliteHandle, baseline: ForeignKeyBaseline): string[] {
  const now = tableShapes(db);
  const changed = (table: string) => now.get(table.toLowerCase()) !== baseline.tables.get(table.toLowerCase());
  const before = baseline.violations;
  let found: Array<[string, Violation]>;
  if (before === null) {
    const touched = new Set([...now.keys(), ...baseline.tables.keys()].filter(changed));
    if (touched.size === 0) return [];
    found = keyed(violationsAround(db, [...touched]));
  } else {
    found = keyed(violations(db));
  }
  if (found.length === 0) return [];
  const own: Violation[] = [];
  const older: Violation[] = [];
  for (const [key, violation] of found) {
    // Without a full reading, rows outside the changed tables did not change: their violations are older.
    const appeared = before !== null && !before.has(key);
    const mine = changed(violation.table) || changed(violation.parent) || appeared;
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
