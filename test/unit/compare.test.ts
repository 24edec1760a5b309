import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareSchemas } from '../../src/autogenerate/compare.js';
import type { RenameResolver } from '../../src/autogenerate/rename-resolver.js';
import { applyOperations } from '../../src/operations/apply.js';
import type { Operation } from '../../src/operations/operation.js';
import { reverseOperations } from '../../src/operations/reverse.js';
import { EMPTY_SCHEMA, type SchemaModel, type Table } from '../../src/schema/model.js';
import { canonical, column, conUser, model, post, table, types } from '../support/model-fixtures.js';

const kinds = (ops: readonly Operation[]) => ops.map((op) => op.kind);

/** Checks the two invariants every comparison must keep, then returns the upgrade. */
function diff(from: SchemaModel, to: SchemaModel, resolver?: RenameResolver): Operation[] {
  const ops = compareSchemas(from, to, resolver === undefined ? {} : { renameResolver: resolver });
  assert.deepEqual(canonical(applyOperations(from, ops)), canonical(to));
  assert.deepEqual(canonical(applyOperations(to, reverseOperations(ops))), canonical(from));
  return ops;
}

const withColumns = (t: Table, columns: Table['columns'], extra: Partial<Table> = {}): Table => ({
  ...t,
  columns,
  ...extra,
});

describe('compareSchemas', () => {
  it('finds nothing between equal models', () => {
    assert.deepEqual(compareSchemas(model([conUser, post]), model([conUser, post])), []);
    assert.deepEqual(compareSchemas(EMPTY_SCHEMA, EMPTY_SCHEMA), []);
  });

  it('creates referenced tables first and drops them last', () => {
    const up = diff(EMPTY_SCHEMA, model([post, conUser]));
    assert.deepEqual(kinds(up), ['createTable', 'createTable', 'createIndex']);
    assert.deepEqual(
      up.map((op) => (op.kind === 'createTable' ? op.table.name : op.kind)),
      ['con_user', 'post', 'createIndex'],
    );
    const down = diff(model([conUser, post]), EMPTY_SCHEMA);
    assert.deepEqual(
      down.map((op) => (op.kind === 'dropTable' ? op.table : op.kind)),
      ['dropIndex', 'post', 'con_user'],
    );
  });

  it('splits a foreign-key cycle between new tables into a separate createForeignKey', () => {
    const fkTo = (name: string, target: string) => ({
      name,
      columns: ['other'],
      referencedSchema: null,
      referencedTable: target,
      referencedColumns: ['id'],
      onDelete: 'no action' as const,
      onUpdate: 'no action' as const,
    });
    const cols = [column('id', types.integer, { nullable: false }), column('other', types.integer)];
    const pk = (name: string) => ({ name: `pk_${name}`, columns: ['id'] });
    const a = table('a', cols, { primaryKey: pk('a'), foreignKeys: [fkTo('fk_a_b', 'b')] });
    const b = table('b', cols, { primaryKey: pk('b'), foreignKeys: [fkTo('fk_b_a', 'a')] });
    assert.deepEqual(kinds(diff(EMPTY_SCHEMA, model([a, b]))), ['createTable', 'createTable', 'createForeignKey']);
    assert.deepEqual(kinds(diff(model([a, b]), EMPTY_SCHEMA)), ['dropConstraint', 'dropTable', 'dropTable']);
  });

  it('defers only the FK that closes a cycle: 29 tables around one 2-table cycle, one createForeignKey', () => {
    // workspace <-> x_account is the cycle; 27 tables hang off it in chains and fans, each referencing one or two
    // tables before it (names chosen so that name order and dependency order disagree).
    const fk = (owner: string, target: string, n: number) => ({
      name: `fk_${owner}_${n}_${target}`,
      columns: [`ref${n}`],
      referencedSchema: null,
      referencedTable: target,
      referencedColumns: ['id'],
      onDelete: 'no action' as const,
      onUpdate: 'no action' as const,
    });
    const make = (name: string, targets: readonly string[]) =>
      table(
        name,
        [column('id', types.integer, { nullable: false }), ...targets.map((_, n) => column(`ref${n}`, types.integer))],
        { primaryKey: { name: `pk_${name}`, columns: ['id'] }, foreignKeys: targets.map((t, n) => fk(name, t, n)) },
      );
    const tables = [make('workspace', ['x_account']), make('x_account', ['workspace'])];
    for (let i = 0; i < 27; i++) {
      const name = `t${String(26 - i).padStart(2, '0')}`;
      const earlier = tables.map((t) => t.name);
      tables.push(make(name, i % 3 === 0 ? ['x_account'] : [earlier[i] ?? 'workspace', earlier[i + 1] ?? 'x_account']));
    }
    assert.equal(tables.length, 29);
    const up = diff(EMPTY_SCHEMA, model(tables));
    assert.deepEqual(
      up
        .filter((op) => op.kind === 'createForeignKey')
        .map((op) => op.kind === 'createForeignKey' && op.foreignKey.name),
      ['fk_workspace_0_x_account'],
    );
    const down = diff(model(tables), EMPTY_SCHEMA);
    assert.equal(down.filter((op) => op.kind === 'dropConstraint').length, 1);
  });

  it('adds, drops and alters columns, filling existing', () => {
    const email = column('email', types.varchar(120));
    const to = withColumns(conUser, [
      column('id', types.integer, { nullable: false }),
      column('name', types.varchar(60), { nullable: false, default: { kind: 'literal', value: '' }, comment: 'shown' }),
      column('status', types.boolean),
      email,
    ]);
    const up = diff(model([conUser]), model([to]));
    assert.deepEqual(kinds(up), ['addColumn', 'alterColumn', 'dropColumn']);
    assert.deepEqual(up[1], {
      kind: 'alterColumn',
      schema: null,
      table: 'con_user',
      column: 'name',
      type: { from: types.varchar(30), to: types.varchar(60) },
      nullable: { from: true, to: false },
      default: { from: null, to: { kind: 'literal', value: '' } },
      comment: { from: null, to: 'shown' },
      existing: conUser.columns[1],
    });
    assert.deepEqual(up[2], {
      kind: 'dropColumn',
      schema: null,
      table: 'con_user',
      column: 'secretkey',
      existing: conUser.columns[2],
    });
  });

  it('detects autoIncrement changes', () => {
    const to = withColumns(
      post,
      post.columns.map((c) => (c.name === 'id' ? { ...c, autoIncrement: false } : c)),
    );
    const [op] = diff(model([conUser, post]), model([conUser, to]));
    assert.equal(op?.kind === 'alterColumn' && op.autoIncrement?.to, false);
  });

  it('drops an index before its column and re-creates a changed index', () => {
    const noUserIndex = withColumns(post, post.columns, { indexes: [] });
    const up = diff(
      model([conUser, noUserIndex]),
      model([conUser, { ...noUserIndex, columns: post.columns.slice(0, 1).concat(post.columns[2]!), foreignKeys: [] }]),
    );
    assert.deepEqual(kinds(up), ['dropConstraint', 'dropColumn']);
    const changed = { ...post, indexes: [{ ...post.indexes[0]!, unique: true }] };
    assert.deepEqual(kinds(diff(model([conUser, post]), model([conUser, changed]))), ['dropIndex', 'createIndex']);
  });

  it('compares uniques, foreign keys and primary keys by name and content', () => {
    const to: Table = {
      ...post,
      uniques: [{ name: 'uq_post_title', columns: ['title'] }],
      foreignKeys: [{ ...post.foreignKeys[0]!, onDelete: 'set null' }],
      primaryKey: { name: 'pk_post', columns: ['id', 'user_id'] },
    };
    const up = diff(model([conUser, post]), model([conUser, to]));
    assert.deepEqual(kinds(up), [
      'dropConstraint',
      'dropConstraint',
      'createPrimaryKey',
      'createUniqueConstraint',
      'createForeignKey',
    ]);
  });

  it('compares checks by name only', () => {
    const from = { ...conUser, checks: [{ name: 'ck_name', expression: 'length(name) > 0' }] };
    const respelled = { ...conUser, checks: [{ name: 'ck_name', expression: '(length((name)::text) > 0)' }] };
    assert.deepEqual(compareSchemas(model([from]), model([respelled])), []);
    assert.deepEqual(kinds(diff(model([from]), model([conUser]))), ['dropConstraint']);
    assert.deepEqual(kinds(diff(model([conUser]), model([from]))), ['createCheckConstraint']);
  });

  it('appends enum values with alterEnum and alters the columns of that type', () => {
    const person = (values: string[]) => table('person', [column('feeling', types.mood(values))]);
    const from = model([person(['happy', 'sad'])], [{ schema: null, name: 'mood', values: ['happy', 'sad'] }]);
    const to = model(
      [person(['happy', 'sad', 'meh'])],
      [{ schema: null, name: 'mood', values: ['happy', 'sad', 'meh'] }],
    );
    const up = diff(from, to);
    assert.deepEqual(kinds(up), ['alterEnum', 'alterColumn']);
    assert.deepEqual(up[0], {
      kind: 'alterEnum',
      schema: null,
      name: 'mood',
      addValues: ['meh'],
      existing: from.enums[0],
    });
    const reordered = model([person(['sad', 'happy'])], [{ schema: null, name: 'mood', values: ['sad', 'happy'] }]);
    const [change] = diff(from, reordered);
    assert.deepEqual(change && change.kind === 'alterEnum' && [change.removeValues, change.addValues], [
      ['happy', 'sad'],
      ['sad', 'happy'],
    ]);
  });

  it('creates enums before tables and drops them after', () => {
    const person = table('person', [column('feeling', types.mood())]);
    const withEnum = model([person], [{ schema: null, name: 'mood', values: ['happy', 'sad'] }]);
    assert.deepEqual(kinds(diff(EMPTY_SCHEMA, withEnum)), ['createEnum', 'createTable']);
    assert.deepEqual(kinds(diff(withEnum, EMPTY_SCHEMA)), ['dropTable', 'dropEnum']);
  });

  it('never guesses a rename: a renamed column is drop + add', () => {
    const renamed = withColumns(
      conUser,
      conUser.columns.map((c) => (c.name === 'name' ? { ...c, name: 'full_name' } : c)),
    );
    assert.deepEqual(kinds(diff(model([conUser]), model([renamed]))), ['addColumn', 'dropColumn']);
  });

  it('turns a drop+add pair into a rename when an injected resolver says so', () => {
    const renamed = withColumns(
      conUser,
      conUser.columns.map((c) => (c.name === 'name' ? { ...c, name: 'full_name', type: types.varchar(60) } : c)),
      { indexes: [{ name: 'ix_con_user_name', columns: ['full_name'], unique: false, where: null }] },
    );
    const from = { ...conUser, indexes: [{ name: 'ix_con_user_name', columns: ['name'], unique: false, where: null }] };
    const resolver: RenameResolver = {
      resolveColumns: ({ removed, added }) => {
        assert.deepEqual(
          removed.map((c) => c.name),
          ['name'],
        );
        assert.deepEqual(
          added.map((c) => c.name),
          ['full_name'],
        );
        return [{ from: 'name', to: 'full_name' }];
      },
    };
    const up = diff(model([from]), model([renamed]), resolver);
    assert.deepEqual(up, [
      {
        kind: 'alterColumn',
        schema: null,
        table: 'con_user',
        column: 'name',
        name: { from: 'name', to: 'full_name' },
        type: { from: types.varchar(30), to: types.varchar(60) },
        existing: conUser.columns[1],
      },
    ]);
  });

  it('orders a mixed change set by stage', () => {
    const fromPost = { ...post, indexes: [] };
    const comment = table(
      'comment',
      [column('id', types.integer, { nullable: false }), column('post_id', types.integer)],
      {
        foreignKeys: [
          { ...post.foreignKeys[0]!, name: 'fk_comment_post', columns: ['post_id'], referencedTable: 'post' },
        ],
      },
    );
    const to = model([
      withColumns(conUser, [...conUser.columns, column('email', types.text)]),
      { ...fromPost, foreignKeys: [] },
      comment,
    ]);
    const up = diff(model([conUser, fromPost]), to);
    assert.deepEqual(kinds(up), ['dropConstraint', 'addColumn', 'createTable']);
  });
});
