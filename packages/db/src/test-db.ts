import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type Database } from './create-db';
import { migrate } from './migrate';

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or, when
 * TEST_DATABASE_URL names a PostgreSQL server, a new database on it that close() drops. Both refuse a query on
 * the database from inside one of its own transactions (createDb's `guardTransactions`).
 */
export async function createTestDatabase(): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await createDb({ url: 'memory://' });
    await migrate(database);
    return database;
  }
  const server = await createServerDatabase(serverUrl);
  const database = await createDb({ url: server.url, poolSize: 5, guardTransactions: true });
  await migrate(database);
  return {
    ...database,
    async close() {
      await database.close();
      await server.drop();
    },
  };
}

/** Runs one statement on a PostgreSQL server in a connection of its own (CREATE DATABASE, roles). */
export async function runOnServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the PostgreSQL server of `serverUrl`: its URL, and drop() to remove it. */
export async function createServerDatabase(serverUrl: string, prefix = 'relais_t') {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await runOnServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => runOnServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
