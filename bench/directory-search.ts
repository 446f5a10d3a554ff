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
import { percentile } from './contacts-bench-db';
import { benchDirectoryDatabase, NEEDS, PLACES, specialists } from './directory-bench-db';
import { arg, httpClient, startServer } from './lib';

const ENGINE = arg('engine', 'postgres') === 'pglite' ? 'pglite' : 'postgres';
const CLIENTS = Number(arg('clients', '10'));
const REQUESTS = Number(arg('requests', '3000'));
const WARMUP = 1000;
const { call } = httpClient(CLIENTS);

function queryPath(n: number): string {
  const [keyword, category] = NEEDS[n % NEEDS.length] ?? ['food', ''];
  const place = PLACES[Math.floor(n / NEEDS.length) % PLACES.length] ?? 'municipality=Ottawa';
  const radius = [10, 25, 50][n % 3] ?? 25;
  return `/api/directory/search?q=${encodeURIComponent(keyword)}&${place}&radiusKm=${radius}${category ? `&taxonomy=${category}` : ''}`;
}

async function main() {
  const machine = { cpus: cpus().length, loadAvgAtStart: loadavg()[0]?.toFixed(2) };
  const { url: databaseUrl, drop } = await benchDirectoryDatabase(ENGINE);
  const signIn = await specialists(databaseUrl, CLIENTS);
  const server = await startServer(databaseUrl);
  try {
    const sessions = await signIn(server.url, call);
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
