import { schema } from '@relais/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newToken, sha256 } from '../../lib/tokens';
import { createTestApp, type SignedIn, type TestApp } from '../../test/helpers';
import { correctedExample, makeFixture, type Fixture } from './test/fixtures';
import { createHsdsValidator } from './test/hsds-validator';

const EXAMPLE_ID = 'ac148810-d857-441c-9679-408f346de14b';

async function apiKey(t: TestApp, scopes: string[]) {
  const key = `rk_${newToken()}`;
  await t.database.db
    .insert(schema.apiKeys)
    .values({ name: `test ${scopes.join(' ')}`, prefix: key.slice(0, 8), keyHash: sha256(key), scopes });
  return { authorization: `Bearer ${key}` };
}

describe('HSDS 3.0 API', () => {
  let t: TestApp;
  let editor: SignedIn;
  let reader: Record<string, string>;
  let f: Fixture;
  const v = createHsdsValidator();

  const get = async (url: string, headers = reader) => {
    const res = await t.app.inject({ method: 'GET', url, headers });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await createTestApp();
    editor = await t.signIn(['editor']);
    reader = await apiKey(t, ['hsds:read']);
    f = makeFixture();
    for (const [document, lang] of [
      [f.english, 'en'],
      [f.french, 'fr'],
      [correctedExample(), 'en'],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/hsds/import?lang=${lang}`,
        headers: editor.headers,
        payload: document as object,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
  });
  afterAll(async () => t.close());

  it('describes itself', async () => {
    const info = await get('/api/hsds/');
    expect(info.version).toBe('3.0');
    expect(info.openapi_url).toMatch(/^http/);
  });

  it('serves every endpoint in shapes that validate against the HSDS 3.0 schemas', async () => {
    const services = await get('/api/hsds/services?per_page=50');
    expect(v.pageErrors('compiled/service_list', services)).toEqual([]);
    expect(services.total_items).toBe(3);

    const full = await get('/api/hsds/services?full=true');
    expect(v.pageErrors('service', full)).toEqual([]);

    for (const id of [f.ids.foodBank, f.ids.rentBank, EXAMPLE_ID]) {
      const service = await get(`/api/hsds/services/${id}`);
      expect(v.errors('service', service), id).toEqual([]);
    }

    const orgs = await get('/api/hsds/organizations');
    expect(v.pageErrors('compiled/organization_list', orgs)).toEqual([]);
    expect(orgs.total_items).toBe(3);

    for (const fullService of [false, true]) {
      const org = await get(`/api/hsds/organizations/${f.ids.foodOrg}?full_service=${fullService}`);
      expect(v.errors('organization', org)).toEqual([]);
      for (const s of org.services)
        expect(v.errors(fullService ? 'service' : 'compiled/service_list', s)).toEqual([]);
      expect(org.services.map((s: { id: string }) => s.id)).toEqual([f.ids.foodBank]);
    }

    const sals = await get('/api/hsds/service_at_locations');
    expect(v.pageErrors('compiled/service_at_location_list', sals)).toEqual([]);
    expect(sals.total_items).toBe(3);
    const sal = await get(`/api/hsds/service_at_locations/${f.ids.foodSal}`);
    expect(v.errors('service_at_location', sal)).toEqual([]);

    const taxonomies = await get('/api/hsds/taxonomies');
    expect(v.pageErrors('taxonomy', taxonomies)).toEqual([]);
    const taxonomy = await get(`/api/hsds/taxonomies/${f.ids.taxonomy}`);
    expect(v.errors('taxonomy', taxonomy)).toEqual([]);

    const terms = await get('/api/hsds/taxonomy_terms?per_page=100');
    expect(v.pageErrors('taxonomy_term', terms)).toEqual([]);
    const term = await get(`/api/hsds/taxonomy_terms/${f.ids.foodBankTerm}`);
    expect(v.errors('taxonomy_term', term)).toEqual([]);
    expect(term.parent_id).toBe(f.ids.foodTerm);
  });

  it('nests the whole service: organization, sites with address, phones, hours, languages, terms', async () => {
    const s = await get(`/api/hsds/services/${f.ids.foodBank}`);
    expect(s).toMatchObject({
      name: 'Emergency food bank',
      organization: { id: f.ids.foodOrg, name: 'Ottawa Food Bank', phones: [{ number: '613-555-0100' }] },
      minimum_age: 18,
      phones: [{ number: '613-555-0101', description: 'Front desk' }],
      schedules: [{ byday: 'MO,WE,FR', opens_at: '09:00:00', closes_at: '17:00:00', freq: 'WEEKLY' }],
    });
    expect(s.languages.map((l: { code: string }) => l.code).sort()).toEqual(['en', 'fr']);
    expect(s.languages.find((l: { code: string }) => l.code === 'fr').name).toBe('French');
    const location = s.service_at_locations[0].location;
    expect(location).toMatchObject({ id: f.ids.ottawaSite, name: 'ByWard Market depot' });
    expect(location.addresses[0]).toMatchObject({
      address_1: '55 York St',
      city: 'Ottawa',
      postal_code: 'K1N 5T2',
    });
    expect(s.attributes.map((a: { taxonomy_term: { name: string } }) => a.taxonomy_term.name).sort()).toEqual(
      ['Food', 'Food banks'],
    );
  });

  it('answers in French with lang=fr and falls back to English where French is missing', async () => {
    const fr = await get(`/api/hsds/services/${f.ids.foodBank}?lang=fr`);
    expect(fr.name).toBe('Banque alimentaire d’urgence');
    expect(fr.organization.name).toBe('Banque alimentaire d’Ottawa');
    expect(fr.languages.find((l: { code: string }) => l.code === 'fr').name).toBe('français');
    const example = await get(`/api/hsds/services/${EXAMPLE_ID}?lang=fr`);
    expect(example.name).toBe('Community Counselling');
  });

  it('pages with the HSDS envelope', async () => {
    const p1 = await get('/api/hsds/services?per_page=2&page=1');
    expect(p1).toMatchObject({
      total_items: 3,
      total_pages: 2,
      page_number: 1,
      size: 2,
      first_page: true,
      last_page: false,
      empty: false,
    });
    const p2 = await get('/api/hsds/services?per_page=2&page=2');
    expect(p2).toMatchObject({ page_number: 2, size: 1, first_page: false, last_page: true, empty: false });
    const p3 = await get('/api/hsds/services?per_page=2&page=3');
    expect(p3).toMatchObject({ size: 0, empty: true, last_page: true, contents: [] });
    const ids = [...p1.contents, ...p2.contents].map((s: { id: string }) => s.id);
    expect(new Set(ids).size).toBe(3);
  });

  it('filters services by text, taxonomy term (with descendants), organization and modification date', async () => {
    const ids = async (query: string) =>
      (await get(`/api/hsds/services?${query}`)).contents.map((s: { id: string }) => s.id).sort();
    expect(await ids('search=food')).toEqual([f.ids.foodBank]);
    expect(await ids('search=loyer')).toEqual([f.ids.rentBank]);
    expect(await ids(`taxonomy_term_id=${f.ids.foodTerm}`)).toEqual([f.ids.foodBank]);
    expect(await ids(`taxonomy_term_id=${f.ids.housingTerm}`)).toEqual([f.ids.rentBank]);
    expect(await ids(`organization_id=${f.ids.rentOrg}`)).toEqual([f.ids.rentBank]);
    expect(await ids(`taxonomy_id=${f.ids.taxonomy}`)).toEqual([f.ids.foodBank, f.ids.rentBank].sort());
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(await ids(`modified_after=${encodeURIComponent(future)}`)).toEqual([]);
    expect((await ids('modified_after=2000-01-01')).length).toBe(3);
    const terms = await get(`/api/hsds/taxonomy_terms?parent_id=${f.ids.foodTerm}`);
    expect(terms.contents.map((x: { id: string }) => x.id)).toEqual([f.ids.foodBankTerm]);
  });

  it('finds service_at_locations near a postcode within a proximity in metres, nearest first', async () => {
    // The K1N centroid in the shared FSA file lies about 21 km from the ByWard Market.
    const near = await get('/api/hsds/service_at_locations?postcode=K1N&proximity=30000');
    expect(near.contents.map((s: { id: string }) => s.id)).toEqual([f.ids.foodSal]);
    const tooNear = await get('/api/hsds/service_at_locations?postcode=K1N&proximity=15000');
    expect(tooNear.contents).toEqual([]);
    const all = await get('/api/hsds/service_at_locations?postcode=P7B%201A5');
    expect(all.contents[0].id).toBe(f.ids.rentSal);
    const bad = await t.app.inject({ url: '/api/hsds/service_at_locations?postcode=ZZZ', headers: reader });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('querystring.postcode');
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const missing = await t.app.inject({
      url: '/api/hsds/services/3f2d8a7e-0000-4000-8000-000000000000',
      headers: reader,
    });
    expect(missing.statusCode).toBe(404);
    const bad = await t.app.inject({ url: '/api/hsds/services/nope', headers: reader });
    expect(bad.statusCode).toBe(400);
  });

  it('needs an hsds:read key or a staff session unless the operator makes it public', async () => {
    expect((await t.app.inject({ url: '/api/hsds/services' })).statusCode).toBe(401);
    const wrongScope = await apiKey(t, ['intake:write']);
    expect((await t.app.inject({ url: '/api/hsds/services', headers: wrongScope })).statusCode).toBe(403);
    expect(
      (await t.app.inject({ url: '/api/hsds/services', headers: { cookie: editor.cookie } })).statusCode,
    ).toBe(200);
    const open = await createTestApp({ hsdsPublic: true });
    try {
      expect((await open.app.inject({ url: '/api/hsds/services' })).statusCode).toBe(200);
      expect(
        (await open.app.inject({ method: 'POST', url: '/api/hsds/import', payload: [] })).statusCode,
      ).toBe(401);
    } finally {
      await open.close();
    }
  });
});
