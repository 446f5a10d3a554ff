import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './create-db';

export const migrationsFolder = fileURLToPath(new URL('../../../migrations', import.meta.url));

/** Any constant: PostgreSQL advisory lock that serialises migrations across API processes. */
const MIGRATION_LOCK = 4_211_211;

export async function listMigrations(folder = migrationsFolder): Promise<string[]> {
  return (await readdir(folder)).filter((f) => f.endsWith('.sql')).sort();
}

/**
 * Applies every migrations/*.sql file not yet recorded, in name order, each in its own transaction.
 * One runner for both engines keeps PGlite and PostgreSQL on exactly the same schema.
 */
export async function migrate(database: Database, folder = migrationsFolder): Promise<string[]> {
  const files = await listMigrations(folder);
  const applied: string[] = [];
  const run = async (exec: (sql: string) => Promise<void>, query: Database['query']) => {
    // Created only when missing: the API may run as a role without CREATE rights (README, "Security"), and
    // CREATE TABLE IF NOT EXISTS checks those rights even when the table exists.
    const [table] = await query<{ found: string | null }>(
      `SELECT to_regclass('relais_migrations')::text AS found`,
    );
    if (!table?.found) {
      await exec(
        `CREATE TABLE IF NOT EXISTS relais_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
    }
    const done = new Set(
      (await query<{ name: string }>('SELECT name FROM relais_migrations')).map((r) => r.name),
    );
    for (const file of files) {
      if (done.has(file)) continue;
      const sql = await readFile(join(folder, file), 'utf8');
      await exec(
        `BEGIN;\n${sql}\n;INSERT INTO relais_migrations (name) VALUES ('${file.replace(/'/g, "''")}');\nCOMMIT;`,
      ).catch(async (error: unknown) => {
        await exec('ROLLBACK').catch(() => undefined);
        throw new Error(`Migration ${file} failed: ${(error as Error).message}`);
      });
      applied.push(file);
    }
  };
  if (database.pool) {
    const client = await database.pool.connect();
    try {
      // Waiting for another process's migrations, and the migrations themselves, may take longer than the
      // pool's statement_timeout (createDb); the setting is restored before the client goes back to the pool.
      await client.query('SET statement_timeout = 0');
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await run(
        async (sql) => void (await client.query(sql)),
        async (sql, params) => (await client.query(sql, params as unknown[])).rows,
      );
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      await client.query('RESET statement_timeout').catch(() => undefined);
      client.release();
    }
  } else {
    await run(database.exec, database.query);
  }
  return applied;
}

/** True when every migration file has been applied (readiness check). */
export async function isMigrated(database: Database, folder = migrationsFolder): Promise<boolean> {
  const files = await listMigrations(folder);
  try {
    const rows = await database.query<{ name: string }>('SELECT name FROM relais_migrations');
    const done = new Set(rows.map((r) => r.name));
    return files.every((f) => done.has(f));
  } catch {
    return false;
  }
}
