import type { Column, ColumnType, SchemaModel, Table } from '../../src/schema/model.js';

/** Small builders for neutral-model values in unit tests (no DSL involved). */
export const types = {
  integer: { kind: 'integer' } as ColumnType,
  bigint: { kind: 'bigint' } as ColumnType,
  text: { kind: 'text' } as ColumnType,
  boolean: { kind: 'boolean' } as ColumnType,
  varchar: (length: number | null): ColumnType => ({ kind: 'varchar', length }),
  mood: (values: readonly string[] = ['happy', 'sad']): ColumnType => ({
    kind: 'enum',
    name: 'mood',
    values,
    schema: null,
  }),
};

export function column(name: string, type: ColumnType, overrides: Partial<Column> = {}): Column {
  return { name, type, nullable: true, default: null, autoIncrement: false, comment: null, ...overrides };
}

export function table(name: string, columns: readonly Column[], overrides: Partial<Table> = {}): Table {
  return {
    schema: null,
    name,
    columns,
    primaryKey: null,
    uniques: [],
    indexes: [],
    foreignKeys: [],
    checks: [],
    comment: null,
    ...overrides,
  };
}

export function model(tables: readonly Table[], enums: SchemaModel['enums'] = []): SchemaModel {
  return { tables, enums };
}

/** The tutorial's `con_user` table. */
export const conUser: Table = table(
  'con_user',
  [
    column('id', types.integer, { nullable: false }),
    column('name', types.varchar(30)),
    column('secretkey', types.varchar(100)),
    column('status', types.boolean),
  ],
  { primaryKey: { name: 'pk_con_user', columns: ['id'] } },
);

/** A `post` table referencing `con_user`. */
export const post: Table = table(
  'post',
  [
    column('id', types.integer, { nullable: false, autoIncrement: true }),
    column('user_id', types.integer, { nullable: false }),
    column('title', types.varchar(200), { nullable: false }),
  ],
  {
    primaryKey: { name: 'pk_post', columns: ['id'] },
    foreignKeys: [
      {
        name: 'fk_post_user_id_con_user',
        columns: ['user_id'],
        referencedSchema: null,
        referencedTable: 'con_user',
        referencedColumns: ['id'],
        onDelete: 'cascade',
        onUpdate: 'no action',
      },
    ],
    indexes: [{ name: 'ix_post_user_id', columns: ['user_id'], unique: false, where: null }],
  },
);

/** Sorts every list by name (and columns too): models compared without regard to order. */
export function canonical(value: SchemaModel): SchemaModel {
  const byName = <T extends { name: string; schema?: string | null }>(items: readonly T[]) =>
    [...items].sort((a, b) => (`${a.schema ?? ''}.${a.name}` < `${b.schema ?? ''}.${b.name}` ? -1 : 1));
  return {
    enums: byName(value.enums),
    tables: byName(value.tables).map((t) => ({
      ...t,
      columns: byName(t.columns),
      uniques: byName(t.uniques),
      indexes: byName(t.indexes),
      foreignKeys: byName(t.foreignKeys),
      checks: byName(t.checks),
    })),
  };
}
