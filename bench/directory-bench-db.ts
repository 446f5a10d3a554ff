import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../apps/api/src/lib/passwords';
import { seedDirectory } from '../apps/api/src/modules/directory/directory.seed';
import { SCALES } from '../apps/api/src/modules/directory/seed/generator';
import { createDb, migrate, type Database } from '../packages/db/src/index';
import { freshDatabase } from './contacts-bench-db';
import { arg, measureThenClean, startServer, type httpClient } from './lib';

/** A fresh database for the directory benchmarks: a new database on the server, or a PGlite folder. */
export async function freshDirectoryDatabase(engine: 'postgres' | 'pglite'): Promise<{
  url: string;
  database: Database;
  drop(): Promise<void>;
}> {
  if (engine === 'postgres') return freshDatabase('relais_bench_directory');
  const dir = mkdtempSync(join(tmpdir(), 'relais-bench-pglite-'));
  const database = await createDb({ url: dir });
  await migrate(database);
  return {
    url: dir,
    database,
    async drop() {
      await database.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The database a directory benchmark runs on: `--reuse URL_OR_FOLDER`, or Ontario scale seeded into a fresh
 * one (kept with `--keep`, else dropped by `drop()`).
 */
export async function benchDirectoryDatabase(
  engine: 'postgres' | 'pglite',
): Promise<{ url: string; drop(): Promise<void> }> {
  const reuse = arg('reuse', '');
  if (reuse) return { url: reuse, drop: async () => undefined };
  const fresh = await freshDirectoryDatabase(engine);
  const started = Date.now();
  const seeded = await seedDirectory(fresh.database.db, {
    scale: SCALES.ontario ?? { organizations: 0, locations: 0, services: 0 },
    seed: 211,
  });
  process.stderr.write(
    `seeded ${seeded.services} services (${seeded.searchDocuments} search rows) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  await fresh.database.close();
  if (!process.argv.includes('--keep')) return { url: fresh.url, drop: fresh.drop };
  process.stderr.write(`kept database: ${fresh.url}\n`);
  return { url: fresh.url, drop: async () => undefined };
}

const BENCH_PASSWORD = 'bench password 2026';

/**
 * Signed-in specialists, one per client: written straight into the database before the API opens it, then
 * signed in through the API. Returns each one's cookie header.
 */
export async function specialists(databaseUrl: string, count: number) {
  const setup = await createDb({ url: databaseUrl, poolSize: 1 });
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const tag = Date.now().toString(36);
  for (let i = 0; i < count; i++) {
    await setup.query(
      `INSERT INTO staff (email, name, password_hash, roles) VALUES ($1, $2, $3, '{specialist}')`,
      [`dbench${tag}${i}@bench.relais`, `Bench ${i}`, passwordHash],
    );
  }
  await setup.close();
  return async (url: URL, call: ReturnType<typeof httpClient>['call']) => {
    const sessions: Array<Record<string, string>> = [];
    for (let i = 0; i < count; i++) {
      const res = await call(
        url,
        'POST',
        '/api/auth/login',
        { email: `dbench${tag}${i}@bench.relais`, password: BENCH_PASSWORD },
        {},
      );
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.body}`);
      sessions.push({ cookie: String((res.headers['set-cookie'] as string[])[0]).split(';')[0] ?? '' });
    }
    return sessions;
  };
}

/** Realistic specialist searches: a need in English or French (some misspelt), a place, often its category. */
export const NEEDS: Array<[string, string]> = [
  ['food bank', 'FOOD'],
  ['banque alimentaire', 'FOOD'],
  ['rent help', 'HOUSING'],
  ['aide au loyer', 'HOUSING'],
  ['shelter', 'HOUSING'],
  ['refuge', ''],
  ['legal clinic', 'LEGAL'],
  ['clinique juridique', 'LEGAL'],
  ['crisis line', 'MENTAL'],
  ['counselling', ''],
  ['meals', 'FOOD'],
  ['repas', 'FOOD'],
  ['dental', 'HEALTH'],
  ['employment', 'EMPLOYMENT'],
  ['emploi', ''],
  ['tax clinic', 'INCOME'],
  ['foodbank', 'FOOD'],
  ['banqe alimentare', 'FOOD'],
  ['energy bill', 'UTILITY'],
  ['seniors', 'FAMILY'],
  ['conseling', 'MENTAL'],
];

export const PLACES = [
  'postalCode=K1N',
  'postalCode=M5V',
  'postalCode=P7B',
  'postalCode=P3A',
  'postalCode=L8P',
  'postalCode=N6A',
  'municipality=Thunder%20Bay',
  'municipality=Ottawa',
  'municipality=Toronto',
  'municipality=Greater%20Sudbury',
  'municipality=Kingston',
  'municipality=Windsor',
  'postalCode=K0B',
  'municipality=Timmins',
];

/** Percentiles of measured times, in milliseconds, rounded to a tenth. */
export function latencies(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) =>
    Number((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(1));
  return { requests: sorted.length, p50: at(50), p95: at(95), p99: at(99) };
}

/**
 * One directory benchmark run: the seeded (or reused) database, one signed-in specialist per client, the API;
 * `measure` gets the API's URL, the sessions and the machine's figures at the start, and returns the report.
 */
export async function runDirectoryBench(
  engine: 'postgres' | 'pglite',
  clients: number,
  call: ReturnType<typeof httpClient>['call'],
  measure: (run: {
    url: URL;
    sessions: Array<Record<string, string>>;
    machine: { cpus: number; loadAvgAtStart?: string };
  }) => Promise<unknown>,
) {
  const machine = { cpus: cpus().length, loadAvgAtStart: loadavg()[0]?.toFixed(2) };
  const { url: databaseUrl, drop } = await benchDirectoryDatabase(engine);
  const signIn = await specialists(databaseUrl, clients);
  const server = await startServer(databaseUrl);
  await measureThenClean(server, drop, async () =>
    measure({ url: server.url, sessions: await signIn(server.url, call), machine }),
  );
}
