import { schema } from '@relais/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../../test/helpers';
import { importHsds } from './hsds.import';
import { makeFixture } from './test/fixtures';
import { hsdsExample } from './test/hsds-validator';

describe('HSDS import', () => {
  let t: TestApp;
  let editor: SignedIn;

  const post = (payload: unknown, query = '', headers: Record<string, string> = editor.headers) =>
    t.app.inject({ method: 'POST', url: `/api/hsds/import${query}`, headers, payload: payload as object });
  const count = async (table: string) =>
    Number((await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n);

  beforeAll(async () => {
    t = await createTestApp();
    editor = await t.signIn(['editor']);
  });
  afterAll(async () => t.close());

  it('creates once and matches by id on a second import, which changes nothing', async () => {
    const f = makeFixture();
    const first = await post({ contents: f.english, total_items: 2 });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ committed: true, updated: 0, rejected: [] });
    expect(first.json().byType.service).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const before = {
      services: await count('services'),
      phones: await count('phones'),
      sal: await count('service_at_location'),
    };

    const again = await post({ contents: f.english });
    expect(again.json()).toMatchObject({ committed: true, created: 0, updated: 0 });
    expect(again.json().unchanged).toBe(first.json().created);
    expect({
      services: await count('services'),
      phones: await count('phones'),
      sal: await count('service_at_location'),
    }).toEqual(before);

    // The French file fills the French side of the same records.
    const fr = await post(f.french, '?lang=fr');
    expect(fr.json()).toMatchObject({ committed: true, created: 0 });
    const [row] = await t.database.db
      .select()
      .from(schema.services)
      .where(eq(schema.services.id, f.ids.foodBank));
    expect(row).toMatchObject({
      nameEn: 'Emergency food bank',
      nameFr: 'Banque alimentaire d’urgence',
      version: 2,
    });
    expect(await count('services')).toBe(before.services);

    // Search documents follow: the French words find the service.
    const docs = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM search_documents WHERE service_id = $1
         AND document @@ websearch_to_tsquery('relais_fr', 'alimentaire')`,
      [f.ids.foodBank],
    );
    expect(docs[0]?.n).toBe(1);
  });

  it('replaces nested lists with what the file says on re-import', async () => {
    const f = makeFixture();
    await post(f.english);
    const doc = structuredClone(f.english) as Array<{
      services: Array<{ phones?: unknown[]; schedules?: unknown[] }>;
    }>;
    const service = doc[0]?.services[0];
    if (!service) throw new Error('fixture');
    service.phones = [];
    const res = await post(doc);
    expect(res.json()).toMatchObject({ committed: true, created: 0, updated: 1 });
    const phones = await t.database.query(`SELECT id FROM phones WHERE service_id = $1`, [f.ids.foodBank]);
    expect(phones).toEqual([]);
  });

  it('saves nothing from a file with a rejected record and names the JSON path and the reason', async () => {
    const f = makeFixture();
    const doc = structuredClone(f.english) as Array<
      Record<string, unknown> & { services: Array<Record<string, unknown>> }
    >;
    const second = doc[1]?.services[0];
    if (!second) throw new Error('fixture');
    second.phones = [{ id: crypto.randomUUID(), number: '807-555-0100', type: 'pager' }];
    second.minimum_age = 30;
    second.maximum_age = 12;
    const before = await count('organizations');
    const res = await post(doc);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: '$[1].services[0].phones[0].type' })]),
    );
    const report = res.json().error.details.report;
    expect(report.committed).toBe(false);
    expect(report.created).toBe(0);
    expect(report.rejected).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: '$[1].services[0].phones[0].type',
          reason: expect.stringContaining('pager'),
        }),
        expect.objectContaining({ path: '$[1].services[0].minimum_age', id: f.ids.rentBank }),
      ]),
    );
    expect(await count('organizations')).toBe(before);
    expect(await count(`services WHERE id = '${f.ids.foodBank}'`)).toBe(0);
  });

  it('rejects records that break the HSDS schema or point at unknown records, with their paths', async () => {
    const f = makeFixture();
    const res = await post([
      { id: 'not-a-uuid', name: 'X', status: 'active', organization_id: f.ids.foodOrg },
      { id: crypto.randomUUID(), name: 'Orphan', status: 'open', organization_id: crypto.randomUUID() },
      { id: crypto.randomUUID(), name: 'Lost', status: 'active', organization_id: crypto.randomUUID() },
    ]);
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.report.rejected.map((r: { path: string }) => r.path);
    expect(paths).toEqual(expect.arrayContaining(['$[0].id', '$[1].status']));
    // References are checked once the records themselves are valid.
    const lost = await post([
      { id: crypto.randomUUID(), name: 'Lost', status: 'active', organization_id: crypto.randomUUID() },
    ]);
    expect(lost.json().error.details.report.rejected).toEqual([
      expect.objectContaining({
        path: '$[0].organization_id',
        reason: expect.stringMatching(/neither in this file nor/),
      }),
    ]);
  });

  it('rejects the specification example as published (latitude 100) and keeps what it cannot store as warnings', async () => {
    const raw = await post(hsdsExample());
    expect(raw.statusCode).toBe(400);
    expect(raw.json().error.details.report.rejected).toEqual([
      expect.objectContaining({
        path: '$.organization.locations[0].latitude',
        reason: 'latitude must be between -90 and 90',
      }),
    ]);
    expect(raw.json().error.details.report.warnings.length).toBeGreaterThan(0);
    const dry = await post(hsdsExample(), '?dry_run=true', editor.headers);
    expect(dry.json().error.details.report.committed).toBe(false);
  });

  it('dry run reports what would happen and saves nothing', async () => {
    const f = makeFixture();
    const before = await count('services');
    const res = await post(f.english, '?dry_run=true');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ committed: false, dryRun: true });
    expect(res.json().byType.service.created).toBe(2);
    expect(await count('services')).toBe(before);
  });

  it('audits each imported record by field names only', async () => {
    const f = makeFixture();
    await post(f.english);
    const rows = await t.database.db
      .select()
      .from(schema.auditLog)
      .where(sql`${schema.auditLog.entityId} = ${f.ids.foodBank}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'import.create', entityType: 'service', actorType: 'staff' });
    expect(rows[0]?.fields).toContain('nameEn');
    expect(JSON.stringify(rows)).not.toContain('Emergency food bank');
    const summary = await t.database.query(
      `SELECT * FROM audit_log WHERE action = 'import' AND entity_type = 'hsds_file'`,
    );
    expect(summary.length).toBeGreaterThan(0);
  });

  it('is for editors, admins and import:write keys only', async () => {
    const specialist = await t.signIn(['specialist']);
    expect((await post([], '', specialist.headers)).statusCode).toBe(403);
    expect((await post([], '', { cookie: editor.cookie })).statusCode).toBe(403); // no CSRF token
  });

  it('keeps "active but do not refer" when a file only says active', async () => {
    const f = makeFixture();
    await importHsds({ ctx: t.systemCtx, input: { document: f.english, lang: 'en', source: 'test' } });
    await t.database.db
      .update(schema.services)
      .set({ status: 'active_no_refer' })
      .where(eq(schema.services.id, f.ids.rentBank));
    await importHsds({ ctx: t.systemCtx, input: { document: f.english, lang: 'en', source: 'test' } });
    const [row] = await t.database.db
      .select()
      .from(schema.services)
      .where(eq(schema.services.id, f.ids.rentBank));
    expect(row?.status).toBe('active_no_refer');
  });
});

describe('HSDS import of a taxonomy', () => {
  let t: TestApp;
  let editor: SignedIn;
  beforeAll(async () => {
    t = await createTestApp();
    editor = await t.signIn(['admin']);
  });
  afterAll(async () => t.close());

  it('imports a centre’s own taxonomy_terms list, children before parents in the file, idempotently', async () => {
    const taxonomy = { id: crypto.randomUUID(), name: 'centre-211', description: 'Our own taxonomy' };
    const parent = crypto.randomUUID();
    const terms = [
      {
        id: crypto.randomUUID(),
        code: 'BD-1800',
        name: 'Food pantries',
        description: 'Pantries',
        parent_id: parent,
        taxonomy_detail: taxonomy,
      },
      { id: parent, code: 'BD', name: 'Basic needs', description: 'Basic needs', taxonomy_detail: taxonomy },
    ];
    const post = (lang = 'en', payload: unknown = { contents: terms }) =>
      t.app.inject({
        method: 'POST',
        url: `/api/hsds/import?kind=taxonomy_term&lang=${lang}`,
        headers: editor.headers,
        payload: payload as object,
      });
    const first = await post();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().byType.taxonomy_term).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const stored = await t.database.query<{ id: string; parent_id: string | null; taxonomy: string }>(
      `SELECT id, parent_id, taxonomy FROM taxonomy_terms WHERE taxonomy = 'centre-211' ORDER BY id`,
    );
    expect(stored).toEqual([
      { id: 'BD', parent_id: null, taxonomy: 'centre-211' },
      { id: 'BD-1800', parent_id: 'BD', taxonomy: 'centre-211' },
    ]);
    expect((await post()).json()).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const french = terms.map((x) => ({
      ...x,
      name: x.code === 'BD' ? 'Besoins de base' : 'Comptoirs alimentaires',
    }));
    expect((await post('fr', french)).json()).toMatchObject({ created: 0, updated: 2 });
    const names = await t.database.query<{ name_en: string; name_fr: string }>(
      `SELECT name_en, name_fr FROM taxonomy_terms WHERE id = 'BD'`,
    );
    expect(names).toEqual([{ name_en: 'Basic needs', name_fr: 'Besoins de base' }]);
    const listed = await t.app.inject({ url: '/api/hsds/taxonomies?search=centre', headers: editor.headers });
    expect(listed.json().contents).toEqual([
      expect.objectContaining({ id: taxonomy.id, name: 'centre-211' }),
    ]);
  });
});
