#!/usr/bin/env node
// Runs kiln's tests: unit, property and e2e once, then the shared integration
// suite once per dialect whose server can be reached. Without a server the
// dialect is skipped with the reason; under CI=true a missing server fails.
// SQLite runs twice, once per driver: better-sqlite3 (`sqlite`) and Node's
// built-in node:sqlite (`sqlite-node`, skipped with the reason on a Node
// without it). KILN_TEST_ALSO_NODE=<node binary> runs unit, property, e2e and
// the node:sqlite suite once more under that Node (CI: Node 24), with
// better-sqlite3 switched off, so no native build is involved.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const ci = process.env.CI === 'true' || process.env.CI === '1';
const wanted = (process.env.KILN_TEST_DIALECTS ?? 'sqlite,sqlite-node,postgres,mysql').split(',').map((s) => s.trim());
const alsoNode = process.env.KILN_TEST_ALSO_NODE || null;
const filters = process.argv.slice(2);

function files(dir) {
  const out = [];
  let entries = [];
  try {
    entries = readdirSync(join(root, dir));
  } catch {
    return out;
  }
  for (const name of entries.sort()) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...files(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out.filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
}

const DIALECT_PREFIXES = ['sqlite-', 'postgres-', 'mysql-'];
const dialectOf = (file) => DIALECT_PREFIXES.find((p) => file.split('/').pop().startsWith(p))?.slice(0, -1) ?? null;

/** Why `node` cannot run kiln on node:sqlite, or null; the same test kiln's driver loader makes. */
function noNodeSqlite(node) {
  const probe = spawnSync(
    node,
    ['-e', "const { DatabaseSync } = require('node:sqlite'); process.exit('isTransaction' in new DatabaseSync(':memory:') ? 0 : 3)"],
    { encoding: 'utf8' },
  );
  if (probe.status === 0) return null;
  const version = spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
  return `Node ${version} has no usable node:sqlite (22.16 or later has it)`;
}

async function unavailable(dialect) {
  try {
    if (dialect === 'sqlite-node') return noNodeSqlite(process.execPath);
    if (dialect === 'postgres') {
      const { default: pg } = await import('pg');
      const client = new pg.Client({
        connectionString: process.env.KILN_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
        connectionTimeoutMillis: 3000,
      });
      await client.connect();
      await client.end();
    } else if (dialect === 'mysql') {
      const mysql = await import('mysql2/promise');
      const conn = await mysql.createConnection({
        uri: process.env.KILN_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/mysql',
        connectTimeout: 3000,
      });
      await conn.end();
    }
    return null;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
}

// A test that hangs (a child process left waiting, a lock never freed) fails
// after this long instead of holding CI until its limit. The slowest test,
// the database round-trip property, bounds itself at 4 minutes.
const TEST_TIMEOUT_MS = 6 * 60_000;

const totals = { pass: 0, fail: 0, skipped: 0 };

function run(label, testFiles, env, node = process.execPath) {
  if (testFiles.length === 0) return Promise.resolve(0);
  process.stdout.write(`\n=== ${label}: ${testFiles.length} file(s) ===\n`);
  return new Promise((resolve) => {
    const child = spawn(node, ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-timeout=${TEST_TIMEOUT_MS}`, ...testFiles], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      buffer += chunk.toString();
    });
    child.on('close', (code) => {
      for (const key of Object.keys(totals)) {
        const matches = [...buffer.matchAll(new RegExp(`^\\S*\\s*${key} (\\d+)$`, 'gm'))];
        const last = matches.at(-1);
        if (last) totals[key] += Number(last[1]);
      }
      resolve(code ?? 1);
    });
  });
}

// Schema modules and revision files in test projects import 'kiln', i.e. dist/: build it first.
{
  const build = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) {
    process.stdout.write('build failed\n0 passed, 1 failed\n');
    process.exit(1);
  }
}

const general = [...files('test/unit'), ...files('test/property'), ...files('test/e2e')];
const integration = files('test/integration');
let failed = false;
const skipped = [];

/** Each suite's environment: SQLite's two drivers are told apart by `KILN_SQLITE_DRIVER`. */
const SUITES = {
  sqlite: { KILN_TEST_DIALECT: 'sqlite', KILN_SQLITE_DRIVER: 'better-sqlite3' },
  'sqlite-node': { KILN_TEST_DIALECT: 'sqlite', KILN_SQLITE_DRIVER: 'node' },
  postgres: { KILN_TEST_DIALECT: 'postgres' },
  mysql: { KILN_TEST_DIALECT: 'mysql' },
};
const suiteFiles = (env) =>
  integration.filter((f) => dialectOf(f) === null || dialectOf(f) === env.KILN_TEST_DIALECT);

if ((await run('unit, property, e2e (sqlite)', general, { KILN_TEST_DIALECT: 'sqlite' })) !== 0) failed = true;
for (const dialect of Object.keys(SUITES)) {
  if (!wanted.includes(dialect)) {
    skipped.push(`${dialect}: not in KILN_TEST_DIALECTS`);
    continue;
  }
  const reason = dialect === 'sqlite' ? null : await unavailable(dialect);
  if (reason !== null) {
    // A Node without node:sqlite is a fact of the Node in use, not a broken CI machine.
    if (ci && dialect !== 'sqlite-node') {
      process.stdout.write(`\n${dialect} server unreachable under CI: ${reason}\n`);
      failed = true;
      totals.fail += 1; // the whole suite counts as one failure
    } else skipped.push(`${dialect}: ${dialect === 'sqlite-node' ? reason : `server unreachable (${reason})`}`);
    continue;
  }
  const env = SUITES[dialect];
  const label = `integration on ${env.KILN_TEST_DIALECT}${env.KILN_SQLITE_DRIVER ? ` (${env.KILN_SQLITE_DRIVER})` : ''}`;
  if ((await run(label, suiteFiles(env), env)) !== 0) failed = true;
}

if (alsoNode !== null) {
  const version = spawnSync(alsoNode, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout?.trim();
  const reason = version ? noNodeSqlite(alsoNode) : `${alsoNode} does not run`;
  if (reason !== null) {
    process.stdout.write(`\nKILN_TEST_ALSO_NODE: ${reason}\n`);
    failed = true;
    totals.fail += 1;
  } else {
    // better-sqlite3 is switched off: this run proves kiln needs no native build on this Node.
    const env = SUITES['sqlite-node'];
    if ((await run(`Node ${version}: unit, property, e2e (node:sqlite)`, general, env, alsoNode)) !== 0) failed = true;
    if ((await run(`Node ${version}: integration on sqlite (node)`, suiteFiles(env), env, alsoNode)) !== 0) failed = true;
  }
}

process.stdout.write('\n');
for (const line of skipped) process.stdout.write(`skipped dialect suite — ${line}\n`);
process.stdout.write(`${totals.pass} passed, ${totals.fail} failed, ${totals.skipped} skipped\n`);
process.exitCode = failed || totals.fail > 0 ? 1 : 0;
