import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alembicProject } from './alembic-project.js';
import { kilnProject } from './kiln-project.js';
import { benchDir, benchRoot } from './paths.js';
import type { Command } from './proc.js';
import { pythonExe } from './python.js';

/** A kiln project whose schema module declares `tables` tables t<i>, each with an index on name. */
export function kilnSchemaProject(url: string, tables: number): string {
  const dir = kilnProject(url, { schema: './schema.ts' });
  const lines = ["import { index, integer, table, varchar } from 'kiln';", ''];
  for (let i = 0; i < tables; i++) {
    lines.push(
      `export const t${i} = table('t${i}', { id: integer().primaryKey(), name: varchar(30) }, (t) => [index('ix_t${i}_name').on(t.name)]);`,
    );
  }
  writeFileSync(join(dir, 'schema.ts'), `${lines.join('\n')}\n`);
  return dir;
}

// alembic check arrived in Alembic 1.9; Debian ships 1.8, so this is 1.9's
// command.check, verbatim in substance: autogenerate in memory against the
// database at head, exit 1 when anything differs.
const checkPy = `import sys
from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.runtime.environment import EnvironmentContext
from alembic.autogenerate.api import RevisionContext

config = Config("alembic.ini")
script = ScriptDirectory.from_config(config)
args = dict(message=None, autogenerate=True, sql=False, head="head", splice=False, branch_label=None,
            version_path=None, rev_id=None, depends_on=None)
revision_context = RevisionContext(config, script, args)

def retrieve_migrations(rev, context):
    revision_context.run_autogenerate(rev, context)
    return []

with EnvironmentContext(config, script, fn=retrieve_migrations, as_sql=False,
                        template_args=revision_context.template_args, revision_context=revision_context):
    script.run_env()

diffs = revision_context.generated_revisions[-1].upgrade_ops.as_diffs()
if diffs:
    print("New upgrade operations detected: %s" % (diffs,))
    sys.exit(1)
print("No new upgrade operations detected.")
`;

/** An Alembic project without revisions whose env.py compares against `tables` SQLAlchemy tables. */
export function alembicSchemaProject(url: string, tables: number): string {
  const dir = alembicProject(url);
  writeFileSync(
    join(dir, 'migrations', 'models.py'),
    `import sqlalchemy as sa

metadata = sa.MetaData()
for i in range(${tables}):
    sa.Table(f"t{i}", metadata, sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
             sa.Column("name", sa.String(30)), sa.Index(f"ix_t{i}_name", "name"))
`,
  );
  writeFileSync(join(dir, 'check.py'), checkPy);
  writeFileSync(
    join(dir, 'create.py'),
    `import sys
sys.path.insert(0, "migrations")
import sqlalchemy as sa
import models
models.metadata.create_all(sa.create_engine("${url}"))
`,
  );
  return dir;
}

export const alembicCheck = (dir: string): Command => ({ file: pythonExe, args: ['check.py'], cwd: dir });
export const alembicCreate = (dir: string): Command => ({ file: pythonExe, args: ['create.py'], cwd: dir });

/** A drizzle-kit project: the same tables in drizzle's DSL, drizzle-orm linked from bench/node_modules. */
export function drizzleProject(tables: number): string {
  const dir = mkdtempSync(join(benchRoot.tmp, 'drizzle-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(join(benchDir, 'node_modules', 'drizzle-orm'), join(dir, 'node_modules', 'drizzle-orm'), 'dir');
  const lines = ["import { index, integer, pgTable, varchar } from 'drizzle-orm/pg-core';", ''];
  for (let i = 0; i < tables; i++) {
    lines.push(
      `export const t${i} = pgTable('t${i}', { id: integer('id').primaryKey(), name: varchar('name', { length: 30 }) }, (t) => [index('ix_t${i}_name').on(t.name)]);`,
    );
  }
  writeFileSync(join(dir, 'schema.ts'), `${lines.join('\n')}\n`);
  return dir;
}

export function drizzlePush(dir: string, cli: string, url: string, force: boolean): Command {
  const args = [
    cli,
    'push',
    '--dialect=postgresql',
    '--schema=./schema.ts',
    `--url=${url}`,
    ...(force ? ['--force'] : []),
  ];
  return { file: process.execPath, args, cwd: dir };
}
