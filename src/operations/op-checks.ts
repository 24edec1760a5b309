/** Argument checks of the `Operations` methods: a wrong call fails with an OperationError naming it. */
import { OperationError } from '../errors.js';
import { columnFromBuilder } from '../schema/build-column.js';
import { type ColumnBuilder, type ColumnDefaultInput, isColumnBuilder } from '../schema/dsl/column-builder.js';
import { type EnumTypeBuilder, isEnumTypeBuilder } from '../schema/dsl/enum-type.js';
import { isSql } from '../schema/dsl/sql.js';
import type { ColumnType, DefaultValue, IndexPart } from '../schema/model.js';
import type { BulkInsertRow } from './op-types.js';

export function invalid(message: string, hint: string): never {
  throw new OperationError('operation.invalid', message, { hint });
}

/** A table, column, constraint or type name: any non-empty string (existing objects may predate kiln's limits). */
export function identifier(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    invalid(`${what}: expected a name, got ${JSON.stringify(value) ?? String(value)}`, 'Pass a non-empty string.');
  }
  return value;
}

export function nonEmptyList(values: readonly string[], what: string): string[] {
  if (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== 'string' || v === '')) {
    invalid(`${what} needs a non-empty list of column names`, "Pass column names: ['name'].");
  }
  return [...values];
}

/** An index's parts: column names, and `sql` values as expressions. */
export function indexParts(values: readonly unknown[], what: string): IndexPart[] {
  const part = (value: unknown): IndexPart | null =>
    typeof value === 'string' && value !== ''
      ? value
      : isSql(value) && value.sql.trim() !== ''
        ? { expression: value.sql.trim() }
        : null;
  const parts = Array.isArray(values) ? values.map(part) : [];
  if (parts.length === 0 || parts.some((p) => p === null)) {
    invalid(
      `${what} needs a non-empty list of column names or sql expressions`,
      "Pass column names or expressions: ['name'] or [sql`lower(email)`].",
    );
  }
  return parts as IndexPart[];
}

export function toDefault(value: ColumnDefaultInput | null, where: string): DefaultValue | null {
  if (value === null) return null;
  if (isSql(value)) return { kind: 'sql', sql: value.sql };
  if (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  ) {
    return { kind: 'literal', value };
  }
  return invalid(
    `${where}: unsupported default ${String(value)}`,
    'Use a string, a finite number, a boolean, sql`…`, or null.',
  );
}

/** The type of a bare type builder given to alterColumn (anything else set on it would be ignored: refuse it). */
export function bareType(
  type: ColumnBuilder | EnumTypeBuilder,
  column: string,
  where: { schema: string | null; table: string },
): ColumnType {
  const builder = isEnumTypeBuilder(type) ? type() : type;
  const spec = isColumnBuilder(builder) ? builder.spec : null;
  if (spec !== null) {
    const extra =
      spec.notNull ||
      spec.primaryKey ||
      spec.autoIncrement ||
      spec.unique !== null ||
      spec.default !== null ||
      spec.references !== null ||
      spec.comment !== null ||
      spec.generated !== null;
    if (extra) {
      invalid(
        `alterColumn "${where.table}.${column}": type must be a bare type such as varchar(60)`,
        'Pass notNull, default, comment and autoIncrement as their own properties.',
      );
    }
  }
  return columnFromBuilder(builder, column, where).type;
}

export function checkRows(rows: readonly BulkInsertRow[], table: string): BulkInsertRow[] {
  if (!Array.isArray(rows))
    invalid(`bulkInsert "${table}": rows must be an array of objects`, "Pass [{ id: 1, name: 'a' }].");
  return rows.map((row, i) => {
    for (const [key, value] of Object.entries(row)) {
      const ok =
        value === null ||
        typeof value === 'string' ||
        typeof value === 'boolean' ||
        (typeof value === 'number' && Number.isFinite(value));
      if (!ok)
        invalid(
          `bulkInsert "${table}" row ${i} column "${key}" holds ${String(value)}`,
          'Row values must be strings, finite numbers, booleans or null (convert dates to ISO strings).',
        );
    }
    return { ...row };
  });
}
