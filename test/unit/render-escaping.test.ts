import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { DEFAULT_REVISION_TEMPLATE, renderRevisionSource } from '../../src/autogenerate/render-revision.js';
import { init } from '../../src/commands/init.js';
import type { Operation } from '../../src/operations/operation.js';
import { renderOperations } from '../../src/operations/render.js';
import { scanMetadata } from '../../src/revisions/metadata-scanner.js';
import { OfflineTarget } from '../../src/runtime/statement-target.js';
import { column, types } from '../support/model-fixtures.js';
import { assertRevisionShape } from '../support/revision-ast.js';

/**
 * Issue 7: text from a database or a command line (names, comments, revision
 * messages, folder names) written into generated TypeScript and offline SQL
 * stays data. The escaping functions are fuzzed in escape.test.ts; these are
 * the writers that use them.
 */

const users = { schema: null, table: 'con_user' };

function syntaxErrors(source: string): string[] {
  const out = ts.transpileModule(source, {
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022 },
  });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** Every statement of `source` as TypeScript parses it, each line comment's text, and syntax errors. */
function statementsOf(source: string): { statements: string[]; comments: string[]; errors: string[] } {
  const file = ts.createSourceFile('x.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const comments: string[] = [];
  ts.forEachChild(file, function visit(node) {
    for (const range of ts.getLeadingCommentRanges(source, node.getFullStart()) ?? []) {
      comments.push(source.slice(range.pos, range.end));
    }
    ts.forEachChild(node, visit);
  });
  return {
    statements: file.statements.map((s) => s.getText(file)),
    comments: [...new Set(comments)],
    errors: syntaxErrors(source),
  };
}

describe('rendering names read from a database (issue 7)', () => {
  const hostile = "junk\nawait op.execute('CREATE TABLE pwned (id INTEGER)');//";

  it('keeps a table name holding a newline and code inside the data-loss comment', () => {
    const code = renderOperations([{ kind: 'dropTable', schema: null, table: hostile, existing: null }], '');
    const parsed = statementsOf(code);
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.statements, [
      `await op.dropTable("junk\\nawait op.execute('CREATE TABLE pwned (id INTEGER)');//");`,
    ]);
    assert.deepEqual(parsed.comments, [
      "// data loss: dropping table junk\\nawait op.execute('CREATE TABLE pwned (id INTEGER)');// discards its rows",
    ]);
  });

  it('keeps every line end and comment end out of column, enum and restore comments', () => {
    const names = ['a\rb', 'a\u2028b', 'a\u2029b', 'a*/b', 'a\\', 'a\r\nb'];
    for (const name of names) {
      const ops: Operation[] = [
        { kind: 'dropColumn', ...users, column: name, existing: null },
        { kind: 'alterEnum', schema: null, name, addValues: [], removeValues: [name], existing: null },
        { kind: 'addColumn', ...users, column: column(name, types.text) },
      ];
      const code = renderOperations(ops, '  ', { restoresDropped: true });
      const parsed = statementsOf(code);
      assert.deepEqual(parsed.errors, [], code);
      assert.equal(parsed.statements.length, 3, code);
      assert.ok(
        parsed.statements.every((s) => s.startsWith('await op.')),
        code,
      );
      assert.equal(code.split('\n').length, 6, `one comment line above each statement:\n${code}`);
    }
  });

  it('indents a multi-line SQL template without changing its value', () => {
    const sql = 'SELECT 1;\nSELECT 2';
    const code = renderOperations([{ kind: 'execute', sql }], '    ');
    const file = ts.createSourceFile('x.ts', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    let text: string | undefined;
    ts.forEachChild(file, function visit(node) {
      if (ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
      ts.forEachChild(node, visit);
    });
    assert.equal(text, sql);
  });
});

/** Every character class that has ended a comment or a literal somewhere. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: the `${` is hostile text, not a placeholder
const HOSTILE_MESSAGE = 'm\r\n\u2028\u2029\u0085\0\x1b*/ /* -- // \'"`${x}\\ \\u2028 \ud800 😀 end';

describe('revision templates with the message in comments', () => {
  it('keeps a hostile message inside // and /* */ header comments and reads it back', () => {
    const template = `/**\n * {{message}}\n */\n// {{message}}\n/* {{message}} */\n${DEFAULT_REVISION_TEMPLATE}`;
    const source = renderRevisionSource(template, {
      revision: 'a1b2c3d4e5f6',
      downRevision: null,
      branchLabels: [],
      dependsOn: [],
      message: HOSTILE_MESSAGE,
      createDate: '2026-01-01T00:00:00.000Z',
      upgradeOps: [{ kind: 'dropTable', schema: null, table: HOSTILE_MESSAGE, existing: null }],
      downgradeOps: [],
      autogenerate: true,
    });
    const shape = assertRevisionShape(source);
    assert.equal(shape.metadata.get('message'), HOSTILE_MESSAGE);
    assert.deepEqual(shape.upgradeOps, ['dropTable']);
    assert.equal(scanMetadata(source, 'x.ts', new Set(['message'])).get('message'), HOSTILE_MESSAGE);
  });
});

describe('metadata scanner and line terminators', () => {
  it('ends a // comment at CR, U+2028 and U+2029 as JavaScript does', () => {
    for (const end of ['\r', '\u2028', '\u2029']) {
      const source = `// note${end}export const message = 'seen';\n`;
      assert.equal(scanMetadata(source, 'x.ts', new Set(['message'])).get('message'), 'seen', JSON.stringify(end));
    }
  });
});

describe('offline SQL comments', () => {
  it('writes a step title holding CR, LF and separators as one -- line', () => {
    const target = new OfflineTarget();
    target.comment('Running upgrade <base> -> a1, x\rDROP TABLE victim; -- \nDROP TABLE victim;\u2028');
    assert.equal(
      target.text(),
      '-- Running upgrade <base> -> a1, x\\rDROP TABLE victim; -- \\nDROP TABLE victim;\\u2028\n',
    );
  });
});

describe('kiln init', () => {
  it('writes a migrations folder name with quotes and $ patterns as a string literal', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kiln-init-'));
    try {
      const directory = "m'); process.exit(7); ('$&$'";
      const result = await init({ cwd, directory });
      const source = readFileSync(result.configFile, 'utf8');
      const file = ts.createSourceFile('kiln.config.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
      assert.deepEqual(syntaxErrors(source), []);
      assert.deepEqual(
        file.statements.map((s) => ts.SyntaxKind[s.kind]),
        ['ImportDeclaration', 'ExportAssignment'],
      );
      let migrations: string | undefined;
      ts.forEachChild(file, function visit(node) {
        if (
          ts.isPropertyAssignment(node) &&
          node.name.getText(file) === 'migrations' &&
          ts.isStringLiteral(node.initializer)
        ) {
          migrations = node.initializer.text;
        }
        ts.forEachChild(node, visit);
      });
      assert.equal(migrations, `./${directory}`);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
