import { boolean, index, integer, table, varchar } from 'kiln';

// The model after the tutorial's change: an email column every user must have,
// `name` made NOT NULL, and an index to look users up by name.
export const users = table(
  'con_user',
  {
    id: integer().primaryKey(),
    name: varchar(30).notNull().default(''),
    secretkey: varchar(100),
    status: boolean(),
    email: varchar(120).notNull().default(''),
  },
  (t) => [index('ix_con_user_name').on(t.name)],
);
