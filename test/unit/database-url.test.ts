import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createReporter } from '../../src/cli/output.js';
import { parseDatabaseUrl, passwordCandidates, redactUrl } from '../../src/config/database-url.js';
import { ConfigError, DatabaseError } from '../../src/errors.js';

const PASSWORD = 'Sekr1t';

/** The error parseDatabaseUrl throws; fails when it throws none or something else. */
function failure(url: string, source = '--url'): ConfigError {
  try {
    parseDatabaseUrl(url, source);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `a ConfigError, got ${String(error)}`);
    return error;
  }
  assert.fail(`'${url}' parsed`);
}

describe('parseDatabaseUrl', () => {
  it('decodes percent-encoded user, password and database, unicode included', () => {
    const options = parseDatabaseUrl(
      'postgres://us%40er:p%40ss%23w%3Ar%2Fd%3F%25@db.example:6543/my%20db?sslmode=require',
    );
    assert.deepEqual(
      { ...options },
      {
        scheme: 'postgres',
        host: 'db.example',
        port: 6543,
        user: 'us@er',
        password: 'p@ss#w:r/d?%',
        database: 'my db',
        params: { sslmode: 'require' },
      },
    );
    assert.equal(parseDatabaseUrl('mysql://root:pässwörd-密码@h/app').password, 'pässwörd-密码');
    assert.equal(parseDatabaseUrl(`mysql://root:${encodeURIComponent('pässwörd')}@h/app`).password, 'pässwörd');
  });

  it('takes an unencoded @ or : in the password (the last @ ends it, as WHATWG URLs do)', () => {
    assert.equal(parseDatabaseUrl('mysql://root:a@b@h/app').password, 'a@b');
    assert.equal(parseDatabaseUrl('mysql://root:a:b@h/app').password, 'a:b');
  });

  const broken: readonly [string, RegExp][] = [
    [`postgres://u:${PASSWORD}#x@h/db`, /unencoded '\/', '\?' or '#'/],
    [`postgres://u:${PASSWORD}?x@h/db`, /unencoded/],
    [`postgres://u:${PASSWORD}/x@h/db`, /unencoded/],
    [`postgres://u:${PASSWORD}%zz@h/db`, /its password holds a malformed %-escape/],
    [`postgres://u%zz:${PASSWORD}@h/db`, /its user name holds a malformed %-escape/],
    [`postgres:u:${PASSWORD}@h/db`, /has no '\/\/' after 'postgres:'/],
    [`u:${PASSWORD}@h/db`, /unsupported scheme 'u:'/],
    [`//u:${PASSWORD}@h/db`, /has no scheme/],
    [`postgres://u:${PASSWORD}@h:99999/db`, /is not a valid URL/],
    [`postgres://u:${PASSWORD}@h`, /\(postgres:\/\/u@h\/\) names no database/],
    [`sqlite://u:${PASSWORD}@h/app.db`, /gives SQLite a user or password/],
    ['', /has no scheme/],
    ['postgres:', /has no '\/\/'/],
    ['sqlite:', /names no SQLite file/],
    ['sqlite:./app.db?busy_timeout=abc', /sets busy_timeout to 'abc', not a number of milliseconds/],
    ['sqlite:./app.db?busy_timout=500', /has an unknown SQLite parameter: 'busy_timout'/],
  ];
  for (const [url, reason] of broken) {
    it(`refuses '${url}' without quoting it, naming where it came from`, () => {
      const error = failure(url, 'DATABASE_URL');
      assert.match(error.message, /^the database URL from DATABASE_URL/);
      assert.match(error.message, reason);
      assert.doesNotMatch(`${error.message} ${error.hint}`, new RegExp(PASSWORD));
    });
  }

  it('redactUrl never shows a password, parsed or not', () => {
    assert.equal(redactUrl(`postgres://u:${PASSWORD}@h:5/db`), 'postgres://u@h:5/db');
    assert.equal(redactUrl(`postgres://u:${PASSWORD}#x@h/db`), 'postgres:…');
    assert.equal(redactUrl(`//u:${PASSWORD}@h/db`), '…');
    assert.equal(redactUrl('sqlite:./app.db'), 'sqlite:./app.db');
  });
});

describe('passwordCandidates', () => {
  it('finds the password in every shape, in every printed form', () => {
    for (const url of [
      `postgres://u:${PASSWORD}#x@h/db`,
      `postgres:u:${PASSWORD}@h/db`,
      `u:${PASSWORD}@h/db`,
      `//u:${PASSWORD}@h/db`,
      `mysql://u:${PASSWORD}@x@h/db`,
      `postgres://u:${PASSWORD}%zz@h/db`,
    ]) {
      assert.ok(
        passwordCandidates(url).some((c) => c.includes(PASSWORD) && c.length <= `${PASSWORD}%zz`.length + 2),
        url,
      );
    }
    const forms = passwordCandidates('postgres://u:p%C3%A4ss%22w@h/db');
    for (const form of ['p%C3%A4ss%22w', 'päss"w', 'päss\\"w']) assert.ok(forms.includes(form), form);
  });

  it('finds nothing where there is no password (so user names and hosts stay readable)', () => {
    assert.deepEqual(passwordCandidates('postgres://postgres@h/db'), []);
    assert.deepEqual(passwordCandidates('mysql://root@127.0.0.1:3306/mysql'), []);
    assert.deepEqual(passwordCandidates('sqlite:./app.db'), []);
  });
});

describe('the CLI reporter', () => {
  it('scrubs a protected password from errors (--json too), progress and raw text', () => {
    let out = '';
    let err = '';
    const reporter = createReporter({
      stdout: { write: (text: string) => (out += text) },
      stderr: { write: (text: string) => (err += text) },
    });
    reporter.protect(`postgres://u:${PASSWORD}%21@h/db`);
    reporter.error(new DatabaseError('x', `server said: bad password ${PASSWORD}!`, { hint: `not ${PASSWORD}%21` }));
    reporter.error(new Error(`a bug near ${PASSWORD}!`));
    reporter.setJson(true);
    reporter.error(new DatabaseError('x', `refused ${PASSWORD}!`, { hint: `not ${PASSWORD}%21` }));
    reporter.info(`progress ${PASSWORD}!`);
    reporter.warn(`warned ${PASSWORD}!`);
    reporter.raw('stderr', `usage ${PASSWORD}!`);
    assert.doesNotMatch(out + err, new RegExp(PASSWORD));
    assert.match(err, /server said: bad password \*\*\*/);
    assert.match(out, /"message": "refused \*\*\*"/);
  });

  it('leaves results as made: a password that is also a word does not garble them', () => {
    let out = '';
    const reporter = createReporter({
      stdout: { write: (text: string) => (out += text) },
      stderr: { write: () => undefined },
    });
    reporter.protect('postgres://postgres:revision@h/db');
    reporter.result({}, () => 'a8ebb51879bd (head), add revision table');
    reporter.setJson(true);
    reporter.result({ revision: 'a8ebb51879bd' }, () => '');
    assert.match(out, /add revision table/);
    assert.match(out, /"revision": "a8ebb51879bd"/);
  });
});
