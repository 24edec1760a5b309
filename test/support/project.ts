import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  checkSchema,
  downgrade,
  loadConfig,
  type MigrationResult,
  type ResolvedConfig,
  type RevisionResult,
  revision,
  upgrade,
} from 'kiln';
import type { DatabaseConnection, DialectCapabilities, Row } from '../../src/dialects/dialect.js';
import { followDatabaseDefaults } from '../../src/autogenerate/database-defaults.js';
import { buildSchemaModel } from '../../src/schema/build-model.js';
import type { SchemaModel } from '../../src/schema/model.js';
import { type TestDatabase, testDatabaseProvider } from './test-database.js';

const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

/** kiln's own tables, as the config below names them (the defaults). */
export const KILN_TABLES: readonly string[] = ['kiln_version', 'kiln_log', 'kiln_pending'];

/**
 * A throwaway user project on a fresh test database: `node_modules/kiln` is
 * this repository (so schema modules import the built `dist/`), a
 * `kiln.config.mjs` pointing at the database, and one schema module
 * (`schema.ts`) that each step rewrites. Commands run through the public
 * programmatic API, as a user's code calls them.
 */
export class KilnProject {
  private connection: DatabaseConnection | null = null;
  private steps = 0;

  private constructor(
    readonly dir: string,
    readonly database: TestDatabase,
  ) {}

  /** Creates the database (`dialect`, default `KILN_TEST_DIALECT`) and the project folder. */
  static async create(dialect?: string): Promise<KilnProject> {
    const database = await (await testDatabaseProvider(dialect)).create();
    const dir = mkdtempSync(join(tmpdir(), 'kiln-rt-'));
    mkdirSync(join(dir, 'node_modules'));
    mkdirSync(join(dir, 'migrations', 'versions'), { recursive: true });
    symlinkSync(root, join(dir, 'node_modules', 'kiln'), 'dir');
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(
      join(dir, 'kiln.config.mjs'),
      `export default { url: ${JSON.stringify(database.url)}, schema: './schema.ts', migrations: './migrations' };\n`,
    );
    return new KilnProject(dir, database);
  }

  get capabilities(): DialectCapabilities {
    return this.database.dialect.capabilities;
  }

  /** The folder holding the project's revision files. */
  get versionsDir(): string {
    return join(this.dir, 'migrations', 'versions');
  }

  /** Replaces the schema module (re-imported by every command). */
  writeSchema(source: string): void {
    writeFileSync(join(this.dir, 'schema.ts'), source);
  }

  config(): Promise<ResolvedConfig> {
    return loadConfig({ cwd: this.dir, env: {} });
  }

  /** `kiln migrate`: autogenerates a revision; fails when nothing was detected. */
  async migrate(message = `step ${++this.steps}`): Promise<RevisionResult> {
    const result = await revision(await this.config(), { message, autogenerate: true });
    assert.notEqual(result.path, null, `autogenerate detected no change for "${message}"`);
    return result;
  }

  upgrade(target = 'head'): Promise<MigrationResult> {
    return this.config().then((config) => upgrade(config, target));
  }

  downgrade(target: string): Promise<MigrationResult> {
    return this.config().then((config) => downgrade(config, target));
  }

  /** `kiln check` differences (pending revisions included); empty = in sync. */
  async differences(): Promise<readonly string[]> {
    return (await checkSchema(await this.config())).differences;
  }

  /** Asserts `kiln check` finds nothing. */
  async assertClean(when: string): Promise<void> {
    assert.deepEqual(await this.differences(), [], `false difference ${when}`);
  }

  /** The live schema without kiln's tables, normalised by the dialect: what the suite compares. */
  async schema(exclude: readonly string[] = KILN_TABLES): Promise<SchemaModel> {
    const { dialect } = this.database;
    const model = await dialect.introspect(await this.open(), { exclude, extraSchemas: this.schemas });
    return dialect.normalize(model);
  }

  /** The schema module's model as the dialect normalises it: what the database must equal. */
  async modelSchema(): Promise<SchemaModel> {
    const { tsImport } = await import('tsx/esm/api');
    const module: unknown = await tsImport(pathToFileURL(join(this.dir, 'schema.ts')).href, import.meta.url);
    return this.database.dialect.normalize(buildSchemaModel([module]));
  }

  /** Extra PostgreSQL schemas the suite introspects besides the default one. */
  schemas: readonly string[] = [];

  async execute(sql: string): Promise<void> {
    await (await this.open()).execute(sql);
  }

  async query<R extends Row = Row>(sql: string): Promise<R[]> {
    return (await this.open()).query<R>(sql);
  }

  quote(name: string): string {
    return this.database.dialect.quoteIdentifier(name);
  }

  private async open(): Promise<DatabaseConnection> {
    this.connection ??= await this.database.dialect.connect(this.database.options, this.dir);
    return this.connection;
  }

  /** Closes the suite's own connection, drops the database, removes the folder. */
  async remove(): Promise<void> {
    await this.connection?.close();
    this.connection = null;
    await this.database.drop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * The round trip the suite runs for every feature: each schema version is
 * autogenerated, applied and checked clean in turn; then every revision is
 * reverted one by one, the database's schema equal each time to what it was
 * before that revision; at base nothing but kiln's tables is left.
 */
export class RoundTrip {
  private readonly snapshots: SchemaModel[] = [];

  constructor(readonly project: KilnProject) {}

  /** Writes the schema version, autogenerates, upgrades, and asserts check is clean. */
  async step(source: string, message?: string): Promise<RevisionResult> {
    this.snapshots.push(await this.project.schema());
    this.project.writeSchema(source);
    const result = await this.project.migrate(message);
    await this.project.upgrade();
    await this.project.assertClean(`after applying "${result.changes.join('; ')}"`);
    const live = await this.project.schema();
    assert.deepEqual(
      comparable(live),
      // As check compares them: what the model leaves unnamed (a collation) follows the database.
      comparable(followDatabaseDefaults(live, await this.project.modelSchema())),
      'the database differs from the model after the upgrade',
    );
    return result;
  }

  /** Reverts the last step and asserts the schema is exactly what it was before it. */
  async undo(): Promise<void> {
    const expected = this.snapshots.pop();
    assert.ok(expected !== undefined, 'no step to undo');
    await this.project.downgrade('-1');
    assert.deepEqual(await this.project.schema(), expected, 'downgrade -1 did not restore the previous schema');
  }

  /** Reverts every step, checking each, then asserts only kiln's tables remain. */
  async undoAll(): Promise<void> {
    while (this.snapshots.length > 0) await this.undo();
    await assertOnlyKilnTables(this.project);
  }
}

/**
 * A model as kiln compares it: columns by name (added ones come last in the
 * database), check expressions left out (every server echoes them in its own
 * words, so kiln compares checks by name, as the README says).
 */
function comparable(model: SchemaModel): SchemaModel {
  return {
    enums: model.enums,
    tables: model.tables.map((table) => ({
      ...table,
      columns: [...table.columns].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      checks: table.checks.map((check) => ({ name: check.name, expression: '' })),
    })),
  };
}

/** Nothing in the database but kiln's version and log tables (and no enum types). */
export async function assertOnlyKilnTables(project: KilnProject): Promise<void> {
  const live = await project.schema([]);
  assert.deepEqual(live.tables.map((t) => t.name).sort(), [...KILN_TABLES].sort(), 'downgrade base left tables behind');
  assert.deepEqual(live.enums, [], 'downgrade base left enum types behind');
}
