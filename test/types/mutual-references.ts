import { foreignKey, integer, table } from '../../src/index.js';

export const users = table('app_user', {
  id: integer().primaryKey(),
  bestPostId: integer('best_post_id').references(() => posts.id),
});

export const posts = table('app_post', {
  id: integer().primaryKey(),
  authorId: integer('author_id')
    .notNull()
    .references(() => users.id),
});

export const categories = table('category', {
  id: integer().primaryKey(),
  parentId: integer('parent_id').references(() => categories.id),
});

// Table-level foreign keys between two tables, in the extras callback: the referenced columns as thunks.
export const teams = table('team', { id: integer().primaryKey(), captainId: integer('captain_id') }, (t) => [
  foreignKey({ columns: [t.captainId], foreignColumns: [() => members.id] }),
]);

export const members = table('member', { id: integer().primaryKey(), teamId: integer('team_id') }, (t) => [
  foreignKey({ columns: [t.teamId], foreignColumns: [() => teams.id] }),
]);
