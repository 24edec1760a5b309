// Queries a user writes against the schema: each `@ts-expect-error` line must
// fail to compile (tsc reports an unused directive otherwise), every other
// line must compile. Checked by test/unit/typed-queries.test.ts.
import { type InferInsert, type InferRow, type KyselyDatabase, table, text } from 'kiln';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type * as pgSchema from './postgres-schema.js';
import type * as schema from './schema.js';

// Two schema modules, as a config's `schema` may name several.
type DB = KyselyDatabase<typeof schema & typeof pgSchema, 'postgres'>;

/** Compiles only when A and B are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <A, B>(proof: Equal<A, B>): Equal<A, B> => proof;

// Tables by their database names, `schema.table` for a PostgreSQL schema; non-table exports left out.
same<keyof DB, 'con_user' | 'post' | 'attachment' | 'billing.invoice'>(true);

// InferRow: property keys, nullable columns `| null`, the driver's types.
same<
  InferRow<typeof schema.posts, 'postgres'>,
  {
    id: number;
    userId: number;
    title: string;
    body: string | null;
    state: 'draft' | 'published' | 'archived';
    views: string;
    price: string | null;
    meta: { tags: string[] } | null;
    titleLength: number | null;
    createdAt: Date;
  }
>(true);
same<InferRow<typeof schema.users, 'sqlite'>['status'], number | null>(true);
// A JSON column's $type is its parsed shape where the driver parses JSON; SQLite gives the text.
same<InferRow<typeof schema.posts, 'mysql'>['meta'], { tags: string[] } | null>(true);
same<InferRow<typeof schema.posts, 'sqlite'>['meta'], string | null>(true);
// On any other column, $type is the value type on every driver.
const contacts = table('contact', { email: text().notNull().$type<`${string}@${string}`>() });
same<InferRow<typeof contacts, 'sqlite'>['email'], `${string}@${string}`>(true);
same<InferRow<typeof schema.users, 'mysql'>['status'], number | null>(true);
same<InferRow<typeof schema.users, 'postgres'>['status'], boolean | null>(true);
// Without a driver: any driver's value.
same<InferRow<typeof schema.users>['status'], boolean | number | null>(true);
same<InferRow<typeof pgSchema.invoices, 'postgres'>['labels'], string[]>(true);
same<InferRow<typeof pgSchema.invoices, 'postgres'>['history'], string | null>(true);

// InferInsert: NOT NULL without a default required, defaults and nullable optional, generated left out.
same<
  InferInsert<typeof schema.posts, 'postgres'>,
  {
    userId: number;
    title: string;
    id?: number;
    body?: string | null;
    state?: 'draft' | 'published' | 'archived';
    views?: string | number | bigint;
    price?: string | number | null;
    meta?: string | null;
    createdAt?: Date | string;
  }
>(true);
// Without a driver: what every driver binds (better-sqlite3 binds neither a Date nor true/false).
same<InferInsert<typeof schema.posts>['createdAt'], string | undefined>(true);
same<InferInsert<typeof schema.users>['status'], 0 | 1 | null | undefined>(true);
same<
  InferInsert<typeof pgSchema.invoices, 'postgres'>,
  { id?: number; labels: string[]; history?: string | ('open' | 'paid' | 'void')[] | null }
>(true);

const post: InferInsert<typeof schema.posts> = { userId: 1, title: 'hello' };
// @ts-expect-error title is NOT NULL without a default
const untitled: InferInsert<typeof schema.posts> = { userId: 1 };
// @ts-expect-error a generated column is never written
const computed: InferInsert<typeof schema.posts> = { userId: 1, title: 'x', titleLength: 5 };

// Kysely: column names as in the database (user_id, not userId).
same<Selectable<DB['post']>['user_id'], number>(true);
same<keyof Insertable<DB['billing.invoice']>, 'id' | 'labels' | 'history'>(true);

export async function queries(db: Kysely<DB>) {
  const rows = await db.selectFrom('con_user').select(['id', 'name', 'status']).where('status', '=', true).execute();
  same<(typeof rows)[number], { id: number; name: string | null; status: boolean | null }>(true);

  // @ts-expect-error no such column
  await db.selectFrom('con_user').select(['id', 'nmae']).execute();
  // @ts-expect-error Kysely uses the column name, not the property key
  await db.selectFrom('post').select('userId').execute();
  // @ts-expect-error no such table
  await db.selectFrom('con_users').selectAll().execute();
  // @ts-expect-error a PostgreSQL schema's table goes by 'schema.table'
  await db.selectFrom('invoice').selectAll().execute();

  await db.insertInto('post').values({ user_id: 1, title: 'hello' }).execute();
  // @ts-expect-error title is required: NOT NULL and no default
  await db.insertInto('post').values({ user_id: 1 }).execute();
  // @ts-expect-error a generated column cannot be inserted
  await db.insertInto('post').values({ user_id: 1, title: 'x', title_length: 1 }).execute();
  // @ts-expect-error GENERATED ALWAYS AS IDENTITY cannot be inserted
  await db.insertInto('billing.invoice').values({ labels: [], number: 7 }).execute();
  // @ts-expect-error the enum's values only
  await db.insertInto('post').values({ user_id: 1, title: 'x', state: 'deleted' }).execute();
  // @ts-expect-error a generated column cannot be updated
  await db.updateTable('post').set({ title_length: 3 }).execute();

  await db.insertInto('con_user').values({ id: 1, name: 'ada' }).execute();
  // @ts-expect-error the primary key has no auto-increment: it is required
  await db.insertInto('con_user').values({ name: 'ada' }).execute();
  return { post, untitled, computed };
}
