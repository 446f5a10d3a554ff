import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema/index';

export type Schema = typeof schema;
/** A database or a transaction: both engines' Drizzle objects share this base type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type Engine = 'postgres' | 'pglite';

export interface Database {
  db: Db;
  engine: Engine;
  /** Runs raw SQL with several statements (migrations, setup). */
  exec(sql: string): Promise<void>;
  /** Runs one parameterised statement and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** The pg pool, when the engine is a PostgreSQL server (for LISTEN/NOTIFY and the socket adapter). */
  pool?: pg.Pool;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** postgres://… for a server; `memory://` or a folder path for embedded PGlite. */
  url: string;
  poolSize?: number;
  /**
   * Refuse, with {@link QueryOutsideTransactionError}, a query on the database made from inside one of its
   * own transactions. On by default for PGlite, where such a query waits for the transaction forever (and so
   * does every later request); on a PostgreSQL server it takes a second pooled connection and does not see the
   * transaction's writes, a bug too but not a hang, so there it is on only where asked (the tests).
   */
  guardTransactions?: boolean;
  /**
   * PostgreSQL server only: cancel any statement running longer than this (ms), so one runaway query cannot
   * hold a connection and the requests queued behind it. Migrations lift it for their own transactions.
   */
  statementTimeoutMs?: number;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export async function createDb({
  url,
  poolSize = 10,
  guardTransactions,
  statementTimeoutMs,
}: CreateDbOptions): Promise<Database> {
  const database = isPostgresUrl(url)
    ? await createPgDb(url, poolSize, statementTimeoutMs)
    : await createPgliteDb(url);
  if (guardTransactions ?? database.engine === 'pglite') guard(database);
  return database;
}

export class QueryOutsideTransactionError extends Error {
  constructor(method: string) {
    super(
      `${method}() on the database from inside one of its transactions: use the transaction's handle (tx) ` +
        'there, or read before the transaction starts. On embedded PGlite (one connection) this query would ' +
        'wait for the transaction forever.',
    );
    this.name = 'QueryOutsideTransactionError';
  }
}

/** The transaction whose callback is running, if any; `open` turns false once the callback has settled. */
const current = new AsyncLocalStorage<{ open: boolean }>();

/**
 * Runs each `db.transaction()` callback with a marker in its async context, and makes the database's own query
 * methods refuse calls made while that marker is open. The transaction's queries go through the connection it
 * holds (`tx`), not through these methods, so they are not affected; nor is anything outside the callback, such
 * as another request (it waits its turn), or work the callback left behind that runs after it has settled.
 */
function guard(database: Database) {
  const refuseInside = <T extends object>(target: T, methods: Array<keyof T & string>) => {
    for (const method of methods) {
      const original = (target[method] as (...args: unknown[]) => unknown).bind(target);
      Object.assign(target, {
        [method]: (...args: unknown[]) => {
          if (current.getStore()?.open) return Promise.reject(new QueryOutsideTransactionError(method));
          return original(...args);
        },
      });
    }
  };
  const { db } = database;
  const transaction = db.transaction.bind(db);
  Object.assign(db, {
    transaction: (callback: (tx: Tx) => Promise<unknown>, config?: Parameters<Db['transaction']>[1]) => {
      if (current.getStore()?.open) return Promise.reject(new QueryOutsideTransactionError('transaction'));
      return transaction((tx) => {
        const marker = { open: true };
        return current.run(marker, () => callback(tx)).finally(() => (marker.open = false));
      }, config);
    },
  });
  const client = (db as unknown as { $client: object }).$client;
  if (database.pool) refuseInside(database.pool, ['query', 'connect']);
  else refuseInside(client as PGlite, ['query', 'exec', 'transaction', 'describeQuery']);
}

async function createPgDb(url: string, max: number, statementTimeoutMs?: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    application_name: 'relais',
    ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs } : {}),
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return {
    db: drizzlePg(pool, { schema }) as unknown as Db,
    engine: 'postgres',
    pool,
    async exec(sql) {
      await pool.query(sql);
    },
    async query(sql, params) {
      const result = await pool.query(sql, params as unknown[]);
      return result.rows;
    },
    close: () => pool.end(),
  };
}

async function createPgliteDb(url: string): Promise<Database> {
  const dataDir = url.startsWith('memory://') ? 'memory://' : url.replace(/^file:\/\//, '');
  if (dataDir !== 'memory://') mkdirSync(dataDir, { recursive: true });
  // PGlite 0.5: with cube loaded, pg_trgm's operators (`%`, `<->`) and index support intermittently break the
  // backend (wrong answers, then a query that never returns); loading cube first makes it rarer, not rare
  // enough. The application calls only similarity() and show_trgm() (migrations/0006, create-db.test.ts).
  const client = await PGlite.create({
    dataDir,
    extensions: { cube, earthdistance, pg_trgm, unaccent },
  });
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    engine: 'pglite',
    async exec(sql) {
      await client.exec(sql);
    },
    async query(sql, params) {
      const result = await client.query(sql, params as unknown[]);
      return result.rows as never[];
    },
    close: () => client.close(),
  };
}
