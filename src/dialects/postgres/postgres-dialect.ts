import type { Operation } from '../../operations/operation.js';
import type { ModelComparison } from '../../schema/comparison.js';
import type { SchemaModel } from '../../schema/model.js';
import type {
  ClientInfo,
  CompileContext,
  ConnectionOptions,
  DatabaseConnection,
  Dialect,
  IntrospectOptions,
  QueryExecutor,
} from '../dialect.js';
import { postgresCapabilities } from './postgres-adapter.js';
import { postgresComparison } from './postgres-comparison.js';
import { POSTGRES_LINT } from './postgres-lint.js';
import { connectPostgres } from './postgres-connection.js';
import { PostgresDdlCompiler } from './postgres-ddl-compiler.js';
import { introspectPostgres, postgresTableExists } from './postgres-introspector.js';
import { listNamespaces } from './postgres-namespaces.js';
import { normalizePostgresModel } from './postgres-normalize.js';
import { parsePostgresType } from './postgres-types.js';
import { postgresScratch } from './postgres-scratch.js';

const compiler = new PostgresDdlCompiler();

/**
 * PostgreSQL 10 or later (identity columns; tested on 15) on the `pg` driver. URLs: `postgres://user:pass@host:5432/db` or
 * `postgresql://…`, with `?sslmode=…&schema=…`.
 *
 * @example const dialect = await loadDialect('postgres'); // this object
 */
export const postgresDialect: Dialect = Object.freeze({
  name: 'postgres',
  capabilities: postgresCapabilities,
  connect(options: ConnectionOptions, _baseDir: string, client?: ClientInfo): Promise<DatabaseConnection> {
    return connectPostgres(options, client);
  },
  quoteIdentifier(name: string): string {
    return compiler.quoteIdentifier(name);
  },
  literal(value: string | number | boolean | null): string {
    return compiler.literal(value);
  },
  lintRules: POSTGRES_LINT,
  compile(op: Operation, context: CompileContext): string[] {
    return compiler.compile(op, context);
  },
  introspect(executor: QueryExecutor, options: IntrospectOptions): Promise<SchemaModel> {
    return introspectPostgres(executor, options);
  },
  normalize(model: SchemaModel): SchemaModel {
    return normalizePostgresModel(model);
  },
  comparison(database: SchemaModel, target: SchemaModel, executor: QueryExecutor | null): Promise<ModelComparison> {
    return postgresComparison(database, target, executor, {
      quote: (name) => compiler.quoteIdentifier(name),
      literal: (value) => compiler.literal(value),
    });
  },
  tableExists(executor: QueryExecutor, name: string, schema: string | null): Promise<boolean> {
    return postgresTableExists(executor, name, schema);
  },
  namespaces: Object.freeze({ list: listNamespaces }),
  drizzle: Object.freeze({ core: 'pg-core' as const, readType: (sql: string) => parsePostgresType(sql) }),
  scratch: postgresScratch,
});
