import type { SQL } from 'drizzle-orm';
import type pg from 'pg';
import type { Db } from './create-db';

/*
 * The one way to run raw SQL: build it with drizzle's `sql` (values stay parameters) and run it with rows(),
 * or preparedRows() on a hot path. Both answer the rows, typed, on PostgreSQL and PGlite alike, so no caller
 * casts what `db.execute()` returns (its type depends on the driver). A statement without an answer goes
 * through rows() too. Anything the query builder expresses plainly stays in the query builder.
 */

/** Runs raw SQL built with drizzle's `sql` and returns its rows, on either engine. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** A node-postgres pool (duck-typed: the pool may come from another copy of `pg`); PGlite is not one. */
const isPgPool = (client: unknown): client is pg.Pool =>
  typeof client === 'object' && client !== null && 'totalCount' in client && 'idleCount' in client;

interface PreparableDb {
  $client?: unknown;
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
}

/**
 * Like rows(), but on a PostgreSQL server the statement is a named prepared statement, so each pooled
 * connection plans it once: the hot-path statements (one-statement create and close) would otherwise spend
 * more time being planned than executed. `name` must be unique per SQL text.
 * Transactions and PGlite fall back to rows().
 */
export async function preparedRows<T>(db: Db, name: string, query: SQL): Promise<T[]> {
  const { $client, dialect } = db as unknown as PreparableDb;
  if (!isPgPool($client)) return rows<T>(db, query);
  const { sql: text, params } = dialect.sqlToQuery(query);
  const result = await $client.query<T & pg.QueryResultRow>({ name, text, values: params });
  return result.rows;
}
