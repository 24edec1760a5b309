import { ConfigError } from '../errors.js';
import { shownPath } from '../util/shown-path.js';

/**
 * One database (or PostgreSQL schema) kiln migrates with `--all` /
 * `--targets`. The URL takes every form `url` does; a relative SQLite path is
 * relative to the config's folder.
 *
 * @example { name: 'eu', url: process.env.EU_DATABASE_URL! }
 * @example { name: 'tenants', url: 'postgres://app@db/app', schemas: ['acme', 'globex'] }
 */
export interface TargetSpec {
  /** Letters, digits, `_` and `-`; unique in the config. Printed in progress and results, never the URL. */
  readonly name: string;
  readonly url: string;
  /**
   * PostgreSQL only: one target per schema, named `<name>.<schema>`, each
   * with `search_path` set to its schema, so kiln's version table and log live
   * inside it and its lock is the schema's. A list, or a query whose first
   * column is the schema names, run on `url` when targets are selected.
   * Default: the URL is one target.
   *
   * @example schemas: { query: "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant\\_%'" }
   */
  readonly schemas?: readonly string[] | { readonly query: string };
}

/** `targets` in the config: a list, or a function (sync or async) that returns one at run time. */
export type TargetsSetting = readonly TargetSpec[] | (() => readonly TargetSpec[] | Promise<readonly TargetSpec[]>);

/** What the config file says about targets, kept as given: a function runs only when targets are selected. */
export interface ConfiguredTargets {
  /** The config file, as messages name it. */
  readonly source: string;
  readonly setting: TargetsSetting;
}

/** A target name, as `--targets` patterns match it; no `.`, so `<name>.<schema>` names cannot collide. */
const TARGET_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

/** Reads `targets` from the raw config: null when absent; a function is checked when it has run (`checkTargetSpecs`). */
export function readTargetsSetting(value: unknown, file: string): ConfiguredTargets | null {
  if (value === undefined) return null;
  const source = shownPath(file);
  if (typeof value === 'function') return { source, setting: value as TargetsSetting };
  return { source, setting: checkTargetSpecs(value, source) };
}

/**
 * Checks a target list (from the config or from its `targets` function):
 * each entry has a valid name and a URL, names are unique, `schemas` is a
 * list of non-empty names or `{ query }`.
 *
 * @throws ConfigError `config.targets-invalid`, naming the config and the entry.
 */
export function checkTargetSpecs(value: unknown, source: string): TargetSpec[] {
  if (!Array.isArray(value)) {
    throw invalid(source, `'targets' must be a list of { name, url } (or a function returning one)`);
  }
  const seen = new Set<string>();
  return value.map((entry: unknown, index) => {
    const where = `target #${index + 1}`;
    if (entry === null || typeof entry !== 'object') throw invalid(source, `${where} is not an object { name, url }`);
    const { name, url, schemas } = entry as Record<string, unknown>;
    if (typeof name !== 'string' || !TARGET_NAME.test(name)) {
      throw invalid(
        source,
        `${where} has ${typeof name === 'string' ? `the invalid name '${name}'` : 'no name'}`,
        'a target name is letters, digits, _ and - (e.g. eu-west-1)',
      );
    }
    if (seen.has(name)) throw invalid(source, `target name '${name}' is used twice`, 'give each target its own name');
    seen.add(name);
    if (typeof url !== 'string' || url === '') throw invalid(source, `target '${name}' has no url`);
    return { name, url, ...(schemas === undefined ? {} : { schemas: checkSchemas(schemas, name, source) }) };
  });
}

function checkSchemas(value: unknown, name: string, source: string): TargetSpec['schemas'] {
  if (Array.isArray(value)) {
    const schemas = value as unknown[];
    if (schemas.some((schema) => typeof schema !== 'string' || schema === '')) {
      throw invalid(source, `target '${name}': 'schemas' must hold schema names (non-empty strings)`);
    }
    if (new Set(schemas).size !== schemas.length) {
      throw invalid(source, `target '${name}': 'schemas' names a schema twice`);
    }
    return schemas as string[];
  }
  const query = (value as { query?: unknown } | null)?.query;
  if (typeof query === 'string' && query.trim() !== '') return { query };
  throw invalid(
    source,
    `target '${name}': 'schemas' must be a list of schema names or { query: 'SELECT …' }`,
    "e.g. schemas: ['acme', 'globex'] or schemas: { query: 'SELECT name FROM tenants' }",
  );
}

function invalid(source: string, message: string, hint?: string): ConfigError {
  return new ConfigError('config.targets-invalid', `${source}: ${message}`, hint === undefined ? {} : { hint });
}
