import type { RevisionError } from '../errors.js';
import { metadataInvalidError } from './revision-errors.js';

/** The value of a metadata declaration: a string, null, or an array of strings. */
export type Literal = string | null | readonly string[];

const REGEX_AFTER_WORD = new Set([
  'return',
  'typeof',
  'case',
  'do',
  'else',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'instanceof',
  'yield',
  'await',
]);
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/g;
const OPENERS = new Set(['(', '[', '{']);
const CLOSERS = new Set([')', ']', '}']);

/**
 * Finds the top-level `export const NAME[: TYPE] = LITERAL[ as const]`
 * declarations of the given names in JavaScript/TypeScript source text,
 * without executing it. Code elsewhere (functions, strings, templates,
 * comments, regexes) is skipped by a small lexer.
 *
 * @throws RevisionError `revision.metadata-invalid` when such a declaration is not a plain literal, or repeats.
 * @example scanMetadata("export const revision = 'a';", 'x.ts', new Set(['revision'])) // Map { 'revision' => 'a' }
 */
export function scanMetadata(source: string, file: string, variables: ReadonlySet<string>): Map<string, Literal> {
  return new MetadataScanner(source, file, variables).scan();
}

/**
 * A forward-only scanner that understands just enough JavaScript/TypeScript
 * lexing (comments, strings, templates with `${}` nesting, regex literals)
 * to know when it stands at the top level, where the metadata live.
 */
class MetadataScanner {
  private pos = 0;
  /** Open `(`, `[`, `{` and `${`: top level is an empty stack. */
  private readonly stack: string[] = [];
  /** Last significant token, to tell a regex literal from a division. */
  private last: 'none' | 'word' | 'value' | 'punct' | 'keyword' = 'none';
  private readonly found = new Map<string, Literal>();

  constructor(
    private readonly src: string,
    private readonly file: string,
    private readonly variables: ReadonlySet<string>,
  ) {}

  scan(): Map<string, Literal> {
    const { src } = this;
    while (this.pos < src.length) {
      this.skipTrivia();
      if (this.pos >= src.length) break;
      const ch = src.charAt(this.pos);
      if (ch === '"' || ch === "'") {
        this.readQuoted(ch);
        this.last = 'value';
      } else if (ch === '`') {
        this.pos++;
        this.skipTemplate();
      } else if (isIdentStart(ch)) {
        this.scanWord();
      } else if (ch === '/') {
        this.scanSlash();
      } else {
        this.scanPunct(ch);
      }
    }
    return this.found;
  }

  private scanWord(): void {
    const start = this.pos;
    const word = this.readWord();
    if (word === 'export' && this.stack.length === 0 && this.tryDeclaration()) return;
    this.last = REGEX_AFTER_WORD.has(word) ? 'keyword' : 'word';
    if (this.pos === start) this.pos++;
  }

  private scanPunct(ch: string): void {
    if (isDigit(ch)) {
      this.pos++;
      this.last = 'value';
      return;
    }
    if (OPENERS.has(ch)) this.stack.push(ch);
    else if (CLOSERS.has(ch)) {
      const top = this.stack.pop();
      if (top === '${') {
        this.pos++;
        this.skipTemplate();
        return;
      }
    }
    this.pos++;
    this.last = ch === ')' || ch === ']' ? 'value' : 'punct';
  }

  private scanSlash(): void {
    const regexAllowed = this.last === 'none' || this.last === 'punct' || this.last === 'keyword';
    const start = this.pos;
    this.pos++;
    if (regexAllowed && this.skipRegex()) {
      this.last = 'value';
      return;
    }
    this.pos = start + 1;
    this.last = 'punct';
  }

  /** After `export` at top level: parse `const NAME[: T] = LITERAL` if NAME is ours. */
  private tryDeclaration(): boolean {
    this.skipTrivia();
    if (this.readWord() !== 'const') return false;
    this.skipTrivia();
    const name = this.readWord();
    if (!this.variables.has(name)) return false;
    const declared = this.pos;
    if (this.found.has(name)) throw metadataInvalidError(this.file, name, 'is declared twice', this.lineAt(declared));
    this.skipTrivia();
    if (this.src.charAt(this.pos) === ':') this.skipTypeAnnotation(name);
    this.skipTrivia();
    if (this.src.charAt(this.pos) !== '=')
      throw metadataInvalidError(this.file, name, 'has no initialiser', this.lineAt(declared));
    this.pos++;
    this.skipTrivia();
    this.found.set(name, this.readLiteral(name));
    this.skipAsConst(name);
    this.expectStatementEnd(name);
    this.last = 'punct';
    return true;
  }

  private readLiteral(name: string): Literal {
    const ch = this.src.charAt(this.pos);
    if (ch === "'" || ch === '"' || ch === '`') return this.readStringLiteral(name);
    if (ch === '[') return this.readArray(name);
    const save = this.pos;
    if (this.readWord() === 'null') return null;
    this.pos = save;
    throw this.notLiteral(name);
  }

  private readStringLiteral(name: string): string {
    const ch = this.src.charAt(this.pos);
    if (ch !== '`') return this.readQuoted(ch);
    const start = this.pos + 1;
    const end = this.src.indexOf('`', start);
    const body = end < 0 ? '' : this.src.slice(start, end);
    if (end < 0 || body.includes('${')) throw this.notLiteral(name);
    this.pos = end + 1;
    return decodeEscapes(body);
  }

  private readArray(name: string): readonly string[] {
    this.pos++;
    const items: string[] = [];
    for (;;) {
      this.skipTrivia();
      const ch = this.src.charAt(this.pos);
      if (ch === ']') break;
      if (ch !== "'" && ch !== '"' && ch !== '`') throw this.notLiteral(name);
      items.push(this.readStringLiteral(name));
      this.skipTrivia();
      const sep = this.src.charAt(this.pos);
      if (sep === ',') this.pos++;
      else if (sep !== ']') throw this.notLiteral(name);
    }
    this.pos++;
    return items;
  }

  private skipAsConst(name: string): void {
    const save = this.pos;
    this.skipTrivia();
    if (this.readWord() !== 'as') {
      this.pos = save;
      return;
    }
    this.skipTrivia();
    if (this.readWord() !== 'const') throw this.notLiteral(name);
  }

  /** The literal must end the statement: `;`, end of file, or a new line that does not continue it. */
  private expectStatementEnd(name: string): void {
    const before = this.pos;
    this.skipTrivia();
    const ch = this.src.charAt(this.pos);
    if (ch === ';') {
      this.pos++;
      return;
    }
    if (this.pos >= this.src.length) return;
    const newline = /[\n\r\u2028\u2029]/.test(this.src.slice(before, this.pos));
    if (!newline || /[-+*/%.?,|&[(`<>=!]/.test(ch)) throw this.notLiteral(name);
  }

  private skipTypeAnnotation(name: string): void {
    this.pos++;
    let depth = 0;
    while (this.pos < this.src.length) {
      this.skipTrivia();
      const ch = this.src.charAt(this.pos);
      if (ch === "'" || ch === '"') {
        this.readQuoted(ch);
        continue;
      }
      if (ch === '=' && this.src.charAt(this.pos + 1) === '>') this.pos += 2;
      else if (ch === '=' && depth === 0) return;
      else {
        if ('([{<'.includes(ch)) depth++;
        else if (')]}>'.includes(ch)) depth--;
        this.pos++;
      }
    }
    throw metadataInvalidError(this.file, name, 'has no initialiser');
  }

  private notLiteral(name: string): RevisionError {
    return metadataInvalidError(
      this.file,
      name,
      'is not a literal (expected a string, null or an array of strings)',
      this.lineAt(this.pos),
    );
  }

  private readWord(): string {
    // One sticky regex match instead of a one-character string per step: most of a file is words.
    WORD.lastIndex = this.pos;
    WORD.test(this.src);
    const start = this.pos;
    this.pos = WORD.lastIndex;
    return this.src.slice(start, this.pos);
  }

  /** Reads a '…' or "…" string starting at the quote; returns its value. */
  private readQuoted(quote: string): string {
    const start = this.pos + 1;
    let i = start;
    while (i < this.src.length) {
      const c = this.src.charAt(i);
      if (c === '\\') i += 2;
      else if (c === quote || c === '\n') break;
      else i++;
    }
    this.pos = Math.min(i + 1, this.src.length);
    return decodeEscapes(this.src.slice(start, i));
  }

  /** Inside a template after its opening backtick: stop at the closing one or at `${`. */
  private skipTemplate(): void {
    while (this.pos < this.src.length) {
      const c = this.src.charAt(this.pos);
      if (c === '\\') this.pos += 2;
      else if (c === '`') {
        this.pos++;
        this.last = 'value';
        return;
      } else if (c === '$' && this.src.charAt(this.pos + 1) === '{') {
        this.pos += 2;
        this.stack.push('${');
        this.last = 'punct';
        return;
      } else this.pos++;
    }
  }

  /** After a `/` that may open a regex: skip it and its flags; false if it was not one. */
  private skipRegex(): boolean {
    let inClass = false;
    while (this.pos < this.src.length) {
      const c = this.src.charAt(this.pos);
      if (c === '\n') return false;
      if (c === '\\') this.pos += 2;
      else {
        this.pos++;
        if (c === '[') inClass = true;
        else if (c === ']') inClass = false;
        else if (c === '/' && !inClass) {
          this.readWord();
          return true;
        }
      }
    }
    return false;
  }

  private skipTrivia(): void {
    const { src } = this;
    while (this.pos < src.length) {
      const c = src.charAt(this.pos);
      if (c === '/' && src.charAt(this.pos + 1) === '/') {
        // JavaScript ends a line comment at CR, U+2028 and U+2029 too: stopping
        // only at LF would hide from the scanner code that does run.
        LINE_TERMINATOR.lastIndex = this.pos;
        const end = LINE_TERMINATOR.exec(src);
        this.pos = end === null ? src.length : end.index + 1;
      } else if (c === '/' && src.charAt(this.pos + 1) === '*') {
        const end = src.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? src.length : end + 2;
      } else if (isSpace(c)) this.pos++;
      else return;
    }
  }

  private lineAt(pos: number): number {
    let line = 1;
    for (let i = this.src.indexOf('\n'); i >= 0 && i < pos; i = this.src.indexOf('\n', i + 1)) line++;
    return line;
  }
}

function isIdentStart(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c >= 128;
}

/** A run of identifier characters, as `isIdentStart` and `isDigit` define them (possibly empty). */
const WORD = /[a-zA-Z0-9_$\u0080-\uffff]*/y;

function isSpace(ch: string): boolean {
  return (
    ch === ' ' ||
    ch === '\n' ||
    ch === '\t' ||
    ch === '\r' ||
    (ch.charCodeAt(0) > 127 && /\s/.test(ch)) ||
    ch === '\v' ||
    ch === '\f'
  );
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};

/** Decodes the escapes a string literal may hold (`\n`, `\x41`, `\u0041`, `\u{1F600}`, line continuations). */
function decodeEscapes(body: string): string {
  if (!body.includes('\\')) return body;
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])/g, (_m, esc: string) => {
    if (esc.startsWith('u{')) return String.fromCodePoint(Number.parseInt(esc.slice(2, -1), 16));
    if (esc.length > 1 && (esc[0] === 'u' || esc[0] === 'x'))
      return String.fromCharCode(Number.parseInt(esc.slice(1), 16));
    if (esc === '\n' || esc === '\r\n' || esc === '\r' || esc === '\u2028' || esc === '\u2029') return '';
    return SIMPLE_ESCAPES[esc] ?? esc;
  });
}
