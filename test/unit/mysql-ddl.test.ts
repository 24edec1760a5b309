import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompileContext } from '../../src/dialects/dialect.js';
import { parseServerVersion } from '../../src/dialects/mysql/mysql-adapter.js';
import { mysqlDialect as dialect } from '../../src/dialects/mysql/mysql-dialect.js';
import { canonicalExpression } from '../../src/dialects/mysql/mysql-expression.js';
import { parseEnumValues, parseStringLiteral, quoteString } from '../../src/dialects/mysql/mysql-sql.js';
import { parseColumnType } from '../../src/dialects/mysql/mysql-types.js';
import { OperationError } from '../../src/errors.js';
import type { Operation } from '../../src/operations/operation.js';
import type { Column, ColumnType, DefaultValue, Table } from '../../src/schema/model.js';
import { emptyTable } from '../../src/schema/model.js';
import { knownTables } from '../support/compile-context.js';

/** Compile-only: the SQL kiln writes for MySQL/MariaDB, without a server. */

function col(name: string, type: ColumnType, options: Partial<Omit<Column, 'name' | 'type'>> = {}): Column {
  return { name, type, nullable: true, default: null, autoIncrement: false, comment: null, ...options };
}

const lit = (value: string | number | boolean): DefaultValue => ({ kind: 'literal', value });

const post: Table = {
  ...emptyTable('post'),
  columns: [
    col('id', { kind: 'integer' }, { nullable: false, autoIncrement: true }),
    col('user_id', { kind: 'integer' }, { nullable: false }),
    col('title', { kind: 'varchar', length: 200 }, { nullable: false, default: lit(''), comment: 'headline' }),
  ],
  primaryKey: { name: 'pk_post', columns: ['id'] },
  uniques: [{ name: 'uq_post_title', columns: ['title'] }],
  indexes: [{ name: 'ix_post_title_id', columns: ['title', 'id'], unique: false, where: null }],
  foreignKeys: [
    {
      name: 'fk_post_user_id_con_user',
      columns: ['user_id'],
      referencedSchema: null,
      referencedTable: 'con_user',
      referencedColumns: ['id'],
      onDelete: 'cascade',
      onUpdate: 'no action',
    },
  ],
  checks: [{ name: 'ck_post_title', expression: 'length(title) > 0' }],
};

/** Offline context that knows `post` as the tracked model has it (no implicit FK index). */
function context(tables: readonly Table[] = [post]): CompileContext {
  return knownTables(tables);
}

async function compile(op: Operation, ctx: CompileContext = context()): Promise<string[]> {
  return dialect.compile(op, ctx);
}

async function typeSql(type: ColumnType): Promise<string> {
  const [sql] = await compile({ kind: 'addColumn', schema: null, table: 'x', column: col('c', type) });
  return (sql ?? '').replace('ALTER TABLE `x` ADD COLUMN `c` ', '').replace(/ NULL$/, '');
}

describe('mysql DDL: types', () => {
  const cases: [ColumnType, string][] = [
    [{ kind: 'integer' }, 'INT'],
    [{ kind: 'bigint' }, 'BIGINT'],
    [{ kind: 'smallint' }, 'SMALLINT'],
    [{ kind: 'varchar', length: 30 }, 'VARCHAR(30)'],
    [{ kind: 'varchar', length: null }, 'VARCHAR(255)'],
    [{ kind: 'char', length: 2 }, 'CHAR(2)'],
    [{ kind: 'text' }, 'TEXT'],
    [{ kind: 'boolean' }, 'TINYINT(1)'],
    [{ kind: 'date' }, 'DATE'],
    [{ kind: 'time' }, 'TIME'],
    [{ kind: 'timestamp', withTimezone: false }, 'DATETIME'],
    [{ kind: 'timestamp', withTimezone: true }, 'TIMESTAMP'],
    [{ kind: 'numeric', precision: 10, scale: 2 }, 'DECIMAL(10, 2)'],
    [{ kind: 'numeric', precision: 7, scale: null }, 'DECIMAL(7)'],
    [{ kind: 'numeric', precision: null, scale: null }, 'DECIMAL'],
    [{ kind: 'real' }, 'FLOAT'],
    [{ kind: 'double' }, 'DOUBLE'],
    [{ kind: 'json' }, 'JSON'],
    [{ kind: 'uuid' }, 'CHAR(36)'],
    [{ kind: 'binary' }, 'BLOB'],
    [{ kind: 'enum', name: 'mood', values: ['a', "it's", 'b\\c'], schema: null }, "ENUM('a', 'it''s', 'b\\\\c')"],
    [{ kind: 'raw', sql: 'MEDIUMTEXT' }, 'MEDIUMTEXT'],
  ];
  for (const [type, expected] of cases) {
    it(`${type.kind} → ${expected}`, async () => assert.equal(await typeSql(type), expected));
  }

  it('reads server spellings back', () => {
    assert.deepEqual(parseColumnType('int(11)'), { kind: 'integer' });
    assert.deepEqual(parseColumnType('int'), { kind: 'integer' });
    assert.deepEqual(parseColumnType('tinyint(1)'), { kind: 'boolean' });
    assert.deepEqual(parseColumnType('tinyint(4)'), { kind: 'tinyint' });
    assert.deepEqual(parseColumnType('bigint(20) unsigned'), { kind: 'bigint', unsigned: true });
    assert.deepEqual(parseColumnType('int(10) unsigned zerofill'), { kind: 'raw', sql: 'int unsigned zerofill' });
    assert.deepEqual(parseColumnType('decimal(10,0)'), { kind: 'numeric', precision: 10, scale: 0 });
    assert.deepEqual(parseColumnType('datetime'), { kind: 'timestamp', withTimezone: false });
    assert.deepEqual(parseColumnType('timestamp'), { kind: 'timestamp', withTimezone: true });
    assert.deepEqual(parseColumnType("enum('A','b''c')"), {
      kind: 'enum',
      name: null,
      values: ['A', "b'c"],
      schema: null,
    });
  });
});

describe('mysql DDL: quoting and literals', () => {
  it('escapes backslash and quote for the default sql_mode', () => {
    assert.equal(dialect.literal("a\\b'c"), "'a\\\\b''c'");
    assert.equal(dialect.literal('line\nbreak\0'), "'line\\nbreak\\0'");
    assert.equal(dialect.literal(true), '1');
    assert.equal(dialect.literal(null), 'NULL');
    assert.equal(dialect.literal(-1.5), '-1.5');
    assert.throws(() => dialect.literal(Number.NaN), OperationError);
    assert.equal(parseStringLiteral(quoteString("x\\'y''\\\\")), "x\\'y''\\\\");
    assert.equal(parseStringLiteral("'x\\'y'"), "x'y");
    assert.deepEqual(parseEnumValues("enum('a','b''c','d\\\\e')"), ['a', "b'c", 'd\\e']);
  });

  it('quotes identifiers with backticks', () => {
    assert.equal(dialect.quoteIdentifier('we`ird'), '`we``ird`');
  });

  it("writes a default with \\ and ' escaped, and parenthesised on TEXT", async () => {
    const tricky = "C:\\dir\\ it's";
    assert.deepEqual(
      await compile({
        kind: 'addColumn',
        schema: null,
        table: 'x',
        column: col('p', { kind: 'varchar', length: 40 }, { default: lit(tricky) }),
      }),
      ["ALTER TABLE `x` ADD COLUMN `p` VARCHAR(40) NULL DEFAULT 'C:\\\\dir\\\\ it''s'"],
    );
    assert.deepEqual(
      await compile({
        kind: 'addColumn',
        schema: null,
        table: 'x',
        column: col('t', { kind: 'text' }, { nullable: false, default: lit(tricky) }),
      }),
      ["ALTER TABLE `x` ADD COLUMN `t` TEXT NOT NULL DEFAULT ('C:\\\\dir\\\\ it''s')"],
    );
  });

  it('writes SQL defaults: CURRENT_TIMESTAMP bare, other expressions in parentheses', async () => {
    const add = async (type: ColumnType, sql: string) =>
      (
        await compile({
          kind: 'addColumn',
          schema: null,
          table: 'x',
          column: col('c', type, { default: { kind: 'sql', sql } }),
        })
      )[0];
    assert.equal(
      await add({ kind: 'timestamp', withTimezone: false }, 'CURRENT_TIMESTAMP'),
      'ALTER TABLE `x` ADD COLUMN `c` DATETIME NULL DEFAULT CURRENT_TIMESTAMP',
    );
    assert.equal(
      await add({ kind: 'uuid' }, 'uuid()'),
      'ALTER TABLE `x` ADD COLUMN `c` CHAR(36) NULL DEFAULT (uuid())',
    );
    assert.equal(await add({ kind: 'integer' }, '(1 + 1)'), 'ALTER TABLE `x` ADD COLUMN `c` INT NULL DEFAULT (1 + 1)');
    assert.equal(await add({ kind: 'integer' }, '0'), 'ALTER TABLE `x` ADD COLUMN `c` INT NULL DEFAULT 0');
    assert.equal(await add({ kind: 'boolean' }, 'TRUE'), 'ALTER TABLE `x` ADD COLUMN `c` TINYINT(1) NULL DEFAULT TRUE');
  });

  it('canonicalises expressions the way MariaDB echoes them', () => {
    const cols = new Set(['a', 'b', 'name']);
    assert.equal(
      canonicalExpression('LENGTH(name) != 0', cols),
      canonicalExpression('octet_length(`name`) <> 0', cols),
    );
    assert.equal(canonicalExpression('(a > 0) AND (b < 5)', cols), canonicalExpression('`a` > 0 and `b` < 5', cols));
    assert.equal(
      canonicalExpression('a % 2 = 0 AND b = TRUE', cols),
      canonicalExpression('`a` MOD 2 = 0 and `b` = 1', cols),
    );
    assert.equal(canonicalExpression("b IN ('x', 'it''s')", cols), canonicalExpression("`b` in ('x','it\\'s')", cols));
    // Grouping that changes meaning is kept.
    assert.notEqual(
      canonicalExpression('(a = 1 OR a = 2) AND b = 1', cols),
      canonicalExpression('a = 1 OR a = 2 AND b = 1', cols),
    );
    assert.equal(canonicalExpression('(a + 1) * 2', cols), '(`a` + 1) * 2');
  });

  it('detects the server flavour', () => {
    assert.deepEqual(parseServerVersion('10.11.19-MariaDB-0+deb12u1').flavour, 'mariadb');
    assert.deepEqual(parseServerVersion('5.5.5-10.6.3-MariaDB').version, [10, 6, 3]);
    assert.deepEqual(parseServerVersion('8.0.36'), { flavour: 'mysql', version: [8, 0, 36], versionText: '8.0.36' });
  });
});

describe('mysql DDL: operations', () => {
  it('createTable with AUTO_INCREMENT, inline comments, PK, unique, FK, check, table comment', async () => {
    assert.deepEqual(
      await compile({ kind: 'createTable', table: { ...post, indexes: [], comment: "it's \\ posts" } }),
      [
        'CREATE TABLE `post` (\n' +
          '  `id` INT NOT NULL AUTO_INCREMENT,\n' +
          '  `user_id` INT NOT NULL,\n' +
          "  `title` VARCHAR(200) NOT NULL DEFAULT '' COMMENT 'headline',\n" +
          '  PRIMARY KEY (`id`),\n' +
          '  CONSTRAINT `uq_post_title` UNIQUE (`title`),\n' +
          '  CONSTRAINT `fk_post_user_id_con_user` FOREIGN KEY (`user_id`) REFERENCES `con_user` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION,\n' +
          '  CONSTRAINT `ck_post_title` CHECK (length(title) > 0)\n' +
          ") COMMENT='it''s \\\\ posts'",
      ],
    );
  });

  it('table and column operations', async () => {
    const ref = { schema: null, table: 'post' } as const;
    assert.deepEqual(await compile({ kind: 'dropTable', ...ref, existing: null }), ['DROP TABLE `post`']);
    assert.deepEqual(await compile({ kind: 'renameTable', ...ref, newName: 'article' }), [
      'ALTER TABLE `post` RENAME TO `article`',
    ]);
    assert.deepEqual(await compile({ kind: 'dropColumn', ...ref, column: 'title', existing: null }), [
      'ALTER TABLE `post` DROP COLUMN `title`',
    ]);
    assert.deepEqual(
      await compile({
        kind: 'alterColumn',
        ...ref,
        column: 'title',
        existing: null,
        nullable: { from: false, to: true },
      }),
      ["ALTER TABLE `post` MODIFY COLUMN `title` VARCHAR(200) NULL DEFAULT '' COMMENT 'headline'"],
    );
    assert.deepEqual(
      await compile({
        kind: 'alterColumn',
        ...ref,
        column: 'title',
        existing: null,
        name: { from: 'title', to: 'headline' },
        type: { from: undefined, to: { kind: 'text' } },
        default: { from: undefined, to: null },
        comment: { from: undefined, to: null },
      }),
      ['ALTER TABLE `post` CHANGE COLUMN `title` `headline` TEXT NOT NULL'],
    );
  });

  it('alterColumn without a known column fails offline with a hint', async () => {
    await assert.rejects(
      compile({
        kind: 'alterColumn',
        schema: null,
        table: 'ghost',
        column: 'c',
        existing: null,
        nullable: { from: undefined, to: false },
      }),
      (e: unknown) =>
        e instanceof OperationError && e.code === 'operation.alter-column-unknown' && /ghost/.test(e.message),
    );
  });

  it('indexes and constraints', async () => {
    const ref = { schema: null, table: 'post' } as const;
    assert.deepEqual(
      await compile({
        kind: 'createIndex',
        ...ref,
        index: { name: 'ix_a', columns: ['a', 'b'], unique: true, where: null },
      }),
      ['CREATE UNIQUE INDEX `ix_a` ON `post` (`a`, `b`)'],
    );
    await assert.rejects(
      compile({ kind: 'createIndex', ...ref, index: { name: 'ix_p', columns: ['a'], unique: false, where: 'a > 0' } }),
      OperationError,
    );
    assert.deepEqual(await compile({ kind: 'dropIndex', ...ref, name: 'ix_a', existing: null }), [
      'DROP INDEX `ix_a` ON `post`',
    ]);
    assert.deepEqual(
      await compile({ kind: 'createUniqueConstraint', ...ref, constraint: { name: 'uq', columns: ['a'] } }),
      ['ALTER TABLE `post` ADD CONSTRAINT `uq` UNIQUE (`a`)'],
    );
    assert.deepEqual(
      await compile({ kind: 'createCheckConstraint', ...ref, check: { name: 'ck', expression: "a <> 'x'" } }),
      ["ALTER TABLE `post` ADD CONSTRAINT `ck` CHECK (a <> 'x')"],
    );
    assert.deepEqual(await compile({ kind: 'createPrimaryKey', ...ref, primaryKey: { name: 'pk', columns: ['id'] } }), [
      'ALTER TABLE `post` ADD PRIMARY KEY (`id`)',
    ]);
    assert.deepEqual(
      await compile({
        kind: 'createForeignKey',
        ...ref,
        foreignKey: {
          name: 'fk',
          columns: ['a'],
          referencedSchema: null,
          referencedTable: 'o',
          referencedColumns: ['id'],
          onDelete: 'set null',
          onUpdate: 'restrict',
        },
      }),
      [
        'ALTER TABLE `post` ADD CONSTRAINT `fk` FOREIGN KEY (`a`) REFERENCES `o` (`id`) ON DELETE SET NULL ON UPDATE RESTRICT',
      ],
    );
  });

  it('dropConstraint spells each kind, looking the kind up when not given', async () => {
    const drop = (name: string, type: 'unique' | 'check' | 'primaryKey' | 'foreignKey' | null) =>
      compile({ kind: 'dropConstraint', schema: null, table: 'post', name, type, existing: null });
    assert.deepEqual(await drop('uq_post_title', null), ['DROP INDEX `uq_post_title` ON `post`']);
    assert.deepEqual(await drop('ck_post_title', null), ['ALTER TABLE `post` DROP CONSTRAINT `ck_post_title`']);
    assert.deepEqual(await drop('pk_post', 'primaryKey'), ['ALTER TABLE `post` DROP PRIMARY KEY']);
    // No index covers user_id, so InnoDB made one named after the key: it goes too.
    assert.deepEqual(await drop('fk_post_user_id_con_user', null), [
      'ALTER TABLE `post` DROP FOREIGN KEY `fk_post_user_id_con_user`',
      'DROP INDEX `fk_post_user_id_con_user` ON `post`',
    ]);
    const covered: Table = {
      ...post,
      indexes: [{ name: 'ix_post_user_id', columns: ['user_id'], unique: false, where: null }],
    };
    assert.deepEqual(
      await compile(
        {
          kind: 'dropConstraint',
          schema: null,
          table: 'post',
          name: 'fk_post_user_id_con_user',
          type: 'foreignKey',
          existing: null,
        },
        context([covered]),
      ),
      ['ALTER TABLE `post` DROP FOREIGN KEY `fk_post_user_id_con_user`'],
    );
    await assert.rejects(
      drop('mystery', null),
      (e: unknown) => e instanceof OperationError && e.code === 'operation.constraint-kind',
    );
  });

  it('dropIndex of the only index a foreign key uses re-adds the key so InnoDB makes its own index', async () => {
    const served: Table = {
      ...post,
      indexes: [{ name: 'ix_post_user_id', columns: ['user_id'], unique: false, where: null }],
    };
    assert.deepEqual(
      await compile(
        { kind: 'dropIndex', schema: null, table: 'post', name: 'ix_post_user_id', existing: null },
        context([served]),
      ),
      [
        'ALTER TABLE `post` DROP FOREIGN KEY `fk_post_user_id_con_user`',
        'DROP INDEX `ix_post_user_id` ON `post`',
        'ALTER TABLE `post` ADD CONSTRAINT `fk_post_user_id_con_user` FOREIGN KEY (`user_id`) REFERENCES `con_user` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
      ],
    );
    assert.deepEqual(
      await compile({ kind: 'dropIndex', schema: null, table: 'post', name: 'ix_post_title_id', existing: null }),
      ['DROP INDEX `ix_post_title_id` ON `post`'],
    );
  });

  it('alterEnum modifies every column of the enum: by name, or (no names kept) by its list before', async () => {
    const inline = (name: string, values: string[]): ColumnType => ({ kind: 'enum', name, values, schema: null });
    const diary = {
      ...emptyTable('diary'),
      columns: [col('feeling', inline('mood', ['a'])), col('role', inline('diary_role', ['x']))],
    };
    const alter = { kind: 'alterEnum', schema: null, name: 'mood', addValues: ['b'] } as const;
    assert.deepEqual(await compile({ ...alter, existing: null }, context([diary])), [
      "ALTER TABLE `diary` MODIFY COLUMN `feeling` ENUM('a', 'b') NULL",
    ]);
    // As read back from the server: inline names only; the list before the change finds the columns.
    const live = {
      ...emptyTable('log'),
      columns: [
        col('was', inline('log_was', ['a']), { nullable: false, default: { kind: 'literal', value: 'a' } }),
        col('role', inline('log_role', ['x'])),
      ],
    };
    assert.deepEqual(
      await compile({ ...alter, existing: { schema: null, name: 'mood', values: ['a'] } }, context([live])),
      ["ALTER TABLE `log` MODIFY COLUMN `was` ENUM('a', 'b') NOT NULL DEFAULT 'a'"],
    );
    // Never silently nothing: an enum kiln cannot find is refused, saying what to write.
    await assert.rejects(compile({ ...alter, existing: null }, context([live])), (error: Error) => {
      assert.ok(error instanceof OperationError && error.code === 'operation.enum-unknown');
      assert.match(error.hint ?? '', /existingValues/);
      return true;
    });
  });

  it('createEnum and dropEnum compile to nothing; execute and bulkInsert', async () => {
    assert.deepEqual(await compile({ kind: 'createEnum', enum: { schema: null, name: 'mood', values: ['a'] } }), []);
    assert.deepEqual(await compile({ kind: 'dropEnum', schema: null, name: 'mood', existing: null }), []);
    assert.deepEqual(await compile({ kind: 'execute', sql: 'UPDATE t SET a = 1' }), ['UPDATE t SET a = 1']);
    assert.deepEqual(
      await compile({
        kind: 'bulkInsert',
        schema: null,
        table: 't',
        rows: [{ a: "x'\\", b: true }, { a: null, b: 2 }, {}],
      }),
      ["INSERT INTO `t` (`a`, `b`) VALUES\n  ('x''\\\\', 1),\n  (NULL, 2)", 'INSERT INTO `t` () VALUES ()'],
    );
  });
});

describe('mysql normalize', () => {
  it('maps the DSL spelling to what the server reads back, idempotently', () => {
    const model = dialect.normalize({
      tables: [
        {
          ...post,
          columns: [
            ...post.columns,
            col('u', { kind: 'uuid' }),
            col('ok', { kind: 'boolean' }, { default: { kind: 'sql', sql: 'TRUE' } }),
          ],
        },
      ],
      enums: [{ schema: null, name: 'mood', values: ['a'] }],
    });
    const t = model.tables[0];
    assert.equal(t?.primaryKey?.name, 'PRIMARY');
    assert.deepEqual(t?.columns.find((c) => c.name === 'u')?.type, { kind: 'char', length: 36 });
    assert.deepEqual(t?.columns.find((c) => c.name === 'ok')?.default, { kind: 'literal', value: true });
    // The index InnoDB makes for an uncovered foreign key comes and goes with the key: not listed.
    assert.deepEqual(
      t?.indexes.map((i) => i.name),
      ['ix_post_title_id'],
    );
    assert.deepEqual(t?.checks, [{ name: 'ck_post_title', expression: 'octet_length(`title`) > 0' }]);
    assert.deepEqual(model.enums, []);
    assert.deepEqual(dialect.normalize(model), model);
  });
});
