import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../test/helpers';
import { runCommand } from '../../cli/command';
import { staffCommands } from '../../cli/staff.commands';

describe('sessions and CSRF', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ sessionIdleMinutes: 30 });
  });
  afterAll(async () => t.close());

  it('refuses a state-changing staff request without or with a wrong CSRF token', async () => {
    const admin = await t.signIn(['admin']);
    const body = {
      email: `csrf-${Date.now()}@test.relais`,
      name: 'X',
      roles: ['specialist'],
      password: TEST_PASSWORD,
    };
    const without = await t.app.inject({
      method: 'POST',
      url: '/api/staff',
      headers: { cookie: admin.cookie },
      payload: body,
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.message).toMatch(/CSRF/);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/staff',
      headers: { cookie: admin.cookie, 'x-csrf-token': 'not-the-token' },
      payload: body,
    });
    expect(wrong.statusCode).toBe(403);
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/staff',
      headers: admin.headers,
      payload: body,
    });
    expect(right.statusCode).toBe(201);
    // Reads need no token.
    expect((await t.app.inject({ url: '/api/staff', headers: { cookie: admin.cookie } })).statusCode).toBe(
      200,
    );
  });

  it('slides the idle expiry on use and ends the session once idle', async () => {
    const s = await t.signIn(['specialist']);
    await t.database.exec(
      `UPDATE sessions SET last_seen_at = now() - interval '1 minute', expires_at = now() + interval '10 seconds'`,
    );
    const me = await t.app.inject({
      url: '/api/auth/me',
      headers: { cookie: s.cookie, 'x-relais-activity': 'user' },
    });
    expect(me.statusCode).toBe(200);
    const left = new Date(me.json().expiresAt).getTime() - Date.now();
    expect(left).toBeGreaterThan(29 * 60_000);
    await t.database.exec(`UPDATE sessions SET expires_at = now() - interval '1 second'`);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });

  it('records the last login time', async () => {
    const s = await t.signIn(['specialist']);
    const [row] = await t.database.query<{ last_login_at: Date | null }>(
      `SELECT last_login_at FROM staff WHERE id = $1`,
      [s.me.staff.id],
    );
    expect(row?.last_login_at).not.toBeNull();
  });
});

describe('live connections', () => {
  let t: TestApp;
  let base: string;
  const sockets: Socket[] = [];
  const open = (cookie?: string) => {
    const socket = connect(base, {
      path: '/socket.io',
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: cookie ? { cookie } : {},
    });
    sockets.push(socket);
    return socket;
  };
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    if (!address || typeof address === 'string') throw new Error('not listening');
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  it('refuses an anonymous socket and one with an unknown cookie', async () => {
    for (const cookie of [undefined, 'relais_session=forged']) {
      const socket = open(cookie);
      const error = await new Promise<Error>((resolve) => socket.on('connect_error', resolve));
      expect(error.message).toBe('unauthenticated');
      expect(socket.connected).toBe(false);
    }
  });

  it('disabling someone ends their session and their socket at once', async () => {
    const admin = await t.signIn(['admin']);
    const victim = await t.signIn(['specialist']);
    const socket = open(victim.cookie);
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', resolve);
      socket.on('connect_error', reject);
    });
    const ended = new Promise((resolve) => socket.on('session.ended', resolve));
    const gone = new Promise((resolve) => socket.on('disconnect', resolve));

    const res = await t.app.inject({
      method: 'POST',
      url: `/api/staff/${victim.me.staff.id}/disable`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(await ended).toEqual({ reason: 'disabled' });
    expect(await gone).toBe('io server disconnect');
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: victim.cookie } })).statusCode).toBe(
      401,
    );
    // And they cannot come back in, on the API or the socket.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: victim.me.staff.email, password: TEST_PASSWORD },
    });
    expect(again.statusCode).toBe(401);
    const retry = open(victim.cookie);
    expect((await new Promise<Error>((resolve) => retry.on('connect_error', resolve))).message).toBe(
      'unauthenticated',
    );
  });

  // Across processes the signal travels through PostgreSQL (the Socket.IO adapter); PGlite has one process.
  it.runIf(Boolean(process.env.TEST_DATABASE_URL))(
    'the CLI disabling someone ends their socket on a running API process',
    async () => {
      const victim = await t.signIn(['specialist']);
      const socket = open(victim.cookie);
      await new Promise<void>((resolve) => socket.on('connect', resolve));
      const ended = new Promise((resolve) => socket.on('session.ended', resolve));
      const gone = new Promise((resolve) => socket.on('disconnect', resolve));
      await runCommand(staffCommands['staff:disable'], t, { email: victim.me.staff.email });
      expect(await ended).toEqual({ reason: 'disabled' });
      expect(await gone).toBe('io server disconnect');
    },
  );

  it('a role change moves the live socket between role rooms', async () => {
    const admin = await t.signIn(['admin']);
    const person = await t.signIn(['specialist']);
    const socket = open(person.cookie);
    await new Promise<void>((resolve) => socket.on('connect', resolve));
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/staff/${person.me.staff.id}`,
      headers: admin.headers,
      payload: { roles: ['supervisor'] },
    });
    expect(res.statusCode).toBe(200);
    let arrived = false;
    const received = new Promise((resolve) =>
      socket.on('entity.changed', (event) => event.entity === 'probe' && resolve(event)),
    ).finally(() => (arrived = true));
    // The room change applies at a moment of its own: the probe is repeated until it gets through.
    for (let i = 0; i < 80 && !arrived; i++) {
      t.app.realtime.publish(
        'entity.changed',
        { entity: 'probe', id: 'x', action: 'updated' },
        'role:supervisor',
      );
      await Promise.race([received, new Promise((r) => setTimeout(r, 50))]);
    }
    expect(await received).toEqual({ entity: 'probe', id: 'x', action: 'updated' });
    // The new roles apply to the very next request, with no new sign-in.
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: person.cookie } });
    expect(me.json().staff.roles).toEqual(['supervisor']);
  });
});
