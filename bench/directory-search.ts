/**
 * Directory search latency over HTTP at Ontario scale: keyword + distance + category queries from
 * 10 concurrent signed-in specialists against an API process on a random 127.0.0.1 port.
 *
 *   pnpm exec tsx bench/directory-search.ts [--engine postgres|pglite] [--clients 10] [--requests 3000]
 *       [--reuse URL_OR_FOLDER] [--keep]
 *
 * Without --reuse it seeds Ontario scale into a fresh database (server, or a temporary PGlite folder) first;
 * --reuse names an already seeded database (postgres://… or a PGlite folder) and --keep leaves the fresh one.
 * Targets: p95 ≤ 20 ms on the PostgreSQL server, ≤ 80 ms on PGlite.
 */
import { cpus, loadavg } from 'node:os';
import { hashPassword } from '../apps/api/src/lib/passwords';
import { seedDirectory } from '../apps/api/src/modules/directory/directory.seed';
import { SCALES } from '../apps/api/src/modules/directory/seed/generator';
import { createDb } from '../packages/db/src/index';
import { percentile } from './contacts-bench-db';
import { freshDirectoryDatabase } from './directory-bench-db';
import { arg, httpClient, startServer } from './lib';

const ENGINE = arg('engine', 'postgres') === 'pglite' ? 'pglite' : 'postgres';
const CLIENTS = Number(arg('clients', '10'));
const REQUESTS = Number(arg('requests', '3000'));
const WARMUP = 1000;
const { call } = httpClient(CLIENTS);

/** Realistic specialist searches: a need in English or French (some misspelt), a place, often its category. */
const NEEDS: Array<[string, string]> = [
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
const PLACES = [
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

function queryPath(n: number): string {
  const [keyword, category] = NEEDS[n % NEEDS.length] ?? ['food', ''];
  const place = PLACES[Math.floor(n / NEEDS.length) % PLACES.length] ?? 'municipality=Ottawa';
  const radius = [10, 25, 50][n % 3] ?? 25;
  return `/api/directory/search?q=${encodeURIComponent(keyword)}&${place}&radiusKm=${radius}${category ? `&taxonomy=${category}` : ''}`;
}

async function main() {
  const reuse = arg('reuse', '');
  let databaseUrl = reuse;
  let drop = async () => undefined as unknown as void;
  const machine = { cpus: cpus().length, loadAvgAtStart: loadavg()[0]?.toFixed(2) };
  if (!reuse) {
    const fresh = await freshDirectoryDatabase(ENGINE);
    const started = Date.now();
    const seeded = await seedDirectory(fresh.database.db, {
      scale: SCALES.ontario ?? { organizations: 0, locations: 0, services: 0 },
      seed: 211,
    });
    process.stderr.write(
      `seeded ${seeded.services} services (${seeded.searchDocuments} search rows) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    await fresh.database.close();
    databaseUrl = fresh.url;
    if (!process.argv.includes('--keep')) drop = fresh.drop;
    else process.stderr.write(`kept database: ${fresh.url}\n`);
  }
  // A specialist per client, written straight into the database before the API opens it.
  const setup = await createDb({ url: databaseUrl, poolSize: 1 });
  const passwordHash = await hashPassword('bench password 2026');
  const tag = Date.now().toString(36);
  for (let i = 0; i < CLIENTS; i++) {
    await setup.query(
      `INSERT INTO staff (email, name, password_hash, roles) VALUES ($1, $2, $3, '{specialist}')`,
      [`dbench${tag}${i}@bench.relais`, `Bench ${i}`, passwordHash],
    );
  }
  await setup.close();

  const server = await startServer(databaseUrl);
  try {
    const sessions: Array<Record<string, string>> = [];
    for (let i = 0; i < CLIENTS; i++) {
      const res = await call(
        server.url,
        'POST',
        '/api/auth/login',
        { email: `dbench${tag}${i}@bench.relais`, password: 'bench password 2026' },
        {},
      );
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.body}`);
      sessions.push({ cookie: String((res.headers['set-cookie'] as string[])[0]).split(';')[0] ?? '' });
    }
    const times: number[] = [];
    let next = 0;
    let errors = 0;
    let firstError = '';
    let results = 0;
    const started = performance.now();
    let measuredFrom = 0;
    await Promise.all(
      sessions.map(async (headers) => {
        while (next < WARMUP + REQUESTS) {
          const n = next++;
          if (n === WARMUP) measuredFrom = performance.now();
          const t0 = performance.now();
          const res = await call(server.url, 'GET', queryPath(n), undefined, headers);
          const ms = performance.now() - t0;
          if (res.status !== 200) {
            errors++;
            firstError ||= `${res.status} ${res.body.slice(0, 200)}`;
          } else if (n >= WARMUP) {
            times.push(ms);
            results += (JSON.parse(res.body) as { total: number }).total > 0 ? 1 : 0;
          }
        }
      }),
    );
    const seconds = (performance.now() - (measuredFrom || started)) / 1000;
    times.sort((a, b) => a - b);
    const report = {
      engine: ENGINE,
      clients: CLIENTS,
      requests: times.length,
      errors,
      firstError: firstError || undefined,
      withResults: results,
      requestsPerSecond: Math.round(times.length / seconds),
      p50: Number(percentile(times, 50).toFixed(1)),
      p95: Number(percentile(times, 95).toFixed(1)),
      p99: Number(percentile(times, 99).toFixed(1)),
      max: Number((times[times.length - 1] ?? 0).toFixed(1)),
      ...machine,
      loadAvgAtEnd: loadavg()[0]?.toFixed(2),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    server.stop();
    await new Promise((r) => setTimeout(r, 500));
    await drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
