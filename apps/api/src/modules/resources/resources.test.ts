import { schema } from '@relais/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn, TestApp } from '../../test/helpers';
import { importHsds } from '../hsds/hsds.import';
import { makeFixture, type Fixture } from '../hsds/test/fixtures';
import { createTestApp } from '../../test/helpers';

describe('resource editing', () => {
  let t: TestApp;
  let editor: SignedIn;
  let f: Fixture;

  const req = (method: 'GET' | 'PATCH' | 'POST', url: string, payload?: object, who: SignedIn = editor) =>
    t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApp();
    editor = await t.signIn(['editor']);
    f = makeFixture();
    await importHsds({ ctx: t.systemCtx, input: { document: f.english, lang: 'en', source: 'test' } });
    await importHsds({ ctx: t.systemCtx, input: { document: f.french, lang: 'fr', source: 'test' } });
  });
  afterAll(async () => t.close());

  it('reads a service with both languages, hours, phones, languages and taxonomy', async () => {
    const res = await req('GET', `/api/resources/services/${f.ids.foodBank}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      nameEn: 'Emergency food bank',
      nameFr: 'Banque alimentaire d’urgence',
      organizationNameEn: 'Ottawa Food Bank',
      minAge: 18,
      languages: ['en', 'fr'],
      schedules: [{ byday: ['MO', 'WE', 'FR'], opensAt: '09:00', closesAt: '17:00' }],
      sites: [{ locationId: f.ids.ottawaSite, city: 'Ottawa' }],
    });
    expect(res.json().taxonomyTermIds).toHaveLength(2);
  });

  it('saves bilingual fields, hours, phones and languages, bumps the version and audits field names', async () => {
    const current = (await req('GET', `/api/resources/services/${f.ids.rentBank}`)).json();
    const res = await req('PATCH', `/api/resources/services/${f.ids.rentBank}`, {
      version: current.version,
      descriptionFr: 'Prêts sans intérêt pour le loyer',
      eligibilityEn: 'Tenants in Thunder Bay',
      status: 'active_no_refer',
      schedules: [{ byday: ['MO', 'TU'], opensAt: '08:30', closesAt: '12:00' }],
      phones: [{ number: '807-555-0123', type: 'voice', descriptionEn: 'Intake' }],
      languages: ['en', 'oj'],
    });
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json();
    expect(saved).toMatchObject({
      version: current.version + 1,
      descriptionFr: 'Prêts sans intérêt pour le loyer',
      descriptionEn: current.descriptionEn,
      status: 'active_no_refer',
      schedules: [{ byday: ['MO', 'TU'], opensAt: '08:30', closesAt: '12:00' }],
      phones: [{ number: '807-555-0123', descriptionEn: 'Intake' }],
      languages: ['en', 'oj'],
    });
    const audit = await t.database.db
      .select()
      .from(schema.auditLog)
      .where(sql`${schema.auditLog.entityId} = ${f.ids.rentBank} AND ${schema.auditLog.action} = 'update'`);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.fields).toEqual([
      'descriptionFr',
      'eligibilityEn',
      'languages',
      'phones',
      'schedules',
      'status',
    ]);
    expect(audit[0]?.actorId).toBe(editor.me.staff.id);
    expect(JSON.stringify(audit)).not.toContain('Tenants');
    // The search rows follow the edit.
    const [doc] = await t.database.db
      .select()
      .from(schema.searchDocuments)
      .where(eq(schema.searchDocuments.serviceId, f.ids.rentBank));
    expect(doc?.status).toBe('active_no_refer');
    expect(doc?.languages).toEqual(['en', 'oj']);
  });

  it('refuses a stale version with 409 and the current record, and loses nothing already saved', async () => {
    const v = (await req('GET', `/api/resources/organizations/${f.ids.foodOrg}`)).json().version;
    const other = await t.signIn(['editor']);
    const first = await req(
      'PATCH',
      `/api/resources/organizations/${f.ids.foodOrg}`,
      { version: v, descriptionEn: 'First save' },
      other,
    );
    expect(first.statusCode, first.body).toBe(200);
    const second = await req('PATCH', `/api/resources/organizations/${f.ids.foodOrg}`, {
      version: v,
      descriptionEn: 'Second save',
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('conflict');
    expect(second.json().error.details.current).toMatchObject({
      version: v + 1,
      descriptionEn: 'First save',
    });
    const now = (await req('GET', `/api/resources/organizations/${f.ids.foodOrg}`)).json();
    expect(now.descriptionEn).toBe('First save');
  });

  it('lets only one of two simultaneous saves of the same version win', async () => {
    const v = (await req('GET', `/api/resources/locations/${f.ids.ottawaSite}`)).json().version;
    const results = await Promise.all(
      ['A', 'B'].map((x) =>
        req('PATCH', `/api/resources/locations/${f.ids.ottawaSite}`, {
          version: v,
          descriptionEn: `Save ${x}`,
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const now = (await req('GET', `/api/resources/locations/${f.ids.ottawaSite}`)).json();
    expect(now.version).toBe(v + 1);
  });

  it('names the field at fault', async () => {
    const s = (await req('GET', `/api/resources/services/${f.ids.foodBank}`)).json();
    const ages = await req('PATCH', `/api/resources/services/${f.ids.foodBank}`, {
      version: s.version,
      maxAge: 10,
    });
    expect(ages.statusCode).toBe(400);
    expect(ages.json().error.fields[0].path).toBe('body.minAge');
    const names = await req('PATCH', `/api/resources/services/${f.ids.foodBank}`, {
      version: s.version,
      nameEn: null,
      nameFr: null,
    });
    expect(names.json().error.fields[0].path).toBe('body.nameEn');
    const term = await req('PATCH', `/api/resources/services/${f.ids.foodBank}`, {
      version: s.version,
      taxonomyTermIds: ['NOPE'],
    });
    expect(term.json().error.fields[0].path).toBe('body.taxonomyTermIds.0');
    const hours = await req('PATCH', `/api/resources/services/${f.ids.foodBank}`, {
      version: s.version,
      schedules: [{ byday: ['XX'], opensAt: '25:00', closesAt: '10:00' }],
    });
    expect(hours.statusCode).toBe(400);
    const still = (await req('GET', `/api/resources/services/${f.ids.foodBank}`)).json();
    expect(still.version).toBe(s.version);
  });

  it('marks verified, takes the record off the due list, and audits it', async () => {
    const due = async () => (await req('GET', '/api/resources/due?perPage=100')).json();
    const before = await due();
    expect(before.items.map((i: { id: string }) => i.id)).toContain(f.ids.foodBank);
    const s = (await req('GET', `/api/resources/services/${f.ids.foodBank}`)).json();
    const res = await req('POST', `/api/resources/services/${f.ids.foodBank}/verify`, { version: s.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      lastVerifiedBy: editor.me.staff.id,
      lastVerifiedByName: 'Test editor',
    });
    const after = await due();
    expect(after.items.map((i: { id: string }) => i.id)).not.toContain(f.ids.foodBank);
    expect(after.total).toBe(before.total - 1);
    const stale = await req('POST', `/api/resources/services/${f.ids.foodBank}/verify`, {
      version: s.version,
    });
    expect(stale.statusCode).toBe(409);
    const audit = await t.database.query(
      `SELECT fields FROM audit_log WHERE action = 'verify' AND entity_id = $1`,
      [f.ids.foodBank],
    );
    expect(audit).toHaveLength(1);
  });

  it('lists what is due: never verified first, then the oldest verification; paged; by type', async () => {
    const old = new Date(Date.now() - 400 * 86_400_000);
    const older = new Date(Date.now() - 800 * 86_400_000);
    const recent = new Date(Date.now() - 30 * 86_400_000);
    await t.database.db
      .update(schema.organizations)
      .set({ lastVerifiedAt: old })
      .where(eq(schema.organizations.id, f.ids.rentOrg));
    await t.database.db
      .update(schema.locations)
      .set({ lastVerifiedAt: older })
      .where(eq(schema.locations.id, f.ids.thunderBaySite));
    await t.database.db
      .update(schema.services)
      .set({ lastVerifiedAt: recent })
      .where(eq(schema.services.id, f.ids.rentBank));
    const all = (await req('GET', '/api/resources/due?perPage=100')).json();
    const ids: string[] = all.items.map((i: { id: string }) => i.id);
    expect(ids).not.toContain(f.ids.rentBank);
    expect(ids.slice(-2)).toEqual([f.ids.thunderBaySite, f.ids.rentOrg]);
    const never = all.items.slice(0, -2);
    expect(never.length).toBeGreaterThan(0);
    expect(never.every((i: { lastVerifiedAt: string | null }) => i.lastVerifiedAt === null)).toBe(true);
    const yearAfterOld = new Date(old);
    yearAfterOld.setUTCFullYear(yearAfterOld.getUTCFullYear() + 1);
    expect(all.items.at(-1)).toMatchObject({ type: 'organization', dueAt: yearAfterOld.toISOString() });
    expect(all.total).toBe(ids.length);

    const p1 = (await req('GET', '/api/resources/due?perPage=2&page=1')).json();
    const p2 = (await req('GET', '/api/resources/due?perPage=2&page=2')).json();
    expect([...p1.items, ...p2.items].map((i: { id: string }) => i.id)).toEqual(ids.slice(0, 4));
    expect(p1.total).toBe(all.total);

    const soon = (await req('GET', '/api/resources/due?perPage=100&withinDays=365&type=service')).json();
    expect(soon.items.map((i: { id: string }) => i.id)).toContain(f.ids.rentBank);
    expect(soon.items.every((i: { type: string }) => i.type === 'service')).toBe(true);
  });

  it('is for editors and admins only', async () => {
    const specialist = await t.signIn(['specialist']);
    expect((await req('GET', '/api/resources/due', undefined, specialist)).statusCode).toBe(403);
    expect(
      (await req('PATCH', `/api/resources/services/${f.ids.foodBank}`, { version: 1 }, specialist))
        .statusCode,
    ).toBe(403);
    const admin = await t.signIn(['admin']);
    expect((await req('GET', '/api/resources/due', undefined, admin)).statusCode).toBe(200);
  });
});
