#!/usr/bin/env node
// `npm run demo`: the reference workflow on the embedded SQLite default, as a
// user runs it, in a fresh copy of examples/datatube. Every command is echoed.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const kiln = join(root, 'bin', 'kiln.js');
if (!existsSync(join(root, 'dist', 'cli', 'bin.js'))) {
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}

const dir = mkdtempSync(join(tmpdir(), 'kiln-demo-'));
cpSync(join(root, 'examples', 'datatube'), dir, { recursive: true, filter: (src) => !src.endsWith('.db') });
// As if kiln were installed from npm: node_modules/kiln is this repository.
mkdirSync(join(dir, 'node_modules'));
symlinkSync(root, join(dir, 'node_modules', 'kiln'), 'dir');
for (const name of ['better-sqlite3', 'kysely']) {
  symlinkSync(join(root, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
}
const env = { ...process.env };
delete env.DATABASE_URL;

function step(title, args, { allowFail = false } = {}) {
  process.stdout.write(`\n$ kiln ${args.join(' ')}${title ? `    # ${title}` : ''}\n`);
  const result = spawnSync(process.execPath, [kiln, ...args], { cwd: dir, env, stdio: 'inherit' });
  if (result.status !== 0 && !allowFail) {
    process.stderr.write(`demo: 'kiln ${args.join(' ')}' exited with ${result.status}\n`);
    process.exit(1);
  }
  return result;
}

const { default: Database } = await import('better-sqlite3');
function query(sql) {
  const db = new Database(join(dir, 'datatube.db'));
  try {
    return sql.trim().toUpperCase().startsWith('SELECT') ? db.prepare(sql).all() : db.prepare(sql).run();
  } finally {
    db.close();
  }
}

process.stdout.write(`kiln demo in ${dir}\n`);
step('creates migrations/', ['init']);
step('autogenerates createTable con_user', ['migrate', '-m', 'init']);
step('applies it', ['upgrade']);
step('', ['current']);
query("INSERT INTO con_user (id, name, secretkey, status) VALUES (1, 'ada', 's3cret', 1), (2, NULL, 'k', 0)");
process.stdout.write('\n(inserted two users; now the model changes: email added, name NOT NULL, an index)\n');
cpSync(join(dir, 'src', 'schema.v2.ts'), join(dir, 'src', 'schema.ts'));
step('autogenerates the change', ['migrate', '-m', 'add email']);
step('rows are kept', ['upgrade']);
process.stdout.write(`rows: ${JSON.stringify(query('SELECT * FROM con_user ORDER BY id'))}\n`);
step('models and database agree', ['check']);
step('newest first', ['history']);

// The tutorial's web service reads the migrated table (TypeScript, so through tsx).
const server = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--input-type=module',
    '-e',
    `const { startServer } = await import(${JSON.stringify(join(dir, 'src', 'server.ts'))});
     const s = await startServer(${JSON.stringify(join(dir, 'datatube.db'))});
     const r = await fetch('http://127.0.0.1:' + s.address().port + '/user');
     console.log('GET /user ->', r.status, await r.text());
     s.close();`,
  ],
  { cwd: root, encoding: 'utf8' },
);
process.stdout.write(`\n${server.stdout}${server.stderr}`);

step('back one revision, rows kept', ['downgrade', '-1']);
process.stdout.write(`rows: ${JSON.stringify(query('SELECT * FROM con_user ORDER BY id'))}\n`);
step('everything reverted', ['downgrade', 'base']);
step('', ['current']);
step('prints the SQL, touches nothing', ['upgrade', 'head', '--sql']);
process.stdout.write(`\nDone. The project is in ${dir}\n`);
