import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { KilnProject } from '../project.js';
import { selectedDialect } from '../test-database.js';

const root = new URL('../../..', import.meta.url).pathname.replace(/\/$/, '');

/** The drizzle core of each test dialect, the fixture written for it, and how it declares a table. */
export interface DrizzleFixture {
  readonly core: 'pg-core' | 'mysql-core' | 'sqlite-core';
  readonly file: string;
  readonly table: string;
  /** The core's integer column builder (`integer`, MySQL's `int`). */
  readonly int: string;
  /** A core of another database, for the mismatch test. */
  readonly otherCore: string;
  readonly otherTable: string;
}

const FIXTURES: Readonly<Record<string, DrizzleFixture>> = {
  postgres: {
    core: 'pg-core',
    file: 'pg-schema.ts',
    table: 'pgTable',
    int: 'integer',
    otherCore: 'sqlite-core',
    otherTable: 'sqliteTable',
  },
  mysql: {
    core: 'mysql-core',
    file: 'mysql-schema.ts',
    table: 'mysqlTable',
    int: 'int',
    otherCore: 'pg-core',
    otherTable: 'pgTable',
  },
  sqlite: {
    core: 'sqlite-core',
    file: 'sqlite-schema.ts',
    table: 'sqliteTable',
    int: 'integer',
    otherCore: 'mysql-core',
    otherTable: 'mysqlTable',
  },
};

/** The fixture for KILN_TEST_DIALECT. */
export function drizzleFixture(): DrizzleFixture {
  const fixture = FIXTURES[selectedDialect()];
  if (fixture === undefined) throw new Error(`no drizzle fixture for ${selectedDialect()}`);
  return fixture;
}

/** The fixture's source, with the marked column and index added when `changed`. */
export function drizzleSchemaSource(fixture: DrizzleFixture, change?: { column: string; index: string }): string {
  const source = readFileSync(new URL(fixture.file, import.meta.url), 'utf8');
  if (change === undefined) return source;
  return source.replace('// kiln-test: extra column', change.column).replace('// kiln-test: extra index', change.index);
}

/** A KilnProject whose schema modules can import drizzle-orm (linked to this repository's copy, as npm installs it). */
export async function drizzleProject(dialect?: string): Promise<KilnProject> {
  const project = await KilnProject.create(dialect);
  symlinkSync(join(root, 'node_modules', 'drizzle-orm'), join(project.dir, 'node_modules', 'drizzle-orm'), 'dir');
  return project;
}
