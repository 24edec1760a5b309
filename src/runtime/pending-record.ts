import type { Dialect, Row } from '../dialects/dialect.js';
import { firstLine } from './statement-target.js';

/**
 * A revision that ran, or is running, without one transaction around it
 * (every revision on MySQL/MariaDB, whose DDL commits as it runs; a
 * `transactional = false` one elsewhere). Its row in `kiln_pending` is
 * committed on its own before the first statement and advanced after each
 * one, in that statement's transaction where it has one, and deleted in the
 * transaction that records the revision. A row that outlives its run says a
 * crash or a failure left the revision half-applied, and how far it got.
 * Atomic revisions (transactional DDL and a transactional revision) never
 * get a row: they roll back wholly.
 */
export interface PendingRecord {
  readonly revision: string;
  readonly direction: 'upgrade' | 'downgrade';
  /** Statements of the revision committed so far. */
  readonly applied: number;
  /** The last statement committed, on one line (null before the first). */
  readonly lastStatement: string | null;
  /**
   * A statement that commits on its own and had started when the run
   * stopped: it may or may not have taken effect. Null otherwise.
   */
  readonly runningStatement: string | null;
  /** The version rows the step replaces and the ones it writes, as the runner planned it. */
  readonly versionDelete: readonly string[];
  readonly versionInsert: readonly string[];
  /** The checksum of the file that ran. */
  readonly checksum: string | null;
  readonly startedAt: string;
}

/** Builds the DML on `kiln_pending` with the dialect's quoting. */
export class PendingSql {
  constructor(
    private readonly dialect: Dialect,
    private readonly table: string,
  ) {}

  private q(name: string): string {
    return this.dialect.quoteIdentifier(name);
  }

  insert(record: Omit<PendingRecord, 'applied' | 'lastStatement' | 'runningStatement' | 'startedAt'>): string {
    const columns = ['revision', 'direction', 'applied', 'version_delete', 'version_insert', 'checksum'];
    const values = [
      this.dialect.literal(record.revision),
      this.dialect.literal(record.direction),
      '0',
      this.dialect.literal(JSON.stringify(record.versionDelete)),
      this.dialect.literal(JSON.stringify(record.versionInsert)),
      this.dialect.literal(record.checksum),
    ];
    return `INSERT INTO ${this.q(this.table)} (${columns.map((c) => this.q(c)).join(', ')}) VALUES (${values.join(', ')})`;
  }

  /** Before a statement that commits on its own. */
  starting(revision: string, statement: string): string {
    return this.update(revision, `${this.q('running_statement')} = ${this.dialect.literal(oneLine(statement))}`);
  }

  /** After the announced statement failed: it did not run. */
  notRunning(revision: string): string {
    return this.update(revision, `${this.q('running_statement')} = NULL`);
  }

  /** After statement number `applied`. */
  progress(revision: string, applied: number, statement: string): string {
    const last = `${this.q('last_statement')} = ${this.dialect.literal(oneLine(statement))}`;
    return this.update(revision, `${this.q('applied')} = ${applied}, ${last}, ${this.q('running_statement')} = NULL`);
  }

  private update(revision: string, set: string): string {
    return `UPDATE ${this.q(this.table)} SET ${set} WHERE ${this.q('revision')} = ${this.dialect.literal(revision)}`;
  }

  delete(revision: string): string {
    return `DELETE FROM ${this.q(this.table)} WHERE ${this.q('revision')} = ${this.dialect.literal(revision)}`;
  }

  select(): string {
    const columns = [
      'revision',
      'direction',
      'applied',
      'last_statement',
      'running_statement',
      'version_delete',
      'version_insert',
      'checksum',
      'started_at',
    ];
    return `SELECT ${columns.map((c) => this.q(c)).join(', ')} FROM ${this.q(this.table)} ORDER BY ${this.q('revision')}`;
  }
}

export function pendingFromRow(row: Row): PendingRecord {
  const list = (value: unknown): string[] => {
    const parsed: unknown = JSON.parse(String(value));
    return Array.isArray(parsed) ? parsed.map(String) : [];
  };
  const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
  return {
    revision: String(row.revision),
    direction: row.direction === 'downgrade' ? 'downgrade' : 'upgrade',
    applied: Number(row.applied),
    lastStatement: text(row.last_statement),
    runningStatement: text(row.running_statement),
    versionDelete: list(row.version_delete),
    versionInsert: list(row.version_insert),
    checksum: text(row.checksum),
    startedAt: row.started_at instanceof Date ? row.started_at.toISOString() : String(row.started_at),
  };
}

/** A statement on one line, cut at 200 characters: a bulk insert can be megabytes. */
function oneLine(statement: string): string {
  return firstLine(statement.replace(/\s+/g, ' ').trim());
}
