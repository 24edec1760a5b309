import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { integer, table } from 'kiln';
import { postgresDialect } from '../../src/dialects/postgres/postgres-dialect.js';
import { sqliteDialect } from '../../src/dialects/sqlite/sqlite-dialect.js';
import { findDrizzleExports } from '../../src/schema/drizzle/drizzle-exports.js';
import { drizzleParts } from '../../src/schema/drizzle/drizzle-model.js';
import { unwrapParentheses } from '../../src/schema/drizzle/drizzle-table.js';
import { findTable } from '../../src/schema/model.js';
import * as pgSchema from '../support/drizzle/pg-schema.js';
import * as sqliteSchema from '../support/drizzle/sqlite-schema.js';

const pg = { target: postgresDialect.drizzle, label: 'postgres' };

describe('drizzle tables → the neutral model', () => {
  it('finds nothing, and loads nothing, in a schema of kiln tables', async () => {
    const kiln = { item: table('item', { id: integer().primaryKey() }) };
    assert.deepEqual(findDrizzleExports([kiln]), { tables: [], enums: [] });
    assert.deepEqual(await drizzleParts([kiln], pg), { tables: [], enums: [] });
  });

  it('names what drizzle leaves unnamed as drizzle-kit does', async () => {
    const model = { tables: (await drizzleParts([pgSchema], pg)).tables, enums: [] };
    const accounts = findTable(model, 'accounts');
    assert.deepEqual(accounts?.primaryKey, { name: 'accounts_pkey', columns: ['id'] });
    assert.deepEqual(accounts?.uniques, [{ name: 'accounts_slug_unique', columns: ['slug'] }]);
    const products = findTable(model, 'products');
    assert.deepEqual(
      products?.foreignKeys.map((fk) => fk.name),
      ['products_account_id_accounts_id_fk', 'products_category_id_categories_id_fk'],
    );
    assert.ok(products?.indexes.some((i) => i.name === 'products_category_id_index'));
    assert.deepEqual(findTable(model, 'memberships')?.primaryKey?.name, 'memberships_account_id_user_id_pk');
  });

  it('reads types, defaults, checks and index predicates as drizzle-kit writes them', async () => {
    const parts = await drizzleParts([pgSchema], pg);
    const model = { tables: parts.tables, enums: [] };
    const column = (t: string, c: string) => findTable(model, t)?.columns.find((col) => col.name === c);
    assert.deepEqual(column('accounts', 'id'), {
      name: 'id',
      type: { kind: 'integer' },
      nullable: false,
      default: null,
      autoIncrement: true,
      comment: null,
    });
    assert.deepEqual(column('products', 'tags')?.type, { kind: 'array', element: { kind: 'text' } });
    assert.deepEqual(column('products', 'price')?.type, { kind: 'numeric', precision: 10, scale: 2 });
    assert.deepEqual(column('users', 'settings')?.default, { kind: 'literal', value: '{"theme":"light"}' });
    assert.deepEqual(column('users', 'id')?.identity, 'always');
    // $defaultFn runs in the application: not a database default.
    assert.equal(column('users', 'nickname')?.default, null);
    assert.deepEqual(findTable(model, 'products')?.checks, [
      { name: 'products_price_positive', expression: '"price" >= 0' },
    ]);
    assert.equal(findTable(model, 'customers')?.indexes[0]?.where, '"deleted_at" is null');
    const invoices = findTable(model, 'invoices', 'billing');
    assert.deepEqual(invoices?.columns.find((c) => c.name === 'state')?.type, {
      kind: 'enum',
      name: 'invoice_state',
      values: ['draft', 'open', 'void'],
      schema: 'billing',
    });
    assert.deepEqual(parts.enums.map((e) => `${e.schema ?? ''}.${e.name}`).sort(), [
      '.order_status',
      '.role',
      'billing.invoice_state',
    ]);
  });

  it('on sqlite-core, uniques are unique indexes, as drizzle-kit creates them', async () => {
    const parts = await drizzleParts([sqliteSchema], { target: sqliteDialect.drizzle, label: 'sqlite' });
    const accounts = findTable({ tables: parts.tables, enums: [] }, 'accounts');
    assert.deepEqual(accounts?.uniques, []);
    assert.deepEqual(accounts?.indexes, [
      { name: 'accounts_slug_unique', columns: ['slug'], unique: true, where: null },
    ]);
  });

  it('unwraps only parentheses that enclose a whole SQLite default', () => {
    assert.equal(unwrapParentheses('(unixepoch())'), 'unixepoch()');
    assert.equal(unwrapParentheses('(a) + (b)'), '(a) + (b)');
    assert.equal(unwrapParentheses("(')(')"), "')('");
    assert.equal(unwrapParentheses('CURRENT_TIMESTAMP'), 'CURRENT_TIMESTAMP');
  });
});
