import { AccountSessionList, Me, TotpSetup } from '@relais/contracts';
import { Secret, TOTP } from 'otpauth';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, TEST_PASSWORD, type SignedIn, type TestApp } from '../../test/helpers';

const NEW_PASSWORD = 'a brand new passphrase 2026';

const codeFor = (secret: string, offsetSteps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });

const post = (t: TestApp, as: SignedIn, url: string, payload?: unknown) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: as.headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

const auditOf = (t: TestApp, staffId: string) =>
  t.database.query<{ action: string; fields: string[] | null }>(
    `SELECT action, fields FROM audit_log WHERE actor_id::text = $1 OR entity_id = $1 ORDER BY id`,
    [staffId],
  );

const sockets: Socket[] = [];
afterAll(() => sockets.forEach((s) => s.close()));

async function listen(t: TestApp) {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  return `http://127.0.0.1:${address.port}`;
}

function open(url: string, cookie: string) {
  const socket = connectSocket(url, {
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: { cookie },
  });
  sockets.push(socket);
  return socket;
}

describe('my password', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await createTestApp();
    url = await listen(t);
  });
  afterAll(async () => t.close());

  it('changes with the current password; the other sessions and their sockets end, this one stays', async () => {
    const email = `change-${Date.now()}@test.relais`;
    const here = await t.signIn(['specialist'], email);
    const elsewhere = await login(t.app, email, TEST_PASSWORD);
    const socket = open(url, elsewhere.cookie);
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    const ended = new Promise((resolve) => socket.on('session.ended', resolve));

    const res = await post(t, here, '/api/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ended: 1 });
    expect(await ended).toEqual({ reason: 'logout' });
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: here.cookie } })).statusCode).toBe(
      200,
    );
    expect(
      (await t.app.inject({ url: '/api/auth/me', headers: { cookie: elsewhere.cookie } })).statusCode,
    ).toBe(401);
    await expect(login(t.app, email, TEST_PASSWORD)).rejects.toThrow(/401/);
    await login(t.app, email, NEW_PASSWORD);
    const audit = await auditOf(t, here.me.staff.id);
    expect(audit).toContainEqual({ action: 'password_change', fields: ['password'] });
    expect(JSON.stringify(audit)).not.toContain(NEW_PASSWORD);
  });

  it('refuses a wrong current password and a weak new one, naming the field', async () => {
    const s = await t.signIn(['specialist']);
    const wrong = await post(t, s, '/api/account/password', {
      currentPassword: 'not my password',
      newPassword: NEW_PASSWORD,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toEqual([
      { path: 'currentPassword', message: 'is not your current password' },
    ]);
    const short = await post(t, s, '/api/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'short',
    });
    expect(short.json().error.fields[0].path).toBe('newPassword');
    const same = await post(t, s, '/api/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: TEST_PASSWORD,
    });
    expect(same.json().error.fields[0].message).toMatch(/differ/);
    expect(await auditOf(t, s.me.staff.id)).toContainEqual({
      action: 'password_check_failed',
      fields: null,
    });
  });

  it('slows down guesses of the current password from a session (a workstation left open)', async () => {
    const s = await t.signIn(['specialist']);
    const guess = (i: number) =>
      post(t, s, '/api/account/password', {
        currentPassword: `guess number ${i}`,
        newPassword: NEW_PASSWORD,
      });
    for (let i = 0; i < t.config.loginMaxAttempts; i++) expect((await guess(i)).statusCode).toBe(400);
    const held = await guess(99);
    expect(held.statusCode).toBe(429);
    // Turning two-step verification on or off asks for the password through the same check.
    const setup = await post(t, s, '/api/account/totp/setup', { currentPassword: TEST_PASSWORD });
    expect(setup.statusCode).toBe(429);
  });

  it("after an admin's reset the person must change it before anything else", async () => {
    const admin = await t.signIn(['admin']);
    const email = `reset-${Date.now()}@test.relais`;
    const person = await t.signIn(['specialist'], email);
    expect(person.me.required).toEqual([]);
    const reset = await post(t, admin, `/api/staff/${person.me.staff.id}/reset-password`, {
      password: 'set by the admin 123',
    });
    expect(reset.statusCode).toBe(200);

    const next = await login(t.app, email, 'set by the admin 123');
    expect(next.me.required).toEqual(['change_password']);
    const blocked = await t.app.inject({ url: '/api/directory/taxonomy', headers: next.headers });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.message).toMatch(/Change the password an administrator set/);
    // The live link stays closed too.
    const socket = open(url, next.cookie);
    const refused = await new Promise<Error>((resolve) => socket.on('connect_error', resolve));
    expect(refused.message).toBe('required_steps');

    const changed = await post(t, next, '/api/account/password', {
      currentPassword: 'set by the admin 123',
      newPassword: NEW_PASSWORD,
    });
    expect(changed.statusCode).toBe(200);
    const me = Me.parse((await t.app.inject({ url: '/api/auth/me', headers: next.headers })).json());
    expect(me.required).toEqual([]);
    expect((await t.app.inject({ url: '/api/directory/taxonomy', headers: next.headers })).statusCode).toBe(
      200,
    );
  });
});

describe('my sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('lists my sessions with device, address and last use, and ends another one', async () => {
    const email = `devices-${Date.now()}@test.relais`;
    const here = await t.signIn(['specialist'], email);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: TEST_PASSWORD },
      headers: { 'user-agent': 'Front desk browser' },
      remoteAddress: '203.0.113.40',
    });
    const cookie = `relais_session=${res.cookies.find((c) => c.name === 'relais_session')?.value}`;
    const someoneElse = await t.signIn(['specialist']);

    const list = AccountSessionList.parse(
      (await t.app.inject({ url: '/api/account/sessions', headers: here.headers })).json(),
    );
    expect(list.items).toHaveLength(2);
    const current = list.items.find((s) => s.current);
    const other = list.items.find((s) => !s.current);
    expect(current).toBeDefined();
    expect(other).toMatchObject({ userAgent: 'Front desk browser', ip: '203.0.113.40' });
    expect(JSON.stringify(list)).not.toContain(here.cookie.split('=')[1]);

    // Not mine: not found. Mine but the one in use: sign out instead.
    const theirs = AccountSessionList.parse(
      (await t.app.inject({ url: '/api/account/sessions', headers: someoneElse.headers })).json(),
    ).items[0];
    expect((await post(t, here, `/api/account/sessions/${theirs?.id}/end`)).statusCode).toBe(404);
    expect((await post(t, here, `/api/account/sessions/${current?.id}/end`)).statusCode).toBe(409);

    const end = await post(t, here, `/api/account/sessions/${other?.id}/end`);
    expect(end.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: here.cookie } })).statusCode).toBe(
      200,
    );
    expect(
      (await t.app.inject({ url: '/api/auth/me', headers: { cookie: someoneElse.cookie } })).statusCode,
    ).toBe(200);
    expect(await auditOf(t, here.me.staff.id)).toContainEqual({ action: 'session_end', fields: null });
  });

  it('ends all my other sessions at once', async () => {
    const email = `others-${Date.now()}@test.relais`;
    const here = await t.signIn(['specialist'], email);
    const a = await login(t.app, email, TEST_PASSWORD);
    const b = await login(t.app, email, TEST_PASSWORD);
    const res = await post(t, here, '/api/account/sessions/end-others');
    expect(res.json()).toEqual({ ended: 2 });
    for (const s of [a, b])
      expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(
        401,
      );
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: here.cookie } })).statusCode).toBe(
      200,
    );
  });
});

describe('two-step verification (TOTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ totpRequiredRoles: ['admin', 'supervisor'] });
  });
  afterAll(async () => t.close());

  async function enrol(s: SignedIn) {
    const setup = await post(t, s, '/api/account/totp/setup', { currentPassword: TEST_PASSWORD });
    expect(setup.statusCode).toBe(200);
    expect(setup.headers['cache-control']).toBe('no-store');
    const { secret } = TotpSetup.parse(setup.json());
    expect((await post(t, s, '/api/account/totp/confirm', { code: codeFor(secret) })).statusCode).toBe(200);
    return secret;
  }

  it('sets up with a secret and QR code shown once, confirmed by a code; sign-in then asks for a code', async () => {
    const email = `totp-${Date.now()}@test.relais`;
    const s = await t.signIn(['specialist'], email);
    expect(s.me).toMatchObject({ totpEnabled: false, totpRequired: false, required: [] });
    // A session alone is not enough: the password is asked again.
    const noPassword = await post(t, s, '/api/account/totp/setup', { currentPassword: 'not my password' });
    expect(noPassword.statusCode).toBe(400);
    expect(noPassword.json().error.fields[0].path).toBe('currentPassword');
    expect((await post(t, s, '/api/account/totp/setup', {})).statusCode).toBe(400);
    const setup = TotpSetup.parse(
      (await post(t, s, '/api/account/totp/setup', { currentPassword: TEST_PASSWORD })).json(),
    );
    expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\/Relais:.*secret=/);
    expect(setup.qrSvg).toMatch(/^<svg/);
    const wrong = await post(t, s, '/api/account/totp/confirm', {
      code: '000000' === codeFor(setup.secret) ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].path).toBe('code');
    expect((await post(t, s, '/api/account/totp/confirm', { code: codeFor(setup.secret) })).statusCode).toBe(
      200,
    );
    // Shown once: a second set-up is refused while it is on.
    expect((await post(t, s, '/api/account/totp/setup', { currentPassword: TEST_PASSWORD })).statusCode).toBe(
      409,
    );

    const signIn = (totpCode?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: TEST_PASSWORD, ...(totpCode ? { totpCode } : {}) },
      });
    const missing = await signIn();
    expect(missing.statusCode).toBe(401);
    expect(missing.json().error.details).toEqual({ secondFactor: 'totp', reason: 'missing' });
    expect(missing.cookies).toHaveLength(0);
    const bad = await signIn(codeFor(setup.secret, 10));
    expect(bad.json().error.details).toEqual({ secondFactor: 'totp', reason: 'invalid' });
    const code = codeFor(setup.secret, 1);
    const ok = await signIn(code);
    expect(ok.statusCode).toBe(200);
    expect(Me.parse(ok.json()).totpEnabled).toBe(true);
    // A code is accepted once only.
    expect((await signIn(code)).json().error.details).toEqual({ secondFactor: 'totp', reason: 'invalid' });

    const audit = await auditOf(t, s.me.staff.id);
    expect(audit).toContainEqual({ action: 'totp_enable', fields: ['totp'] });
    expect(audit).toContainEqual({ action: 'login_failed', fields: ['totp'] });
    expect(JSON.stringify(await t.database.query('SELECT * FROM audit_log'))).not.toContain(setup.secret);

    // Optional for a specialist: turned off with the password.
    const off = await post(t, s, '/api/account/totp/disable', { currentPassword: TEST_PASSWORD });
    expect(off.statusCode).toBe(200);
    expect((await signIn()).statusCode).toBe(200);
  });

  it('counts wrong codes per account from any address, so spreading guesses over addresses does not help', async () => {
    const email = `totp-guess-${Date.now()}@test.relais`;
    const s = await t.signIn(['specialist'], email);
    const setup = TotpSetup.parse(
      (await post(t, s, '/api/account/totp/setup', { currentPassword: TEST_PASSWORD })).json(),
    );
    await post(t, s, '/api/account/totp/confirm', { code: codeFor(setup.secret) });
    const wrong = codeFor(setup.secret, 40);
    const guess = (i: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: `203.0.113.${10 + i}`,
        payload: { email, password: TEST_PASSWORD, totpCode: wrong },
      });
    for (let i = 0; i < t.config.loginMaxAttempts; i++) expect((await guess(i)).statusCode).toBe(401);
    const held = await guess(99);
    expect(held.statusCode).toBe(429);
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a role that requires it sets it up before anything else, and cannot turn it off', async () => {
    const email = `sup-${Date.now()}@test.relais`;
    const s = await t.signIn(['supervisor'], email);
    expect(s.me).toMatchObject({ totpRequired: true, totpEnabled: false, required: ['enrol_totp'] });
    const blocked = await t.app.inject({ url: '/api/contacts/lines', headers: s.headers });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.details).toEqual({ required: ['enrol_totp'] });
    const secret = await enrol(s);
    expect((await t.app.inject({ url: '/api/contacts/lines', headers: s.headers })).statusCode).toBe(200);
    const off = await post(t, s, '/api/account/totp/disable', { currentPassword: TEST_PASSWORD });
    expect(off.statusCode).toBe(403);

    // A lost phone: an admin removes it, the person's sessions end, and the next sign-in sets it up again.
    const admin = await t.signIn(['admin']);
    await enrol(admin);
    const reset = await post(t, admin, `/api/staff/${s.me.staff.id}/reset-totp`);
    expect(reset.statusCode).toBe(200);
    // Not one's own, though: that goes through My account, with the password.
    expect((await post(t, admin, `/api/staff/${admin.me.staff.id}/reset-totp`)).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
    const again = await login(t.app, email, TEST_PASSWORD);
    expect(again.me.required).toEqual(['enrol_totp']);
    expect(secret).not.toBe('');
    expect(await auditOf(t, s.me.staff.id)).toContainEqual({ action: 'totp_reset', fields: ['totp'] });
  });
});
