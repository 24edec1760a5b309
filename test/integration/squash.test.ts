import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkSchema, KilnError, squash, status } from 'kiln';
import { KILN_BIN } from '../support/cli-project.js';
import { assertOnlyKilnTables, comparable, KilnProject } from '../support/project.js';

/**
 * `kiln squash <rev>` on the dialect KILN_TEST_DIALECT selects: a history of
 * ten revisions with rows; databases at head, at base, at <rev> and in the
 * middle of the squashed range share one versions folder. After the squash,
 * the first three upgrade to head and check clean (the one at base ends with
 * the schema the others have), the middle one is refused with the way out,
 * and the baseline's downgrade empties the database again.
 */

/** Ten schema versions: each adds to the last (tables, columns, an index, a foreign key, a unique constraint). */
function schemaAt(step: number): string {
  const parts: string[] = ["import { boolean, index, integer, table, text, timestamp, unique, varchar } from 'kiln';"];
  const authorColumns = [
    'id: integer().primaryKey()',
    'name: varchar(80).notNull()',
    ...(step >= 2 ? ['email: varchar(200)'] : []),
    ...(step >= 5 ? ['active: boolean().notNull().default(true)'] : []),
  ];
  const authorExtras = step >= 4 ? ', (t) => [unique("author_email_key").on(t.email)]' : '';
  parts.push(`export const author = table('author', { ${authorColumns.join(', ')} }${authorExtras});`);
  if (step >= 3) {
    const postColumns = [
      'id: integer().primaryKey()',
      "authorId: integer('author_id').notNull().references(() => author.id)",
      'title: varchar(200).notNull()',
      ...(step >= 6 ? ['body: text()'] : []),
      ...(step >= 8 ? ["publishedAt: timestamp('published_at')"] : []),
    ];
    const postExtras = step >= 7 ? ', (t) => [index("post_author_idx").on(t.authorId)]' : '';
    parts.push(`export const post = table('post', { ${postColumns.join(', ')} }${postExtras});`);
  }
  if (step >= 9) {
    parts.push("export const tag = table('tag', { id: integer().primaryKey(), label: varchar(40).notNull() });");
  }
  if (step >= 10) {
    parts.push(
      "export const postTag = table('post_tag', { postId: integer('post_id').notNull().references(() => post.id), tagId: integer('tag_id').notNull().references(() => tag.id) });",
    );
  }
  return `${parts.join('\n')}\n`;
}

/** Points `other` at `main`'s schema module and versions folder: the same project, another database. */
function shareFolder(other: KilnProject, main: KilnProject): void {
  writeFileSync(
    join(other.dir, 'kiln.config.mjs'),
    `export default { url: ${JSON.stringify(other.database.url)}, schema: ${JSON.stringify(join(main.dir, 'schema.ts'))}, migrations: ${JSON.stringify(join(main.dir, 'migrations'))} };\n`,
  );
}

async function rejectsWith(promise: Promise<unknown>, code: string, pattern?: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof KilnError, String(error));
    assert.equal(error.code, code, error.message);
    if (pattern !== undefined) assert.match(`${error.message}\n${error.hint}`, pattern);
    return true;
  });
}

describe('kiln squash <rev>', () => {
  let head: KilnProject;
  let atBase: KilnProject;
  let atRev: KilnProject;
  let middle: KilnProject;
  const ids: string[] = [];
  let rev = '';
  before(async () => {
    head = await KilnProject.create();
    for (let step = 1; step <= 10; step++) {
      head.writeSchema(schemaAt(step));
      ids.push((await head.migrate(`step ${step}`)).revision);
      await head.upgrade();
      if (step === 1) await head.execute("INSERT INTO author (id, name) VALUES (1, 'ann'), (2, 'bob')");
      if (step === 3) await head.execute("INSERT INTO post (id, author_id, title) VALUES (1, 1, 'hello')");
    }
    rev = ids[5] as string;
    atBase = await KilnProject.create();
    atRev = await KilnProject.create();
    middle = await KilnProject.create();
    for (const other of [atBase, atRev, middle]) shareFolder(other, head);
    await atRev.upgrade(rev);
    await middle.upgrade(ids[2] as string);
  });
  after(async () => {
    for (const project of [head, atBase, atRev, middle]) await project?.remove();
  });

  it('refuses an unknown revision, base, and a range with a data step unless --force', async () => {
    const config = await head.config();
    await rejectsWith(squash(config, 'nosuchrev'), 'revision.unknown');
    await rejectsWith(squash(config, ids[0] as string), 'squash.at-base');
    // A data step in revision 8: squashing through it would lose it.
    const eighth = readdirSync(head.versionsDir).find((name) => name.startsWith(ids[7] as string)) as string;
    const file = join(head.versionsDir, eighth);
    const original = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      original.replace(
        /export async function upgrade\(op: Operations\) \{\n/,
        '$&  await op.execute("UPDATE author SET name = \'x\' WHERE id = 0");\n',
      ),
    );
    try {
      await rejectsWith(squash(config, ids[8] as string), 'squash.data-steps', new RegExp(`${ids[7]}.*--force`, 's'));
    } finally {
      writeFileSync(file, original);
    }
    assert.equal(readdirSync(head.versionsDir).filter((name) => name.endsWith('.ts')).length, 10, 'nothing moved');
    const run = spawnSync(process.execPath, [KILN_BIN, 'squash', ids[0] as string, '--json'], {
      cwd: head.dir,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '', NO_COLOR: '1' },
    });
    assert.equal(run.status, 1, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { error: { code: string } }).error.code, 'squash.at-base');
  });

  it('writes one baseline under the same id and moves the six files it replaces', async () => {
    const before = comparable(await head.schema(), await head.comparison(await head.schema(), await head.schema()));
    const result = await squash(await head.config(), rev, { message: 'baseline' });
    assert.equal(result.revision, rev);
    assert.deepEqual(result.squashed, ids.slice(0, 6));
    assert.deepEqual(result.dropped, []);
    const files = readdirSync(head.versionsDir).filter((name) => name.endsWith('.ts'));
    assert.equal(files.length, 5);
    const moved = join(head.versionsDir, 'squashed', rev);
    assert.equal(readdirSync(moved).length, 6);
    const source = readFileSync(resolve(result.path), 'utf8');
    assert.match(source, /export const downRevision = null;/);
    assert.match(source, new RegExp(`export const squashes: string\\[\\] = \\['${ids[0]}'`));
    assert.ok(existsSync(moved));
    // The database at head: nothing to do, nothing wrong, rows untouched.
    const upgraded = await head.upgrade();
    assert.equal(upgraded.steps.length, 0);
    await head.assertClean('at head after the squash');
    const report = await status(await head.config());
    assert.deepEqual(report.edited, []);
    assert.deepEqual(report.unknown, []);
    assert.deepEqual(await head.query('SELECT id FROM author ORDER BY id'), [{ id: 1 }, { id: 2 }]);
    const after = comparable(await head.schema(), await head.comparison(await head.schema(), await head.schema()));
    assert.deepEqual(after, before);
  });

  it('a database at <rev> keeps its checksum valid and upgrades through the later revisions', async () => {
    const config = await atRev.config();
    assert.deepEqual(
      (await checkSchema(config)).differences.filter((d) => d.includes('edited')),
      [],
    );
    const result = await atRev.upgrade();
    assert.deepEqual(
      result.steps.map((s) => s.revision),
      ids.slice(6),
    );
    await atRev.assertClean('at <rev>, then upgraded');
    assert.deepEqual((await status(config)).edited, []);
  });

  it('a database at base upgrades through the baseline to the same schema, and downgrades back to nothing', async () => {
    await atBase.upgrade();
    await atBase.assertClean('at base, then upgraded');
    const live = await atBase.schema();
    const expected = await head.schema();
    const comparison = await atBase.comparison(live, expected);
    assert.deepEqual(comparable(live, comparison), comparable(expected, comparison));
    await atBase.downgrade(rev);
    await atBase.downgrade('base');
    await assertOnlyKilnTables(atBase);
    await atBase.upgrade();
    await atBase.assertClean('upgraded again');
  });

  it('a database inside the squashed range is refused with the way out, as upgrade and on the command line', async () => {
    await rejectsWith(middle.upgrade(), 'revision.squashed-current', /kiln squash.*versions\/squashed/s);
    const report = await status(await middle.config());
    assert.equal(report.state, 'attention');
    assert.deepEqual(report.squashed, [{ revision: ids[2], baseline: rev }]);
    const run = spawnSync(process.execPath, [KILN_BIN, 'upgrade'], {
      cwd: middle.dir,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '', NO_COLOR: '1' },
    });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, new RegExp(`${ids[2]}, which 'kiln squash' folded into the baseline ${rev}`));
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  });
});
