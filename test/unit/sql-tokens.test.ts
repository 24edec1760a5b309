import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { tokenize as mysqlTokenize } from '../../src/dialects/mysql/mysql-sql.js';
import { tokenize as postgresTokenize } from '../../src/dialects/postgres/postgres-expression.js';
import type { SqlTokenKind } from '../../src/dialects/sql-tokens.js';
import { tokenize as sqliteTokenize } from '../../src/dialects/sqlite/sqlite-sql-text.js';
import { propertyParameters } from '../support/property-settings.js';

interface Piece {
  readonly kind: SqlTokenKind;
  readonly text: string;
  /** The unquoted value (for ident and string); the text otherwise. */
  readonly value: string;
}

const piece = (kind: SqlTokenKind, text: string, value: string): Piece => ({ kind, text, value });

const name = fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/);
const content = fc.string({ unit: fc.constantFrom('a', 'b', ' ', "'", '"', '`', ']', '(', ',', '-', '/', '*', 'é') });

/** The pieces each dialect must read back one to one (its quotes, its escapes, its operators). */
const PIECES = {
  postgres: fc.oneof(
    name.map((w) => piece('word', w, w)),
    content.map((v) => piece('ident', `"${v.replaceAll('"', '""')}"`, v)),
    content.map((v) => piece('string', `'${v.replaceAll("'", "''")}'`, v)),
    fc.stringMatching(/^\d{1,4}(\.\d{1,3})?$/).map((n) => piece('number', n, n)),
    fc.constantFrom('::', '<>', '<=', '!~~*', '~~', '@>', '||', '=', '+').map((o) => piece('op', o, o)),
    fc.constantFrom('(', ')', ',', '[', ']', '.').map((p) => piece('punct', p, p)),
  ),
  mysql: fc.oneof(
    name.map((w) => piece('word', w, w)),
    content.map((v) => piece('ident', `\`${v.replaceAll('`', '``')}\``, v)),
    content.map((v) => piece('string', `'${v.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`, v)),
    content.map((v) => piece('string', `"${v.replaceAll('"', '\\"')}"`, v)),
    fc.stringMatching(/^\d{1,4}(\.\d{1,3})?$/).map((n) => piece('number', n, n)),
    fc.constantFrom('<=>', '<>', '!=', '&&', '=', '+', '%').map((o) => piece('op', o, o)),
    fc.constantFrom('(', ')', ',', '.').map((p) => piece('punct', p, p)),
  ),
  sqlite: fc.oneof(
    name.map((w) => piece('word', w, w)),
    content.map((v) => piece('ident', `"${v.replaceAll('"', '""')}"`, v)),
    content.filter((v) => !v.includes(']')).map((v) => piece('ident', `[${v}]`, v)),
    content.map((v) => piece('string', `'${v.replaceAll("'", "''")}'`, v)),
    fc.stringMatching(/^(\d{1,4}(\.\d{1,3})?|0x[0-9a-f]{1,4})$/).map((n) => piece('number', n, n)),
    fc.constantFrom('(', ')', ',', '<', '=', '-').map((p) => piece('punct', p, p)),
  ),
} as const satisfies Record<string, fc.Arbitrary<Piece>>;

const SEPARATORS = {
  postgres: fc.constantFrom(' ', '\n', ' -- note\n', ' /* note */ '),
  mysql: fc.constantFrom(' ', '\n', ' -- note\n', ' # note\n', ' /* note */ '),
  sqlite: fc.constantFrom(' ', '\n', ' -- note\n', ' /* note */ '),
};

/** Each dialect's tokenize, seen through the fields every token has. */
const TOKENIZERS = {
  postgres: (sql: string) => postgresTokenize(sql).map((t) => ({ kind: t.kind, text: t.text })),
  mysql: (sql: string) => mysqlTokenize(sql)?.map((t) => ({ kind: t.kind, value: t.value })) ?? null,
  sqlite: (sql: string) =>
    sqliteTokenize(sql).map((t) => ({ kind: t.kind, text: sql.slice(t.start, t.end), value: t.value })),
};

describe('the one SQL tokenizer, as each dialect configures it', () => {
  for (const dialect of ['postgres', 'mysql', 'sqlite'] as const) {
    it(`${dialect}: pieces joined by whitespace or comments read back one to one`, () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(PIECES[dialect], SEPARATORS[dialect]), { maxLength: 12 }), (parts) => {
          const sql = parts.map(([piece, separator]) => piece.text + separator).join('');
          const expected = parts.map(([piece]) =>
            dialect === 'postgres'
              ? { kind: piece.kind, text: piece.text }
              : dialect === 'mysql'
                ? { kind: piece.kind, value: piece.value }
                : piece,
          );
          assert.deepEqual(TOKENIZERS[dialect](sql), expected, sql);
        }),
        propertyParameters(300),
      );
    });
  }

  it('sqlite: every token is the text between its offsets, in order, never overlapping', () => {
    fc.assert(
      fc.property(fc.string(), (sql) => {
        let previous = 0;
        for (const token of sqliteTokenize(sql)) {
          assert.ok(token.start >= previous && token.end > token.start, sql);
          assert.equal(token.text, sql.slice(token.start, token.end));
          previous = token.end;
        }
      }),
      propertyParameters(300),
    );
  });

  it('postgres: E-strings, dollar quotes, casts and $n are its own', () => {
    assert.deepEqual(TOKENIZERS.postgres("E'a\\'b' || $$x'y$$ || $t$z$t$::text = $1"), [
      { kind: 'string', text: "E'a\\'b'" },
      { kind: 'op', text: '||' },
      { kind: 'string', text: "$$x'y$$" },
      { kind: 'op', text: '||' },
      { kind: 'string', text: '$t$z$t$' },
      { kind: 'op', text: '::' },
      { kind: 'word', text: 'text' },
      { kind: 'op', text: '=' },
      { kind: 'punct', text: '$' },
      { kind: 'number', text: '1' },
    ]);
  });

  it('mysql: backslash escapes, digit-led words, and null when a quote is left open', () => {
    assert.deepEqual(TOKENIZERS.mysql("'a\\nb\\%' 1e5 1.5 @v"), [
      { kind: 'string', value: 'a\nb\\%' },
      { kind: 'word', value: '1e5' },
      { kind: 'number', value: '1.5' },
      { kind: 'word', value: '@v' },
    ]);
    assert.equal(mysqlTokenize("'open"), null);
    assert.equal(mysqlTokenize('`open'), null);
  });

  it('sqlite: an unclosed quote runs to the end; ] is not doubled', () => {
    assert.deepEqual(
      sqliteTokenize("[a]] 'b").map((t) => [t.kind, t.value]),
      [
        ['ident', 'a'],
        ['punct', ']'],
        ['string', 'b'],
      ],
    );
  });
});
