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
  const name = `relais_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await createDb({ url: url.toString(), poolSize: 5, guardTransactions: true });
  await migrate(database);
  return {
    ...database,
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
