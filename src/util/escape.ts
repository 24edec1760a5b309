/**
 * The one place where text from outside kiln (table, column, index and
 * constraint names read from a database, comments, defaults, enum values,
 * revision messages) is written into a file or script that something later
 * parses: generated TypeScript (string literals, `sql` templates, `//`
 * comments) and offline SQL (`--` comments). Each output language has one
 * function here and every writer goes through it: a name holding a newline
 * must not end a comment and start code (issue 7).
 *
 * All of them write a character they escape in the same visible notation
 * (`\n`, `\r`, `\t`, `\x1b`, `\u2028`, `\\`), so a reader sees what the
 * database holds.
 */

/**
 * Characters no generated text holds raw:
 * - C0 controls, DEL and C1 controls (U+0085 NEL ends a line for some tools);
 * - U+2028/U+2029, which end a line (and a `//` comment) in JavaScript;
 * - bidirectional formatting marks, which make code read differently from
 *   how it parses ("Trojan Source", CVE-2021-42574);
 * - unpaired surrogates, which UTF-8 cannot hold: written raw they would be
 *   saved as U+FFFD and read back changed.
 * The patterns use the `u` flag, under which only an unpaired surrogate
 * matches `\ud800-\udfff`.
 */
const UNSAFE = '\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069\\ud800-\\udfff';

const NAMED: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
  '\v': '\\v',
  // Not `\0`: followed by a digit it would read as a (forbidden) octal escape.
  '\0': '\\x00',
};

/** One character as a JavaScript escape sequence, which every output here also uses as its visible notation. */
function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

// `*/` is written `*\/` (the same value) so that a literal or comment text
// placed inside a `/* … */` comment (a project's own revision template may
// do so) cannot close it.
const STRING_BODY = {
  "'": new RegExp(`[\\\\'${UNSAFE}]|\\*/`, 'gu'),
  '"': new RegExp(`[\\\\"${UNSAFE}]|\\*/`, 'gu'),
};
// Line feeds are escaped in templates too: a raw one would put the next
// line of the value where `indentLines` adds the function body's indent (and
// a raw CR would be read back as LF).
const TEMPLATE_BODY = new RegExp(`[\\\\\`${UNSAFE}]|\\$\\{|\\*/`, 'gu');
const COMMENT_TEXT = new RegExp(`[\\\\${UNSAFE}]|\\*/`, 'gu');
const SQL_COMMENT_TEXT = new RegExp(`[\\\\${UNSAFE}]`, 'gu');

function escapeMatch(match: string): string {
  if (match === '*/') return '*\\/';
  if (match === '${') return '\\${';
  if (match === "'" || match === '"' || match === '`') return `\\${match}`;
  return escapeChar(match);
}

/**
 * A TypeScript string literal whose value is exactly `text`, on one line:
 * single-quoted unless the text holds single quotes and no double ones (SQL
 * text often does). Backslashes, the quote, control characters, line and
 * paragraph separators, bidi marks and unpaired surrogates are escaped, and
 * `*` `/` is written `*\/`.
 *
 * @example tsString("it's") // "\"it's\""
 * @example tsString('a\nb') // "'a\\nb'"
 */
export function tsString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  return `${quote}${text.replace(STRING_BODY[quote], escapeMatch)}${quote}`;
}

/**
 * A TypeScript template literal (no substitutions) whose cooked value is
 * exactly `text`, on one line: everything `tsString` escapes is escaped, and
 * so are backticks and `${`.
 *
 * @example tsTemplate('a`b\nc') // '`a\\`b\\nc`'
 */
export function tsTemplate(text: string): string {
  return `\`${text.replace(TEMPLATE_BODY, escapeMatch)}\``;
}

/**
 * A TypeScript `//` comment line saying `text`. It cannot end early nor close
 * an enclosing block comment: line terminators and the other characters
 * `tsString` escapes are written as escapes (`\n`, `\u2028`), backslashes as
 * `\\`, and `*` `/` as `*\/`.
 *
 * @example tsComment('data loss: dropping table a\nb') // '// data loss: dropping table a\\nb'
 */
export function tsComment(text: string): string {
  return `// ${text.replace(COMMENT_TEXT, escapeMatch)}`;
}

/**
 * A SQL `-- ` comment line saying `text`, for scripts fed to `psql`,
 * `mariadb`/`mysql` and `sqlite3`. psql ends a `--` comment at `\r` as well
 * as `\n`, so every control character (and U+2028/U+2029, NEL, bidi marks)
 * is written as a visible escape, backslashes as `\\`: the line holds no
 * character any of them ends a comment at.
 *
 * @example sqlComment('Running upgrade a -> b, x\rDROP TABLE t') // '-- Running upgrade a -> b, x\\rDROP TABLE t'
 */
export function sqlComment(text: string): string {
  return `-- ${text.replace(SQL_COMMENT_TEXT, escapeMatch)}`;
}

// Line feeds and tabs are how kiln lays out its own output; every other
// character a terminal acts on (ESC starts a control sequence that can
// rewrite the screen or the window title) is shown, not obeyed.
const TERMINAL_TEXT = new RegExp(`[${UNSAFE.replace('\\x00-\\x1f', '\\x00-\\x08\\x0b-\\x1f')}]`, 'gu');

/**
 * Text for a terminal, as `kiln` prints messages, progress and results:
 * names and messages read from a database or a revision file cannot move
 * the cursor, clear the screen or reorder what is shown. Control characters
 * but line feed and tab, line and paragraph separators, bidi marks and
 * unpaired surrogates are written as visible escapes; backslashes stay as
 * they are (nothing parses this text).
 *
 * @example terminalText('table t\x1b[2J') // 'table t\\x1b[2J'
 */
export function terminalText(text: string): string {
  return text.replace(TERMINAL_TEXT, escapeChar);
}

const TERMINAL_LINE = new RegExp(`[${UNSAFE.replace('\\x00-\\x1f', '\\x00-\\x08\\x0a-\\x1f')}]`, 'gu');

/**
 * One value (a name, a revision message, a database's error text) on a line
 * kiln prints: as `terminalText`, and a line feed is shown as `\n` too, so a
 * value can neither move the cursor nor start a line that looks like kiln's.
 *
 * @example terminalLine('drop table evil\r\nDROP TABLE orgs') // 'drop table evil\\r\\nDROP TABLE orgs'
 */
export function terminalLine(text: string): string {
  return text.replace(TERMINAL_LINE, escapeChar);
}

// What a Mermaid label may hold raw: letters, digits, space and punctuation with no meaning inside a
// quoted label. Everything else of ASCII (`"` ends the label, `#` starts an entity, `<` `>` `&` are
// HTML to the renderer, backticks start a markdown string) is written as an entity code.
const MERMAID_ENTITY = /[^A-Za-z0-9 .,:_\-/+=()!?@$*'\\\u{80}-\u{10ffff}]/gu;

/**
 * Text for a Mermaid node or edge label written as `"…"`: every control
 * character, line terminator, bidi mark and backslash first takes the
 * visible notation of the other functions here (`\n`, `\\`), then every
 * ASCII character with a meaning to Mermaid or to the HTML it renders to is
 * written as Mermaid's entity code `#<n>;`. The result cannot end the label,
 * start a new statement, or inject markup.
 *
 * @example mermaidLabel('a "b" --> <i>') // 'a #34;b#34; --#62; #60;i#62;'
 */
export function mermaidLabel(text: string): string {
  return visible(text).replace(MERMAID_ENTITY, (ch) => `#${ch.codePointAt(0)};`);
}

/**
 * The inside of a Graphviz DOT quoted string (`"…"`) whose label shows
 * exactly `text`, on one line: control characters, line terminators, bidi
 * marks and backslashes take the visible notation (`\n`, `\\`), then DOT's
 * own escapes are applied (a backslash doubled, so `\n` is shown, not a line
 * break; `"` as `\"`), and `&` is written `&amp;` because Graphviz reads HTML
 * entities in labels (a message holding `&#0;` would otherwise make the SVG
 * ill-formed).
 *
 * @example dotText('say "hi"\n&') // 'say \\"hi\\"\\\\n&amp;'
 */
export function dotText(text: string): string {
  return visible(text).replace(/[\\"&]/g, (ch) => (ch === '&' ? '&amp;' : `\\${ch}`));
}

const VISIBLE = new RegExp(`[\\\\${UNSAFE}]`, 'gu');

/** `text` with backslashes and every character `tsComment` escapes in the visible notation. */
function visible(text: string): string {
  return text.replace(VISIBLE, escapeChar);
}
