/**
 * Schema-module sources for the round-trip suite. Each is the full text of a
 * user's `schema.ts`, importing the DSL from 'kiln'; features a dialect lacks
 * are left out by capability flag, never by dialect name.
 */
import type { DialectCapabilities } from '../../src/dialects/dialect.js';

const DSL_NAMES = [
  'bigint',
  'bigserial',
  'binary',
  'boolean',
  'char',
  'check',
  'date',
  'double',
  'enumType',
  'foreignKey',
  'index',
  'inlineEnum',
  'integer',
  'json',
  'mediumint',
  'numeric',
  'primaryKey',
  'rawType',
  'real',
  'schema',
  'serial',
  'smallint',
  'sql',
  'table',
  'text',
  'time',
  'timestamp',
  'tinyint',
  'unique',
  'uniqueIndex',
  'uuid',
  'varchar',
];

/** A schema module: the DSL import, then `body`. */
export function schemaModule(body: string): string {
  return `import type { ColumnRef } from 'kiln';\nimport { ${DSL_NAMES.join(', ')} } from 'kiln';\n\n${body}\n`;
}

/** `text` when the capability is there, '' otherwise. */
export function when(capability: boolean, text: string): string {
  return capability ? text : '';
}

/** Every column type, nullable, no defaults. */
export const ALL_TYPES_NULLABLE = `
export const mood = enumType('mood', ['happy', 'sad', "it's"]);
export const kinds = table('rt_kinds', {
  id: integer().primaryKey(),
  cInt: integer('c_int'),
  cBig: bigint('c_big'),
  cSmall: smallint('c_small'),
  cVarchar: varchar('c_varchar', 30),
  cVarcharAny: varchar('c_varchar_any'),
  cChar: char('c_char', 3),
  cText: text('c_text'),
  cBool: boolean('c_bool'),
  cDate: date('c_date'),
  cTime: time('c_time'),
  cTs: timestamp('c_ts'),
  cTsTz: timestamp('c_ts_tz', { withTimezone: true }),
  cNum: numeric('c_num', 10, 2),
  cNumP: numeric('c_num_p', 8),
  cReal: real('c_real'),
  cDouble: double('c_double'),
  cJson: json('c_json'),
  cUuid: uuid('c_uuid'),
  cBinary: binary('c_binary'),
  cMood: mood('c_mood'),
});
export const serials = table('rt_serials', {
  id: serial().primaryKey(),
  label: varchar(10),
});
export const bigSerials = table('rt_big_serials', {
  id: bigserial().primaryKey(),
});
export const autoKeys = table('rt_auto_keys', {
  id: integer().primaryKey({ autoIncrement: true }),
});
`;

/** Every column type NOT NULL, with a literal default where the type takes one. */
export const ALL_TYPES_NOT_NULL = `
export const mood = enumType('mood', ['happy', 'sad', "it's"]);
export const strict = table('rt_strict', {
  id: bigint().primaryKey(),
  cInt: integer('c_int').notNull().default(42),
  cNeg: integer('c_neg').notNull().default(-7),
  cBig: bigint('c_big').notNull().default(9000000000),
  cSmall: smallint('c_small').notNull().default(0),
  cVarchar: varchar('c_varchar', 40).notNull().default("it's a \\\\ backslash"),
  cEmpty: varchar('c_empty', 10).notNull().default(''),
  cChar: char('c_char', 2).notNull().default('ab'),
  cText: text('c_text').notNull().default('C:\\\\dir\\\\file'),
  cTrue: boolean('c_true').notNull().default(true),
  cFalse: boolean('c_false').notNull().default(false),
  cDate: date('c_date').notNull().default('2020-01-31'),
  cTime: time('c_time').notNull().default('12:30:00'),
  cTs: timestamp('c_ts').notNull().default(sql\`CURRENT_TIMESTAMP\`),
  cTsTz: timestamp('c_ts_tz', { withTimezone: true }).notNull().default(sql\`CURRENT_TIMESTAMP\`),
  cNum: numeric('c_num', 10, 2).notNull().default(1.5),
  cNumInt: numeric('c_num_int', 10, 2).notNull().default(3),
  cReal: real('c_real').notNull().default(0.5),
  cDouble: double('c_double').notNull().default(-2.25),
  cJson: json('c_json').notNull(),
  cUuid: uuid('c_uuid').notNull(),
  cBinary: binary('c_binary').notNull(),
  cMood: mood('c_mood').notNull().default("it's"),
  cExpr: integer('c_expr').notNull().default(sql\`(1 + 2)\`),
  cQuote: varchar('c_quote', 20).default("'"),
  cBackslash: varchar('c_backslash', 20).default('\\\\'),
});
`;

/** Keys: composite primary keys, named keys, auto-increment keys. */
export const KEYS = `
export const pairs = table('rt_pairs', {
  a: integer(),
  b: varchar(20),
  note: text(),
}, (t) => [primaryKey({ columns: [t.a, t.b] })]);
export const named = table('rt_named_pk', {
  x: smallint(),
  y: smallint(),
}, (t) => [primaryKey({ columns: [t.y, t.x], name: 'pk_custom' })]);
export const marked = table('rt_marked', {
  k1: integer().primaryKey(),
  k2: char(2).primaryKey(),
});
`;

/** Uniques and indexes, partial where the dialect has them; `extra` adds two, `dropped` removes two. */
export function uniquesAndIndexes(caps: DialectCapabilities, v: { extra: boolean; dropped: boolean }): string {
  return `
export const people = table('rt_people', {
  id: integer().primaryKey(),
  email: varchar(120).notNull().unique(),
  handle: varchar(30).unique('uq_handle'),
  first: varchar(30),
  last: varchar(30),
  active: boolean(),
  city: varchar(40),
}, (t) => [
  ${when(!v.dropped, 'unique().on(t.first, t.last),')}
  ${when(!v.dropped, 'index().on(t.last, t.first),')}
  uniqueIndex('ix_people_city_unique').on(t.city, t.id),
  ${when(caps.partialIndexes, "index('ix_people_active').on(t.first).where(sql`active = true`),")}
  ${when(caps.partialIndexes, "uniqueIndex('ix_people_handle_active').on(t.handle).where(sql`handle IS NOT NULL`),")}
  ${when(v.extra, "index('ix_people_city').on(t.city),")}
  ${when(v.extra, "unique('uq_people_handle_city').on(t.handle, t.city),")}
]);
`;
}

/**
 * Expression indexes: alone, mixed with a column, unique, partial, and an
 * interpolated column; `step` 2 changes one expression, 3 drops a column an
 * expression names (the index goes with it) and adds one.
 */
export function expressionIndexes(step: 1 | 2 | 3): string {
  return `
export const accounts = table('rt_account', {
  id: integer().primaryKey(),
  tenantId: integer('tenant_id').notNull(),
  email: varchar(120).notNull(),
  nick: varchar(40),
  ${when(step < 3, 'score: integer(),')}
  ${when(step === 3, 'bonus: integer(),')}
}, (t) => [
  uniqueIndex('ix_account_email_lower').on(sql\`lower(email)\`),
  index('ix_account_tenant_nick').on(t.tenantId, sql\`lower(\${t.nick})\`),
  index('ix_account_nick_live').on(sql\`upper(nick)\`).where(sql\`nick IS NOT NULL\`),
  ${when(step === 1, "index('ix_account_score').on(sql`score + 1`),")}
  ${when(step === 2, "index('ix_account_score').on(sql`score * 2`),")}
  ${when(step === 3, "index('ix_account_bonus').on(t.id, sql`coalesce(bonus, 0)`),")}
]);
`;
}

/** Foreign keys: column and table level, composite, self-reference, every action; `v2` changes them. */
export function foreignKeys(v2: boolean): string {
  return `
export const owners = table('rt_owner', {
  id: integer().primaryKey(),
  code: varchar(10).notNull().unique(),
  region: integer().notNull(),
}, (t) => [unique().on(t.id, t.region)]);
export const items = table('rt_item', {
  id: integer().primaryKey(),
  ownerId: integer('owner_id').notNull().references(() => owners.id, { onDelete: ${v2 ? "'restrict'" : "'cascade'"}, onUpdate: 'cascade' }),
  ownerCode: varchar('owner_code', 10).references(() => owners.code, { onDelete: 'set null', name: 'fk_item_code' }),
  parentId: integer('parent_id')${v2 ? '' : ".references((): ColumnRef => items.id, { onDelete: 'restrict' })"},
  o2: integer(),
  r2: integer(),
  ${v2 ? "sibling: integer().references('rt_item.id')," : ''}
}, (t) => [
  foreignKey({ columns: [t.o2, t.r2], foreignColumns: [owners.id, owners.region], onDelete: 'set null', onUpdate: 'no action' }),
]);
`;
}

/** Check constraints; `v2` drops one and adds another. */
export function checks(v2: boolean): string {
  return `
export const prices = table('rt_price', {
  id: integer().primaryKey(),
  amount: numeric(10, 2).notNull(),
  low: integer(),
  high: integer(),
  code: char(3),
}, (t) => [
  check('ck_price_amount', sql\`amount > 0\`),
  ${v2 ? '' : "check('ck_price_range', sql`low <= high`),"}
  ${v2 ? "check('ck_price_code', sql`code <> 'xxx'`)," : ''}
]);
`;
}

/**
 * Column and table comments (only where the dialect stores them); `v2`
 * changes, drops and adds column comments and changes the table comment
 * (an alterTable); `v3` drops the table comment.
 */
export function comments(v2: boolean, v3 = false): string {
  return `
export const notes = table('rt_note', {
  id: integer().primaryKey().comment('the key'),
  body: text()${v2 ? ".comment('changed')" : `.comment("it's a \\\\ backslash")`},
  tag: varchar(10)${v2 ? '' : ".comment('dropped later')"},
  plain: integer()${v2 ? ".comment('added')" : ''},
}, undefined, ${v3 ? '{}' : v2 ? `{ comment: 'changed \\\\ note' }` : `{ comment: "the table's note" }`});
`;
}

/** Enum types; `v2` appends values, `inserted` puts one between existing ones. */
export function enums(v2: boolean, inserted = false): string {
  return `
export const mood = enumType('rt_mood', ['happy', ${inserted ? "'so-so', " : ''}'sad'${v2 ? ", 'meh', \"it's\"" : ''}]);
export const diary = table('rt_diary', {
  id: integer().primaryKey(),
  feeling: mood().notNull().default('sad'),
  other: mood('other_feeling'),
});
`;
}

/** Tables and an enum in a named schema (PostgreSQL namespaces), with a cross-schema foreign key. */
export function schemas(v2: boolean): string {
  return `
const app = schema('rt_app');
export const status = app.enumType('rt_status', ['new', 'done'${v2 ? ", 'gone'" : ''}]);
export const accounts = app.table('rt_account', {
  id: serial().primaryKey(),
  name: varchar(40).notNull().unique(),
  state: status().notNull().default('new'),
}, (t) => [index().on(t.state, t.name)]);
export const local = table('rt_local', {
  id: integer().primaryKey(),
  accountId: integer('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
});
${v2 ? "export const extra = table('rt_extra', { id: integer().primaryKey() }, undefined, { schema: 'rt_app' });" : ''}
`;
}

/**
 * Table and column changes on tables holding rows. v1: the start; v2: a
 * table added and one dropped, NOT NULL columns with defaults added,
 * a column dropped, a varchar widened, nullability and defaults changed.
 */
export function changes(version: 1 | 2): string {
  if (version === 1) {
    return `
export const people = table('rt_person', {
  id: integer().primaryKey(),
  name: varchar(20),
  score: integer().default(1),
  nick: varchar(10).notNull().default('none'),
  note: text().notNull().default(''),
});
export const old = table('rt_old', { id: integer().primaryKey(), v: text() });
`;
  }
  return `
export const people = table('rt_person', {
  id: integer().primaryKey(),
  name: varchar(60).notNull().default('anon'),
  score: integer().default(5),
  nick: varchar(10),
  flag: boolean().notNull().default(false),
  label: varchar(10).notNull().default("o'k"),
  seen: timestamp().default(sql\`CURRENT_TIMESTAMP\`),
});
export const fresh = table('rt_fresh', {
  id: serial().primaryKey(),
  personId: integer('person_id').notNull().references(() => people.id),
});
`;
}
