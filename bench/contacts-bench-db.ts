import { randomBytes } from 'node:crypto';
import { createDb, migrate, type Database } from '../packages/db/src/index';

/** Shared by the contacts benchmarks: a fresh database on the PostgreSQL server, dropped afterwards. */

export const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

export async function freshDatabase(prefix: string, poolSize = 10) {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = await createDb({ url: SERVER_URL, poolSize: 1 });
  await admin.exec(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const database = await createDb({ url: url.toString(), poolSize });
  await migrate(database);
  return {
    name,
    url: url.toString(),
    database,
    async drop() {
      await database.close().catch(() => undefined);
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

/** The 17 need categories of shared/taxonomy plus three subcategories each. */
export const CATEGORIES = [
  'LEGAL',
  'HEALTH',
  'FAMILY',
  'INCOME',
  'HOUSING',
  'INFO',
  'MENTAL',
  'FOOD',
  'GOVT',
  'UTILITY',
  'TRANSPORT',
  'ARTS',
  'EDUCATION',
  'CLOTHING',
  'EMPLOYMENT',
  'VOLUNTEER',
  'DISASTER',
];

export async function seedTaxonomy(database: Database) {
  const values = CATEGORIES.flatMap((c) => [
    `('${c}', NULL, '${c}')`,
    ...[1, 2, 3].map((i) => `('${c}-${i}', '${c}', '${c} ${i}')`),
  ]);
  await database.exec(`INSERT INTO taxonomy_terms (id, parent_id, name_en) VALUES ${values.join(',')}`);
}

/** A deterministic pseudo-random generator (mulberry32): the same seed gives the same file. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
