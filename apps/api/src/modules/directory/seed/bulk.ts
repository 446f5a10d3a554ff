import type { Db } from '@relais/db';
import { sql } from 'drizzle-orm';

export type Row = Record<string, string | number | boolean | null>;

/**
 * Inserts rows in large batches: one JSON parameter per statement expanded by json_populate_recordset,
 * the same SQL and a single round trip per batch on PostgreSQL and PGlite.
 */
export async function insertRows(db: Db, table: string, rows: Row[], batchSize = 5000): Promise<void> {
  if (rows.length === 0) return;
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) keys.add(key);
  const columns = [...keys];
  const list = sql.raw(columns.map((c) => `"${c}"`).join(', '));
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = JSON.stringify(rows.slice(i, i + batchSize));
    await db.execute(
      sql`INSERT INTO ${sql.raw(`"${table}"`)} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${sql.raw(`"${table}"`)}, ${batch}::json)`,
    );
  }
}
