// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${` in plain strings is the hostile text under test
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkSchema, history, loadConfig } from 'kiln';
import { KILN_BIN } from '../support/cli-project.js';
import { KILN_TABLES, KilnProject } from '../support/project.js';
import { assertRevisionShape, type RevisionShape } from '../support/revision-ast.js';
import { assertCompiles, assertInSync, assertSchemaModuleShape, useSchema } from '../support/pull-trip.js';
import { capabilities } from '../support/round-trip-suite.js';
import { type TestDatabase, testDatabaseProvider } from '../support/test-database.js';

/**
 * Issue 7, defects 1 and 2: names, comments, defaults and messages that come
 * from a database or a command line and hold control characters, quotes,
 * backslashes, comment ends and template syntax must reach generated
 * TypeScript and offline SQL as data, never as code. On the dialect
 * KILN_TEST_DIALECT selects:
 *  - `kiln migrate` against a database that already holds a table named with
 *    a newline and code (so the drop path writes its `// data loss:` comment)
 *    writes a file that parses to nothing but the expected exports and
 *    `op.*` schema calls; `upgrade` then makes exactly the expected tables
 *    and `check` is clean;
 *  - `kiln upgrade head --sql`, piped into the database's own client
 *    (`sqlite3`, `psql`, `mariadb`) on a fresh database, does only what it
 *    says: a canary table survives, and the result equals the model.
 *
 * Every name stays within what all three servers store and what their
 * clients pass through unchanged (no NUL, no CR directly before LF: both
 * `sqlite3` and `mariadb` drop that CR from a quoted name; under 63 bytes
 * with the derived constraint names; no character outside the BMP, which
 * MariaDB names cannot hold). The escaping functions themselves are fuzzed
 * over all of Unicode in test/unit/escape.test.ts.
 */

/**
 * Every C0 control but NUL (which no server stores in a name or text),
 * DEL, NEL and the other C1 controls' first and last, the line and
 * paragraph separators and a bidi override: each field below holds all of
 * them, besides its own quotes, backslashes, comment ends and `${`.
 */
const CONTROLS = [
  ...Array.from({ length: 0x1f }, (_, i) => String.fromCharCode(i + 1)),
  '\x7f',
  '\x80',
  '\x85',
  '\x9f',
  '\u2028',
  '\u2029',
  '\u202e',
].join('');

/** Already in the database before the first `migrate`: the payload of issue 7. */
const JUNK = "junk\nawait op.execute('CREATE TABLE pwned (id INTEGER)');//";
const TABLE = 't\'"`\\${x}*/\r\u2028é';
const KEY = "k\u2028'\n);--";
const COL_A = 'a\n*/ -- \u2029\x01';
const COL_B = 'b\r/*\t\x1b[31m\u0085';
/**
 * Names are short (63 bytes at most on PostgreSQL), so the controls are
 * spread over a few columns; each ends in a letter, as MariaDB refuses a
 * name that ends in white space (`\n` included).
 */
const CONTROL_COLUMNS = [0, 1, 2, 3].map((i) => `x${i}${CONTROLS.slice(i * 10, i * 10 + 10)}z`);
const INDEX = 'ix\r\'"`\n*/';
const CHECK = "ck\n*/\\'${";
const ENUM_NAME = "mood\n*/'";
const ENUM_VALUES = ['a\nb', "it's", 'c\r*/', '`${x}`', 'back\\slash', '\u2028é', `v${CONTROLS}`];
const DEFAULT = `d\r'"\\\`\${x}*/\u2028\x1b ok ${CONTROLS}`;
const TABLE_COMMENT = `note\r*/ -- '"\`\${x}\\\u2029\x07 end ${CONTROLS}`;
const COLUMN_COMMENT = `col\n// */ \\u2028 ' ${CONTROLS}`;
/** Through argv, so no NUL. */
const MIGRATE_MESSAGE = `init\r\n*/ -- '"\`\${x}\\ \x1b[2J end ${CONTROLS}`;
/** The reproduction of defect 2: psql ends a `--` comment at CR. */
const OFFLINE_MESSAGE = 'x\rDROP TABLE victim; -- ';

/** A JavaScript string literal written by the test itself (JSON's spelling), independent of kiln's escaping. */
const js = (text: string | readonly string[]) => JSON.stringify(text);

function schemaSource(): string {
  const comments = capabilities.comments;
  return `import { check, enumType, index, integer, sql, table, text, varchar } from 'kiln';

export const mood = enumType(${js(ENUM_NAME)}, ${js(ENUM_VALUES)});
export const hostile = table(${js(TABLE)}, {
  ${js(KEY)}: integer().primaryKey(),
  ${js(COL_A)}: text()${comments ? `.comment(${js(COLUMN_COMMENT)})` : ''},
  ${js(COL_B)}: varchar(200).notNull().default(${js(DEFAULT)}),
  ${CONTROL_COLUMNS.map((name) => `${js(name)}: integer(),`).join('\n  ')}
  feeling: mood().default(${js(ENUM_VALUES[3] ?? '')}),
}, (t) => [
  index(${js(INDEX)}).on(t[${js(COL_A)}]),
  check(${js(CHECK)}, sql\`1 = 1\`),
]${comments ? `, { comment: ${js(TABLE_COMMENT)} }` : ''});
`;
}

/** Runs the built CLI in the project, as a user does; fails with its output unless it exits 0. */
function kiln(project: KilnProject, args: readonly string[], env: Record<string, string> = {}): string {
  const result = spawnSync(process.execPath, [KILN_BIN, ...args], {
    cwd: project.dir,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', ...env },
  });
  assert.equal(result.status, 0, `kiln ${args.join(' ')}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
  return result.stdout;
}

/** Table names in the database (kiln's included), sorted. */
async function tableNames(database: TestDatabase, dir: string): Promise<string[]> {
  const connection = await database.dialect.connect(database.options, dir);
  try {
    const model = await database.dialect.introspect(connection, { exclude: [], extraSchemas: [] });
    return model.tables.map((t) => t.name).sort();
  } finally {
    await connection.close();
  }
}

/** Creates the tables a database holds before kiln runs: the hostile junk table, and optionally the canary. */
async function seed(database: TestDatabase, dir: string, tables: readonly string[]): Promise<void> {
  const connection = await database.dialect.connect(database.options, dir);
  try {
    for (const name of tables) {
      await connection.execute(`CREATE TABLE ${database.dialect.quoteIdentifier(name)} (id INTEGER)`);
    }
  } finally {
    await connection.close();
  }
}

const sorted = (names: readonly string[]) => [...names].sort();

/** `kiln migrate -m MIGRATE_MESSAGE`, then the revision file's shape as TypeScript parses it. */
function migrateAndRead(project: KilnProject): RevisionShape {
  const versions = join(project.dir, 'migrations', 'versions');
  const before = new Set(readdirSync(versions));
  kiln(project, ['migrate', '-m', MIGRATE_MESSAGE]);
  const files = readdirSync(versions).filter((f) => f.endsWith('.ts') && !before.has(f));
  assert.equal(files.length, 1);
  return assertRevisionShape(readFileSync(join(versions, files[0] as string), 'utf8'));
}

/** The autogenerated revision: the junk table dropped under an escaped data-loss comment, the model created. */
function assertHostileRevision(shape: RevisionShape): void {
  assert.equal(shape.metadata.get('message'), MIGRATE_MESSAGE);
  assert.ok(shape.upgradeOps.includes('dropTable'), 'the junk table is dropped');
  assert.ok(shape.upgradeOps.includes('createTable'));
  for (const comment of shape.comments) assert.doesNotMatch(comment, /[\n\r\u2028\u2029]|^\/\*/, comment);
  assert.ok(
    shape.comments.some((c) => c.startsWith('// data loss: dropping table junk\\nawait op.execute(')),
    `the data-loss comment names the junk table, escaped:\n${shape.comments.join('\n')}`,
  );
}

describe('hostile names from a database: migrate → upgrade → check (issue 7)', () => {
  let project: KilnProject;

  before(async () => {
    project = await KilnProject.create();
    // Created outside kiln, as in the issue: autogenerate reads the name from the database.
    await seed(project.database, project.dir, [JUNK]);
    project.writeSchema(schemaSource());
  });

  after(async () => {
    await project?.remove();
  });

  it('migrate writes a revision that parses to only the expected exports and op.* schema calls', () => {
    assertHostileRevision(migrateAndRead(project));
  });

  it('reads the message back without running the file', async () => {
    const { revisions } = await history(await project.config());
    assert.deepEqual(
      revisions.map((r) => r.message),
      [MIGRATE_MESSAGE],
    );
  });

  it('upgrade makes exactly the model (no pwned table), and check is clean', async () => {
    await project.upgrade();
    assert.deepEqual(await tableNames(project.database, project.dir), sorted([TABLE, ...KILN_TABLES]));
    await project.assertClean('after upgrading the hostile revision');
  });

  it('pull writes a module that is only data; check is clean on it and strict tsc compiles it (issue 10)', async () => {
    kiln(project, ['pull', '--out', 'pulled.ts']);
    const source = readFileSync(join(project.dir, 'pulled.ts'), 'utf8');
    assertSchemaModuleShape(source);
    const config = join(project.dir, 'kiln.config.mjs');
    const saved = readFileSync(config, 'utf8');
    try {
      useSchema(project, './pulled.ts');
      await assertInSync(project, 'on the module pulled from hostile names');
      assertCompiles(project, ['pulled.ts']);
    } finally {
      writeFileSync(config, saved);
    }
  });
});

/**
 * `--sql` replays the revisions from base without a database, so here the
 * junk table comes from a first revision (kiln cannot print the drop of a
 * table no revision created).
 */
const JUNK_REVISION = `import type { Operations } from 'kiln';
import { integer } from 'kiln';
export const revision = 'r0r0r0r0r0r0';
export const downRevision = null;
export const branchLabels: string[] = [];
export const dependsOn: string[] = [];
export const message = 'junk arrives';
export async function upgrade(op: Operations) {
  await op.createTable(${js(JUNK)}, { id: integer() });
}
export async function downgrade(op: Operations) {
  await op.dropTable(${js(JUNK)});
}
`;

describe('hostile names and messages through upgrade --sql piped into the database client (issue 7)', () => {
  let project: KilnProject;
  let script: string;

  before(async () => {
    project = await KilnProject.create();
    writeFileSync(join(project.dir, 'migrations', 'versions', 'r0r0r0r0r0r0_junk.ts'), JUNK_REVISION);
    kiln(project, ['upgrade']);
    project.writeSchema(schemaSource());
    assertHostileRevision(migrateAndRead(project));
    kiln(project, ['revision', '-m', OFFLINE_MESSAGE]);
    script = kiln(project, ['upgrade', 'head', '--sql']);
  });

  after(async () => {
    await project?.remove();
  });

  it('writes every message as one comment line', () => {
    const comments = script.split('\n').filter((line) => line.startsWith('--'));
    assert.equal(comments.length, 3, `one comment per revision:\n${comments.join('\n')}`);
    for (const line of comments) {
      assert.doesNotMatch(line, /[\r\u2028\u2029\x85]/, `a comment line holds a line end: ${JSON.stringify(line)}`);
    }
  });

  it('on a fresh database, does only what it says: the canary stays, the model is built', async () => {
    const fresh = await (await testDatabaseProvider()).create();
    try {
      await seed(fresh, project.dir, ['victim']);
      const run = fresh.runScript(script);
      assert.equal(run.status, 0, `the client failed:\n${run.stderr}\n--- script ---\n${script}`);
      assert.deepEqual(await tableNames(fresh, project.dir), sorted([TABLE, ...KILN_TABLES, 'victim']));
      const config = await loadConfig({ cwd: project.dir, env: { DATABASE_URL: fresh.url } });
      const { differences } = await checkSchema(config);
      assert.deepEqual(
        differences.filter((d) => !d.includes('victim')),
        [],
        'the script built what the model says',
      );
    } finally {
      await fresh.drop();
    }
  });
});
