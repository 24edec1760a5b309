import { type Column, findTable, isTextType, type SchemaModel, type Table, withCollation } from '../schema/model.js';

/**
 * The models as compared: a setting the models leave unnamed follows the
 * database's default, so whatever the database has there is taken as is and
 * never reported as a difference (nor lost when another change restates the
 * column, as MySQL's MODIFY COLUMN does). Today that is a column's collation,
 * and a table's collation and character set.
 *
 * @example followDatabaseDefaults(live, models) // models' unnamed collations = live's
 */
export function followDatabaseDefaults(from: SchemaModel, to: SchemaModel): SchemaModel {
  return { ...to, tables: to.tables.map((table) => followTable(findTable(from, table.name, table.schema), table)) };
}

function followTable(live: Table | undefined, table: Table): Table {
  if (live === undefined) return table;
  const columns = table.columns.map((column) =>
    followColumn(
      live.columns.find((c) => c.name === column.name),
      column,
    ),
  );
  return {
    ...table,
    ...(table.collation === undefined && live.collation !== undefined ? { collation: live.collation } : {}),
    ...(table.charset === undefined && live.charset !== undefined ? { charset: live.charset } : {}),
    columns,
  };
}

function followColumn(live: Column | undefined, column: Column): Column {
  if (live === undefined || !isTextType(column.type) || column.type.collation !== undefined) return column;
  if (!isTextType(live.type) || live.type.collation === undefined) return column;
  return { ...column, type: withCollation(column.type, live.type.collation) };
}
