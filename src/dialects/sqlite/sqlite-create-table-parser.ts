import { isKeyword, matchingParen, sliceText, splitTopLevel, type Token, tokenize } from './sqlite-sql-text.js';

/**
 * Reads constraint names, CHECK expressions and AUTOINCREMENT out of the
 * CREATE TABLE / CREATE INDEX text SQLite keeps in `sqlite_master`: the
 * pragmas give columns, keys and foreign keys, but no names and no checks.
 */

export type ParsedConstraintKind = 'primaryKey' | 'unique' | 'check' | 'foreignKey';

export interface ParsedConstraint {
  readonly name: string | null;
  readonly kind: ParsedConstraintKind;
  /** The constrained columns; for a column-level constraint, that column. */
  readonly columns: readonly string[];
  /** CHECK expression text, verbatim. */
  readonly expression: string | null;
  readonly autoIncrement: boolean;
  readonly referencedTable: string | null;
  readonly referencedColumns: readonly string[];
}

export interface ParsedColumn {
  readonly name: string;
  readonly constraints: readonly ParsedConstraint[];
  /** The name after `COLLATE`, unquoted; null when none is declared. */
  readonly collation: string | null;
  /** `GENERATED ALWAYS AS (expression) STORED|VIRTUAL` (VIRTUAL when unsaid), or null. */
  readonly generated: { readonly expression: string; readonly stored: boolean } | null;
}

export interface ParsedTable {
  readonly columns: readonly ParsedColumn[];
  /** Table-level constraints. */
  readonly constraints: readonly ParsedConstraint[];
}

const COLUMN_CONSTRAINT_START = new Set([
  'CONSTRAINT',
  'PRIMARY',
  'NOT',
  'NULL',
  'UNIQUE',
  'CHECK',
  'DEFAULT',
  'COLLATE',
  'REFERENCES',
  'GENERATED',
  'AS',
]);
const TABLE_CONSTRAINT_START = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN']);

/** Parses `CREATE TABLE name (…)` text; unknown clauses are skipped. */
export function parseCreateTable(sql: string): ParsedTable {
  const tokens = tokenize(sql);
  const open = tokens.findIndex((t) => t.kind === 'punct' && t.value === '(');
  if (open === -1) return { columns: [], constraints: [] };
  const close = matchingParen(tokens, open);
  const columns: ParsedColumn[] = [];
  const constraints: ParsedConstraint[] = [];
  for (const [from, to] of splitTopLevel(tokens, open + 1, close)) {
    const first = tokens[from];
    if (first === undefined) continue;
    if (first.kind === 'word' && TABLE_CONSTRAINT_START.has(first.value.toUpperCase())) {
      constraints.push(...new ConstraintReader(sql, tokens, from, to, null).readAll());
      continue;
    }
    const typeEnd = skipTypeName(tokens, from + 1, to);
    const reader = new ConstraintReader(sql, tokens, typeEnd, to, first.value);
    const own = reader.readAll();
    columns.push({ name: first.value, constraints: own, collation: reader.collation, generated: reader.generated });
  }
  return { columns, constraints };
}

function skipTypeName(tokens: readonly Token[], from: number, to: number): number {
  let i = from;
  while (i < to) {
    const token = tokens[i] as Token;
    if (token.kind === 'punct' && token.value === '(') {
      i = matchingParen(tokens, i) + 1;
    } else if (token.kind === 'word' && COLUMN_CONSTRAINT_START.has(token.value.toUpperCase())) {
      break;
    } else {
      i += 1;
    }
  }
  return i;
}

/** Walks a run of column or table constraints. */
class ConstraintReader {
  private i: number;
  /** The last `COLLATE` name met (a column has at most one that counts). */
  collation: string | null = null;
  generated: { expression: string; stored: boolean } | null = null;

  constructor(
    private readonly sql: string,
    private readonly tokens: readonly Token[],
    from: number,
    private readonly to: number,
    /** The column for column-level constraints; null at table level. */
    private readonly column: string | null,
  ) {
    this.i = from;
  }

  readAll(): ParsedConstraint[] {
    const found: ParsedConstraint[] = [];
    while (this.i < this.to) {
      let name: string | null = null;
      if (this.keyword('CONSTRAINT')) {
        name = this.tokens[this.i]?.value ?? null;
        this.i += 1;
      }
      const constraint = this.readOne(name);
      if (constraint !== null) found.push(constraint);
    }
    return found;
  }

  private readOne(name: string | null): ParsedConstraint | null {
    const base = {
      name,
      columns: this.column === null ? [] : [this.column],
      expression: null,
      autoIncrement: false,
      referencedTable: null,
      referencedColumns: [],
    };
    if (this.keyword('PRIMARY')) {
      this.keyword('KEY');
      this.keyword('ASC') || this.keyword('DESC');
      const columns = this.optionalList() ?? base.columns;
      this.conflictClause();
      return { ...base, kind: 'primaryKey', columns, autoIncrement: this.keyword('AUTOINCREMENT') };
    }
    if (this.keyword('UNIQUE')) {
      const columns = this.optionalList() ?? base.columns;
      this.conflictClause();
      return { ...base, kind: 'unique', columns };
    }
    if (this.keyword('CHECK')) return { ...base, kind: 'check', expression: this.parenText() };
    if (this.keyword('FOREIGN')) {
      this.keyword('KEY');
      const columns = this.optionalList() ?? [];
      if (!this.keyword('REFERENCES')) return null;
      return { ...base, ...this.references(), kind: 'foreignKey', columns };
    }
    if (this.keyword('REFERENCES')) return { ...base, ...this.references(), kind: 'foreignKey' };
    this.skipOther();
    return null;
  }

  /** NOT NULL, NULL, DEFAULT …, COLLATE x, GENERATED ALWAYS AS (…), and anything unknown. */
  private skipOther(): void {
    if (this.keyword('DEFAULT')) {
      const token = this.tokens[this.i];
      if (token?.kind === 'punct' && token.value === '(') this.parenText();
      else if (token?.kind === 'punct' && (token.value === '-' || token.value === '+')) this.i += 2;
      else this.i += 1;
      return;
    }
    if (this.keyword('NOT') || this.keyword('NULL')) {
      this.keyword('NULL');
      this.conflictClause();
      return;
    }
    if (this.keyword('GENERATED') || isKeyword(this.tokens[this.i], 'AS')) {
      this.keyword('ALWAYS');
      this.keyword('AS');
      const token = this.tokens[this.i];
      if (token?.kind !== 'punct' || token.value !== '(') return;
      const expression = this.parenText();
      const stored = this.keyword('STORED');
      if (!stored) this.keyword('VIRTUAL');
      this.generated = { expression, stored };
      return;
    }
    if (this.keyword('COLLATE')) {
      this.collation = this.tokens[this.i]?.value ?? null;
      this.i += 1;
      return;
    }
    const token = this.tokens[this.i];
    if (token?.kind === 'punct' && token.value === '(') this.parenText();
    else this.i += 1;
  }

  private references(): Pick<ParsedConstraint, 'referencedTable' | 'referencedColumns'> {
    const referencedTable = this.tokens[this.i]?.value ?? null;
    this.i += 1;
    const referencedColumns = this.optionalList() ?? [];
    // ON DELETE/UPDATE actions, MATCH, DEFERRABLE: PRAGMA foreign_key_list reports them.
    while (this.i < this.to && !this.atConstraintStart()) this.i += 1;
    return { referencedTable, referencedColumns };
  }

  private atConstraintStart(): boolean {
    const token = this.tokens[this.i];
    if (token === undefined || token.kind !== 'word') return false;
    const word = token.value.toUpperCase();
    // NULL/DEFAULT also occur inside `SET NULL`/`SET DEFAULT`, NOT inside `NOT DEFERRABLE`.
    if (word === 'NULL' || word === 'DEFAULT') return !isKeyword(this.tokens[this.i - 1], 'SET');
    if (word === 'NOT') return isKeyword(this.tokens[this.i + 1], 'NULL');
    return COLUMN_CONSTRAINT_START.has(word) || word === 'FOREIGN';
  }

  private conflictClause(): void {
    if (isKeyword(this.tokens[this.i], 'ON') && isKeyword(this.tokens[this.i + 1], 'CONFLICT')) this.i += 3;
  }

  private keyword(word: string): boolean {
    if (this.i < this.to && isKeyword(this.tokens[this.i], word)) {
      this.i += 1;
      return true;
    }
    return false;
  }

  /** `(a, b DESC, c COLLATE x)` → ['a', 'b', 'c'], or null when no list follows. */
  private optionalList(): string[] | null {
    const token = this.tokens[this.i];
    if (token?.kind !== 'punct' || token.value !== '(') return null;
    const close = matchingParen(this.tokens, this.i);
    const names = splitTopLevel(this.tokens, this.i + 1, close).map(([from]) => this.tokens[from]?.value ?? '');
    this.i = close + 1;
    return names;
  }

  /** The verbatim text inside the parentheses at the cursor. */
  private parenText(): string {
    const close = matchingParen(this.tokens, this.i);
    const text = sliceText(this.sql, this.tokens, this.i + 1, close);
    this.i = close + 1;
    return text;
  }
}

export interface ParsedIndex {
  /** Each indexed item's text, verbatim (a column name or an expression). */
  readonly items: readonly string[];
  readonly where: string | null;
}

/** Parses `CREATE [UNIQUE] INDEX name ON table (items) [WHERE expr]`. */
export function parseCreateIndex(sql: string): ParsedIndex {
  const tokens = tokenize(sql);
  const open = tokens.findIndex((t) => t.kind === 'punct' && t.value === '(');
  if (open === -1) return { items: [], where: null };
  const close = matchingParen(tokens, open);
  const items = splitTopLevel(tokens, open + 1, close).map(([from, to]) => {
    const only = tokens[from];
    return to - from === 1 && only !== undefined && only.kind !== 'string'
      ? only.value
      : sliceText(sql, tokens, from, to);
  });
  const where = isKeyword(tokens[close + 1], 'WHERE') ? sliceText(sql, tokens, close + 2, tokens.length) : null;
  return { items, where: where === '' ? null : where };
}
