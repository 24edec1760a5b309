import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchDatabase } from './databases.js';
import { revisionId } from './kiln-project.js';
import { benchDir, benchRoot } from './paths.js';
import type { Command } from './proc.js';

/**
 * A knex project with `count` migrations, each creating table t<i> with an
 * index: the same DDL as kiln's workload. CommonJS, knex's native form.
 */
export function knexProject(db: BenchDatabase, count: number): string {
  const dir = mkdtempSync(join(benchRoot.tmp, 'knex-'));
  mkdirSync(join(dir, 'migrations'));
  // knex's CLI insists on a local knex; the link resolves to bench/node_modules, where its drivers are.
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(join(benchDir, 'node_modules', 'knex'), join(dir, 'node_modules', 'knex'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "type": "commonjs" }\n');
  const config = {
    client: db.knexClient,
    connection: db.knexConnection,
    useNullAsDefault: true,
    migrations: { directory: join(dir, 'migrations') },
  };
  writeFileSync(join(dir, 'knexfile.js'), `module.exports = ${JSON.stringify(config, null, 2)};\n`);
  for (let i = 0; i < count; i++) {
    writeFileSync(
      join(dir, 'migrations', `${revisionId(i)}_step.js`),
      `exports.up = (knex) =>
  knex.schema.createTable('t${i}', (t) => {
    t.integer('id').primary();
    t.string('name', 30);
    t.index(['name'], 'ix_t${i}_name');
  });
exports.down = (knex) => knex.schema.dropTable('t${i}');
`,
    );
  }
  return dir;
}

export const knexCli = join(benchDir, 'node_modules', 'knex', 'bin', 'cli.js');

export function knex(dir: string, args: readonly string[]): Command {
  return { file: process.execPath, args: [knexCli, ...args, '--knexfile', join(dir, 'knexfile.js')], cwd: dir };
}
