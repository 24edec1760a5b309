import { isDeepStrictEqual } from 'node:util';
import { EXACT_COMPARISON, type ModelComparison } from '../../schema/comparison.js';
import { OperationError } from '../../errors.js';
import { type Column, hasIndexExpression, type SchemaModel } from '../../schema/model.js';
import type { QueryExecutor } from '../dialect.js';
import { parseServerVersion, serverAtLeast } from './mysql-adapter.js';
import { normalizeType } from './mysql-normalize.js';

/**
 * How MySQL/MariaDB models are compared. Normalisation already spells
 * defaults and check expressions as information_schema prints them
 * (COLUMN_DEFAULT, CHECK_CLAUSE), so those compare as they are. A raw type
 * the normalised spelling cannot settle (written otherwise than COLUMN_TYPE
 * prints it: `year` is `year(4)` on MariaDB) is asked of the server: the
 * model's unsettled raw types become the columns of one temporary table,
 * read back with SHOW COLUMNS (COLUMN_TYPE's spelling) and dropped. Three
 * statements whatever the number of tables, and none when nothing is
 * unsettled; a type the server refuses leaves them all to kiln's spelling.
 */
export async function mysqlComparison(
  database: SchemaModel,
  target: SchemaModel,
  executor: QueryExecutor | null,
  quote: (name: string) => string,
): Promise<ModelComparison> {
  if (executor !== null) await refuseExpressionIndexes(target, executor);
  const spelled = executor === null ? new Map<string, string>() : await serverTypes(database, target, executor, quote);
  if (spelled.size === 0) return EXACT_COMPARISON;
  return {
    ...EXACT_COMPARISON,
    column(column: Column): Column {
      const server = column.type.kind === 'raw' ? spelled.get(column.type.sql) : undefined;
      return server === undefined
        ? column
        : { ...column, type: normalizeType('', column.name, { kind: 'raw', sql: server }) };
    },
  };
}

/**
 * Functional key parts came with MySQL 8.0.13; MariaDB has none. A model
 * that declares one is refused by name before anything is written, rather
 * than by the server's syntax error when the revision runs.
 */
async function refuseExpressionIndexes(target: SchemaModel, executor: QueryExecutor): Promise<void> {
  const found = target.tables.flatMap((t) => t.indexes.filter(hasIndexExpression).map((i) => [t, i] as const))[0];
  if (found === undefined) return;
  const [row] = await executor.query('SELECT VERSION() AS version');
  const server = parseServerVersion(String(row?.version ?? ''));
  if (server.flavour === 'mysql' && serverAtLeast(server, 8, 0, 13)) return;
  const [table, index] = found;
  throw new OperationError(
    'operation.unsupported',
    `index '${index.name}' on '${table.name}' indexes an expression, which ${server.flavour === 'mariadb' ? 'MariaDB' : `MySQL ${server.version.join('.')}`} does not support (MySQL 8.0.13+ does)`,
    {
      hint: 'index a generated column holding the expression instead, or drop the expression from the index',
      data: { table: table.name, index: index.name },
    },
  );
}

/** The model's raw types whose database column reads back differently. */
function unsettledTypes(database: SchemaModel, target: SchemaModel): string[] {
  const live = new Map(database.tables.map((t) => [t.name, t]));
  const types = new Set<string>();
  for (const table of target.tables) {
    const current = live.get(table.name);
    for (const column of table.columns) {
      if (column.type.kind !== 'raw') continue;
      const other = current?.columns.find((c) => c.name === column.name);
      if (other !== undefined && !isDeepStrictEqual(other.type, column.type)) types.add(column.type.sql);
    }
  }
  return [...types];
}

const SCRATCH = 'kiln_cmp_types';

async function serverTypes(
  database: SchemaModel,
  target: SchemaModel,
  executor: QueryExecutor,
  quote: (name: string) => string,
): Promise<Map<string, string>> {
  const types = unsettledTypes(database, target);
  const spelled = new Map<string, string>();
  if (types.length === 0) return spelled;
  const columns = types.map((type, i) => `${quote(`c${i}`)} ${type}`).join(', ');
  try {
    // A temporary table commits nothing and is visible to this session only.
    await executor.query(`CREATE TEMPORARY TABLE ${quote(SCRATCH)} (${columns})`);
  } catch {
    return spelled;
  }
  try {
    const rows = await executor.query<{ Field: string; Type: string }>(`SHOW COLUMNS FROM ${quote(SCRATCH)}`);
    for (const row of rows) {
      const type = types[Number(String(row.Field).slice(1))];
      if (type !== undefined) spelled.set(type, String(row.Type));
    }
  } finally {
    await executor.query(`DROP TEMPORARY TABLE IF EXISTS ${quote(SCRATCH)}`);
  }
  return spelled;
}
