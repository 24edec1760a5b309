#!/usr/bin/env node
// Runs kiln's tests: unit, property and e2e once, then the shared integration
// suite once per dialect whose server can be reached. Without a server the
// dialect is skipped with the reason; under CI=true a missing server fails.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const ci = process.env.CI === 'true' || process.env.CI === '1';
const wanted = (process.env.KILN_TEST_DIALECTS ?? 'sqlite,postgres,mysql').split(',').map((s) => s.trim());
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

async function unavailable(dialect) {
  try {
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

function run(label, testFiles, env) {
  if (testFiles.length === 0) return Promise.resolve(0);
  process.stdout.write(`\n=== ${label}: ${testFiles.length} file(s) ===\n`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-timeout=${TEST_TIMEOUT_MS}`, ...testFiles], {
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

if ((await run('unit, property, e2e (sqlite)', general, { KILN_TEST_DIALECT: 'sqlite' })) !== 0) failed = true;
for (const dialect of ['sqlite', 'postgres', 'mysql']) {
  if (!wanted.includes(dialect)) {
    skipped.push(`${dialect}: not in KILN_TEST_DIALECTS`);
    continue;
  }
  const reason = dialect === 'sqlite' ? null : await unavailable(dialect);
  if (reason !== null) {
    if (ci) {
      process.stdout.write(`\n${dialect} server unreachable under CI: ${reason}\n`);
      failed = true;
      totals.fail += 1; // the whole suite counts as one failure
    } else skipped.push(`${dialect}: server unreachable (${reason})`);
    continue;
  }
  const suite = integration.filter((f) => dialectOf(f) === null || dialectOf(f) === dialect);
  if ((await run(`integration on ${dialect}`, suite, { KILN_TEST_DIALECT: dialect })) !== 0) failed = true;
}

process.stdout.write('\n');
for (const line of skipped) process.stdout.write(`skipped dialect suite — ${line}\n`);
process.stdout.write(`${totals.pass} passed, ${totals.fail} failed, ${totals.skipped} skipped\n`);
process.exitCode = failed || totals.fail > 0 ? 1 : 0;
