import { boolean, integer, table, varchar } from 'kiln';

// The reference tutorial's model: Flask-SQLAlchemy's `User` with __tablename__ = 'con_user'.
export const users = table('con_user', {
  id: integer().primaryKey(),
  name: varchar(30),
  secretkey: varchar(100),
  status: boolean(),
});
