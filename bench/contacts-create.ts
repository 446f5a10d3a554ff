/**
 * Contact creation benchmark over HTTP: each virtual client (a signed-in specialist) creates a complete contact
 * (3 needs, 3 referrals, caller details, Idempotency-Key) and wraps it up (POST …/close), again and again.
 *
 *   pnpm exec tsx bench/contacts-create.ts [--clients 50] [--seconds 20] [--max 30000] [--rate 400]
 *
 * Without --rate each client starts its next contact as soon as the last one is closed (the most the API can
 * do: with 50 clients, queueing makes latency ≈ 50 ÷ throughput). With --rate R the clients together start R
 * contacts a second on a fixed schedule (a contact centre's load does not wait for the server), and a contact's
 * latency counts from its scheduled start, so falling behind shows instead of being hidden.
 *
 * The API runs in its own process (apps/api/src/server.ts) on a random loopback port against a fresh database
 * on the PostgreSQL server, in its own session; this process is only the load generator (one keep-alive
 * connection per client, see rawConnection in lib.ts). Targets: ≥ 500 contacts/s sustained,
 * p99 < 50 ms per request at 50 concurrent clients.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { hashPassword } from '../apps/api/src/lib/passwords';
import { freshDatabase, percentile, seedTaxonomy } from './contacts-bench-db';
import { arg, httpClient, rawConnection, startServer } from './lib';

const CLIENTS = Number(arg('clients', '50'));
const SECONDS = Number(arg('seconds', '20'));
const MAX = Number(arg('max', '30000'));
const RATE = Number(arg('rate', '0'));
const WARMUP_MS = 3000;

const { agent, call } = httpClient(CLIENTS);

/** CPU time (ms) used so far by each process whose command is `postgres`, or by one process (Linux /proc). */
function cpuByPid(only?: number): Map<number, number> {
  const out = new Map<number, number>();
  const pids = only ? [String(only)] : readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  for (const p of pids) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!only && comm !== 'postgres') continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(p), (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/** CPU used since `before` by the processes alive now (ones that ended in between are not counted). */
function cpuSince(before: Map<number, number>, only?: number): number {
  let total = 0;
  for (const [pid, ms] of cpuByPid(only)) total += ms - (before.get(pid) ?? 0);
  return total;
}

/**
 * How fast this machine is right now: one core's time for a fixed loop. The shared machine's speed drifts by
 * a factor of two from hour to hour, so figures are only comparable next to this number.
 */
function loopMs() {
  const t0 = performance.now();
  let x = 0;
  for (let i = 0; i < 3e8; i++) x += i % 7;
  if (x < 0) throw new Error('unreachable');
  return performance.now() - t0;
}

async function main() {
  const speed = loopMs();
  const db = await freshDatabase('relais_bench_create');
  let stop = () => true;
  try {
    await seedTaxonomy(db.database);
    if (process.env.BENCH_EXTRA_SQL) await db.database.exec(process.env.BENCH_EXTRA_SQL);
    const orgId = randomUUID();
    await db.database.query(`INSERT INTO organizations (id, name_en) VALUES ($1, 'Bench org')`, [orgId]);
    const services = Array.from({ length: 50 }, (_, i) => ({
      id: randomUUID(),
      locationId: randomUUID(),
      i,
    }));
    for (const s of services) {
      await db.database.query(`INSERT INTO services (id, organization_id, name_en) VALUES ($1, $2, $3)`, [
        s.id,
        orgId,
        `Service ${s.i}`,
      ]);
      await db.database.query(
        `INSERT INTO locations (id, organization_id, name_en, city) VALUES ($1, $2, $3, 'Ottawa')`,
        [s.locationId, orgId, `Site ${s.i}`],
      );
      await db.database.query(`INSERT INTO phones (service_id, number) VALUES ($1, '613-555-0100')`, [s.id]);
    }
    const passwordHash = await hashPassword('bench password 2026');
    for (let i = 0; i < CLIENTS; i++)
      await db.database.query(
        `INSERT INTO staff (email, name, password_hash, roles) VALUES ($1, $2, $3, '{specialist}')`,
        [`bench${i}@bench.relais`, `Bench ${i}`, passwordHash],
      );

    // BENCH_PG_SOCKET=/var/run/postgresql: the API reaches PostgreSQL through its Unix socket instead of TCP.
    const apiDatabaseUrl = process.env.BENCH_PG_SOCKET
      ? `postgresql://${new URL(db.url).username}@/${db.name}?host=${encodeURIComponent(process.env.BENCH_PG_SOCKET)}`
      : db.url;
    const server = await startServer(apiDatabaseUrl);
    stop = server.stop;
    const sessions: Array<Record<string, string>> = [];
    for (let i = 0; i < CLIENTS; i++) {
      const res = await call(
        server.url,
        'POST',
        '/api/auth/login',
        { email: `bench${i}@bench.relais`, password: 'bench password 2026' },
        {},
      );
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.body}`);
      const cookie = String((res.headers['set-cookie'] as string[])[0]).split(';')[0] ?? '';
      sessions.push({ cookie, 'x-csrf-token': (JSON.parse(res.body) as { csrfToken: string }).csrfToken });
    }

    const requestTimes: number[] = [];
    const trace: string[] = [];
    const traceZero = performance.now();
    const contactTimes: number[] = [];
    let done = 0;
    let errors = 0;
    let firstError = '';
    const started = Date.now();
    const measureFrom = started + WARMUP_MS;
    const until = measureFrom + SECONDS * 1000;
    let measuredContacts = 0;
    let cpuAtStart = {
      api: new Map<number, number>(),
      pg: new Map<number, number>(),
      self: process.cpuUsage(),
    };
    setTimeout(
      () => (cpuAtStart = { api: cpuByPid(server.pid), pg: cpuByPid(), self: process.cpuUsage() }),
      WARMUP_MS,
    );

    const body = (n: number) => {
      const s = (k: number) => services[(n + k) % services.length] ?? services[0];
      return {
        channel: 'phone',
        disposition: 'referral_given',
        caller: {
          ageGroup: 'adult',
          gender: 'woman',
          language: 'fr',
          phone: `613555${String(n % 10000).padStart(4, '0')}`,
          location: { municipality: 'Ottawa', fsa: 'K1P' },
          relation: 'self',
        },
        needs: ['FOOD-1', 'HOUSING', 'INCOME-2'].map((termId, k) => ({
          id: randomUUID(),
          termId,
          referrals: [
            { id: randomUUID(), serviceId: s(k)?.id, locationId: s(k)?.locationId, kind: 'referral' },
          ],
        })),
      };
    };

    const client = async (c: number) => {
      const session = sessions[c] ?? sessions[0];
      if (!session) return;
      const headers = Object.entries(session)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('');
      const connection = rawConnection(server.url);
      await connection.ready;
      // Paced: client c starts contacts at c/RATE, (c + CLIENTS)/RATE, … seconds after the start.
      const interval = RATE > 0 ? (CLIENTS / RATE) * 1000 : 0;
      const paceFrom = performance.now() + (RATE > 0 ? (c / RATE) * 1000 : 0);
      for (let k = 0; Date.now() < until && done < MAX; k++) {
        const scheduled = paceFrom + k * interval;
        if (RATE > 0 && performance.now() < scheduled)
          await new Promise((r) => setTimeout(r, scheduled - performance.now()));
        const n = done++;
        const t0 = performance.now();
        const from = RATE > 0 ? Math.min(t0, scheduled) : t0;
        const created = await connection.request(
          'POST',
          '/api/contacts',
          `${headers}idempotency-key: ${randomUUID()}\r\n`,
          JSON.stringify(body(n)),
        );
        const t1 = performance.now();
        let ok = created.status === 201;
        if (ok) {
          const { id, version } = JSON.parse(created.body) as { id: string; version: number };
          const closed = await connection.request(
            'POST',
            `/api/contacts/${id}/close`,
            headers,
            JSON.stringify({ version }),
          );
          ok = closed.status === 200;
          if (!ok) firstError ||= `close ${closed.status} ${closed.body}`;
        } else firstError ||= `create ${created.status} ${created.body}`;
        const t2 = performance.now();
        if (!ok) errors++;
        if (Date.now() >= measureFrom && Date.now() < until) {
          requestTimes.push(t1 - t0, t2 - t1);
          trace.push(`${(t0 - traceZero).toFixed(1)} ${(t1 - t0).toFixed(1)} ${(t2 - t1).toFixed(1)}`);
          contactTimes.push(t2 - from);
          if (ok) measuredContacts++;
        }
      }
      connection.close();
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    const self = process.cpuUsage(cpuAtStart.self);
    const cpu = {
      api: cpuSince(cpuAtStart.api, server.pid),
      pg: cpuSince(cpuAtStart.pg),
      self: (self.user + self.system) / 1000,
    };
    const measuredSeconds = Math.min(SECONDS, (Date.now() - measureFrom) / 1000);
    requestTimes.sort((a, b) => a - b);
    contactTimes.sort((a, b) => a - b);
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const lines = [
      `Clients: ${CLIENTS}${RATE > 0 ? `, offered ${RATE} contacts/s` : ', back to back'}, API → PostgreSQL over ${process.env.BENCH_PG_SOCKET ? 'Unix socket' : 'TCP 127.0.0.1'}, measured ${measuredSeconds.toFixed(1)} s after ${WARMUP_MS / 1000} s warm-up`,
      `Contacts created and closed: ${measuredContacts} → ${(measuredContacts / measuredSeconds).toFixed(0)} contacts/s (errors: ${errors})`,
      `Per request (create or close): p50 ${ms(percentile(requestTimes, 50))}, p95 ${ms(percentile(requestTimes, 95))}, p99 ${ms(percentile(requestTimes, 99))}`,
      `Per contact (create + close${RATE > 0 ? ', from its scheduled start' : ''}): p50 ${ms(percentile(contactTimes, 50))}, p99 ${ms(percentile(contactTimes, 99))}`,
      `CPU per contact: API process ${(cpu.api / measuredContacts).toFixed(2)} ms, PostgreSQL ${(cpu.pg / measuredContacts).toFixed(2)} ms, this load generator ${(cpu.self / measuredContacts).toFixed(2)} ms`,
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}, speed: 3e8-step loop in ${speed.toFixed(0)} ms before the run`,
    ];
    if (firstError) lines.push(`First error: ${firstError.slice(0, 300)}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    // BENCH_TRACE=file: one line per measured contact: start (ms since the clients began), create ms, close ms.
    if (process.env.BENCH_TRACE) writeFileSync(process.env.BENCH_TRACE, `${trace.join('\n')}\n`);
  } finally {
    stop();
    agent.destroy();
    await new Promise((r) => setTimeout(r, 500));
    await db.drop();
  }
}

void main();
