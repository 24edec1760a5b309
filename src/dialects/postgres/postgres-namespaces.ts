import type { LiveNamespace, QueryExecutor } from '../dialect.js';

/**
 * The comment kiln puts on a schema it creates: the mark `dropSchema` looks
 * for, so that a schema someone else made, or that already existed when the
 * revision ran (`IF NOT EXISTS`), is never dropped by kiln.
 */
export const KILN_SCHEMA_MARK = 'created by kiln';

/** A dollar-quote tag that does not occur in `body`, so a name can never end the block. */
function dollarTag(body: string): string {
  let tag = '$kiln$';
  for (let n = 1; body.includes(tag); n++) tag = `$kiln${n}$`;
  return tag;
}

function doBlock(body: string): string {
  const tag = dollarTag(body);
  return `DO ${tag} BEGIN ${body} END ${tag}`;
}

type Quote = (name: string) => string;
type Literal = (value: string) => string;

/**
 * `CREATE SCHEMA IF NOT EXISTS`, spelled as a block so that only a schema
 * this statement creates gets kiln's mark.
 */
export function createSchemaStatement(name: string, quote: Quote, literal: Literal): string {
  return doBlock(
    `IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ${literal(name)}) THEN ` +
      `CREATE SCHEMA ${quote(name)}; COMMENT ON SCHEMA ${quote(name)} IS ${literal(KILN_SCHEMA_MARK)}; END IF;`,
  );
}

/**
 * Drops the schema only if it carries kiln's mark and holds nothing
 * (`DROP SCHEMA` without CASCADE refuses otherwise, and the block keeps it,
 * with a NOTICE): a schema someone else made, or one that still holds
 * tables, types or functions, stays.
 */
export function dropSchemaStatement(name: string, quote: Quote, literal: Literal): string {
  return doBlock(
    `IF obj_description((SELECT oid FROM pg_namespace WHERE nspname = ${literal(name)}), 'pg_namespace') = ` +
      `${literal(KILN_SCHEMA_MARK)} THEN DROP SCHEMA ${quote(name)}; END IF; ` +
      `EXCEPTION WHEN dependent_objects_still_exist THEN ` +
      `RAISE NOTICE 'kiln: schema % is not empty: kept', ${literal(name)};`,
  );
}

/** Every schema but PostgreSQL's own, and whether kiln created it. */
export async function listNamespaces(executor: QueryExecutor): Promise<LiveNamespace[]> {
  const rows = await executor.query<{ name: string; kiln: boolean | null }>(
    `SELECT nspname AS name, obj_description(oid, 'pg_namespace') = $1 AS kiln FROM pg_namespace
 WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY nspname`,
    [KILN_SCHEMA_MARK],
  );
  return rows.map((row) => ({ name: row.name, createdByKiln: row.kiln === true }));
}
