// A user's schema module, importing kiln as a user does: the fixture of typed-queries.test.ts.
import {
  bigint,
  binary,
  boolean,
  date,
  double,
  enumType,
  index,
  integer,
  json,
  numeric,
  sql,
  table,
  text,
  time,
  timestamp,
  uuid,
  varchar,
} from 'kiln';

export const postState = enumType('post_state', ['draft', 'published', 'archived']);

// The reference tutorial's table.
export const users = table('con_user', {
  id: integer().primaryKey(),
  name: varchar(30),
  secretkey: varchar(100),
  status: boolean(),
});

export const posts = table(
  'post',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: varchar(200).notNull(),
    body: text(),
    state: postState().notNull().default('draft'),
    views: bigint().notNull().default(0),
    price: numeric(10, 2),
    meta: json().$type<{ tags: string[] }>(),
    titleLength: integer('title_length').generatedAs(sql`length(title)`, { stored: true }),
    createdAt: timestamp('created_at').notNull().default(sql`CURRENT_TIMESTAMP`),
  },
  (t) => [index('ix_post_user_id').on(t.userId)],
);

export const attachments = table('attachment', {
  publicId: uuid('public_id').primaryKey(),
  postId: integer('post_id').references(() => posts.id),
  content: binary().notNull(),
  ratio: double(),
  takenOn: date('taken_on'),
  takenAt: time('taken_at'),
});

/** Not a table: KyselyDatabase leaves it out. */
export const PAGE_SIZE = 20;
