import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../test/helpers';
import { createStaff } from '../staff/staff.service';
import { FIRST_HOLD_SECONDS, holdSeconds } from './auth.limit';

const attempt = (t: TestApp, email: string, password: string, remoteAddress = '198.51.100.7') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });

let n = 0;
async function account(t: TestApp) {
  const email = `limit${++n}-${Date.now()}@test.relais`;
  await createStaff(
    {
      ctx: t.systemCtx,
      input: { email, name: 'Limit Test', roles: ['specialist'], password: TEST_PASSWORD },
    },
    t.config,
  );
  return email;
}

/** Moves every recorded attempt back in time, as if the clock had run on. */
const later = (t: TestApp, seconds: number) =>
  t.database.exec(`UPDATE login_attempts SET at = at - interval '${seconds} seconds'`);

describe('holdSeconds', () => {
  const now = Date.now();
  const at = (secondsAgo: number) => ({ at: new Date(now - secondsAgo * 1000) });
  it('is free up to the limit, then doubles from the first hold up to the window', () => {
    expect(holdSeconds([at(1), at(1)], 3, 15, now)).toBe(0);
    expect(holdSeconds([at(1), at(1), at(0)], 3, 15, now)).toBe(FIRST_HOLD_SECONDS);
    expect(holdSeconds([at(9), at(9), at(9), at(0)], 3, 15, now)).toBe(2 * FIRST_HOLD_SECONDS);
    expect(
      holdSeconds(
        Array.from({ length: 20 }, () => at(0)),
        3,
        15,
        now,
      ),
    ).toBe(15 * 60);
    expect(holdSeconds([at(40), at(40), at(40)], 3, 15, now)).toBe(0);
  });
});

describe('login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ loginMaxAttempts: 3, loginWindowMinutes: 15 });
  });
  afterAll(async () => t.close());

  it('slows one address down on one account with a doubling wait and Retry-After, never a lock', async () => {
    const email = await account(t);
    for (let i = 0; i < 3; i++) expect((await attempt(t, email, 'wrong password!')).statusCode).toBe(401);
    const held = await attempt(t, email, TEST_PASSWORD);
    expect(held.statusCode).toBe(429);
    expect(held.json().error.code).toBe('rate_limited');
    expect(held.json().error.message).toMatch(
      /Too many failed sign-in attempts for this account from this address\. Try again in 30 seconds/,
    );
    const retry = Number(held.headers['retry-after']);
    expect(retry).toBeGreaterThan(25);
    expect(retry).toBeLessThanOrEqual(30);

    // Once the wait is over, one more try; failing again doubles the wait.
    await later(t, 31);
    expect((await attempt(t, email, 'wrong password!')).statusCode).toBe(401);
    await later(t, 31);
    const longer = await attempt(t, email, TEST_PASSWORD);
    expect(longer.statusCode).toBe(429);
    expect(Number(longer.headers['retry-after'])).toBeGreaterThan(25);
    expect(Number(longer.headers['retry-after'])).toBeLessThanOrEqual(30);
    await later(t, 30);
    expect((await attempt(t, email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('a flood of wrong passwords from elsewhere does not keep the specialist out of their shift', async () => {
    const email = await account(t);
    const stranger = '203.0.113.66';
    for (let i = 0; i < 8; i++) await attempt(t, email, `guess ${i}`, stranger);
    const strangerNow = await attempt(t, email, 'guess again', stranger);
    expect(strangerNow.statusCode).toBe(429);
    // The specialist, at the centre's address, signs in at once.
    expect((await attempt(t, email, TEST_PASSWORD, '198.51.100.20')).statusCode).toBe(200);
  });

  it('treats unknown emails like accounts, so the answer reveals nothing', async () => {
    const email = `nobody-${Date.now()}@test.relais`;
    for (let i = 0; i < 3; i++)
      expect((await attempt(t, email, 'whatever it is', '192.0.2.50')).statusCode).toBe(401);
    expect((await attempt(t, email, 'whatever it is', '192.0.2.50')).statusCode).toBe(429);
  });

  it("a success clears that account's failures from that address only; the address keeps counting others", async () => {
    const ip = '198.51.100.99';
    const [a, b, c, d, e, f, g] = [
      await account(t),
      await account(t),
      await account(t),
      await account(t),
      await account(t),
      await account(t),
      await account(t),
    ];
    // The address allows 4 × 3 = 12 failures.
    for (const who of [a, b, c]) for (let i = 0; i < 3; i++) await attempt(t, who, 'wrong password!', ip);
    await attempt(t, e, 'wrong password!', ip);
    expect((await attempt(t, e, TEST_PASSWORD, ip)).statusCode).toBe(200); // 9 failures remain (a, b, c)
    for (const who of [d, d, f]) expect((await attempt(t, who, 'wrong password!', ip)).statusCode).toBe(401);
    const held = await attempt(t, g, TEST_PASSWORD, ip); // would be the 13th
    expect(held.statusCode).toBe(429);
    expect(held.json().error.message).toMatch(/from this network address/);
    // The same account from elsewhere is fine.
    expect((await attempt(t, d, TEST_PASSWORD, '203.0.113.77')).statusCode).toBe(200);
  });

  it('a success resets the counter of that account at that address', async () => {
    const email = await account(t);
    for (let i = 0; i < 2; i++) await attempt(t, email, 'wrong password!', '192.0.2.1');
    expect((await attempt(t, email, TEST_PASSWORD, '192.0.2.1')).statusCode).toBe(200);
    for (let i = 0; i < 3; i++)
      expect((await attempt(t, email, 'wrong password!', '192.0.2.1')).statusCode).toBe(401);
    expect((await attempt(t, email, TEST_PASSWORD, '192.0.2.1')).statusCode).toBe(429);
  });

  it('parallel guesses from one address cannot slip past the limit', async () => {
    const email = await account(t);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => attempt(t, email, `wrong guess ${i}`, '192.0.2.150')),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(3);
    expect(codes.filter((c) => c !== 401 && c !== 429)).toEqual([]);
  });

  it('audits failed logins of existing accounts only, without what was typed', async () => {
    const email = await account(t);
    await attempt(t, email, 'my secret guess', '192.0.2.200');
    await attempt(t, `ghost-${Date.now()}@test.relais`, 'my secret guess', '192.0.2.200');
    const rows = await t.database.query<{
      entity_id: string | null;
      actor_type: string;
      fields: string[] | null;
    }>(`SELECT a.entity_id, a.actor_type, a.fields FROM audit_log a WHERE a.action = 'login_failed'`);
    const [staff] = await t.database.query<{ id: string }>(`SELECT id FROM staff WHERE email = $1`, [email]);
    expect(rows.filter((r) => r.entity_id === staff?.id)).toHaveLength(1);
    expect(rows.every((r) => r.entity_id !== null)).toBe(true);
    const all = JSON.stringify(await t.database.query(`SELECT * FROM audit_log`));
    const attempts = JSON.stringify(await t.database.query(`SELECT * FROM login_attempts`));
    expect(all).not.toContain('my secret guess');
    expect(attempts).not.toContain('my secret guess');
    expect(attempts).not.toContain(email);
  });
});
