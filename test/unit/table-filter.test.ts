import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/load-config.js';
import { ownTables, tableMatches } from '../../src/config/table-filter.js';
import { emptyTable, type SchemaModel, type Table } from '../../src/schema/model.js';

const table = (name: string, schema: string | null = null, enumName?: string): Table => ({
  ...emptyTable(name, schema),
  columns:
    enumName === undefined
      ? []
      : [
          {
            name: 'state',
            type: { kind: 'enum', name: enumName, values: ['a'], schema: null },
            nullable: true,
            default: null,
            autoIncrement: false,
            comment: null,
          },
        ],
});

describe('table patterns', () => {
  it('match names with * and ?, literally otherwise, and schema.table for a named schema', () => {
    assert.ok(tableMatches('legacy_*', { schema: null, name: 'legacy_orders' }));
    assert.ok(tableMatches('legacy_*', { schema: 'app', name: 'legacy_orders' }));
    assert.ok(tableMatches('app.*', { schema: 'app', name: 'x' }));
    assert.ok(!tableMatches('app.*', { schema: null, name: 'x' }));
    assert.ok(tableMatches('t?', { schema: null, name: 't1' }));
    assert.ok(!tableMatches('t?', { schema: null, name: 't12' }));
    assert.ok(!tableMatches('a.b', { schema: null, name: 'axb' }), 'a dot is literal');
    assert.ok(!tableMatches('Legacy', { schema: null, name: 'legacy' }), 'case-sensitive');
  });

  it("leave out other tools' tables unless the models name them, and enum types only they use", () => {
    const live: SchemaModel = {
      tables: [table('item'), table('_prisma_migrations'), table('old', null, 'old_state'), table('alembic_version')],
      enums: [
        { schema: null, name: 'old_state', values: ['a'] },
        { schema: null, name: 'unused', values: ['a'] },
      ],
    };
    const models: SchemaModel = { tables: [table('item'), table('alembic_version')], enums: [] };
    const kept = ownTables({ include: null, exclude: ['old'] }, live, models);
    assert.deepEqual(
      kept.tables.map((t) => t.name),
      ['item', 'alembic_version'],
    );
    assert.deepEqual(
      kept.enums.map((e) => e.name),
      ['unused'],
    );
  });

  it('are read from a JSON config, and a bad list is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-filter-'));
    try {
      writeFileSync(join(dir, 'kiln.config.json'), JSON.stringify({ include: ['app_*'], exclude: ['app_old'] }));
      const config = await loadConfig({ cwd: dir, env: {} });
      assert.deepEqual(config.tables, { include: ['app_*'], exclude: ['app_old'] });
      writeFileSync(join(dir, 'kiln.config.json'), JSON.stringify({ exclude: [''] }));
      await assert.rejects(loadConfig({ cwd: dir, env: {} }), /'exclude' must be a list of table name patterns/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
