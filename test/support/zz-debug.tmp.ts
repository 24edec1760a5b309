import fc from 'fast-check';
import { caseArbitrary, runOnFreshDatabase } from './property-round-trip.js';
import { testDatabaseProvider } from './test-database.js';
const provider = await testDatabaseProvider();
const db = await provider.create(); await db.drop();
const n = Number(process.argv[2] ?? 10), seed = Number(process.argv[3] ?? 1);
const cases = fc.sample(caseArbitrary(db.dialect.capabilities), { numRuns: n, seed });
let i = 0, fails = 0;
for (const c of cases) {
  i++;
  try { await runOnFreshDatabase(c); process.stdout.write(`ok ${i}\n`); }
  catch (e) { fails++; console.log(`FAIL ${i}: ${(e as Error).message.slice(0, Number(process.env.MAXLEN ?? 6000))}\n`); if (process.env.FIRST) break; }
}
console.log(`${fails} failures of ${i}`);
process.exit(0);
