import {
  type ColumnRename,
  type DecidedRenames,
  decidedRenames,
  type RenameResolver,
} from '../autogenerate/rename-resolver.js';
import { diffByName } from '../autogenerate/diff.js';
import { UsageError } from '../errors.js';
import { isNarrowing } from '../operations/data-loss.js';
import { type Column, qualifiedName, type SchemaModel, type Table } from '../schema/model.js';

/**
 * A question `kiln migrate` asks on a terminal when a column (or table)
 * disappears and a compatible one appears, as drizzle-kit does.
 */
export interface RenameQuestion {
  readonly kind: 'column' | 'table';
  /** Qualified table name (the new one, for a table). */
  readonly table: string;
  /** The name the database has. */
  readonly from: string;
  /** The name the models have. */
  readonly to: string;
}

/** Answers a `RenameQuestion`: keep the rows under the new name, or drop the old and create the new. */
export type AskRename = (question: RenameQuestion) => Promise<'rename' | 'create'>;

/** What the renames options decided, and the `--rename` lines that would keep data dropped without asking. */
export interface PlannedRenames {
  readonly resolver: RenameResolver;
  /** One warning per compatible drop + add left as such (no terminal, no `--rename`). */
  readonly warnings: readonly string[];
}

interface Request {
  readonly text: string;
  readonly table: string | null;
  readonly from: string;
  readonly to: string;
}

/**
 * `--rename table.old=table.new` (a column) and `--rename old=new` (a table).
 * @throws UsageError `usage.invalid-argument` for any other shape.
 */
function parseRename(text: string): Request {
  const sides = text.split('=');
  const bad = (why: string) =>
    new UsageError('usage.invalid-argument', `--rename ${text}: ${why}`, {
      hint: 'write --rename table.old=table.new for a column, --rename old=new for a table',
    });
  if (sides.length !== 2 || sides.some((s) => s.trim() === '')) throw bad('expected old=new');
  const [left, right] = sides.map((s) => s.trim().split('.')) as [string[], string[]];
  if (left.length === 1 && right.length === 1)
    return { text, table: null, from: left[0] as string, to: right[0] as string };
  if (left.length === 2 && right.length === 2 && left[0] === right[0]) {
    return { text, table: left[0] as string, from: left[1] as string, to: right[1] as string };
  }
  throw bad('a column is renamed within its table: table.old=table.new');
}

const compatibleColumns = (from: Column, to: Column) => !isNarrowing(from.type, to.type);
/** Two tables whose column names are the same set: likely one table renamed. */
const compatibleTables = (from: Table, to: Table) =>
  from.columns.length === to.columns.length && from.columns.every((c) => to.columns.some((d) => d.name === c.name));

/**
 * Decides the renames of a `migrate` from `--rename` requests and, for the
 * rest, `ask` (a terminal); without `ask` a compatible drop + add stays one
 * and a warning names the `--rename` line that would keep its data.
 *
 * @throws UsageError `usage.invalid-argument` for a request that is not a dropped + added pair.
 */
export async function planRenames(
  live: SchemaModel,
  models: SchemaModel,
  requests: readonly string[],
  ask: AskRename | undefined,
): Promise<PlannedRenames> {
  const parsed = requests.map(parseRename);
  const warnings: string[] = [];
  const tables = new Map<string, string>();
  const { removed, added } = diffByName(
    live.tables.map((t) => ({ ...t, name: qualifiedName(t), table: t })),
    models.tables.map((t) => ({ ...t, name: qualifiedName(t), table: t })),
  );
  for (const request of parsed.filter((r) => r.table === null)) {
    const from = removed.find((t) => t.name === request.from);
    const to = added.find((t) => t.name === request.to);
    if (from === undefined || to === undefined || from.schema !== to.schema) throw notAPair(request, 'table');
    tables.set(from.name, to.table.name);
  }
  for (const to of added) {
    if ([...tables.values()].some((name) => qualifiedName({ schema: to.schema, name }) === to.name)) continue;
    for (const from of removed.filter((t) => !tables.has(t.name) && t.schema === to.schema)) {
      if (!compatibleTables(from.table, to.table)) continue;
      if (ask !== undefined) {
        if ((await ask({ kind: 'table', table: to.name, from: from.name, to: to.name })) === 'create') continue;
        tables.set(from.name, to.table.name);
        break;
      }
      warnings.push(keepDataWarning(`table ${from.name} is dropped and ${to.name} created`, `${from.name}=${to.name}`));
    }
  }
  const columns = await planColumns(live, models, tables, parsed, ask, warnings);
  const decided: DecidedRenames = { tables, columns };
  return { resolver: decidedRenames(decided), warnings };
}

async function planColumns(
  live: SchemaModel,
  models: SchemaModel,
  tables: ReadonlyMap<string, string>,
  requests: readonly Request[],
  ask: AskRename | undefined,
  warnings: string[],
): Promise<Map<string, ColumnRename[]>> {
  const renamedFrom = new Map([...tables].map(([from, to]) => [to, from]));
  const columns = new Map<string, ColumnRename[]>();
  const pending = new Set(requests.filter((r) => r.table !== null));
  for (const target of models.tables) {
    const name = qualifiedName(target);
    const oldName = renamedFrom.get(target.name) ?? name;
    const source = live.tables.find((t) => qualifiedName(t) === oldName && t.schema === target.schema);
    if (source === undefined) continue;
    const { removed, added } = diffByName(source.columns, target.columns);
    const renames: ColumnRename[] = [];
    const taken = new Set<string>();
    for (const request of [...pending].filter((r) => r.table === name || r.table === target.name)) {
      const ok = removed.some((c) => c.name === request.from) && added.some((c) => c.name === request.to);
      if (!ok) throw notAPair(request, 'column');
      renames.push({ from: request.from, to: request.to });
      taken.add(request.from).add(request.to);
      pending.delete(request);
    }
    for (const to of added.filter((c) => !taken.has(c.name))) {
      for (const from of removed.filter((c) => !taken.has(c.name) && compatibleColumns(c, to))) {
        if (ask !== undefined) {
          const answer = await ask({ kind: 'column', table: name, from: from.name, to: to.name });
          if (answer === 'create') continue;
          renames.push({ from: from.name, to: to.name });
          taken.add(from.name).add(to.name);
          break;
        }
        warnings.push(
          keepDataWarning(
            `column ${name}.${from.name} is dropped and ${to.name} added`,
            `${target.name}.${from.name}=${target.name}.${to.name}`,
          ),
        );
      }
    }
    if (renames.length > 0) columns.set(name, renames);
  }
  const [unknown] = pending;
  if (unknown !== undefined) throw notAPair(unknown, 'column');
  return columns;
}

function keepDataWarning(what: string, rename: string): string {
  return `${what}, so its values are lost; if it was renamed, delete the new revision file (do not upgrade it) and run migrate again with --rename ${rename}`;
}

function notAPair(request: Request, kind: 'table' | 'column'): UsageError {
  const where = kind === 'table' ? 'tables' : `columns of ${request.table}`;
  return new UsageError(
    'usage.invalid-argument',
    `--rename ${request.text}: ${request.from} is not a ${kind} the database has and the models dropped, or ${request.to} not one the models add (${where})`,
    { hint: 'name a dropped and an added name of the same table; check the spelling against the schema modules' },
  );
}
