import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';

/** Shared by the HTTP benchmarks: command-line options, the API in its own process, keep-alive HTTP clients. */

/** The value after `--name` on the command line, or the fallback. */
export const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};

/** A keep-alive HTTP client with one socket per virtual client; destroy `agent` when done. */
export function httpClient(maxSockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets });
  function call(base: URL, method: string, path: string, body: unknown, headers: Record<string, string>) {
    return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>(
      (resolve, reject) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const req = request(
          {
            agent,
            host: base.hostname,
            port: base.port,
            method,
            path,
            headers: { ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                body: Buffer.concat(chunks).toString(),
                headers: res.headers,
              }),
            );
          },
        );
        req.on('error', reject);
        req.end(payload);
      },
    );
  }
  return { agent, call };
}

/** Starts apps/api/src/server.ts on a random 127.0.0.1 port against `databaseUrl`; resolves once it listens. */
export async function startServer(databaseUrl: string) {
  // BENCH_CPU_PROF=dir writes a CPU profile of the API process there.
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF]
    : [];
  // BENCH_NODE_FLAGS='--trace-gc …': extra Node.js flags for the API process.
  const flags = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...profile, ...flags, '--import', 'tsx', 'apps/api/src/server.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WEB_DIST: '/nonexistent',
      RELAIS_DEMO: 'false',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
    // Its own session, as a service has. On Linux each session is a scheduling group of its own (autogroup), and
    // every PostgreSQL backend already is one; in the benchmark's session, the API and the load generator
    // shared one group's weight against a whole group for each backend (bench/README.md, 2026-11-24 03:30).
    detached: true,
  });
  // Detached, it would outlive this process if stopped by Ctrl-C or a crash.
  const kill = () => child.kill('SIGTERM');
  process.once('exit', kill);
  process.once('SIGINT', () => {
    kill();
    process.exit(130);
  });
  const url = await new Promise<URL>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (out.includes('running at')) return void process.stderr.write(chunk); // warnings, --trace-gc
      out += chunk.toString();
      const match = /running at (http:\/\/[^\s]+)/.exec(out);
      if (match?.[1]) resolve(new URL(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  return { url, pid: child.pid, stop: kill };
}

/**
 * One keep-alive HTTP/1.1 connection for one virtual client, one request at a time, written and read by hand.
 * The load generator shares the cores with the API and PostgreSQL in these benchmarks (real browsers do not);
 * this way it takes about 40 % less CPU per contact than through node:http. Expects every answer to carry
 * Content-Length (Fastify's JSON replies do).
 */
export function rawConnection(base: URL) {
  const socket = connect(Number(base.port), base.hostname);
  socket.setNoDelay(true);
  let buffered: Buffer = Buffer.alloc(0);
  let waiting: { resolve: (r: { status: number; body: string }) => void; reject: (e: Error) => void } | null =
    null;
  const fail = (err: Error) => {
    waiting?.reject(err);
    waiting = null;
  };
  socket.on('error', fail);
  socket.on('close', () => fail(new Error('connection closed')));
  socket.on('data', (chunk: Buffer) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    const end = buffered.indexOf('\r\n\r\n');
    if (end < 0 || !waiting) return;
    const head = buffered.toString('latin1', 0, end);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 'NaN');
    if (!Number.isFinite(length)) return fail(new Error(`no content-length in ${head.slice(0, 200)}`));
    if (buffered.length < end + 4 + length) return;
    const body = buffered.toString('utf8', end + 4, end + 4 + length);
    buffered = buffered.subarray(end + 4 + length);
    const w = waiting;
    waiting = null;
    w.resolve({ status: Number(head.slice(9, 12)), body });
  });
  const ready = new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return {
    ready,
    request(method: string, path: string, headers: string, body: string) {
      return new Promise<{ status: number; body: string }>((resolve, reject) => {
        waiting = { resolve, reject };
        socket.write(
          `${method} ${path} HTTP/1.1\r\nhost: ${base.host}\r\n${headers}content-type: application/json\r\n` +
            `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
      });
    },
    close: () => socket.destroy(),
  };
}

/** Runs a benchmark's main: a failure prints its stack and exits 1. */
export function runMain(main: () => Promise<void>) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}

/** Runs the measured part, prints its report as JSON, then stops the API and drops the benchmark's database. */
export async function measureThenClean(
  server: { stop(): void },
  drop: () => Promise<void>,
  measure: () => Promise<unknown>,
) {
  try {
    process.stdout.write(`${JSON.stringify(await measure(), null, 2)}\n`);
  } finally {
    server.stop();
    await new Promise((r) => setTimeout(r, 500));
    await drop();
  }
}

/**
 * Closed-loop clients, one per session, taking numbered requests from one counter until `warmup + requests`
 * are sent; returns the seconds the measured ones (from number `warmup` on) took.
 */
export async function closedLoop(
  sessions: Array<Record<string, string>>,
  warmup: number,
  requests: number,
  send: (n: number, headers: Record<string, string>) => Promise<void>,
): Promise<number> {
  const started = performance.now();
  let next = 0;
  let measuredFrom = 0;
  await Promise.all(
    sessions.map(async (headers) => {
      while (next < warmup + requests) {
        const n = next++;
        if (n === warmup) measuredFrom = performance.now();
        await send(n, headers);
      }
    }),
  );
  return (performance.now() - (measuredFrom || started)) / 1000;
}
