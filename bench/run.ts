/**
 * kiln's speed targets, as figures (not timed unit tests):
 *   1. a chain of 2,000 revisions: `heads`, `history`, `current` through the
 *      built CLI (each file would throw if executed, so reading the graph
 *      provably neither runs nor transpiles them);
 *   2. `upgrade head` over 500 revisions (a table and an index each) on SQLite.
 * Run: npm run bench   (KILN_BENCH_CHAIN / KILN_BENCH_UPGRADE change the sizes)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planUpgrade } from '../src/revisions/plan.js';
import { loadScriptDirectory } from '../src/revisions/script-directory.js';

const root = new URL('..', import.meta.url).pathname;
const kiln = join(root, 'bin', 'kiln.js');
const chainSize = Number(process.env.KILN_BENCH_CHAIN ?? 2000);
const upgradeSize = Number(process.env.KILN_BENCH_UPGRADE ?? 500);

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-bench-'));
  mkdirSync(join(dir, 'migrations', 'versions'), { recursive: true });
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(root, join(dir, 'node_modules', 'kiln'), 'dir');
  writeFileSync(
    join(dir, 'kiln.config.json'),
    JSON.stringify({ url: 'sqlite:./bench.db', migrations: './migrations' }),
  );
  return dir;
}

const id = (i: number) => `r${i.toString().padStart(11, '0')}`;

function writeRevision(dir: string, i: number, body: string, prelude = ''): void {
  const down = i === 0 ? 'null' : `'${id(i - 1)}'`;
  writeFileSync(
    join(dir, 'migrations', 'versions', `${id(i)}_step.ts`),
    `import type { Operations } from 'kiln';
${prelude}
export const revision = '${id(i)}';
export const downRevision = ${down};
export const branchLabels: string[] = [];
export const dependsOn: string[] = [];
export const message = 'step ${i}';

export async function upgrade(op: Operations) {
${body}
}

export async function downgrade(op: Operations) {
  void op;
}
`,
  );
}

function time(dir: string, args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [kiln, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
  });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`kiln ${args.join(' ')} failed:\n${result.stderr}`);
  return elapsed;
}

function best(dir: string, args: string[], runs = 3): string {
  const times = Array.from({ length: runs }, () => time(dir, args));
  return `${Math.min(...times).toFixed(0)} ms`;
}

const baseline = project();
console.log(`node startup + kiln --version: ${best(baseline, ['--version'])}`);

const chain = project();
for (let i = 0; i < chainSize; i++) {
  writeRevision(chain, i, '  void op;', "throw new Error('a revision file was executed while reading the graph');");
}
time(chain, ['stamp', 'head']);
console.log(`chain of ${chainSize} revisions (files throw if executed):`);
console.log(`  kiln heads    ${best(chain, ['heads'])}`);
console.log(`  kiln history  ${best(chain, ['history'])}`);
console.log(`  kiln current  ${best(chain, ['current'])}`);
{
  const started = performance.now();
  const { graph } = await loadScriptDirectory(join(chain, 'migrations', 'versions'));
  const loaded = performance.now();
  const steps = planUpgrade(graph, [], 'head');
  const planned = performance.now();
  console.log(
    `  in process: read + build the graph ${(loaded - started).toFixed(0)} ms, plan ${steps.length} steps ${(planned - loaded).toFixed(0)} ms`,
  );
}
rmSync(chain, { recursive: true, force: true });

const upgrade = project();
for (let i = 0; i < upgradeSize; i++) {
  writeRevision(
    upgrade,
    i,
    `  await op.createTable('t${i}', { id: integer().primaryKey(), name: varchar(30) });
  await op.createIndex('ix_t${i}_name', 't${i}', ['name']);`,
    "import { integer, varchar } from 'kiln';",
  );
}
const elapsed = time(upgrade, ['upgrade', 'head']);
console.log(
  `upgrade head over ${upgradeSize} revisions (a table and an index each): ${elapsed.toFixed(0)} ms (${(elapsed / upgradeSize).toFixed(2)} ms/revision)`,
);
rmSync(upgrade, { recursive: true, force: true });
rmSync(baseline, { recursive: true, force: true });
