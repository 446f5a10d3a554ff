import { createHmac, randomUUID } from 'node:crypto';
import type { CallerHistory, Contact, ContactPage, OpenCrises } from '@relais/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../config';
import { createTestApp, type SignedIn, type TestApp } from '../../test/helpers';
import { completeContact, contactsTestbed, type DirectoryFixture } from './contacts.fixtures';

/** Callers' data protection (issue 20): lookups, PII reads in the audit, idempotency, crises, snapshots. */

const HMAC_KEY = 'k'.repeat(40);
let t: TestApp, fx: DirectoryFixture, spec: SignedIn, spec2: SignedIn, sup: SignedIn;

beforeAll(async () => {
  ({ t, fx, spec, spec2, sup } = await contactsTestbed({ auditHmacKey: HMAC_KEY, callerLookupsPerHour: 5 }));
});
afterAll(async () => t.close());

const send = (
  who: SignedIn,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: unknown,
  headers = {},
) => t.app.inject({ method, url, payload: payload as object, headers: { ...who.headers, ...headers } });

let phoneCounter = 0;
/** A number no other test uses. */
const freshPhone = () => `416${String(Date.now()).slice(-4)}${String(++phoneCounter).padStart(3, '0')}`;

async function create(who: SignedIn, body: unknown = { channel: 'phone' }, headers = {}): Promise<Contact> {
  const res = await send(who, 'POST', '/api/contacts', body, headers);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Contact>();
}

const auditOf = (requestId: string) =>
  t.database.query<{
    action: string;
    entity_type: string;
    entity_id: string | null;
    fields: string[] | null;
  }>(`SELECT action, entity_type, entity_id, fields FROM audit_log WHERE request_id = $1 ORDER BY id`, [
    requestId,
  ]);
const requestIdOf = (res: { headers: Record<string, unknown>; json: () => unknown }) => {
  const id = res.headers['x-request-id'];
  return typeof id === 'string' ? id : undefined;
};

describe('caller lookup is no phone-number oracle', () => {
  it('looks up only from a contact the specialist is handling, and only its saved number', async () => {
    const phone = freshPhone();
    const earlier = await create(spec2, { channel: 'phone', caller: { phone } });
    const lookup = (who: SignedIn, body: object) => send(who, 'POST', '/api/contacts/callers/lookup', body);

    // Another specialist's contact, even one with the number: refused.
    expect((await lookup(spec, { contactId: earlier.id })).statusCode).toBe(403);
    // Any number typed against a contact that does not hold it: refused, nothing shown.
    const mine = await create(spec, { channel: 'phone', caller: { phone: freshPhone() } });
    const other = await lookup(spec, { contactId: mine.id, phone });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.details).toEqual({ reason: 'phone_not_saved' });
    expect(other.body).not.toContain(earlier.id);
    // No number saved yet.
    const blank = await create(spec, { channel: 'phone' });
    expect((await lookup(spec, { contactId: blank.id })).json().error.fields[0].path).toBe('body.contactId');
    // A closed contact is no longer being handled.
    const closed = await create(
      spec,
      completeContact(fx, { caller: { ...completeContact(fx).caller, phone } }),
    );
    expect((await send(spec, 'POST', `/api/contacts/${closed.id}/close`, { version: 1 })).statusCode).toBe(
      200,
    );
    expect((await lookup(spec, { contactId: closed.id })).statusCode).toBe(403);

    // The contact being handled, with its own number: the history, without that contact.
    const handling = await create(spec, { channel: 'phone', caller: { phone } });
    const res = await lookup(spec, { contactId: handling.id, phone: `+1 ${phone}` });
    expect(res.statusCode, res.body).toBe(200);
    const history = res.json<CallerHistory>();
    expect(history.contactId).toBe(handling.id);
    expect(history.contacts.map((c) => c.id).sort()).toEqual([earlier.id, closed.id].sort());
  });

  it('lets a supervisor look up from any contact only with a stated reason, which is recorded', async () => {
    const phone = freshPhone();
    const c = await create(spec, { channel: 'phone', caller: { phone } });
    const noReason = await send(sup, 'POST', '/api/contacts/callers/lookup', { contactId: c.id });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].path).toBe('body.reason');
    const res = await send(sup, 'POST', '/api/contacts/callers/lookup', {
      contactId: c.id,
      reason: 'Police request about a missing person',
    });
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await t.database.query<{ reason: string; staff_id: string; contact_id: string }>(
      `SELECT reason, staff_id, contact_id FROM caller_lookups WHERE request_id = $1`,
      [requestIdOf(res)],
    );
    expect(row).toEqual({
      reason: 'Police request about a missing person',
      staff_id: sup.me.staff.id,
      contact_id: c.id,
    });
  });

  it('audits a keyed hash of the number and the id of every contact and note shown, never the number', async () => {
    const phone = freshPhone();
    const a = await create(spec2, { channel: 'phone', caller: { phone } });
    const b = await create(spec2, { channel: 'chat', caller: { phone } });
    const note = await send(spec, 'POST', '/api/contacts/callers/safety-notes', { phone, note: 'Text only' });
    const handling = await create(spec, { channel: 'phone', caller: { phone } });
    const res = await send(spec, 'POST', '/api/contacts/callers/lookup', { contactId: handling.id });
    expect(res.statusCode, res.body).toBe(200);
    const hash = createHmac('sha256', HMAC_KEY).update(phone).digest('hex');
    const rows = await auditOf(requestIdOf(res) ?? '');
    expect(rows).toEqual(
      expect.arrayContaining([
        { action: 'lookup', entity_type: 'caller', entity_id: hash, fields: ['phone'] },
        { action: 'lookup', entity_type: 'contact', entity_id: handling.id, fields: ['caller.phone'] },
        { action: 'read', entity_type: 'contact', entity_id: a.id, fields: ['callerHistory'] },
        { action: 'read', entity_type: 'contact', entity_id: b.id, fields: ['callerHistory'] },
        { action: 'read', entity_type: 'safety_note', entity_id: note.json().id, fields: ['note'] },
      ]),
    );
    const [lookupRow] = await t.database.query<{ phone_hmac: string; shown_contact_ids: string[] }>(
      `SELECT phone_hmac, shown_contact_ids FROM caller_lookups WHERE request_id = $1`,
      [requestIdOf(res)],
    );
    expect(lookupRow?.phone_hmac).toBe(hash);
    expect([...(lookupRow?.shown_contact_ids ?? [])].sort()).toEqual([a.id, b.id].sort());
    expect(JSON.stringify(rows) + JSON.stringify(lookupRow)).not.toContain(phone.slice(-7));
    // The record of lookups cannot be rewritten.
    await expect(t.database.query(`DELETE FROM caller_lookups`)).rejects.toThrow(/append-only/);
    await expect(t.database.query(`TRUNCATE caller_lookups`)).rejects.toThrow(/append-only/);
  });

  it('limits lookups per staff member, saying when the next one is possible', async () => {
    const s = await t.signIn(['specialist']);
    const c = await create(s, { channel: 'phone', caller: { phone: freshPhone() } });
    for (let i = 0; i < 5; i++) {
      const ok = await send(s, 'POST', '/api/contacts/callers/lookup', { contactId: c.id });
      expect(ok.statusCode, ok.body).toBe(200);
    }
    const limited = await send(s, 'POST', '/api/contacts/callers/lookup', { contactId: c.id });
    expect(limited.statusCode).toBe(429);
    const seconds = Number(limited.headers['retry-after']);
    expect(seconds).toBeGreaterThan(3000);
    expect(seconds).toBeLessThanOrEqual(3600);
    expect(limited.json().error).toMatchObject({
      code: 'rate_limited',
      message: expect.stringContaining('min'),
      details: { retryAfterSeconds: seconds, perHour: 5 },
    });
    // Another staff member's budget is their own.
    const c2 = await create(spec2, { channel: 'phone', caller: { phone: freshPhone() } });
    expect((await send(spec2, 'POST', '/api/contacts/callers/lookup', { contactId: c2.id })).statusCode).toBe(
      200,
    );
  });
});

describe('the audit HMAC key', () => {
  it('is generated once and kept in the database when AUDIT_HMAC_KEY is not set', async () => {
    const other = await createTestApp();
    try {
      const s = await other.signIn(['specialist']);
      const phone = freshPhone();
      const created = await other.app.inject({
        method: 'POST',
        url: '/api/contacts',
        headers: s.headers,
        payload: { channel: 'phone', caller: { phone } },
      });
      const res = await other.app.inject({
        method: 'POST',
        url: '/api/contacts/callers/lookup',
        headers: s.headers,
        payload: { contactId: created.json().id },
      });
      expect(res.statusCode, res.body).toBe(200);
      const secrets = await other.database.query<{ value: string }>(
        `SELECT value FROM server_secrets WHERE name = 'audit_hmac_key'`,
      );
      expect(secrets).toHaveLength(1);
      const key = secrets[0]?.value ?? '';
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      const [row] = await other.database.query<{ entity_id: string }>(
        `SELECT entity_id FROM audit_log WHERE action = 'lookup' AND entity_type = 'caller'`,
      );
      expect(row?.entity_id).toBe(createHmac('sha256', key).update(phone).digest('hex'));
    } finally {
      await other.close();
    }
  });

  it('refuses a configured key too short to be a secret', () => {
    expect(() => loadConfig({ AUDIT_HMAC_KEY: 'short' })).toThrow(/AUDIT_HMAC_KEY/);
    expect(loadConfig({ AUDIT_HMAC_KEY: HMAC_KEY }).auditHmacKey).toBe(HMAC_KEY);
  });
});

describe('every read of personal data is audited', () => {
  it('audits the timeline, the referral summary and each contact a search lists', async () => {
    const c = await create(spec, completeContact(fx));
    const timeline = await send(spec, 'GET', `/api/contacts/${c.id}/timeline`);
    expect(await auditOf(requestIdOf(timeline) ?? '')).toEqual([
      { action: 'read', entity_type: 'contact', entity_id: c.id, fields: ['timeline'] },
    ]);
    const summary = await send(spec, 'GET', `/api/contacts/${c.id}/referral-summary`);
    expect(await auditOf(requestIdOf(summary) ?? '')).toEqual([
      { action: 'read', entity_type: 'contact', entity_id: c.id, fields: ['referralSummary'] },
    ]);
    const s = await t.signIn(['specialist']);
    const x = await create(s);
    const y = await create(s);
    const search = await send(s, 'POST', '/api/contacts/search', {});
    expect(search.json<ContactPage>().items).toHaveLength(2);
    const rows = await auditOf(requestIdOf(search) ?? '');
    expect(rows.map((r) => [r.action, r.entity_id]).sort()).toEqual(
      [
        ['search', x.id],
        ['search', y.id],
      ].sort(),
    );
  });

  it('audits an Idempotency-Key replay and a 409 that shows the current contact', async () => {
    const key = randomUUID();
    const body = { channel: 'phone', notes: `replay ${key}` };
    const first = await create(spec, body, { 'idempotency-key': key });
    const retry = await send(spec, 'POST', '/api/contacts', body, { 'idempotency-key': key });
    expect(retry.json().id).toBe(first.id);
    expect(await auditOf(requestIdOf(retry) ?? '')).toEqual([
      { action: 'read', entity_type: 'contact', entity_id: first.id, fields: ['idempotencyReplay'] },
    ]);

    await send(spec, 'PATCH', `/api/contacts/${first.id}`, { version: 1, notes: 'first' });
    const stale = await send(spec, 'PATCH', `/api/contacts/${first.id}`, { version: 1, notes: 'second' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current.id).toBe(first.id);
    expect(await auditOf(requestIdOf(stale) ?? '')).toEqual([
      { action: 'read', entity_type: 'contact', entity_id: first.id, fields: ['conflict'] },
    ]);
    const staleClose = await send(spec, 'POST', `/api/contacts/${first.id}/close`, { version: 1 });
    expect(staleClose.statusCode).toBe(409);
    expect(await auditOf(requestIdOf(staleClose) ?? '')).toEqual([
      { action: 'read', entity_type: 'contact', entity_id: first.id, fields: ['conflict'] },
    ]);
  });
});

describe('Idempotency-Key (IETF draft)', () => {
  it('answers 422 to the same key with another body, and no longer honours a key older than 24 h', async () => {
    const key = randomUUID();
    const first = await create(spec, { channel: 'phone' }, { 'idempotency-key': key });
    const reused = await send(spec, 'POST', '/api/contacts', { channel: 'chat' }, { 'idempotency-key': key });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.details).toEqual({ reason: 'idempotency_key_reused' });

    // A day later, before housekeeping has deleted the claim: the key is free again.
    await t.database.query(
      `UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = $1`,
      [key],
    );
    const later = await send(spec, 'POST', '/api/contacts', { channel: 'chat' }, { 'idempotency-key': key });
    expect(later.statusCode, later.body).toBe(201);
    expect(later.json().id).not.toBe(first.id);
    // …and now belongs to the new contact.
    const again = await send(spec, 'POST', '/api/contacts', { channel: 'chat' }, { 'idempotency-key': key });
    expect(again.json().id).toBe(later.json().id);
  });
});

describe('crisis alerts cannot be lost', () => {
  it('lists a crisis whose notification failed until each supervisor acknowledges it', async () => {
    const publish = vi.spyOn(t.app.realtime, 'publish').mockImplementation(() => {
      throw new Error('NOTIFY failed');
    });
    let c: Contact;
    try {
      c = await create(spec, completeContact(fx, { crisisFlags: ['danger_to_self'] }));
    } finally {
      publish.mockRestore();
    }
    const open = async (who: SignedIn) =>
      (await send(who, 'GET', '/api/contacts/crises'))
        .json<OpenCrises>()
        .items.filter((i) => i.contactId === c.id);
    expect(await open(sup)).toEqual([
      {
        contactId: c.id,
        specialistId: spec.me.staff.id,
        flags: ['danger_to_self'],
        lineId: 'general',
        channel: 'phone',
        at: expect.any(String),
      },
    ]);
    const ack = await send(sup, 'POST', `/api/contacts/${c.id}/crisis/acknowledge`, {});
    expect(ack.statusCode).toBe(200);
    expect(await open(sup)).toEqual([]);
    // Another supervisor has not seen it yet.
    const sup2 = await t.signIn(['supervisor']);
    expect(await open(sup2)).toHaveLength(1);
    // A new flag raises it again.
    const flagged = await send(spec, 'PATCH', `/api/contacts/${c.id}`, {
      version: c.version,
      crisisFlags: ['danger_to_self', 'abuse'],
    });
    expect(flagged.statusCode, flagged.body).toBe(200);
    expect((await open(sup))[0]?.flags).toEqual(['abuse', 'danger_to_self']);
    expect((await send(spec, 'GET', '/api/contacts/crises')).statusCode).toBe(403);
  });

  it('leaves imported history out of the open crises', async () => {
    const externalId = `crisis-${randomUUID()}`;
    const line = JSON.stringify({
      externalId,
      channel: 'phone',
      startedAt: new Date().toISOString(),
      caller: { ageGroup: 'adult', gender: 'man', location: { undisclosed: true } },
      noNeed: true,
      crisisFlags: ['abuse'],
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/contacts/import',
      headers: { ...sup.headers, 'content-type': 'application/x-ndjson' },
      payload: line,
    });
    expect(res.json().created, res.body).toBe(1);
    const [row] = await t.database.query<{ id: string }>(`SELECT id FROM contacts WHERE external_id = $1`, [
      externalId,
    ]);
    const items = (await send(sup, 'GET', '/api/contacts/crises')).json<OpenCrises>().items;
    expect(items.map((i) => i.contactId)).not.toContain(row?.id);
  });
});

describe('no personal data in query strings', () => {
  it('searches contacts through a POST body; the GET with filters in the URL is gone', async () => {
    const s = await t.signIn(['specialist']);
    await create(s, { channel: 'phone', caller: { location: { municipality: 'Dryden' } } });
    const res = await send(s, 'POST', '/api/contacts/search', { municipality: 'dryden' });
    expect(res.json<ContactPage>().items.map((i) => i.municipality)).toEqual(['Dryden']);
    expect((await send(s, 'GET', '/api/contacts?municipality=dryden')).statusCode).toBe(404);
  });
});

describe('referrals survive directory changes', () => {
  it('keeps the service, site and organization in both languages, and says when the record is gone', async () => {
    const [service] = fx.services;
    if (!service) throw new Error('fixture');
    await t.database.query(`UPDATE locations SET name_fr = 'Site 1 (fr)' WHERE id = $1`, [
      service.locationId,
    ]);
    const c = await create(spec, completeContact(fx, { caller: { language: 'fr' } }));
    const referral = () =>
      send(spec, 'GET', `/api/contacts/${c.id}`).then((r) => r.json<Contact>().needs[0]?.referrals[0]);
    const snapshot = {
      serviceName: service.name,
      servicePhone: service.phone,
      locationName: 'Site 1',
      serviceNameEn: service.name,
      serviceNameFr: `${service.name} (fr)`,
      locationNameEn: 'Site 1',
      locationNameFr: 'Site 1 (fr)',
      organizationNameEn: 'Fixture org',
      organizationNameFr: 'Org. test',
    };
    expect(await referral()).toMatchObject({ ...snapshot, directory: 'current' });

    // Renamed and marked inactive: the referral still says what was referred.
    await t.database.query(`UPDATE services SET name_en = 'Renamed', status = 'inactive' WHERE id = $1`, [
      service.id,
    ]);
    expect(await referral()).toMatchObject({ ...snapshot, directory: 'inactive' });
    // Gone from the directory (what a deleted record leaves: ON DELETE SET NULL).
    await t.database.query(
      `UPDATE contact_referrals SET service_id = NULL, location_id = NULL WHERE contact_id = $1`,
      [c.id],
    );
    expect(await referral()).toMatchObject({ ...snapshot, serviceId: null, directory: 'gone' });
    const text = (await send(spec, 'GET', `/api/contacts/${c.id}/referral-summary`)).json().text as string;
    expect(text).toContain(`• ${service.name} (fr)`);
    expect(text).toContain('Site 1 (fr)');
    await t.database.query(`UPDATE services SET status = 'active' WHERE id = $1`, [service.id]);
  });
});
