import picocolors from 'picocolors';
import { terminalText } from '../util/escape.js';

/**
 * How kiln colours what it prints for people. Formatters take a `Style` and
 * call it for the parts worth telling apart (revision ids, the current
 * revision, errors); `PLAIN` leaves text as it is, so the same formatter
 * writes plain lines for pipes, files and `--json` and coloured ones for a
 * terminal. picocolors does the colouring: the field's smallest well-kept
 * library, with no dependencies, and the same on every Node kiln supports
 * (`util.styleText` arrived in Node 20.12 and only checks the stream from 22.13).
 */
export interface Style {
  readonly enabled: boolean;
  /** A revision id (yellow, as git shows commit ids). */
  readonly rev: (text: string) => string;
  /** What the database is at, and a step that finished (green). */
  readonly good: (text: string) => string;
  /** `kiln: error:` and a failed step (bold red). */
  readonly bad: (text: string) => string;
  /** `kiln: warning:` (yellow). */
  readonly warn: (text: string) => string;
  /** Hints, times and statements: what can be skipped on a first read. */
  readonly dim: (text: string) => string;
}

const same = (text: string) => text;

/** No colour: for pipes, files, `--json`, `NO_COLOR`. */
export const PLAIN: Style = { enabled: false, rev: same, good: same, bad: same, warn: same, dim: same };

const colors = picocolors.createColors(true);

/** Colours on. */
export const COLOURED: Style = {
  enabled: true,
  rev: colors.yellow,
  good: colors.green,
  bad: (text) => colors.bold(colors.red(text)),
  warn: colors.yellow,
  dim: colors.dim,
};

/** A stream as far as colour and live lines care: whether it is a terminal, and how wide. */
export interface TerminalInfo {
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/**
 * Whether to colour what goes to `stream`: never when `NO_COLOR` is set to a
 * non-empty value (no-color.org; it wins, as in picocolors), always when
 * `FORCE_COLOR` is set to anything but `0` or `false`, otherwise when the
 * stream is a terminal that is not `TERM=dumb`.
 *
 * @example colourFor(process.stderr) // true in an interactive shell, false in `2> log`
 */
export function colourFor(stream: TerminalInfo, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return stream.isTTY === true && env.TERM !== 'dumb';
}

// Exactly the escape sequences the styles above write; anything else that starts with ESC came from
// a name or a message and is shown, not obeyed. (Messages and names are escaped by the formatters
// already; a file name holding one of these could at most change a colour, never move the cursor.)
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ESC is what this does
const OWN_SEQUENCES = /(\x1b\[(?:1|2|22|31|32|33|39)m)/;

/**
 * `terminalText` for text a `Style` has coloured: the styles' own escape
 * sequences stay, every other control character is shown as an escape.
 *
 * @example styledTerminalText(COLOURED.rev('a1') + '\x1b[2J') // '\x1b[33ma1\x1b[39m\\x1b[2J'
 */
export function styledTerminalText(text: string): string {
  return text
    .split(OWN_SEQUENCES)
    .map((part, i) => (i % 2 === 1 ? part : terminalText(part)))
    .join('');
}
