import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pull, revision } from 'kiln';
import ts from 'typescript';
import { KilnProject } from './project.js';
import { schemaModule } from './round-trip-schemas.js';

/**
 * `tsc --noEmit` under strict settings (kiln's own) on the project's pulled
 * module(s), which import 'kiln' from the project's node_modules (the
 * built `dist/` types).
 */
export function assertCompiles(project: KilnProject, files: readonly string[]): void {
  writeFileSync(
    join(project.dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noUncheckedIndexedAccess: true,
        noImplicitOverride: true,
        noEmit: true,
        skipLibCheck: true,
      },
      files,
    }),
  );
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project.dir, encoding: 'utf8' });
  assert.equal(run.status, 0, `tsc reported:\n${run.stdout}${run.stderr}`);
}

/** Points the project's config at `schema` (a path relative to the project). */
export function useSchema(project: KilnProject, schema: string): void {
  writeFileSync(
    join(project.dir, 'kiln.config.mjs'),
    `export default { url: ${JSON.stringify(project.database.url)}, schema: ${JSON.stringify(schema)}, migrations: './migrations' };\n`,
  );
}

/** Asserts `kiln check` is clean and `kiln migrate` finds nothing to write. */
export async function assertInSync(project: KilnProject, when: string): Promise<void> {
  await project.assertClean(when);
  const result = await revision(await project.config(), { message: 'nothing', autogenerate: true });
  assert.equal(result.path, null, `migrate wrote a revision ${when}: ${result.changes.join('; ')}`);
}

/**
 * The pull round trip on one corpus schema: the database built by kiln from
 * the model → `pull` (one file, then `--split`) → the config pointed at the
 * pulled module: `check` clean, `migrate` writes nothing, strict `tsc`
 * compiles it; and the pulled module builds the same database in a fresh one.
 */
export function pullRoundTrip(title: string, body: string, schemas: readonly string[] = []): void {
  describe(title, () => {
    let project: KilnProject;
    let pulled = '';
    before(async () => {
      project = await KilnProject.create();
      project.schemas = schemas;
      project.writeSchema(schemaModule(body));
      await project.migrate('init');
      await project.upgrade();
      await project.assertClean('before the pull');
    });
    after(() => project.remove());

    it('pull writes one module; check is clean on it and migrate writes nothing', async () => {
      const result = await pull(await project.config(), { out: 'pulled/schema.ts', cwd: project.dir });
      assert.equal(result.tables, (await project.schema()).tables.length);
      pulled = readFileSync(join(project.dir, 'pulled', 'schema.ts'), 'utf8');
      useSchema(project, './pulled/schema.ts');
      await assertInSync(project, 'on the pulled module');
    });

    it('the pulled module compiles under strict tsc', () => {
      assertCompiles(project, ['pulled/schema.ts']);
    });

    it('pull --split writes one file per table; check is clean on its index, tsc compiles it', async () => {
      const result = await pull(await project.config(), { split: 'split', cwd: project.dir });
      assert.ok(result.files.length > result.tables, 'one file per table plus the index');
      assert.match(result.schema, /split[/\\]index\.ts$/);
      useSchema(project, './split/index.ts');
      await assertInSync(project, 'on the split module');
      assertCompiles(project, ['split/index.ts']);
    });

    it('the pulled module builds the same database in a fresh one', async () => {
      assert.notEqual(pulled, '', 'the pull step did not run');
      const fresh = await KilnProject.create();
      try {
        fresh.schemas = schemas;
        fresh.writeSchema(pulled);
        await fresh.migrate('from the pulled module');
        await fresh.upgrade();
        await fresh.assertClean('after building from the pulled module');
        assert.deepEqual(await fresh.schema(), await project.schema());
      } finally {
        await fresh.remove();
      }
    });
  });
}

/**
 * Pull of a database built by hand-written SQL (not by kiln), into the
 * config's schema module: check clean, migrate writes nothing, strict tsc
 * compiles it, the source spells each feature as `expected` says, and the
 * module builds the same database in a fresh one.
 */
export function pullHandBuilt(
  title: string,
  statements: readonly string[],
  expected: readonly RegExp[],
  schemas: readonly string[] = [],
): void {
  describe(title, () => {
    let project: KilnProject;
    let source = '';
    before(async () => {
      project = await KilnProject.create();
      project.schemas = schemas;
      for (const statement of statements) await project.execute(statement);
    });
    after(() => project.remove());

    it("pull writes the config's schema module; check is clean and migrate writes nothing", async () => {
      const result = await pull(await project.config(), { cwd: project.dir });
      assert.deepEqual(
        result.files,
        [join(project.dir, 'schema.ts')].map((file) => shownPathOf(file)),
      );
      source = readFileSync(join(project.dir, 'schema.ts'), 'utf8');
      await assertInSync(project, 'on the module pulled from a hand-built database');
    });

    it('the module spells every feature, and compiles under strict tsc', () => {
      for (const pattern of expected) assert.match(source, pattern);
      assertCompiles(project, ['schema.ts']);
    });

    it('the module builds the same database in a fresh one', async () => {
      const fresh = await KilnProject.create();
      try {
        fresh.schemas = schemas;
        fresh.writeSchema(source);
        await fresh.migrate('from the pulled module');
        await fresh.upgrade();
        await fresh.assertClean('after building from the pulled module');
        assert.deepEqual(await fresh.schema(), await project.schema());
      } finally {
        await fresh.remove();
      }
    });
  });
}

/** A path as kiln's results show it (relative to the working directory when below it). */
function shownPathOf(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

/**
 * Asserts a pulled module is only data: one `import { … } from 'kiln'`, then
 * `export const` declarations; every identifier it uses (outside property
 * names) is an imported DSL name, a constant it declares, or the extras
 * callback's `t`; every template is a `sql` tag; no comment but the header.
 * So no name from the database can have become code.
 */
export function assertSchemaModuleShape(source: string): void {
  const file = ts.createSourceFile('pulled.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const [first, ...rest] = file.statements;
  assert.ok(first !== undefined && ts.isImportDeclaration(first), 'starts with the import');
  assert.equal((first.moduleSpecifier as ts.StringLiteral).text, 'kiln');
  const allowed = new Set(['t']);
  const bindings = first.importClause?.namedBindings;
  assert.ok(bindings !== undefined && ts.isNamedImports(bindings));
  for (const element of bindings.elements) allowed.add(element.name.text);
  for (const statement of rest) {
    assert.ok(ts.isVariableStatement(statement), `only declarations: ${statement.getText().slice(0, 80)}`);
    assert.ok(
      statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword),
      'exported',
    );
    for (const declaration of statement.declarationList.declarations) {
      assert.ok(ts.isIdentifier(declaration.name));
      allowed.add(declaration.name.text);
    }
  }
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const propertyName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isPropertyAssignment(parent) && parent.name === node);
      if (!propertyName) assert.ok(allowed.has(node.text), `unexpected identifier ${node.text}`);
    }
    if (ts.isTaggedTemplateExpression(node)) assert.equal(node.tag.getText(), 'sql');
    if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      assert.ok(ts.isTaggedTemplateExpression(node.parent), 'a template outside sql``');
      assert.ok(ts.isNoSubstitutionTemplateLiteral(node), 'a template with a substitution');
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  const comments = source.split('\n').filter((line) => /^\s*\/\//.test(line));
  assert.equal(comments.length, 2, 'only the two header lines are comments');
  assert.ok(
    !/\/\*/.test(
      source.replace(/'[^'\\\n]*(?:\\.[^'\\\n]*)*'|"[^"\\\n]*(?:\\.[^"\\\n]*)*"|`[^`\\]*(?:\\.[^`\\]*)*`/g, ''),
    ),
    'no block comment',
  );
}
