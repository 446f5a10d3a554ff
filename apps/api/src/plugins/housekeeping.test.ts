import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../test/helpers';
import { housekeep } from './housekeeping';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

describe('housekeeping', () => {
  let t: TestApp;
  let person: SignedIn;
  beforeAll(async () => {
    t = await createTestApp();
    person = await t.signIn(['specialist']);
  });
  afterAll(async () => t.close());

  async function seed(tag: string) {
    const staffId = person.me.staff.id;
    await t.database.query(
      `INSERT INTO sessions (id, staff_id, csrf_token, last_seen_at, expires_at) VALUES
         ($1, $3, 'x', now(), now() - interval '1 minute'),
         ($2, $3, 'x', now() - interval '2 days', now() + interval '1 day')`,
      [`expired-${tag}`, `idle-${tag}`, staffId],
    );
    await t.database.query(
      `INSERT INTO idempotency_keys (owner_id, key, request_hash, status_code, created_at) VALUES
         ($1, $2, 'h', 201, $3), ($1, $4, 'h', 201, $5)`,
      [staffId, `old-${tag}`, hoursAgo(25), `recent-${tag}`, hoursAgo(23)],
    );
    await t.database.query(
      `INSERT INTO search_changes (generation, service_id, changed_at) VALUES (1, NULL, $1), (2, NULL, $2)`,
      [hoursAgo(25), hoursAgo(23)],
    );
  }
  const keys = async () =>
    (await t.database.query<{ key: string }>('SELECT key FROM idempotency_keys ORDER BY key')).map(
      (r) => r.key,
    );

  it('deletes expired and idle sessions and day-old idempotency keys, and keeps the rest', async () => {
    await seed('a');
    const deleted = await housekeep(t.database.db, { sessionIdleMinutes: t.config.sessionIdleMinutes });
    expect(deleted).toEqual({ sessions: 2, idempotencyKeys: 1, searchChanges: 1 });
    expect(await keys()).toEqual(['recent-a']);
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: person.cookie } });
    expect(me.statusCode).toBe(200);
  });

  it('runs when the server starts listening', async () => {
    await seed('b');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    for (let i = 0; i < 50 && (await keys()).includes('old-b'); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await keys()).toEqual(['recent-a', 'recent-b']);
    const left = await t.database.query(`SELECT id FROM sessions WHERE id LIKE '%-b'`);
    expect(left).toEqual([]);
  });
});
