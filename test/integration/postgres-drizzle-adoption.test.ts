import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { revision } from 'kiln';
import { drizzleProject } from '../support/drizzle/drizzle-project.js';
import type { KilnProject } from '../support/project.js';

/**
 * A PostgreSQL database made by drizzle-kit (its DDL as `drizzle-kit
 * generate` writes it: serial and identity columns, named constraints,
 * `USING btree` indexes, its `drizzle.__drizzle_migrations` table) is taken
 * over with the same drizzle tables as kiln's schema: check is clean and
 * migrate has nothing to write.
 */
const DRIZZLE_KIT_DDL = [
  `CREATE TYPE "public"."role" AS ENUM('owner', 'admin')`,
  `CREATE TABLE "accounts" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" varchar(60) NOT NULL,
	"role" "role" DEFAULT 'owner' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_slug_unique" UNIQUE("slug")
)`,
  `CREATE TABLE "posts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "posts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"account_id" integer NOT NULL,
	"title" text NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "posts_title_check" CHECK (length("posts"."title") > 0)
)`,
  `CREATE TABLE "tags" (
	"post_id" integer NOT NULL,
	"tag" text NOT NULL,
	CONSTRAINT "tags_post_id_tag_pk" PRIMARY KEY("post_id","tag")
)`,
  `ALTER TABLE "posts" ADD CONSTRAINT "posts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action`,
  `ALTER TABLE "tags" ADD CONSTRAINT "tags_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action`,
  `CREATE INDEX "posts_account_idx" ON "posts" USING btree ("account_id")`,
  'CREATE SCHEMA "drizzle"',
  'CREATE TABLE "drizzle"."__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)',
];

const SCHEMA = `import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, primaryKey, serial, text, timestamp, varchar } from 'drizzle-orm/pg-core';
export const role = pgEnum('role', ['owner', 'admin']);
export const accounts = pgTable('accounts', {
  id: serial().primaryKey(),
  slug: varchar({ length: 60 }).notNull().unique(),
  role: role().notNull().default('owner'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export const posts = pgTable('posts', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  title: text().notNull(),
  tags: text().array().notNull().default(sql\`'{}'::text[]\`),
}, (t) => [index('posts_account_idx').on(t.accountId), check('posts_title_check', sql\`length(\${t.title}) > 0\`)]);
export const tags = pgTable('tags', {
  postId: integer('post_id').notNull().references(() => posts.id),
  tag: text().notNull(),
}, (t) => [primaryKey({ columns: [t.postId, t.tag] })]);
`;

describe('adopting a PostgreSQL database drizzle-kit made', () => {
  let project: KilnProject;
  before(async () => {
    project = await drizzleProject('postgres');
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
