import { pythonExe } from './python.js';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { revisionId } from './kiln-project.js';
import { benchRoot } from './paths.js';
import type { Command } from './proc.js';

// One transaction per revision, as kiln commits each revision on its own:
// both then leave the same state behind after a failure.
const envPy = `import os, sys
from alembic import context
from sqlalchemy import engine_from_config, pool

sys.path.insert(0, os.path.dirname(__file__))
config = context.config
try:
    import models
    target_metadata = models.metadata
except ImportError:
    target_metadata = None


def offline():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()


def online():
    engine = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.",
                                poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          transaction_per_migration=True)
        with context.begin_transaction():
            context.run_migrations()


offline() if context.is_offline_mode() else online()
`;

/** An Alembic project (alembic.ini, env.py, versions/) on a SQLAlchemy URL. */
export function alembicProject(url: string): string {
  const dir = mkdtempSync(join(benchRoot.tmp, 'alembic-'));
  mkdirSync(join(dir, 'migrations', 'versions'), { recursive: true });
  writeFileSync(join(dir, 'alembic.ini'), `[alembic]\nscript_location = migrations\nsqlalchemy.url = ${url}\n`);
  writeFileSync(join(dir, 'migrations', 'env.py'), envPy);
  return dir;
}

/** Writes revision `i` of a linear chain; `body` is the upgrade's Python statements (4-space indented). */
export function writeAlembicRevision(dir: string, i: number, body: string): void {
  const down = i === 0 ? 'None' : `'${revisionId(i - 1)}'`;
  writeFileSync(
    join(dir, 'migrations', 'versions', `${revisionId(i)}_step.py`),
    `"""step ${i}"""
from alembic import op
import sqlalchemy as sa

revision = '${revisionId(i)}'
down_revision = ${down}
branch_labels = None
depends_on = None


def upgrade():
${body}


def downgrade():
    pass
`,
  );
}

/** The "table and an index" revision body, the same DDL as kiln's. */
export function alembicTableAndIndex(i: number): string {
  return `    op.create_table('t${i}', sa.Column('id', sa.Integer(), primary_key=True, autoincrement=False),
                    sa.Column('name', sa.String(30)))
    op.create_index('ix_t${i}_name', 't${i}', ['name'])`;
}

export function alembic(dir: string, args: readonly string[]): Command {
  return { file: pythonExe, args: ['-m', 'alembic', ...args], cwd: dir };
}
