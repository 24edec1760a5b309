// biome-ignore-all lint/suspicious/noControlCharactersInRegex: terminal escape sequences are what these tests read
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fillCreateTable } from '../support/branch-flow.js';
import { CliProject, KILN_BIN } from '../support/cli-project.js';

/**
 * The built CLI in a real pseudo-terminal (util-linux `script`), as a person
 * runs it: colours and the live progress lines; the same commands through a
 * pipe print plain lines (the rest of the suite checks those).
 */
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const CONFIG = `export default { url: 'sqlite:./app.db', migrations: './migrations' };\n`;
const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

describe('kiln in a terminal (pseudo-terminal smoke test)', { skip: hasScript ? false : 'no script(1) here' }, () => {
  let project: CliProject;
  const inTerminal = (args: readonly string[], env: Record<string, string> = {}) => {
    const command = [process.execPath, KILN_BIN, ...args].map(quote).join(' ');
    const { NO_COLOR: _n, FORCE_COLOR: _f, ...rest } = process.env;
    const run = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: project.dir,
      encoding: 'utf8',
      env: { ...rest, DATABASE_URL: '', TERM: 'xterm-256color', ...env },
    });
    return { status: run.status, output: run.stdout.replaceAll('\r\n', '\n') };
  };

  before(() => {
    project = new CliProject({ 'kiln.config.mjs': CONFIG });
    project.ok(['init']);
    project.ok(['revision', '-m', 'create users', '--rev-id', 'users0001']);
    fillCreateTable(project, 'users0001', 't_user');
    project.ok(['revision', '-m', 'add post', '--rev-id', 'post00001']);
    fillCreateTable(project, 'post00001', 't_post');
  });
  after(() => project.remove());

  it('upgrade draws a live line per revision that ends with ✓ and its time, then a coloured summary', () => {
    const run = inTerminal(['upgrade']);
    assert.equal(run.status, 0, run.output);
    assert.match(
      run.output,
      /\r\x1b\[2K\x1b\[32m✓\x1b\[39m upgrade <base> -> \x1b\[33musers0001\x1b\[39m, create users \x1b\[2m\(\d+ ms\)/,
    );
    assert.match(run.output, /✓\x1b\[39m upgrade \x1b\[33musers0001\x1b\[39m -> \x1b\[33mpost00001\x1b\[39m, add post/);
    assert.match(run.output, /upgraded 2 revision\(s\) in \d+ ms: <base> -> \x1b\[32mpost00001\x1b\[39m\n$/);
    assert.doesNotMatch(run.output, /Running upgrade/);
  });

  it('history highlights revision ids; NO_COLOR turns the colours off', () => {
    assert.match(
      inTerminal(['history']).output,
      /\x1b\[33musers0001\x1b\[39m -> \x1b\[33mpost00001\x1b\[39m \(head\), add post/,
    );
    const plain = inTerminal(['history'], { NO_COLOR: '1' }).output;
    assert.equal(plain, 'users0001 -> post00001 (head), add post\n<base> -> users0001, create users\n');
  });

  it('an error is red with a dim hint', () => {
    const run = inTerminal(['show', 'nope']);
    assert.equal(run.status, 1);
    assert.match(
      run.output,
      /^\x1b\[1m\x1b\[31mkiln: error:\x1b\[39m\x1b\[22m no revision or branch 'nope'\n\x1b\[2m {2}hint: /,
    );
  });
});
