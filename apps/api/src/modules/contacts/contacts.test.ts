import { randomUUID } from 'node:crypto';
import {
  Contact,
  type CallerHistory,
  type ContactPage,
  type ContactTimeline,
  type ContactVersionConflict,
} from '@relais/contracts';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SignedIn, TestApp } from '../../test/helpers';
import { completeContact, contactsTestbed, type DirectoryFixture } from './contacts.fixtures';

let t: TestApp;
let fx: DirectoryFixture;
let spec: SignedIn;
let spec2: SignedIn;
let sup: SignedIn;

beforeAll(async () => {
  ({ t, fx, spec, spec2, sup } = await contactsTestbed());
});
afterAll(async () => t.close());

/** Contact writes skip the zod pass over their answers (contacts.routes.ts): each answer here is held to it. */
function heldToContract<R extends { statusCode: number; json: () => unknown }>(url: string, res: R): R {
  if (res.statusCode < 300 && /^\/api\/contacts(\/(?!search$)[^/]+(\/close)?)?$/.test(url)) {
    const body = res.json();
    expect(Contact.parse(body)).toEqual(body);
  }
  return res;
}
const post = async (who: SignedIn, url: string, payload: unknown, headers: Record<string, string> = {}) =>
  heldToContract(
    url,
    await t.app.inject({
      method: 'POST',
      url,
      payload: payload as object,
      headers: { ...who.headers, ...headers },
    }),
  );
const patch = async (who: SignedIn, id: string, payload: unknown) =>
  heldToContract(
    `/api/contacts/${id}`,
    await t.app.inject({
      method: 'PATCH',
      url: `/api/contacts/${id}`,
      payload: payload as object,
      headers: who.headers,
    }),
  );
const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url, headers: who.headers });

async function create(who: SignedIn, body: unknown = { channel: 'phone' }): Promise<Contact> {
  const res = await post(who, '/api/contacts', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Contact>();
}

describe('creating a contact', () => {
  it('saves a complete contact with coded needs, referral snapshots and a masked phone', async () => {
    const c = await create(spec, completeContact(fx));
    expect(c.status).toBe('draft');
    expect(c.version).toBe(1);
    expect(c.specialist?.id).toBe(spec.me.staff.id);
    expect(c.caller.phoneMasked).toBe('•••-•••-0123');
    expect(JSON.stringify(c)).not.toContain('5550123');
    expect(c.needs.map((n) => [n.termId, n.categoryId, n.status])).toEqual([
      ['FOOD-BANK', 'FOOD', 'met'],
      ['HOUSING', 'HOUSING', 'met'],
      ['INCOME', 'INCOME', 'unmet'],
    ]);
    const ref = c.needs[0]?.referrals[0];
    expect(ref?.serviceName).toBe(fx.services[0]?.name);
    expect(ref?.servicePhone).toBe(fx.services[0]?.phone);
    expect(ref?.locationName).toBe('Site 1');
    expect(c.missing).toEqual([]);
  });

  it('accepts an incomplete draft and lists what wrap-up still needs', async () => {
    const c = await create(spec);
    expect(c.caller.location).toBeNull();
    expect(c.missing.map((m) => m.path)).toEqual([
      'caller.ageGroup',
      'caller.gender',
      'caller.location',
      'needs',
    ]);
  });

  it('names the bad field: unknown taxonomy term, unknown service, bad FSA, bad line field', async () => {
    const badTerm = await post(spec, '/api/contacts', {
      channel: 'phone',
      needs: [{ id: randomUUID(), termId: 'NOPE', referrals: [] }],
    });
    expect(badTerm.statusCode).toBe(400);
    expect(badTerm.json().error.fields).toEqual([
      { path: 'needs.0.termId', message: 'NOPE is not a taxonomy term' },
    ]);

    const badService = await post(spec, '/api/contacts', {
      channel: 'phone',
      needs: [
        { id: randomUUID(), termId: 'FOOD', referrals: [{ id: randomUUID(), serviceId: randomUUID() }] },
      ],
    });
    expect(badService.statusCode).toBe(400);
    expect(badService.json().error.fields[0].path).toBe('needs.0.referrals.0.serviceId');

    const badFsa = await post(spec, '/api/contacts', {
      channel: 'phone',
      caller: { location: { fsa: 'D1A' } },
    });
    expect(badFsa.statusCode).toBe(400);
    expect(badFsa.json().error.fields[0].path).toBe('body.caller.location.fsa');

    const badLine = await post(spec, '/api/contacts', {
      channel: 'phone',
      lineId: 'abuse_reporting',
      lineFields: { abuse_type: 'shouting' },
    });
    expect(badLine.statusCode).toBe(400);
    expect(badLine.json().error.fields[0].path).toBe('lineFields.abuse_type');
    const count = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM contacts WHERE line_id = 'abuse_reporting'`,
    );
    expect(count[0]?.n).toBe(0);
  });
});

describe('Idempotency-Key', () => {
  it('returns the first result to a retry, and 422 for the same key with another body', async () => {
    const key = randomUUID();
    const body = completeContact(fx);
    const first = await post(spec, '/api/contacts', body, { 'idempotency-key': key });
    const retry = await post(spec, '/api/contacts', body, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    const other = await post(
      spec,
      '/api/contacts',
      { ...body, notes: 'changed' },
      { 'idempotency-key': key },
    );
    expect(other.statusCode).toBe(422);
    expect(other.json().error).toMatchObject({
      code: 'unprocessable',
      message: expect.stringContaining('Idempotency-Key'),
    });
    // Keys are per staff member: another specialist's same key is a new contact.
    const theirs = await post(spec2, '/api/contacts', completeContact(fx), { 'idempotency-key': key });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().id).not.toBe(first.json().id);
  });

  it('answers a retry after autosaves with the contact as it is now, keeping no copy of the caller', async () => {
    const key = randomUUID();
    const body = completeContact(fx);
    const first = (await post(spec, '/api/contacts', body, { 'idempotency-key': key })).json<Contact>();
    const saved = await patch(spec, first.id, { version: first.version, notes: 'called back later' });
    expect(saved.statusCode, saved.body).toBe(200);
    const retry = await post(spec, '/api/contacts', body, { 'idempotency-key': key });
    expect(retry.statusCode).toBe(201);
    expect(retry.json<Contact>()).toMatchObject({ id: first.id, version: 2, notes: 'called back later' });
    expect(retry.json<Contact>().needs).toEqual(first.needs);
    // The key row points at the contact; nothing the caller said is stored beside it.
    const [row] = await t.database.query<Record<string, unknown>>(
      `SELECT * FROM idempotency_keys WHERE key = $1`,
      [key],
    );
    expect(Object.keys(row ?? {}).sort()).toEqual([
      'created_at',
      'key',
      'owner_id',
      'request_hash',
      'resource_id',
      'status_code',
    ]);
    expect(row?.resource_id).toBe(first.id);
  });

  it('creates one contact when the same key arrives concurrently', async () => {
    const key = randomUUID();
    const body = completeContact(fx, { notes: `concurrent ${key}` });
    const results = await Promise.all(
      Array.from({ length: 8 }, () => post(spec, '/api/contacts', body, { 'idempotency-key': key })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    const rows = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM contacts WHERE notes = $1`,
      [`concurrent ${key}`],
    );
    expect(rows[0]?.n).toBe(1);
  });
});

describe('many specialists at once (creates and wrap-ups are written in groups)', () => {
  const createdAt = async (ids: string[]) =>
    t.database.query<{ id: string; created_at: string }>(
      `SELECT id, created_at::text FROM contacts WHERE id = ANY($1::uuid[])`,
      [ids],
    );

  it('gives each concurrent create its own contact, and a bad one fails alone', async () => {
    const tag = randomUUID();
    const good = Array.from({ length: 6 }, (_, i) => completeContact(fx, { notes: `${tag} ${i}` }));
    const bad = {
      channel: 'phone',
      notes: `${tag} bad`,
      needs: [
        { id: randomUUID(), termId: 'FOOD', referrals: [{ id: randomUUID(), serviceId: randomUUID() }] },
      ],
    };
    const [s0, s1] = fx.services;
    const results = await Promise.all([
      ...good.map((body, i) =>
        post(i % 2 ? spec : spec2, '/api/contacts', body, { 'idempotency-key': randomUUID() }),
      ),
      post(spec, '/api/contacts', bad),
    ]);
    const refused = results.pop();
    expect(refused?.statusCode).toBe(400);
    expect(refused?.json().error.fields[0].path).toBe('needs.0.referrals.0.serviceId');
    expect(results.map((r) => r.statusCode)).toEqual(Array(6).fill(201));
    results.forEach((res, i) => {
      const body = res.json() as Contact;
      // Each answer is its own contact, with its own children and the directory snapshot of its services.
      expect(body.notes).toBe(`${tag} ${i}`);
      expect(body.specialist?.id).toBe((i % 2 ? spec : spec2).me.staff.id);
      expect(body.needs.map((n) => n.id)).toEqual(good[i]?.needs?.map((n) => n.id));
      expect(body.needs[0]?.referrals[0]).toMatchObject({ serviceId: s0?.id, serviceName: s0?.name });
      expect(body.needs[1]?.referrals[0]).toMatchObject({ serviceId: s1?.id, serviceName: s1?.name });
    });
    const ids = results.map((r) => (r.json() as Contact).id);
    const audit = await t.database.query<{ entity_id: string; n: number }>(
      `SELECT entity_id, count(*)::int AS n FROM audit_log WHERE action = 'create' AND entity_type = 'contact'
       AND entity_id = ANY($1::text[]) GROUP BY entity_id`,
      [ids],
    );
    expect(audit.map((a) => a.n)).toEqual(Array(6).fill(1));
    const saved = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM contacts WHERE notes LIKE $1`,
      [`${tag}%`],
    );
    expect(saved[0]?.n).toBe(6);
  });

  it('writes concurrent creates in one statement when none of them is refused', async () => {
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => post(spec, '/api/contacts', completeContact(fx))),
    );
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    // Contacts written by one statement share its transaction's time (now()).
    const times = await createdAt(results.map((r) => (r.json() as Contact).id));
    expect(times).toHaveLength(4);
    expect(new Set(times.map((r) => r.created_at)).size).toBeLessThan(4);
  });

  it('closes concurrent wrap-ups each by its own rules: ready, missing items, stale, and the same one twice', async () => {
    const ready = await Promise.all([1, 2, 3].map(() => create(spec, completeContact(fx))));
    const incomplete = await create(spec, { channel: 'chat' });
    const stale = await create(spec, completeContact(fx));
    const twice = await create(spec, completeContact(fx));
    const results = await Promise.all([
      ...ready.map((c) => post(spec, `/api/contacts/${c.id}/close`, { version: 1 })),
      post(spec, `/api/contacts/${incomplete.id}/close`, { version: 1 }),
      post(spec, `/api/contacts/${stale.id}/close`, { version: 5 }),
      post(spec, `/api/contacts/${twice.id}/close`, { version: 1 }),
      post(spec, `/api/contacts/${twice.id}/close`, { version: 1 }),
    ]);
    const codes = results.map((r) => r.statusCode);
    expect(codes.slice(0, 5)).toEqual([200, 200, 200, 400, 409]);
    expect(codes.slice(5).sort()).toEqual([200, 409]);
    results.slice(0, 3).forEach((res, i) => {
      expect(res.json()).toMatchObject({ id: ready[i]?.id, status: 'closed', version: 2 });
      expect(res.json().needs).toHaveLength(3);
    });
    const closes = await t.database.query<{ entity_id: string; n: number }>(
      `SELECT entity_id, count(*)::int AS n FROM audit_log WHERE action = 'close'
       AND entity_id = ANY($1::text[]) GROUP BY entity_id ORDER BY entity_id`,
      [[...ready, incomplete, stale, twice].map((c) => c.id)],
    );
    expect(closes.map((c) => c.entity_id).sort()).toEqual([...ready, twice].map((c) => c.id).sort());
    expect(closes.every((c) => c.n === 1)).toBe(true);
    const status = await t.database.query<{ status: string }>(
      `SELECT status FROM contacts WHERE id = ANY($1::uuid[]) ORDER BY status`,
      [[incomplete.id, stale.id]],
    );
    expect(status.map((s) => s.status)).toEqual(['draft', 'draft']);
  });
});

describe('autosave', () => {
  it('saves partial updates, refuses a stale version with what differs, and keeps nested needs by id', async () => {
    const c = await create(spec);
    const v2 = await patch(spec, c.id, { version: 1, caller: { ageGroup: 'youth' }, notes: 'first words' });
    expect(v2.statusCode, v2.body).toBe(200);
    expect(v2.json()).toMatchObject({ version: 2, notes: 'first words', caller: { ageGroup: 'youth' } });

    const stale = await patch(spec, c.id, {
      version: 1,
      caller: { ageGroup: 'adult' },
      notes: 'first words',
    });
    expect(stale.statusCode).toBe(409);
    const details = stale.json().error.details as ContactVersionConflict;
    expect(details.currentVersion).toBe(2);
    expect(details.differingFields).toEqual(['caller.ageGroup']);
    expect(details.current.caller.ageGroup).toBe('youth');

    const needId = randomUUID();
    const refId = randomUUID();
    const withNeed = await patch(spec, c.id, {
      version: 2,
      needs: [{ id: needId, termId: 'FOOD', referrals: [{ id: refId, serviceId: fx.services[0]?.id }] }],
    });
    expect(withNeed.statusCode, withNeed.body).toBe(200);
    // The same document again (autosave tick with no change) keeps the same rows.
    const again = await patch(spec, c.id, {
      version: 3,
      needs: [{ id: needId, termId: 'FOOD', referrals: [{ id: refId, serviceId: fx.services[0]?.id }] }],
    });
    expect(again.json().needs[0].referrals[0].id).toBe(refId);
    const removed = await patch(spec, c.id, { version: 4, needs: [] });
    expect(removed.json().needs).toEqual([]);
    const left = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM contact_referrals WHERE contact_id = $1`,
      [c.id],
    );
    expect(left[0]?.n).toBe(0);
  });

  it('saves, and refuses a stale version, just after the cached lines expire', async () => {
    // The lines are cached for 30 s; a refresh from inside the autosave's transaction would wait for a second
    // connection, which PGlite (one connection) never has.
    const c = await create(spec);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 31_000);
      const saved = await patch(spec, c.id, {
        version: c.version,
        notes: 'Called back after the line list expired',
      });
      expect(saved.statusCode).toBe(200);
      expect(saved.json<Contact>().version).toBe(c.version + 1);
      vi.setSystemTime(Date.now() + 31_000);
      const stale = await patch(spec, c.id, { version: c.version, notes: 'An older tab' });
      expect(stale.statusCode).toBe(409);
      expect((stale.json().error.details as ContactVersionConflict).currentVersion).toBe(c.version + 1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses need ids that belong to another contact', async () => {
    const other = await create(spec, completeContact(fx));
    const mine = await create(spec);
    const stolen = other.needs[0];
    const res = await patch(spec, mine.id, {
      version: 1,
      needs: [{ id: stolen?.id, termId: 'FOOD', unmetReason: 'cost', referrals: [] }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ path: 'needs.0.id', message: 'belongs to another contact' }]);
    const again = await post(spec, '/api/contacts', {
      channel: 'phone',
      needs: [{ id: stolen?.id, termId: 'FOOD', unmetReason: 'cost', referrals: [] }],
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields[0]).toEqual({
      path: 'needs.0.id',
      message: 'is already used by another contact',
    });
  });

  it('does not let a specialist edit or open another specialist’s contact', async () => {
    const c = await create(spec);
    expect((await patch(spec2, c.id, { version: 1, notes: 'x' })).statusCode).toBe(403);
    expect((await get(spec2, `/api/contacts/${c.id}`)).statusCode).toBe(403);
    expect((await get(sup, `/api/contacts/${c.id}`)).statusCode).toBe(200);
  });
});

describe('wrap-up', () => {
  it('refuses to close without the reporting minimum, listing each missing item', async () => {
    const c = await create(spec, {
      channel: 'chat',
      needs: [{ id: randomUUID(), termId: 'FOOD', referrals: [] }],
    });
    const res = await post(spec, `/api/contacts/${c.id}/close`, { version: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      { path: 'caller.ageGroup', message: 'Age group is required (undisclosed is an answer)' },
      { path: 'caller.gender', message: 'Gender is required (undisclosed is an answer)' },
      {
        path: 'caller.location',
        message: 'Location is required: a municipality, a postal-code area (FSA) or undisclosed',
      },
      {
        path: 'needs.0.unmetReason',
        message: 'Need FOOD has no referral: add one or record why it is unmet',
      },
    ]);
  });

  it('closes once every item is answered, undisclosed included, and then refuses edits', async () => {
    const c = await create(spec, {
      channel: 'phone',
      noNeed: true,
      disposition: 'wrong_number',
      caller: { ageGroup: 'undisclosed', gender: 'undisclosed', location: { undisclosed: true } },
    });
    expect(c.missing).toEqual([]);
    const closed = await post(spec, `/api/contacts/${c.id}/close`, { version: 1 });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', version: 2 });
    expect(closed.json().endedAt).not.toBeNull();
    expect((await patch(spec, c.id, { version: 2, notes: 'late' })).statusCode).toBe(409);
  });

  it('refuses "no need" together with needs, an unexplained "other", and a stale version', async () => {
    const both = await create(spec, completeContact(fx, { noNeed: true }));
    const r1 = await post(spec, `/api/contacts/${both.id}/close`, { version: 1 });
    expect(r1.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['noNeed']);
    const other = await create(spec, {
      ...completeContact(fx),
      needs: [{ id: randomUUID(), termId: 'FOOD', unmetReason: 'other', referrals: [] }],
    });
    const r2 = await post(spec, `/api/contacts/${other.id}/close`, { version: 1 });
    expect(r2.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['needs.0.unmetNote']);
    const ready = await create(spec, completeContact(fx));
    const stale = await post(spec, `/api/contacts/${ready.id}/close`, { version: 7 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.currentVersion).toBe(1);
    expect((await post(spec2, `/api/contacts/${ready.id}/close`, { version: 1 })).statusCode).toBe(403);
    expect((await post(sup, `/api/contacts/${ready.id}/close`, { version: 1 })).statusCode).toBe(200);
  });

  it('requires the line’s own fields at wrap-up', async () => {
    const c = await create(spec, { ...completeContact(fx), lineId: 'abuse_reporting' });
    expect(c.missing.map((m) => m.path)).toEqual([
      'lineFields.abuse_type',
      'lineFields.person_at_risk_age_group',
      'lineFields.immediate_danger',
    ]);
    const refused = await post(spec, `/api/contacts/${c.id}/close`, { version: 1 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.map((f: { path: string }) => f.path)).toEqual([
      'lineFields.abuse_type',
      'lineFields.person_at_risk_age_group',
      'lineFields.immediate_danger',
    ]);
    const filled = await patch(spec, c.id, {
      version: 1,
      lineFields: { abuse_type: 'financial', person_at_risk_age_group: 'senior', immediate_danger: false },
    });
    expect(filled.json().missing).toEqual([]);
  });
});

describe('crisis', () => {
  let url: string;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    url = `http://127.0.0.1:${address.port}`;
  });
  afterAll(() => sockets.forEach((s) => s.close()));

  it('tells supervisors at once and refuses to close without a follow-up decision', async () => {
    const socket = connectSocket(url, {
      transports: ['websocket'],
      extraHeaders: { cookie: sup.cookie },
      reconnection: false,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const c = await create(spec, completeContact(fx));
    const event = new Promise<{ contactId: string; flags: string[] }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no contact.crisis within 5 s')), 5_000);
      socket.on('contact.crisis', (e: { contactId: string; flags: string[] }) => {
        if (e.contactId !== c.id) return;
        clearTimeout(timer);
        resolve(e);
      });
    });
    const flagged = await patch(spec, c.id, { version: 1, crisisFlags: ['danger_to_self'] });
    expect(flagged.statusCode).toBe(200);
    expect(await event).toMatchObject({
      contactId: c.id,
      flags: ['danger_to_self'],
      specialistId: spec.me.staff.id,
    });

    const refused = await post(spec, `/api/contacts/${c.id}/close`, { version: 2 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['followUps']);

    const due = new Date(Date.now() + 86_400_000).toISOString();
    const decided = await patch(spec, c.id, { version: 2, followUps: [{ id: randomUUID(), dueAt: due }] });
    expect(decided.json().followUps[0]).toMatchObject({ status: 'open', dueAt: due });
    expect((await post(spec, `/api/contacts/${c.id}/close`, { version: 3 })).statusCode).toBe(200);
  });

  it('accepts an explicit "no follow-up" with a reason', async () => {
    const c = await create(spec, completeContact(fx, { crisisFlags: ['abuse'] }));
    expect(c.missing.map((m) => m.path)).toEqual(['followUps']);
    const decided = await patch(spec, c.id, {
      version: 1,
      noFollowUpReason: 'Caller connected to police on the line',
    });
    expect(decided.json().missing).toEqual([]);
  });
});

describe('repeat callers', () => {
  it('finds earlier contacts of a number in any format, with safety notes, never showing the number', async () => {
    const phone = `613555${String(Date.now()).slice(-4)}`;
    const first = await create(
      spec2,
      completeContact(fx, {
        caller: { phone: `+1 (${phone.slice(0, 3)}) ${phone.slice(3, 6)}-${phone.slice(6)}` },
      }),
    );
    const second = await create(spec2, { channel: 'text', caller: { phone } });
    const note = await post(spec, '/api/contacts/callers/safety-notes', {
      phone,
      note: 'Do not call back after 5 pm',
    });
    expect(note.statusCode).toBe(201);
    // From the contact being handled, with the number as typed there in another format.
    const handling = await create(spec, { channel: 'phone', caller: { phone } });
    const res = await post(spec, '/api/contacts/callers/lookup', {
      contactId: handling.id,
      phone: `1-${phone}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const history = res.json<CallerHistory>();
    expect(history.phoneMasked).toBe(`•••-•••-${phone.slice(-4)}`);
    expect(history.contacts.map((x) => x.id).sort()).toEqual([first.id, second.id].sort());
    const older = history.contacts.find((x) => x.id === first.id);
    expect(older?.needs.map((n) => n.categoryId)).toEqual(['FOOD', 'HOUSING', 'INCOME']);
    expect(older?.specialist?.id).toBe(spec2.me.staff.id);
    expect(history.safetyNotes.map((n) => n.note)).toEqual(['Do not call back after 5 pm']);
    expect(res.body).not.toContain(phone);
    const audit = await t.database.query<{ fields: string[] }>(
      `SELECT fields FROM audit_log WHERE action = 'lookup' AND entity_type = 'caller'`,
    );
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(phone.slice(-4));
  });

  it('lets a supervisor retire a safety note: it stops showing, the retirement is audited', async () => {
    const phone = `705555${String(Date.now()).slice(-4)}`;
    const note = (
      await post(spec, '/api/contacts/callers/safety-notes', { phone, note: 'Mother is abuser' })
    ).json<{
      id: string;
    }>();
    const retire = `/api/contacts/callers/safety-notes/${note.id}/retire`;
    expect((await post(spec, retire, {})).statusCode).toBe(403);
    const supervisor = await t.signIn(['supervisor']);
    const res = await post(supervisor, retire, {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: note.id, retiredAt: expect.any(String) });
    // Retiring again changes nothing and says when it was retired.
    expect((await post(supervisor, retire, {})).json()).toEqual(res.json());
    const handling = await create(spec, { channel: 'phone', caller: { phone } });
    const history = (
      await post(spec, '/api/contacts/callers/lookup', { contactId: handling.id })
    ).json<CallerHistory>();
    expect(history.safetyNotes).toEqual([]);
    const audit = await t.database.query(
      `SELECT action, fields FROM audit_log WHERE entity_type = 'safety_note' AND entity_id = $1 ORDER BY at`,
      [note.id],
    );
    expect(audit).toEqual([
      { action: 'create', fields: ['phone', 'note'] },
      { action: 'retire', fields: ['retiredAt'] },
    ]);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(
      (await post(supervisor, `/api/contacts/callers/safety-notes/${unknown}/retire`, {})).statusCode,
    ).toBe(404);
  });

  it('is not open to roles without the right', async () => {
    const editor = await t.signIn(['editor']);
    const c = await create(spec, { channel: 'phone', caller: { phone: '6135550000' } });
    expect((await post(editor, '/api/contacts/callers/lookup', { contactId: c.id })).statusCode).toBe(403);
  });

  it('gives the full number only on request, and audits it', async () => {
    const c = await create(spec, { channel: 'phone', caller: { phone: '807 555 0199' } });
    // A console that sends back what it was shown does not overwrite the number.
    const echoed = await patch(spec, c.id, { version: 1, caller: { phone: c.caller.phoneMasked } });
    expect(echoed.json().caller.phoneMasked).toBe('•••-•••-0199');
    const res = await get(spec, `/api/contacts/${c.id}/phone`);
    expect(res.json()).toEqual({ phone: '8075550199' });
    const audit = await t.database.query<{ fields: string[] }>(
      `SELECT fields FROM audit_log WHERE action = 'read' AND entity_id = $1`,
      [c.id],
    );
    expect(audit).toEqual([{ fields: ['caller.phone'] }]);
  });
});

describe('the specialist filter', () => {
  it('lists every specialist, disabled ones last, to supervisors only', async () => {
    const supervisor = await t.signIn(['supervisor']);
    const gone = await t.signIn(['specialist'], `gone-${Date.now()}@test.relais`);
    const admin = await t.signIn(['admin']);
    await post(admin, `/api/staff/${gone.me.staff.id}/disable`, {});
    const res = await get(supervisor, '/api/contacts/specialists');
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: Array<{ id: string; name: string; disabled: boolean }> }>().items;
    expect(items).toContainEqual({ id: spec.me.staff.id, name: spec.me.staff.name, disabled: false });
    expect(items.at(-1)).toEqual({ id: gone.me.staff.id, name: gone.me.staff.name, disabled: true });
    expect(items.map((i) => i.id)).not.toContain(supervisor.me.staff.id);
    expect((await get(spec, '/api/contacts/specialists')).statusCode).toBe(403);
  });
});

describe('finding contacts', () => {
  it('filters by specialist, line, need, municipality, crisis, status and dates; specialists see only theirs', async () => {
    const s = await t.signIn(['specialist']);
    const a = await create(
      s,
      completeContact(fx, {
        lineId: 'student_mental_health',
        caller: { location: { municipality: 'Kenora' } },
      }),
    );
    await create(s, {
      channel: 'chat',
      crisisFlags: ['danger_to_others'],
      startedAt: '2025-01-15T15:00:00Z',
    });
    const q = (who: SignedIn, query: Record<string, unknown>) =>
      post(who, '/api/contacts/search', { specialistId: s.me.staff.id, ...query });

    expect((await q(sup, {})).json<ContactPage>().total).toBe(2);
    expect(
      (await q(sup, { lineId: 'student_mental_health' })).json<ContactPage>().items.map((i) => i.id),
    ).toEqual([a.id]);
    expect((await q(sup, { need: 'FOOD' })).json<ContactPage>().items.map((i) => i.id)).toEqual([a.id]);
    expect((await q(sup, { need: 'FOOD-BANK' })).json<ContactPage>().total).toBe(1);
    expect((await q(sup, { municipality: 'kenora' })).json<ContactPage>().items[0]?.municipality).toBe(
      'Kenora',
    );
    expect((await q(sup, { crisis: 'true' })).json<ContactPage>().items[0]?.crisisFlags).toEqual([
      'danger_to_others',
    ]);
    expect((await q(sup, { from: '2025-01-15', to: '2025-01-16' })).json<ContactPage>().total).toBe(1);
    expect((await q(sup, { status: 'closed' })).json<ContactPage>().total).toBe(0);
    expect((await q(sup, { perPage: 1, page: 2 })).json<ContactPage>()).toMatchObject({ total: 2, page: 2 });
    // A specialist asking for someone else's contacts still only gets their own.
    const theirs = await post(spec2, '/api/contacts/search', { specialistId: s.me.staff.id });
    expect(theirs.json<ContactPage>().items.every((i) => i.specialist?.id === spec2.me.staff.id)).toBe(true);
  });
});

describe('audit and timeline', () => {
  it('records who opened a contact and tells its story with actor names', async () => {
    const c = await create(spec, completeContact(fx));
    await patch(spec, c.id, { version: 1, notes: 'called back', caller: { gender: 'undisclosed' } });
    await post(spec, `/api/contacts/${c.id}/close`, { version: 2 });
    expect((await get(sup, `/api/contacts/${c.id}`)).statusCode).toBe(200);
    const reads = await t.database.query<{ actor_id: string }>(
      `SELECT actor_id FROM audit_log WHERE action = 'read' AND entity_type = 'contact' AND entity_id = $1`,
      [c.id],
    );
    expect(reads.map((r) => r.actor_id)).toEqual([sup.me.staff.id]);

    const res = await get(sup, `/api/contacts/${c.id}/timeline`);
    const items = res.json<ContactTimeline>().items;
    const story = items.map((i) => `${i.action} ${i.entityType}`);
    expect(story.slice(0, 1)).toEqual(['create contact']);
    expect(story).toEqual(
      expect.arrayContaining([
        'create contact_need',
        'create contact_referral',
        'update contact',
        'close contact',
        'read contact',
      ]),
    );
    const update = items.find((i) => i.action === 'update');
    expect(update?.fields).toEqual(['notes', 'caller.gender']);
    expect(update?.actor.name).toBe(spec.me.staff.name);
    expect(JSON.stringify(items)).not.toContain('called back');
  });
});

describe('referral summary', () => {
  it('writes the summary in the caller’s language, or the one asked for', async () => {
    const c = await create(spec, completeContact(fx));
    const fr = await get(spec, `/api/contacts/${c.id}/referral-summary`);
    expect(fr.json().language).toBe('fr');
    const text: string = fr.json().text;
    expect(text).toContain('Vos références du 211');
    expect(text).toContain('Banques alimentaires');
    expect(text).toContain(`• ${fx.services[0]?.name}`);
    expect(text).toContain(`Téléphone: ${fx.services[0]?.phone}`);
    expect(text).toContain('Site 1 — 12 Main St, Thunder Bay');
    expect(text).toContain('(transfert accompagné)');
    expect(text).not.toContain('Soutien du revenu'); // the unmet need has no referral to send

    const en = await get(spec, `/api/contacts/${c.id}/referral-summary?lang=en`);
    expect(en.json().language).toBe('en');
    expect(en.json().text).toContain('Your 211 referrals');
    expect(en.json().text).toContain('Food banks');
    expect(en.json().text).toContain('(we transferred you)');
  });

  it('falls back to the specialist’s language when the caller speaks neither', async () => {
    const c = await create(spec, completeContact(fx, { caller: { language: 'oj' } }));
    const res = await get(spec, `/api/contacts/${c.id}/referral-summary`);
    expect(res.json().language).toBe('en');
  });
});

describe('lines', () => {
  it('lists the lines with their extra fields', async () => {
    const res = await get(spec, '/api/contacts/lines');
    expect(res.json().items.map((l: { id: string }) => l.id)).toEqual([
      'general',
      'abuse_reporting',
      'student_mental_health',
      'racist_incident_reporting',
    ]);
  });
});

describe('the specialist’s journey (what the console does)', () => {
  it('starts a draft, autosaves piece by piece, survives a reload, and wraps up', async () => {
    const s = await t.signIn(['specialist']);
    const key = randomUUID();
    let c = (
      await post(s, '/api/contacts', { channel: 'phone' }, { 'idempotency-key': key })
    ).json<Contact>();
    const save = async (doc: Record<string, unknown>) => {
      const res = await patch(s, c.id, { ...doc, version: c.version });
      expect(res.statusCode, res.body).toBe(200);
      c = res.json<Contact>();
    };
    await save({ caller: { ageGroup: 'senior', gender: 'woman' } });
    await save({ caller: { language: 'fr', location: { municipality: 'Thunder Bay' } } });
    const needs = [
      { id: randomUUID(), termId: 'FOOD', referrals: [{ id: randomUUID(), serviceId: fx.services[0]?.id }] },
      {
        id: randomUUID(),
        termId: 'HOUSING',
        referrals: [{ id: randomUUID(), serviceId: fx.services[1]?.id }],
      },
    ];
    await save({ needs });

    // The browser reloads: the console finds its draft and the whole document is there.
    const drafts = (await post(s, '/api/contacts/search', { status: 'draft' })).json<ContactPage>();
    expect(drafts.items.map((i) => i.id)).toEqual([c.id]);
    const reloaded = (await get(s, `/api/contacts/${c.id}`)).json<Contact>();
    expect(reloaded).toEqual(c);
    expect(reloaded.caller).toMatchObject({
      ageGroup: 'senior',
      gender: 'woman',
      language: 'fr',
      location: { municipality: 'Thunder Bay', undisclosed: false, fsa: null },
    });

    await save({ needs: [...needs, { id: randomUUID(), termId: 'INCOME', unmetReason: 'waitlist_full' }] });
    expect(c.missing).toEqual([]);
    const closed = await post(s, `/api/contacts/${c.id}/close`, { version: c.version });
    expect(closed.statusCode).toBe(200);
    expect(closed.json<Contact>().needs.map((n) => n.status)).toEqual(['met', 'met', 'unmet']);
  });
});
