import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { revision } from 'kiln';
import { drizzleProject } from '../support/drizzle/drizzle-project.js';
import type { KilnProject } from '../support/project.js';

/**
 * A SQLite database made by drizzle-kit (its DDL as `drizzle-kit generate`
 * writes it: unnamed primary and foreign keys, uniques as unique indexes,
 * defaults in parentheses, its `__drizzle_migrations` table) is taken over
 * with the same drizzle tables as kiln's schema: check is clean and migrate
 * has nothing to write.
 */
const DRIZZLE_KIT_DDL = [
  `CREATE TABLE \`accounts\` (
	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	\`slug\` text NOT NULL,
	\`plan\` text DEFAULT 'free' NOT NULL,
	\`created_at\` integer DEFAULT (unixepoch()) NOT NULL
)`,
  'CREATE UNIQUE INDEX `accounts_slug_unique` ON `accounts` (`slug`)',
  `CREATE TABLE \`posts\` (
	\`id\` integer PRIMARY KEY NOT NULL,
	\`account_id\` integer NOT NULL,
	\`title\` text NOT NULL,
	FOREIGN KEY (\`account_id\`) REFERENCES \`accounts\`(\`id\`) ON UPDATE no action ON DELETE cascade
)`,
  'CREATE INDEX `posts_account_idx` ON `posts` (`account_id`)',
  `CREATE TABLE \`tags\` (
	\`post_id\` integer NOT NULL,
	\`tag\` text NOT NULL,
	PRIMARY KEY(\`post_id\`, \`tag\`),
	FOREIGN KEY (\`post_id\`) REFERENCES \`posts\`(\`id\`) ON UPDATE no action ON DELETE no action
)`,
  'CREATE TABLE `__drizzle_migrations` (id INTEGER PRIMARY KEY, hash text NOT NULL, created_at numeric)',
];

const SCHEMA = `import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
export const accounts = sqliteTable('accounts', {
  id: integer().primaryKey({ autoIncrement: true }),
  slug: text().notNull().unique(),
  plan: text().notNull().default('free'),
  createdAt: integer('created_at').notNull().default(sql\`(unixepoch())\`),
});
export const posts = sqliteTable('posts', {
  id: integer().primaryKey(),
  accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  title: text().notNull(),
}, (t) => [index('posts_account_idx').on(t.accountId)]);
export const tags = sqliteTable('tags', {
  postId: integer('post_id').notNull().references(() => posts.id),
  tag: text().notNull(),
}, (t) => [primaryKey({ columns: [t.postId, t.tag] })]);
`;

describe('adopting a SQLite database drizzle-kit made', () => {
  let project: KilnProject;
  before(async () => {
    project = await drizzleProject('sqlite');
    for (const statement of DRIZZLE_KIT_DDL) await project.execute(statement);
    project.writeSchema(SCHEMA);
  });
  after(() => project.remove());

  it('check is clean with the same drizzle tables, and migrate has nothing to write', async () => {
    await project.assertClean('on a database drizzle-kit made');
    const result = await revision(await project.config(), { message: 'nothing', autogenerate: true });
    assert.equal(result.path, null, result.changes.join('\n'));
  });
});
