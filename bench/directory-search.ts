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
import { loadavg } from 'node:os';
import { percentile } from './contacts-bench-db';
import { NEEDS, PLACES, runDirectoryBench } from './directory-bench-db';
import { arg, closedLoop, httpClient, runMain } from './lib';

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
  await runDirectoryBench(ENGINE, CLIENTS, call, async ({ url, sessions, machine }) => {
    const times: number[] = [];
    let errors = 0;
    let firstError = '';
    let results = 0;
    const seconds = await closedLoop(sessions, WARMUP, REQUESTS, async (n, headers) => {
      const t0 = performance.now();
      const res = await call(url, 'GET', queryPath(n), undefined, headers);
      const ms = performance.now() - t0;
      if (res.status !== 200) {
        errors++;
        firstError ||= `${res.status} ${res.body.slice(0, 200)}`;
      } else if (n >= WARMUP) {
        times.push(ms);
        results += (JSON.parse(res.body) as { total: number }).total > 0 ? 1 : 0;
      }
    });
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
    return report;
  });
}

runMain(main);
