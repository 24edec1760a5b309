import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, run, succeeds } from './proc.js';

export type DialectName = 'sqlite' | 'postgres' | 'mysql';

/**
 * One benchmark database, reached the way each contender reaches it: a URL
 * for kiln, a SQLAlchemy URL for Alembic, a connection object for knex, and
 * the database's own CLI for the floor and for verification.
 */
export interface BenchDatabase {
  readonly dialect: DialectName;
  readonly kilnUrl: string;
  readonly alembicUrl: string;
  readonly knexClient: string;
  readonly knexConnection: Readonly<Record<string, string | number>>;
  /** Drops and re-creates it, empty. */
  fresh(): void;
  /** Drops it, so a bench run leaves no database behind. */
  drop(): void;
  /** Feeds SQL text to the database's CLI. */
  pipe(sql: string): Command;
  /** Runs one query through the CLI; rows separated by newlines, columns by tabs. */
  query(sql: string): string;
  /** Tables whose name starts with `prefix`. */
  countTables(prefix: string): number;
}

const psql = (db: string, extra: readonly string[]): Command => ({
  file: 'psql',
  args: ['-h', '127.0.0.1', '-U', 'postgres', '-d', db, '-X', '-q', '-v', 'ON_ERROR_STOP=1', ...extra],
});
const mariadb = (db: string, extra: readonly string[]): Command => ({
  file: 'mariadb',
  args: ['-h', '127.0.0.1', '-u', 'root', '--batch', '--skip-column-names', db, ...extra],
});

export function sqliteDatabase(dir: string, name: string): BenchDatabase {
  const file = join(dir, `${name}.db`);
  const query = (sql: string) =>
    run({ file: 'sqlite3', args: ['-batch', '-separator', '\t', file, sql] }).stdout.trim();
  return {
    dialect: 'sqlite',
    kilnUrl: `sqlite:${file}`,
    alembicUrl: `sqlite:///${file}`,
    knexClient: 'better-sqlite3',
    knexConnection: { filename: file },
    fresh: () => rmSync(file, { force: true }),
    drop: () => rmSync(file, { force: true }),
    pipe: (sql) => ({ file: 'sqlite3', args: ['-bail', file], input: sql }),
    query,
    countTables: (prefix) =>
      Number(query(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name LIKE '${prefix}%'`)),
  };
}

export function postgresDatabase(name: string): BenchDatabase {
  const query = (sql: string) => run(psql(name, ['-tA', '-F', '\t', '-c', sql])).stdout.trim();
  return {
    dialect: 'postgres',
    kilnUrl: `postgres://postgres@127.0.0.1:5432/${name}`,
    alembicUrl: `postgresql+psycopg2://postgres@127.0.0.1:5432/${name}`,
    knexClient: 'pg',
    knexConnection: { host: '127.0.0.1', port: 5432, user: 'postgres', database: name },
    fresh: () => {
      run(psql('postgres', ['-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]));
      run(psql('postgres', ['-c', `CREATE DATABASE ${name}`]));
    },
    drop: () => run(psql('postgres', ['-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`])),
    pipe: (sql) => ({ ...psql(name, []), input: sql }),
    query,
    countTables: (prefix) =>
      Number(query(`SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE '${prefix}%'`)),
  };
}

export function mysqlDatabase(name: string): BenchDatabase {
  const query = (sql: string) => run(mariadb(name, ['-e', sql])).stdout.trim();
  return {
    dialect: 'mysql',
    kilnUrl: `mysql://root@127.0.0.1:3306/${name}`,
    alembicUrl: `mysql+pymysql://root@127.0.0.1:3306/${name}`,
    knexClient: 'mysql2',
    knexConnection: { host: '127.0.0.1', port: 3306, user: 'root', database: name },
    fresh: () => run(mariadb('', ['-e', `DROP DATABASE IF EXISTS ${name}; CREATE DATABASE ${name}`])),
    drop: () => run(mariadb('', ['-e', `DROP DATABASE IF EXISTS ${name}`])),
    pipe: (sql) => ({ ...mariadb(name, []), input: sql }),
    query,
    countTables: (prefix) =>
      Number(
        query(
          `SELECT count(*) FROM information_schema.tables WHERE table_schema = '${name}' AND table_name LIKE '${prefix}%'`,
        ),
      ),
  };
}

/** Why a server cannot be used, or undefined when it answers. */
export function serverUnavailable(dialect: DialectName): string | undefined {
  if (dialect === 'sqlite') return succeeds({ file: 'sqlite3', args: ['-version'] }) ? undefined : 'no sqlite3 CLI';
  if (dialect === 'postgres') {
    return succeeds(psql('postgres', ['-c', 'SELECT 1']))
      ? undefined
      : 'PostgreSQL does not answer at 127.0.0.1:5432 (user postgres)';
  }
  return succeeds(mariadb('', ['-e', 'SELECT 1'])) ? undefined : 'MariaDB does not answer at 127.0.0.1:3306 (root)';
}

/** A database of the dialect, named after the workload so concurrent workloads never share one. */
export function benchDatabase(dialect: DialectName, dir: string, name: string): BenchDatabase {
  if (dialect === 'sqlite') return sqliteDatabase(dir, name);
  if (dialect === 'postgres') return postgresDatabase(name);
  return mysqlDatabase(name);
}
