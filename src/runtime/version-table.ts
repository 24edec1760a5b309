import type { Dialect, QueryExecutor } from '../dialects/dialect.js';
import type { Operation } from '../operations/operation.js';
import type { Column, ColumnType, Table } from '../schema/model.js';

/**
 * kiln's own tables: `kiln_version` (one row per current head, as Alembic's
 * `alembic_version`), `kiln_log` (append-only: every applied, reverted or
 * stamped revision with its file checksum, direction, time and duration) and
 * `kiln_pending` (a revision that runs without one enclosing transaction,
 * while it runs or after it stopped halfway; see pending-record.ts).
 * They are described in the neutral model and created through the dialect's
 * own compiler, so each database gets its native spelling.
 */
export interface KilnTables {
  readonly versionTable: string;
  readonly logTable: string;
  readonly pendingTable: string;
}

/**
 * `rehash`: an edit of an applied file accepted (`kiln resolve --rehash`);
 * `applied` / `rolled-back`: a half-applied revision finished or undone by
 * hand (`kiln resolve --applied` / `--rolled-back`).
 */
export type LogDirection = 'upgrade' | 'downgrade' | 'stamp' | 'rehash' | 'applied' | 'rolled-back';

/** Records whose checksum says what file an applied revision ran (a stamp: none). */
const CHECKSUM_DIRECTIONS: readonly LogDirection[] = ['upgrade', 'rehash', 'applied', 'stamp'];

export interface LogEntry {
  readonly revision: string;
  readonly direction: LogDirection;
  readonly checksum: string | null;
  readonly message: string | null;
  readonly durationMs: number;
}

/** Longest revision id the version column holds. */
export const VERSION_COLUMN_LENGTH = 32;

function column(name: string, type: ColumnType, nullable: boolean, extra: Partial<Column> = {}): Column {
  return { name, type, nullable, default: null, autoIncrement: false, comment: null, ...extra };
}

export function versionTableModel(name: string): Table {
  return {
    schema: null,
    name,
    columns: [column('version_num', { kind: 'varchar', length: VERSION_COLUMN_LENGTH }, false)],
    primaryKey: { name: `pk_${name}`, columns: ['version_num'] },
    uniques: [],
    indexes: [],
    foreignKeys: [],
    checks: [],
    comment: null,
  };
}

export function logTableModel(name: string): Table {
  return {
    schema: null,
    name,
    columns: [
      column('id', { kind: 'integer' }, false, { autoIncrement: true }),
      column('revision', { kind: 'varchar', length: VERSION_COLUMN_LENGTH }, false),
      column('direction', { kind: 'varchar', length: 16 }, false),
      column('checksum', { kind: 'varchar', length: 64 }, true),
      column('message', { kind: 'text' }, true),
      column('applied_at', { kind: 'timestamp', withTimezone: false }, false, {
        default: { kind: 'sql', sql: 'CURRENT_TIMESTAMP' },
      }),
      column('duration_ms', { kind: 'integer' }, false),
    ],
    primaryKey: { name: `pk_${name}`, columns: ['id'] },
    uniques: [],
    indexes: [],
    foreignKeys: [],
    checks: [],
    comment: null,
  };
}

/**
 * `kiln_pending`: one row per revision that is running, or stopped halfway,
 * outside one enclosing transaction (see pending-record.ts). The version rows
 * its step moves are kept as JSON arrays, so `kiln resolve --applied` moves
 * exactly those.
 */
export function pendingTableModel(name: string): Table {
  return {
    schema: null,
    name,
    columns: [
      column('revision', { kind: 'varchar', length: VERSION_COLUMN_LENGTH }, false),
      column('direction', { kind: 'varchar', length: 16 }, false),
      column('applied', { kind: 'integer' }, false),
      column('last_statement', { kind: 'text' }, true),
      column('running_statement', { kind: 'text' }, true),
      column('version_delete', { kind: 'text' }, false),
      column('version_insert', { kind: 'text' }, false),
      column('checksum', { kind: 'varchar', length: 64 }, true),
      column('started_at', { kind: 'timestamp', withTimezone: false }, false, {
        default: { kind: 'sql', sql: 'CURRENT_TIMESTAMP' },
      }),
    ],
    primaryKey: { name: `pk_${name}`, columns: ['revision'] },
    uniques: [],
    indexes: [],
    foreignKeys: [],
    checks: [],
    comment: null,
  };
}

/** kiln's tables as [name, createTable operation], in creation order. */
export function createKilnTablesOps(tables: KilnTables): [string, Operation][] {
  return [
    [tables.versionTable, { kind: 'createTable', table: versionTableModel(tables.versionTable) }],
    [tables.logTable, { kind: 'createTable', table: logTableModel(tables.logTable) }],
    [tables.pendingTable, { kind: 'createTable', table: pendingTableModel(tables.pendingTable) }],
  ];
}

/** kiln's table names, which introspection leaves out. */
export function kilnTableNames(tables: KilnTables): string[] {
  return [tables.versionTable, tables.logTable, tables.pendingTable];
}

/** Builds the DML on kiln's tables with the dialect's quoting; literals are inlined so offline SQL reads the same. */
export class VersionTableSql {
  constructor(
    private readonly dialect: Dialect,
    private readonly tables: KilnTables,
  ) {}

  selectHeads(): string {
    const q = (n: string) => this.dialect.quoteIdentifier(n);
    return `SELECT ${q('version_num')} FROM ${q(this.tables.versionTable)}`;
  }

  insertHead(revision: string): string {
    const q = (n: string) => this.dialect.quoteIdentifier(n);
    return `INSERT INTO ${q(this.tables.versionTable)} (${q('version_num')}) VALUES (${this.dialect.literal(revision)})`;
  }

  deleteHead(revision: string): string {
    const q = (n: string) => this.dialect.quoteIdentifier(n);
    return `DELETE FROM ${q(this.tables.versionTable)} WHERE ${q('version_num')} = ${this.dialect.literal(revision)}`;
  }

  updateHead(from: string, to: string): string {
    const q = (n: string) => this.dialect.quoteIdentifier(n);
    return `UPDATE ${q(this.tables.versionTable)} SET ${q('version_num')} = ${this.dialect.literal(to)} WHERE ${q('version_num')} = ${this.dialect.literal(from)}`;
  }

  deleteAllHeads(): string {
    return `DELETE FROM ${this.dialect.quoteIdentifier(this.tables.versionTable)}`;
  }

  insertLog(entry: LogEntry): string {
    const q = (n: string) => this.dialect.quoteIdentifier(n);
    const l = (v: string | number | null) => this.dialect.literal(v);
    const columns = ['revision', 'direction', 'checksum', 'message', 'duration_ms'].map(q).join(', ');
    const values = [entry.revision, entry.direction, entry.checksum, entry.message, Math.round(entry.durationMs)]
      .map(l)
      .join(', ');
    return `INSERT INTO ${q(this.tables.logTable)} (${columns}) VALUES (${values})`;
  }

  /**
   * The statements that move the version rows from `deleted` to `inserted`
   * (an UPDATE when one replaces one), each with the row it must change: a
   * statement that changes none means someone else moved the row.
   */
  moveHeads(deleted: readonly string[], inserted: readonly string[]): VersionChange[] {
    if (deleted.length === 1 && inserted.length === 1) {
      const from = deleted[0] as string;
      return [{ sql: this.updateHead(from, inserted[0] as string), row: from }];
    }
    return [
      ...deleted.map((row) => ({ sql: this.deleteHead(row), row })),
      ...inserted.map((row) => ({ sql: this.insertHead(row), row })),
    ];
  }

  /**
   * One row per revision: the checksum of its latest record that says which
   * file ran (null when that was a stamp). One query, whatever the history.
   */
  latestChecksums(): string {
    const q = (n: string) => this.dialect.quoteIdentifier(n);
    const log = q(this.tables.logTable);
    const directions = CHECKSUM_DIRECTIONS.map((d) => this.dialect.literal(d)).join(', ');
    return (
      `SELECT l.${q('revision')} AS ${q('revision')}, l.${q('checksum')} AS ${q('checksum')} FROM ${log} l ` +
      `JOIN (SELECT MAX(${q('id')}) AS ${q('id')} FROM ${log} WHERE ${q('direction')} IN (${directions}) ` +
      `GROUP BY ${q('revision')}) m ON l.${q('id')} = m.${q('id')}`
    );
  }
}

/** One statement on the version table and the row it must change. */
export interface VersionChange {
  readonly sql: string;
  readonly row: string;
}

export async function readHeads(executor: QueryExecutor, sql: VersionTableSql): Promise<string[]> {
  const rows = await executor.query(sql.selectHeads());
  return rows.map((row) => String(row.version_num)).sort();
}
