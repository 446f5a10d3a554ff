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
      `INSERT INTO sessions (id, staff_id, csrf_token, last_seen_at, expires_at, absolute_expires_at) VALUES
         ($1, $3, 'x', now(), now() - interval '1 minute', now() + interval '1 day'),
         ($2, $3, 'x', now() - interval '2 days', now() + interval '1 day', now() + interval '1 day')`,
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

describe('retention in the hourly run', () => {
  /** A closed contact with its caller's name, closed 400 days ago, and a day-old idempotency key. */
  async function oldContact(t: TestApp, staffId: string) {
    const [row] = await t.database.query<{ id: string }>(
      `INSERT INTO contacts (status, channel, line_id, caller_first_name, notes, closed_at)
       VALUES ('closed', 'phone', 'general', 'Amira', 'note', now() - interval '400 days') RETURNING id`,
    );
    await t.database.query(
      `INSERT INTO idempotency_keys (owner_id, key, request_hash, status_code, created_at) VALUES ($1, 'old', 'h', 201, $2)`,
      [staffId, hoursAgo(25)],
    );
    return row?.id ?? '';
  }
  const nameOf = async (t: TestApp, id: string) =>
    (
      await t.database.query<{ name: string | null }>(
        `SELECT caller_first_name AS name FROM contacts WHERE id = $1`,
        [id],
      )
    )[0]?.name;
  /** Until the run that starts with listening has finished (it removes the old key after the retention step). */
  async function listenAndWait(t: TestApp) {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    for (let i = 0; i < 100; i++) {
      const left = await t.database.query(`SELECT 1 FROM idempotency_keys WHERE key = 'old'`);
      if (left.length === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('housekeeping did not run');
  }

  it('anonymises contacts closed over RETENTION_DAYS ago when the server starts listening', async () => {
    const t = await createTestApp({ retentionDays: 365 });
    try {
      const person = await t.signIn(['specialist']);
      const id = await oldContact(t, person.me.staff.id);
      await listenAndWait(t);
      expect(await nameOf(t, id)).toBeNull();
      const audit = await t.database.query(
        `SELECT action, actor_name FROM audit_log WHERE entity_type = 'contact' AND entity_id = $1`,
        [id],
      );
      expect(audit).toEqual([{ action: 'anonymize', actor_name: 'retention' }]);
    } finally {
      await t.close();
    }
  });

  it('is off when RETENTION_DAYS is unset', async () => {
    const t = await createTestApp();
    try {
      const person = await t.signIn(['specialist']);
      const id = await oldContact(t, person.me.staff.id);
      await listenAndWait(t);
      expect(await nameOf(t, id)).toBe('Amira');
    } finally {
      await t.close();
    }
  });
});
