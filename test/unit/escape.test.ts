import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import ts from 'typescript';
import { scanMetadata } from '../../src/revisions/metadata-scanner.js';
import { createReporter } from '../../src/cli/output.js';
import { DatabaseError } from '../../src/errors.js';
import { sqlComment, terminalText, tsComment, tsString, tsTemplate } from '../../src/util/escape.js';
import { propertyParameters } from '../support/property-settings.js';

/** Pieces that have broken generated code before, or could: line ends, comment ends, quotes, substitutions. */
const HOSTILE_PIECES = [
  '\n',
  '\r',
  '\r\n',
  '\u2028',
  '\u2029',
  '\u0085',
  '\0',
  '\x1b',
  '\x7f',
  '*/',
  '/*',
  '//',
  '--',
  '\\',
  '\\n',
  '\\u2028',
  "'",
  '"',
  '`',
  '${',
  '}',
  '\u202e',
  '\ud800',
  '\udc00',
  '😀',
  'é',
  '0',
  'x',
  ' ',
];

/**
 * Any string: whole code points from all of Unicode, every UTF-16 code unit
 * (so unpaired surrogates too), every C0/C1 control, and the hostile pieces.
 */
const anyText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...HOSTILE_PIECES),
    fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)),
    fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});

const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

function parse(source: string): ts.SourceFile {
  return ts.createSourceFile('x.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

/** Syntax errors TypeScript reports for `source` (none for valid code). */
function syntaxErrors(source: string): string[] {
  const out = ts.transpileModule(source, {
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022 },
  });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** The one initializer of `export const v = <expr>;`, asserting the file is exactly that statement. */
function onlyInitializer(source: string): ts.Expression {
  const file = parse(source);
  assert.deepEqual(syntaxErrors(source), [], source);
  assert.equal(file.statements.length, 1, source);
  const statement = file.statements[0];
  assert.ok(statement !== undefined && ts.isVariableStatement(statement), source);
  const declarations = statement.declarationList.declarations;
  assert.equal(declarations.length, 1);
  const initializer = declarations[0]?.initializer;
  assert.ok(initializer !== undefined);
  return initializer;
}

/** Only `export const after = 1;` is code: whatever `prefix` holds stayed comment. */
function assertOnlyAfter(source: string): void {
  const file = parse(source);
  assert.deepEqual(syntaxErrors(source), [], source);
  assert.equal(file.statements.length, 1, source);
  assert.match(file.statements[0]?.getText(file) ?? '', /^export const after = 1;$/);
}

describe('tsString', () => {
  it('parses as exactly one string literal whose value is the input (property)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const literal = tsString(text);
        const initializer = onlyInitializer(`export const v = ${literal};\n`);
        assert.ok(ts.isStringLiteral(initializer), literal);
        assert.equal(initializer.text, text);
      }),
      propertyParameters(300),
    );
  });

  it('is one line, and neither ends a // comment nor closes a /* */ one (property)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const literal = tsString(text);
        assert.doesNotMatch(literal, LINE_TERMINATOR);
        assert.ok(!literal.includes('*/'), literal);
        assert.equal(Buffer.from(literal, 'utf8').toString('utf8'), literal, 'survives being saved as UTF-8');
        assertOnlyAfter(`// ${literal}\nexport const after = 1;\n`);
        assertOnlyAfter(`/** ${literal} */\nexport const after = 1;\n`);
      }),
      propertyParameters(300),
    );
  });

  it('reads back exactly through the metadata scanner, which does not run the file (property)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const source = `// ${tsString(text)}\nexport const message = ${tsString(text)};\nexport const revision = 'a1';\n`;
        const found = scanMetadata(source, 'x.ts', new Set(['message', 'revision']));
        assert.equal(found.get('message'), text);
        assert.equal(found.get('revision'), 'a1');
      }),
      propertyParameters(300),
    );
  });

  it('writes the escapes a reader expects', () => {
    assert.equal(tsString("it's"), `"it's"`);
    assert.equal(tsString(`a'b"c`), `'a\\'b"c'`);
    assert.equal(tsString('a\nb\r\u2028\u2029\0\x1b\\'), "'a\\nb\\r\\u2028\\u2029\\x00\\x1b\\\\'");
    assert.equal(tsString('*/'), "'*\\/'");
    assert.equal(tsString('\ud800x😀'), "'\\ud800x😀'");
  });
});

describe('tsTemplate', () => {
  it('parses as one tagged template without substitutions whose value is the input (property)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const template = `sql${tsTemplate(text)}`;
        assert.doesNotMatch(template, LINE_TERMINATOR);
        assert.equal(Buffer.from(template, 'utf8').toString('utf8'), template, 'survives being saved as UTF-8');
        const initializer = onlyInitializer(`export const v = ${template};\n`);
        assert.ok(ts.isTaggedTemplateExpression(initializer), template);
        assert.ok(ts.isNoSubstitutionTemplateLiteral(initializer.template), template);
        assert.equal(initializer.template.text, text);
      }),
      propertyParameters(300),
    );
  });

  it('escapes backticks, substitutions and line ends', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the `${` is the text a template must escape
    assert.equal(tsTemplate('a`b${c}\r\nd'), '`a\\`b\\${c}\\r\\nd`');
  });
});

describe('tsComment', () => {
  it('is one // line that neither ends early nor closes a block comment (property)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const comment = tsComment(text);
        assert.ok(comment.startsWith('// '), comment);
        assert.doesNotMatch(comment, LINE_TERMINATOR);
        assert.ok(!comment.includes('*/'), comment);
        assert.equal(Buffer.from(comment, 'utf8').toString('utf8'), comment, 'survives being saved as UTF-8');
        assertOnlyAfter(`${comment}\nexport const after = 1;\n`);
        assertOnlyAfter(`/* ${comment} */ export const after = 1;\n`);
        const ranges = ts.getLeadingCommentRanges(comment, 0) ?? [];
        assert.deepEqual(
          ranges.map((r) => [r.pos, r.end]),
          [[0, comment.length]],
        );
      }),
      propertyParameters(300),
    );
  });

  it('keeps plain text as it is, and shows the rest as escapes', () => {
    assert.equal(tsComment("data loss: dropping table it's é 😀"), "// data loss: dropping table it's é 😀");
    assert.equal(
      tsComment("junk\nawait op.execute('CREATE TABLE pwned (id INTEGER)');//"),
      "// junk\\nawait op.execute('CREATE TABLE pwned (id INTEGER)');//",
    );
    assert.equal(tsComment('a*/b\\c\u2028'), '// a*\\/b\\\\c\\u2028');
  });
});

/** What ends a `--` comment in psql (`\n`, `\r`), mariadb and sqlite3 (`\n`), plus anything a terminal or tool may treat as a line end. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what the test does
const SQL_LINE_END_OR_CONTROL = /[\x00-\x1f\x7f-\x9f\u2028\u2029]/;

describe('sqlComment', () => {
  it('is one -- line holding no line end nor control character (property)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const comment = sqlComment(text);
        assert.ok(comment.startsWith('-- '), comment);
        assert.doesNotMatch(comment, SQL_LINE_END_OR_CONTROL);
        assert.doesNotMatch(comment, /[\ud800-\udfff]/u, 'no unpaired surrogate (UTF-8 cannot hold one)');
      }),
      propertyParameters(300),
    );
  });

  it('keeps printable text as it is (property)', () => {
    const printable = fc
      .string({ unit: 'grapheme' })
      .filter((s) => !/[\\\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(s));
    fc.assert(
      fc.property(printable, (text) => assert.equal(sqlComment(text), `-- ${text}`)),
      propertyParameters(300),
    );
  });

  it('turns the psql comment break from issue 7 into a visible escape', () => {
    assert.equal(
      sqlComment('Running upgrade <base> -> a1, x\rDROP TABLE victim; -- '),
      '-- Running upgrade <base> -> a1, x\\rDROP TABLE victim; -- ',
    );
    assert.equal(sqlComment('a\\r\n\0\u2028'), '-- a\\\\r\\n\\x00\\u2028');
  });
});

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what the test does
const TERMINAL_ACTS_ON = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const SHOWN_BY_TERMINAL_TEXT =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what the test does
  /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what the test does
const RAW_HOSTILE = /[\x1b\r\x07\u202e]/;

describe('terminalText: what kiln prints for people', () => {
  it('keeps line feeds and tabs, shows every other character a terminal acts on, and changes nothing else', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const shown = terminalText(text);
        assert.doesNotMatch(shown, TERMINAL_ACTS_ON);
        assert.equal(shown.split('\n').length, text.split('\n').length, 'the same lines');
        if (!SHOWN_BY_TERMINAL_TEXT.test(text)) {
          assert.equal(shown, text);
        }
      }),
      propertyParameters(300),
    );
  });

  it('the reporter shows a hostile name on stderr and a terminal, and pipes stdout unchanged', () => {
    const run = (isTTY: boolean) => {
      let out = '';
      let err = '';
      const reporter = createReporter({
        stdout: { write: (text: string) => (out += text), isTTY },
        stderr: { write: (text: string) => (err += text) },
      });
      reporter.error(new DatabaseError('x', 'table "t\x1b[2J" is odd', { hint: 'rename \x1b]0;pwned\x07 it' }));
      reporter.warn('orphans in "c\rX"');
      reporter.error(new DatabaseError('y', 'no table junk\nawait op.execute(1);//'));
      reporter.info('Running upgrade a -> b, \u202emsg');
      reporter.result({ sql: "INSERT INTO t VALUES ('\x1b')" }, () => "INSERT INTO t VALUES ('\x1b');");
      return { out, err };
    };
    const piped = run(false);
    assert.doesNotMatch(piped.err, RAW_HOSTILE);
    assert.match(piped.err, /table "t\\x1b\[2J" is odd/);
    assert.match(piped.err, /orphans in "c\\rX"/);
    assert.match(piped.err, /^kiln: error: no table junk\\nawait op\.execute\(1\);\/\/$/m, 'one error, one line');
    assert.equal(piped.out, "INSERT INTO t VALUES ('\x1b');\n", 'piped output (--sql | psql) is exactly the SQL');
    assert.equal(run(true).out, "INSERT INTO t VALUES ('\\x1b');\n", 'on a terminal it is shown, not obeyed');
  });
});
