import { type Column, findTable, isTextType, type SchemaModel, type Table, withCollation } from '../schema/model.js';

type Defaults = SchemaModel['databaseDefaults'];

/**
 * The models as compared: a setting the models leave unnamed follows the
 * database, so whatever the database has there is taken as is and never
 * reported as a difference (nor lost when another change restates the
 * column, as MySQL's MODIFY COLUMN does). A setting the models name equal to
 * the default the database reports as none (`databaseDefaults`, a column's
 * table collation) is that none. Today: a column's collation, and a table's
 * collation and character set.
 *
 * @example followDatabaseDefaults(live, models) // models' unnamed collations = live's
 */
export function followDatabaseDefaults(from: SchemaModel, to: SchemaModel): SchemaModel {
  const defaults = from.databaseDefaults;
  return {
    ...to,
    tables: to.tables.map((table) => followTable(findTable(from, table.name, table.schema), table, defaults)),
  };
}

function followTable(live: Table | undefined, table: Table, defaults: Defaults): Table {
  if (live === undefined) return table;
  const { collation: _c, charset: _s, ...rest } = table;
  const collation = follow(table.collation, live.collation, defaults?.collation);
  const charset = follow(table.charset, live.charset, defaults?.charset);
  const tableCollation = live.collation ?? defaults?.collation;
  return {
    ...rest,
    columns: table.columns.map((column) =>
      followColumn(
        live.columns.find((c) => c.name === column.name),
        column,
        tableCollation,
      ),
    ),
    ...(collation === undefined ? {} : { collation }),
    ...(charset === undefined ? {} : { charset }),
  };
}

/** The model's setting as compared with the live one (`fallback`: what the database reports as none). */
function follow(model: string | undefined, live: string | undefined, fallback: string | undefined): string | undefined {
  if (model === undefined) return live;
  return live === undefined && model === fallback ? undefined : model;
}

function followColumn(live: Column | undefined, column: Column, tableCollation: string | undefined): Column {
  if (live === undefined || !isTextType(column.type)) return column;
  const liveCollation = isTextType(live.type) ? live.type.collation : undefined;
  const collation = follow(column.type.collation, liveCollation, tableCollation);
  return collation === column.type.collation ? column : { ...column, type: withCollation(column.type, collation) };
}
