import { ACTIVITY_HEADER, Me, SECURE_SESSION_COOKIE } from '@relais/contracts';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config';
import { createTestApp, TEST_PASSWORD, type SignedIn, type TestApp } from '../../test/helpers';
import { createStaff } from '../staff/staff.service';

const PERSON = { [ACTIVITY_HEADER]: 'user' };

async function listen(t: TestApp) {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  return `http://127.0.0.1:${address.port}`;
}

const sockets: Socket[] = [];
function open(url: string, headers: Record<string, string>) {
  const socket = connectSocket(url, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: headers,
  });
  sockets.push(socket);
  return socket;
}

const connected = (socket: Socket) =>
  new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
const refused = (socket: Socket) =>
  new Promise<Error>((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected')));
    socket.once('connect_error', resolve);
  });

const msLeft = (iso: string) => new Date(iso).getTime() - Date.now();

afterAll(() => sockets.forEach((s) => s.close()));

describe('idle expiry and absolute lifetime', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ sessionIdleMinutes: 30, sessionMaxHours: 2 });
  });
  afterAll(async () => t.close());

  const sessionOf = (s: SignedIn) => `staff_id = '${s.me.staff.id}'`;

  it('a background request does not slide the idle expiry; a request a person caused does', async () => {
    const s = await t.signIn(['supervisor']);
    await t.database.exec(
      `UPDATE sessions SET last_seen_at = now() - interval '5 minutes', expires_at = now() + interval '10 minutes' WHERE ${sessionOf(s)}`,
    );
    // A refetch after a live event: no activity header.
    const background = await t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } });
    expect(background.statusCode).toBe(200);
    expect(msLeft(background.json().expiresAt)).toBeLessThan(11 * 60_000);
    const person = await t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie, ...PERSON } });
    expect(msLeft(person.json().expiresAt)).toBeGreaterThan(29 * 60_000);
  });

  it('ends a session at its absolute lifetime, however active the person is', async () => {
    const s = await t.signIn(['specialist']);
    const me = Me.parse(s.me);
    const absolute = msLeft(me.absoluteExpiresAt);
    expect(absolute).toBeGreaterThan(2 * 3_600_000 - 60_000);
    expect(absolute).toBeLessThanOrEqual(2 * 3_600_000);

    await t.database.exec(
      `UPDATE sessions SET last_seen_at = now() - interval '1 minute', absolute_expires_at = now() + interval '1 second' WHERE ${sessionOf(s)}`,
    );
    const slid = await t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie, ...PERSON } });
    expect(slid.statusCode).toBe(200);
    // Sliding stops at the absolute end instead of adding 30 minutes.
    expect(msLeft(slid.json().expiresAt)).toBeLessThanOrEqual(1_000);
    await new Promise((r) => setTimeout(r, 1_200));
    const after = await t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie, ...PERSON } });
    expect(after.statusCode).toBe(401);
  });

  it('reads SESSION_MAX_HOURS (12 by default), TOTP_REQUIRED_ROLES and CONSOLE_ORIGIN, naming a bad value', () => {
    expect(loadConfig({}).sessionMaxHours).toBe(12);
    expect(loadConfig({}).totpRequiredRoles).toEqual([]);
    const set = loadConfig({
      SESSION_MAX_HOURS: '8',
      TOTP_REQUIRED_ROLES: 'admin, supervisor',
      CONSOLE_ORIGIN: 'https://console.example.org/,https://other.example.org',
    });
    expect(set.sessionMaxHours).toBe(8);
    expect(set.totpRequiredRoles).toEqual(['admin', 'supervisor']);
    expect(set.consoleOrigins).toEqual(['https://console.example.org', 'https://other.example.org']);
    expect(() => loadConfig({ TOTP_REQUIRED_ROLES: 'admin,boss' })).toThrow(/TOTP_REQUIRED_ROLES.*"boss"/);
    expect(() => loadConfig({ CONSOLE_ORIGIN: 'console.example.org' })).toThrow(ConfigError);
    expect(() => loadConfig({ SESSION_MAX_HOURS: '0' })).toThrow(/SESSION_MAX_HOURS/);
  });
});

describe('live connections follow the session', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await createTestApp({ consoleOrigins: ['https://console.example.org'] });
    url = await listen(t);
  });
  afterAll(async () => t.close());

  const expireIn = (s: SignedIn, seconds: number) =>
    t.database.exec(
      `UPDATE sessions SET expires_at = now() + interval '${seconds} seconds', last_seen_at = now() - interval '1 minute' WHERE staff_id = '${s.me.staff.id}'`,
    );

  it('closes the socket, saying why, when the session runs out while the console is open', async () => {
    const s = await t.signIn(['supervisor']);
    await expireIn(s, 1);
    const socket = open(url, { cookie: s.cookie });
    const ended = new Promise((resolve) => socket.on('session.ended', resolve));
    const gone = new Promise((resolve) => socket.on('disconnect', resolve));
    await connected(socket);
    expect(await ended).toEqual({ reason: 'expired' });
    expect(await gone).toBe('io server disconnect');
  });

  it('keeps the socket of a session a person keeps using', async () => {
    const s = await t.signIn(['supervisor']);
    await expireIn(s, 1);
    const socket = open(url, { cookie: s.cookie });
    await connected(socket);
    const slid = await t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie, ...PERSON } });
    expect(slid.statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 1_800));
    expect(socket.connected).toBe(true);
  });

  it("accepts a handshake from the console's own origin or a configured one, and refuses any other", async () => {
    const s = await t.signIn(['specialist']);
    const own = open(url, { cookie: s.cookie, origin: url });
    await connected(own);
    const configured = open(url, { cookie: s.cookie, origin: 'https://console.example.org' });
    await connected(configured);
    const evil = open(url, { cookie: s.cookie, origin: 'https://evil.example' });
    await refused(evil);
    expect(evil.connected).toBe(false);
    const crossSite = open(url, { cookie: s.cookie, 'sec-fetch-site': 'cross-site' });
    await refused(crossSite);
  });
});

describe('the session cookie over HTTPS', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await createTestApp({ cookieSecure: true });
    url = await listen(t);
  });
  afterAll(async () => t.close());

  it('is named __Host- (Secure, path /, no Domain), and the API and live link work with it', async () => {
    const email = `https-${Date.now()}@test.relais`;
    await createStaff(
      { ctx: t.systemCtx, input: { email, name: 'Https', roles: ['specialist'], password: TEST_PASSWORD } },
      t.config,
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const set = res.cookies.find((c) => c.name === SECURE_SESSION_COOKIE);
    expect(set).toMatchObject({ secure: true, path: '/', httpOnly: true });
    expect(set?.domain).toBeUndefined();
    expect(res.cookies.find((c) => c.name === 'relais_session')).toBeUndefined();

    const cookie = `${SECURE_SESSION_COOKIE}=${set?.value}`;
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    // The old name is not read any more: a cookie set over plain HTTP cannot stand in for it.
    const plain = await t.app.inject({
      url: '/api/auth/me',
      headers: { cookie: `relais_session=${set?.value}` },
    });
    expect(plain.statusCode).toBe(401);

    const socket = open(url, { cookie });
    await connected(socket);

    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, 'x-csrf-token': me.json().csrfToken },
    });
    expect(out.statusCode).toBe(200);
    const cleared = out.cookies.find((c) => c.name === SECURE_SESSION_COOKIE);
    expect(cleared).toMatchObject({ secure: true, path: '/', value: '' });
  });
});
