/**
 * HSDS search latency over HTTP at Ontario scale, beside the console's search with the same words and places:
 * 10 concurrent signed-in clients alternate `GET /api/hsds/services?search=…`,
 * `GET /api/hsds/service_at_locations?search=…&postcode=…&proximity=25000` and
 * `GET /api/directory/search?q=…&postalCode=…&radiusKm=25` against one API process.
 *
 *   pnpm exec tsx bench/hsds-search.ts [--engine postgres|pglite] [--clients 10] [--requests 3000]
 *       [--reuse URL_OR_FOLDER] [--keep]
 *
 * Seeding, --reuse and --keep as in bench/directory-search.ts. Prints p50/p95 of each route and the ratio of
 * each HSDS route's p95 to the console's. Target: HSDS p95 within 1.5× of the console search's.
 */
import { loadavg } from 'node:os';
import { latencies, NEEDS, PLACES, runDirectoryBench } from './directory-bench-db';
import { arg, closedLoop, httpClient, runMain } from './lib';

const ENGINE = arg('engine', 'postgres') === 'pglite' ? 'pglite' : 'postgres';
const CLIENTS = Number(arg('clients', '10'));
const REQUESTS = Number(arg('requests', '3000'));
const WARMUP = Number(arg('warmup', '600'));
const RADIUS_KM = 25;
const { call } = httpClient(CLIENTS);

const POSTCODES = PLACES.filter((p) => p.startsWith('postalCode=')).map((p) => p.slice('postalCode='.length));
const ROUTES = ['hsdsServices', 'hsdsServiceAtLocations', 'console'] as const;
type Route = (typeof ROUTES)[number];

/** Request n: the three routes in turn, each with the same words and place as the other two. */
function request(n: number): { route: Route; path: string } {
  const route = ROUTES[n % ROUTES.length] as Route;
  const turn = Math.floor(n / ROUTES.length);
  const words = encodeURIComponent(NEEDS[turn % NEEDS.length]?.[0] ?? 'food');
  const postcode = POSTCODES[Math.floor(turn / NEEDS.length) % POSTCODES.length] ?? 'K1N';
  const path =
    route === 'hsdsServices'
      ? `/api/hsds/services?search=${words}`
      : route === 'hsdsServiceAtLocations'
        ? `/api/hsds/service_at_locations?search=${words}&postcode=${postcode}&proximity=${RADIUS_KM * 1000}`
        : `/api/directory/search?q=${words}&postalCode=${postcode}&radiusKm=${RADIUS_KM}`;
  return { route, path };
}

/** The number of results an answer reports (HSDS pages say total_items, the console's total). */
const totalOf = (body: string) => {
  const parsed = JSON.parse(body) as { total?: number; total_items?: number };
  return parsed.total ?? parsed.total_items ?? 0;
};

async function main() {
  await runDirectoryBench(ENGINE, CLIENTS, call, async ({ url, sessions, machine }) => {
    const times: Record<Route, number[]> = { hsdsServices: [], hsdsServiceAtLocations: [], console: [] };
    const withResults: Record<Route, number> = { hsdsServices: 0, hsdsServiceAtLocations: 0, console: 0 };
    let errors = 0;
    let firstError = '';
    const seconds = await closedLoop(sessions, WARMUP, REQUESTS, async (n, headers) => {
      const { route, path } = request(n);
      const t0 = performance.now();
      const res = await call(url, 'GET', path, undefined, headers);
      const ms = performance.now() - t0;
      if (res.status !== 200) {
        errors++;
        firstError ||= `${res.status} ${path} ${res.body.slice(0, 200)}`;
      } else if (n >= WARMUP) {
        times[route].push(ms);
        if (totalOf(res.body) > 0) withResults[route]++;
      }
    });
    const routes = Object.fromEntries(
      ROUTES.map((r) => [r, { ...latencies(times[r]), withResults: withResults[r] }]),
    ) as Record<Route, ReturnType<typeof latencies> & { withResults: number }>;
    const ratio = (r: Route) => Number((routes[r].p95 / routes.console.p95).toFixed(2));
    const report = {
      engine: ENGINE,
      clients: CLIENTS,
      errors,
      firstError: firstError || undefined,
      requestsPerSecond: Math.round(REQUESTS / seconds),
      routes,
      p95RatioToConsole: {
        hsdsServices: ratio('hsdsServices'),
        hsdsServiceAtLocations: ratio('hsdsServiceAtLocations'),
      },
      ...machine,
      loadAvgAtEnd: loadavg()[0]?.toFixed(2),
    };
    return report;
  });
}

runMain(main);
