import type { ColumnSpec, SchemaSpec, TableSpec, TypeSpec } from './property-schema-spec.js';
import type { KilnProject } from './project.js';

/**
 * The rows the round-trip property inserts into the first schema's tables:
 * two per table, every column set (except self-referencing foreign keys),
 * values distinct between the two rows so that any unique key added later
 * holds, small and positive so that every generated check holds and every
 * type in a column's family can store them.
 */

const ROWS = [1, 2] as const;

function value(type: TypeSpec, row: number, schema: SchemaSpec): string | number | boolean {
  switch (type.kind) {
    case 'integer':
    case 'bigint':
    case 'smallint':
      return row;
    case 'varchar':
    case 'char':
    case 'text':
    case 'binary':
      return `r${row}`;
    case 'boolean':
      return row === 1;
    case 'date':
      return `2024-01-0${row}`;
    case 'time':
      return `10:00:0${row}`;
    case 'timestamp':
      return `2024-01-0${row} 10:00:00`;
    case 'numeric':
      return row * 2;
    case 'real':
    case 'double':
      return row + 0.5;
    case 'json':
      return `{"r": ${row}}`;
    case 'uuid':
      return `00000000-0000-0000-0000-00000000000${row}`;
    case 'enum': {
      const values = schema.enums.find((e) => e.name === type.enumName)?.values ?? [];
      return values[row - 1] ?? '';
    }
  }
}

function isSelfReference(table: TableSpec, column: ColumnSpec): boolean {
  return table.foreignKeys.some((fk) => fk.refTable === table.name && fk.columns.includes(column.name));
}

/** Inserts the rows, parents first (foreign keys only point at earlier tables or the same one). */
export async function insertRows(project: KilnProject, schema: SchemaSpec): Promise<void> {
  const { dialect } = project.database;
  for (const table of schema.tables) {
    const columns = table.columns.map((c) => project.quote(c.name)).join(', ');
    for (const row of ROWS) {
      const values = table.columns.map((c) =>
        isSelfReference(table, c) ? 'NULL' : dialect.literal(value(c.type, row, schema)),
      );
      await project.execute(`INSERT INTO ${project.quote(table.name)} (${columns}) VALUES (${values.join(', ')})`);
    }
  }
}

/** Per table of both schemas: the columns both have with the same type, whose values must survive. */
export function survivingColumns(first: SchemaSpec, second: SchemaSpec): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const table of first.tables) {
    const later = second.tables.find((t) => t.name === table.name);
    if (later === undefined) continue;
    const kept = table.columns.filter((c) => {
      const other = later.columns.find((x) => x.name === c.name);
      return other !== undefined && JSON.stringify(other.type) === JSON.stringify(c.type);
    });
    result.set(
      table.name,
      kept.map((c) => c.name),
    );
  }
  return result;
}

/** The surviving tables' row counts and kept columns' values, in a stable order. */
export async function readRows(
  project: KilnProject,
  surviving: Map<string, string[]>,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [table, columns] of surviving) {
    const count = await project.query(`SELECT COUNT(*) AS n FROM ${project.quote(table)}`);
    const selected =
      columns.length === 0
        ? []
        : await project.query(`SELECT ${columns.map((c) => project.quote(c)).join(', ')} FROM ${project.quote(table)}`);
    const rows = selected.map((r) => JSON.stringify(columns.map((c) => String(r[c])))).sort();
    out[table] = { count: Number(count[0]?.n), rows };
  }
  return out;
}
