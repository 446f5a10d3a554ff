import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';

/** Shared by the HTTP benchmarks: command-line options, the API in its own process, a keep-alive client. */

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
  return { url, pid: child.pid, stop: () => child.kill('SIGTERM') };
}
