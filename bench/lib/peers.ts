import { pythonExe } from './python.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DialectName } from './databases.js';
import { knexCli } from './knex-project.js';
import { benchDir } from './paths.js';
import { run, succeeds } from './proc.js';

/** Why each peer cannot run (absent = it can), worked out once per bench run. */
export interface PeerStatus {
  readonly alembic?: string;
  readonly alembicDriver: Readonly<Record<DialectName, string | undefined>>;
  readonly knex?: string;
  readonly drizzle?: string;
  readonly alembicVersion?: string;
}

const drizzleCli = join(benchDir, 'node_modules', 'drizzle-kit', 'bin.cjs');
export { drizzleCli };

/**
 * The npm peers live in bench/package.json, never in kiln's dependencies;
 * they are installed there on first use. better-sqlite3 is not listed: knex
 * finds kiln's own copy up the tree, so the bench never compiles a second
 * native build (the prebuilt binaries come from GitHub, not the registry).
 */
function npmPeers(log: (line: string) => void): string | undefined {
  if (existsSync(knexCli) && existsSync(drizzleCli)) return undefined;
  log('installing the npm peers into bench/node_modules (npm install --prefix bench) …');
  try {
    run({ file: 'npm', args: ['install', '--prefix', benchDir, '--no-audit', '--no-fund'] });
    return undefined;
  } catch (error) {
    return `npm install --prefix bench failed: ${error instanceof Error ? error.message.split('\n')[0] : error}`;
  }
}

const python = (code: string) => ({ file: pythonExe, args: ['-c', code] });

export function peerStatus(log: (line: string) => void): PeerStatus {
  const npmFailure = npmPeers(log);
  const hint = 'apt-get install -y python3-alembic python3-psycopg2 python3-pymysql';
  let alembic: string | undefined;
  let alembicVersion: string | undefined;
  try {
    alembicVersion = run(python('import alembic; print(alembic.__version__)')).stdout.trim();
  } catch {
    alembic = `Alembic is not installed for python3 (${hint})`;
  }
  const driver = (module: string, pkg: string) =>
    alembic ??
    (succeeds(python(`import ${module}`)) ? undefined : `${pkg} is not installed (apt-get install -y ${pkg})`);
  return {
    ...(alembic === undefined ? { alembicVersion } : { alembic }),
    alembicDriver: {
      sqlite: alembic,
      postgres: driver('psycopg2', 'python3-psycopg2'),
      mysql: driver('pymysql', 'python3-pymysql'),
    },
    ...(npmFailure !== undefined || !existsSync(knexCli) ? { knex: npmFailure ?? 'knex CLI missing' } : {}),
    ...(npmFailure !== undefined || !existsSync(drizzleCli) ? { drizzle: npmFailure ?? 'drizzle-kit missing' } : {}),
  };
}
