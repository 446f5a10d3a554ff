import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const apiDir = fileURLToPath(new URL('..', import.meta.url));

function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: apiDir,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', DATABASE_URL: 'memory://', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<{ url: string }>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve({ url: match[1] });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, ready, exited, output: () => output };
}

/** Sends the head of a POST and, later, its body: a request that is in flight while the server is told to stop. */
function slowRequest(url: string) {
  const { hostname, port } = new URL(url);
  const body = JSON.stringify({ email: 'nobody@demo.relais', password: 'not the password' });
  const socket = connect(Number(port), hostname);
  let response = '';
  socket.on('data', (d) => (response += d.toString()));
  const done = new Promise<string>((resolve) => socket.on('close', () => resolve(response)));
  const headSent = new Promise<void>((resolve) =>
    socket.on('connect', () => {
      socket.write(
        `POST /api/auth/login HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
      );
      resolve();
    }),
  );
  return { headSent, finish: () => socket.write(body.slice(10)), done };
}

describe('server entry', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('starts on embedded Postgres, prints the demo logins, is ready, and exits 0 on SIGTERM after finishing requests in flight', async () => {
    const server = startServer({ RELAIS_DEMO: 'true' });
    child = server.child;
    const { url } = await server.ready;
    expect(server.output()).toContain('admin@demo.relais');
    expect(server.output()).toContain('specialist@demo.relais');

    const ready = await fetch(`${url}/health/ready`);
    expect(ready.status).toBe(200);

    const inFlight = slowRequest(url);
    await inFlight.headSent;
    await new Promise((r) => setTimeout(r, 200));
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    inFlight.finish();

    const response = await inFlight.done;
    expect(response).toMatch(/^HTTP\/1\.1 401/);
    expect(await server.exited).toBe(0);
  });

  it('fails fast with a readable message on bad configuration', async () => {
    const server = startServer({ PORT: 'not-a-port', SESSION_IDLE_MINUTES: '0' });
    child = server.child;
    await expect(server.ready).rejects.toThrow(
      /Invalid configuration:[\s\S]*PORT[\s\S]*SESSION_IDLE_MINUTES/,
    );
    expect(await server.exited).toBe(1);
  });
});
