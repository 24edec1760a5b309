import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { InferRow, KyselyDatabase, QueryDriver } from 'kiln';
import { type Dialect, Kysely, MysqlDialect, PostgresDialect, SqliteDialect } from 'kysely';
import { KilnProject } from '../support/project.js';
import type * as pgSchema from '../types/typed-queries/postgres-schema.js';
import type * as schema from '../types/typed-queries/schema.js';

/**
 * The typed-queries fixture migrated by kiln (`migrate` + `upgrade`), then
 * queried through Kysely with `KyselyDatabase<typeof schema>`: the types
 * compile against what the drivers really return. The default driver
 * parameter (any driver) is what the shared code uses; what each driver
 * returns is checked against the per-driver types the README documents.
 */
type DB = KyselyDatabase<typeof schema>;

const fixtureDir = new URL('../types/typed-queries/', import.meta.url).pathname;

/** Kysely's dialect for the test database, as an application builds it from its URL. */
async function kyselyDialect(project: KilnProject): Promise<Dialect> {
  const { options, url } = project.database;
  switch (options.scheme) {
    case 'sqlite': {
      const { default: Database } = await import('better-sqlite3');
      return new SqliteDialect({ database: new Database(resolve(project.dir, options.database)) });
    }
    case 'postgres':
    case 'postgresql': {
      const { default: pg } = await import('pg');
      return new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) });
    }
    default: {
      const { createPool } = await import('mysql2');
      return new MysqlDialect({ pool: createPool({ uri: url.replace(/^mariadb:/, 'mysql:'), connectionLimit: 2 }) });
    }
  }
}

/** The QueryDriver the dialect's rows are typed for. */
function driverOf(project: KilnProject): QueryDriver {
  const scheme = project.database.options.scheme;
  if (scheme === 'sqlite') return 'sqlite';
  return scheme.startsWith('postgres') ? 'postgres' : 'mysql';
}

/** `typeof` of each value as the driver gives it; Date and Buffer by class. */
function kinds(row: Record<string, unknown>): Record<string, string> {
  const kind = (value: unknown): string =>
    value === null
      ? 'null'
      : value instanceof Date
        ? 'Date'
        : Buffer.isBuffer(value)
          ? 'Buffer'
          : Array.isArray(value)
            ? 'array'
            : typeof value;
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, kind(value)]));
}

/** What driver-values.ts says each driver returns for the post and user columns, in `kinds` terms. */
const EXPECTED: Record<QueryDriver, Record<string, string>> = {
  postgres: { status: 'boolean', views: 'string', price: 'string', meta: 'object', created_at: 'Date' },
  mysql: { status: 'number', views: 'number', price: 'string', meta: 'object', created_at: 'Date' },
  sqlite: { status: 'number', views: 'number', price: 'number', meta: 'string', created_at: 'string' },
};

// Kysely's SqliteDialect drives better-sqlite3; the node:sqlite suite runs where that native module may not load.
const skip = process.env.KILN_SQLITE_DRIVER === 'node' ? "Kysely's SqliteDialect needs better-sqlite3" : false;

describe('Kysely queries typed by KyselyDatabase<typeof schema>, after kiln upgrade', { skip }, () => {
  let project: KilnProject;
  let db: Kysely<DB>;
  let driver: QueryDriver;

  before(async () => {
    project = await KilnProject.create();
    driver = driverOf(project);
    const portable = readFileSync(join(fixtureDir, 'schema.ts'), 'utf8');
    if (project.capabilities.schemas) {
      writeFileSync(join(project.dir, 'postgres-schema.ts'), readFileSync(join(fixtureDir, 'postgres-schema.ts')));
      project.schemas = ['billing'];
      project.writeSchema(`${portable}\nexport * from './postgres-schema.js';\n`);
    } else project.writeSchema(portable);
    await project.migrate('typed fixture');
    await project.upgrade();
    await project.assertClean('after upgrading the typed fixture');
    db = new Kysely<DB>({ dialect: await kyselyDialect(project) });
  });

  after(async () => {
    await db?.destroy();
    await project?.remove();
  });

  it('inserts with exactly the required columns, reads back typed rows', async () => {
    // Values every driver binds (KyselyDatabase without a driver): 0/1 for a boolean, text for a timestamp.
    await db.insertInto('con_user').values({ id: 1, name: 'ada', secretkey: 's3cret', status: 1 }).execute();
    await db.insertInto('con_user').values({ id: 2 }).execute();
    await db
      .insertInto('post')
      .values({ user_id: 1, title: 'hello', price: '12.50', meta: JSON.stringify({ tags: ['a'] }) })
      .execute();
    await db.insertInto('post').values({ user_id: 1, title: 'second', created_at: '2024-05-06 07:08:09' }).execute();

    const users = await db.selectFrom('con_user').select(['id', 'name', 'status']).orderBy('id').execute();
    assert.deepEqual(
      users.map((u) => [u.id, u.name, u.status === null ? null : Boolean(u.status)]),
      [
        [1, 'ada', true],
        [2, null, null],
      ],
    );

    const posts = await db
      .selectFrom('post')
      .innerJoin('con_user', 'con_user.id', 'post.user_id')
      .select(['post.id', 'post.title', 'post.state', 'post.title_length', 'con_user.name as author'])
      .orderBy('post.id')
      .execute();
    assert.deepEqual(
      posts.map((p) => [p.title, p.state, Number(p.title_length), p.author]),
      [
        ['hello', 'draft', 5, 'ada'],
        ['second', 'draft', 6, 'ada'],
      ],
    );
    // Auto-increment filled the id in; the generated column was computed.
    assert.ok(posts.every((p) => typeof p.id === 'number' && p.id > 0));
  });

  it("each driver's values have the JavaScript types kiln declares for it", async () => {
    const post = await db
      .selectFrom('post')
      .innerJoin('con_user', 'con_user.id', 'post.user_id')
      .select(['con_user.status', 'post.views', 'post.price', 'post.meta', 'post.created_at'])
      .where('post.title', '=', 'hello')
      .executeTakeFirstOrThrow();
    assert.deepEqual(kinds(post), EXPECTED[driver]);
    // The JSON column's value, parsed or text as the driver gives it.
    const meta: unknown = typeof post.meta === 'string' ? JSON.parse(post.meta) : post.meta;
    assert.deepEqual(meta, { tags: ['a'] });
  });

  it('updates and deletes through the same types', async () => {
    await db.updateTable('post').set({ state: 'published', body: 'text' }).where('title', '=', 'hello').execute();
    const row = await db
      .selectFrom('post')
      .select(['state', 'body'])
      .where('title', '=', 'hello')
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { state: 'published', body: 'text' });
    const typed: Pick<InferRow<typeof schema.posts>, 'state' | 'body'> = row;
    assert.equal(typed.state, 'published');
    await db.deleteFrom('post').where('title', '=', 'second').execute();
    const count = await db
      .selectFrom('post')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);
  });

  it('binary, uuid, date, time and double columns', async () => {
    const publicId = '0b6f8d4e-3c1a-4b9e-9f0a-2d5c7e8f1a2b';
    await db
      .insertInto('attachment')
      .values({
        public_id: publicId,
        post_id: null,
        content: Buffer.from([0, 1, 2, 255]),
        ratio: 0.5,
        taken_on: '2024-05-06',
        taken_at: '07:08:09',
      })
      .execute();
    const row = await db.selectFrom('attachment').selectAll().executeTakeFirstOrThrow();
    assert.equal(row.public_id, publicId);
    assert.deepEqual([...row.content], [0, 1, 2, 255]);
    assert.equal(row.ratio, 0.5);
    assert.equal(row.taken_at, '07:08:09');
    const takenOn = row.taken_on instanceof Date ? row.taken_on : new Date(`${row.taken_on}T00:00:00`);
    assert.equal(takenOn.getDate(), 6);
  });

  it('PostgreSQL: a schema-qualified table, an identity column and arrays', async (t) => {
    if (driver !== 'postgres') {
      t.skip('PostgreSQL only');
      return;
    }
    const pgDb = db as unknown as Kysely<KyselyDatabase<typeof pgSchema, 'postgres'>>;
    await pgDb
      .insertInto('billing.invoice')
      .values({ labels: ['a', 'b'], history: ['open', 'paid'] })
      .execute();
    const row = await pgDb.selectFrom('billing.invoice').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual(row.labels, ['a', 'b']);
    assert.equal(typeof row.number, 'number');
    // node-postgres does not parse arrays of an enum type: the text, as the type says.
    assert.equal(row.history, '{open,paid}');
  });
});
