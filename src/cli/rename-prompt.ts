import { createInterface } from 'node:readline/promises';
import type { AskRename, RenameQuestion } from '../commands/renames.js';
import { terminalLine } from '../util/escape.js';

/**
 * The question `kiln migrate` asks (names from the database are escaped
 * like every line kiln prints) on a terminal when a column or table
 * disappears and a compatible one appears (as drizzle-kit asks): the answer
 * decides between a rename that keeps the rows and drop + create. On stderr,
 * so stdout stays the command's result.
 *
 * @example Is users.email created or renamed from mail? [r]ename / [c]reate:
 */
export function terminalAsk(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): AskRename {
  return async (question: RenameQuestion) => {
    const lines = createInterface({ input, output, terminal: true });
    try {
      for (;;) {
        const answer = (await lines.question(`${terminalLine(questionText(question))} [r]ename / [c]reate: `))
          .trim()
          .toLowerCase();
        if (answer === 'r' || answer === 'rename') return 'rename';
        if (answer === 'c' || answer === 'create') return 'create';
      }
    } finally {
      lines.close();
    }
  };
}

/** `Is users.email created or renamed from mail?` / `Is table email created or renamed from mail?` */
export function questionText(question: RenameQuestion): string {
  return question.kind === 'column'
    ? `Is ${question.table}.${question.to} created or renamed from ${question.from}?`
    : `Is table ${question.to} created or renamed from ${question.from}?`;
}

/** Asks only where a person can answer: stdin and stdout are terminals and no `--json` was asked for. */
export function renamePrompt(json: boolean): AskRename | undefined {
  if (json || process.stdin.isTTY !== true || process.stdout.isTTY !== true) return undefined;
  return terminalAsk(process.stdin, process.stderr);
}
