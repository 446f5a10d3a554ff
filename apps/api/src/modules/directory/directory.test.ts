import {
  DirectorySearchResponse,
  type ErrorResponse,
  type ServiceDetail,
  type TaxonomyList,
} from '@relais/contracts';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../../test/helpers';
import { addServiceFixture } from './directory.fixtures';
import { refreshSearchDocument } from '../search/index';
import { insertRows } from './seed/bulk';
import {
  ensureDefaultTaxonomy,
  importTaxonomy,
  parseHsdsTaxonomy,
  parseTaxonomyCsv,
} from './directory.taxonomy';

// Tuesday 24 November 2026, 11:00 in Toronto (EST, UTC-5).
const TUESDAY_11H = '2026-11-24T16:00:00Z';
const TUESDAY_15H = '2026-11-24T20:00:00Z';

let t: TestApp;
let specialist: SignedIn;
const ids: Record<string, string> = {};

async function search(query: Record<string, string | number>) {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/directory/search?${qs}`,
    headers: specialist.headers,
  });
  return res;
}
async function found(query: Record<string, string | number>) {
  const res = await search(query);
  expect(res.statusCode, res.body).toBe(200);
  // The route skips zod on its responses (directory.routes.ts): every answer here is held to the contract.
  const body = res.json<DirectorySearchResponse>();
  DirectorySearchResponse.parse(body);
  return body;
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  await ensureDefaultTaxonomy(db);
  specialist = await t.signIn(['specialist']);
  const tuesdayThursday: Array<[string, string, string]> = [['TU,TH', '10:00', '14:00']];
  ids.kanata = (
    await addServiceFixture(db, {
      organization: { nameEn: 'Kanata Food Cupboard', nameFr: 'Dépannage alimentaire de Kanata' },
      service: {
        nameEn: 'Kanata Food Bank',
        nameFr: 'Banque alimentaire de Kanata',
        descriptionEn: 'Groceries for families.',
        descriptionFr: 'Épicerie pour les familles.',
      },
      terms: ['FOOD-BANK'],
      languages: ['en', 'fr'],
      site: { city: 'Ottawa', latitude: 45.3, longitude: -75.91, postalCode: 'K2K 1X7' },
      hours: tuesdayThursday,
      phone: '613-555-0101',
    })
  ).serviceId;
  ids.lowertown = (
    await addServiceFixture(db, {
      organization: {
        nameEn: 'Lower Town Community Resource Centre',
        nameFr: 'Centre de ressources communautaires de la Basse-Ville',
      },
      service: {
        nameEn: 'Lower Town Community Food Bank',
        nameFr: 'Banque alimentaire communautaire de la Basse-Ville',
      },
      terms: ['FOOD-BANK'],
      languages: ['en', 'fr', 'ar'],
      site: { city: 'Ottawa', latitude: 45.43, longitude: -75.69, postalCode: 'K1N 5T2' },
      hours: [['MO,WE,FR', '09:00', '12:00']],
    })
  ).serviceId;
  ids.orleans = (
    await addServiceFixture(db, {
      service: { nameEn: 'Orléans Food Bank', nameFr: "Banque alimentaire d'Orléans" },
      terms: ['FOOD-BANK'],
      languages: ['en', 'fr'],
      site: { city: 'Ottawa', latitude: 45.47, longitude: -75.51 },
    })
  ).serviceId;
  ids.toronto = (
    await addServiceFixture(db, {
      service: { nameEn: 'Daily Bread Food Bank', nameFr: 'Banque alimentaire Daily Bread' },
      terms: ['FOOD-BANK'],
      site: { city: 'Toronto', latitude: 43.65, longitude: -79.38 },
    })
  ).serviceId;
  ids.clothing = (
    await addServiceFixture(db, {
      service: { nameEn: 'Clothing Bank', nameFr: 'Banque de vêtements' },
      terms: ['CLOTHING-BANK'],
      site: { city: 'Ottawa', latitude: 45.31, longitude: -75.9 },
    })
  ).serviceId;
  ids.rentTbay = (
    await addServiceFixture(db, {
      service: { nameEn: 'Thunder Bay Rent Bank', descriptionEn: 'Interest-free loans for rent arrears.' },
      terms: ['HOUSING-RENT-ASSIST'],
      site: { city: 'Thunder Bay', latitude: 48.38, longitude: -89.25 },
    })
  ).serviceId;
  ids.rentSudbury = (
    await addServiceFixture(db, {
      service: { nameEn: 'Sudbury Rent Bank', nameFr: 'Banque de loyer de Sudbury' },
      terms: ['HOUSING-RENT-ASSIST'],
      site: { city: 'Greater Sudbury', latitude: 46.49, longitude: -80.99 },
    })
  ).serviceId;
  ids.youthShelter = (
    await addServiceFixture(db, {
      service: { nameEn: 'Youth Emergency Beds', minAge: 16, maxAge: 24 },
      terms: ['HOUSING-YOUTH-SHELTER'],
      site: { city: 'Ottawa', latitude: 45.42, longitude: -75.7 },
    })
  ).serviceId;
  ids.crisis = (
    await addServiceFixture(db, {
      service: { nameEn: 'Ottawa Crisis Line', nameFr: 'Ligne de crise d’Ottawa' },
      terms: ['MENTAL-CRISIS'],
      site: { city: 'Ottawa', latitude: 45.41, longitude: -75.7 },
      hours: [['MO,TU,WE,TH,FR,SA,SU', '00:00', '00:00']],
    })
  ).serviceId;
  ids.hearst = (
    await addServiceFixture(db, {
      organization: { nameFr: 'Comptoir alimentaire de Hearst' },
      service: { nameFr: 'Banque alimentaire de Hearst', descriptionFr: 'Nourriture gratuite.' },
      terms: ['FOOD-BANK'],
      languages: ['fr'],
      site: { city: 'Hearst', latitude: 49.69, longitude: -83.67 },
    })
  ).serviceId;
  ids.inactive = (
    await addServiceFixture(db, {
      service: { nameEn: 'Closed Food Bank', nameFr: 'Banque alimentaire fermée', status: 'inactive' },
      terms: ['FOOD-BANK'],
      site: { city: 'Ottawa', latitude: 45.31, longitude: -75.9 },
    })
  ).serviceId;
  ids.noRefer = (
    await addServiceFixture(db, {
      service: { nameEn: 'Parish Supper', nameFr: 'Souper paroissial', status: 'active_no_refer' },
      terms: ['FOOD-MEALS'],
      site: { city: 'Ottawa', latitude: 45.32, longitude: -75.89 },
      hours: [['MO,TU,WE,TH,FR', '17:00', '01:00']],
    })
  ).serviceId;
  ids.detail = (
    await addServiceFixture(db, {
      service: {
        nameEn: 'Legal Clinic Intake',
        nameFr: 'Accueil de la clinique juridique',
        minAge: 18,
        eligibilityEn: 'Adults with low income.',
        feesEn: 'Free.',
        applicationProcessEn: 'Call to book an appointment.',
      },
      terms: ['LEGAL-AID'],
      languages: ['en', 'fr'],
      site: { city: 'Kingston', latitude: 44.23, longitude: -76.48, postalCode: 'K7L 1A1' },
      hours: [['MO,TU,WE,TH,FR', '09:00', '17:00']],
      phone: '613-555-0199',
      documents: ['Photo identification', 'Proof of income'],
    })
  ).serviceId;
});

afterAll(async () => {
  await t?.close();
});

describe('GET /api/directory/search', () => {
  it('finds food banks near K1N from a French query without accents and with typos, nearest first', async () => {
    const body = await found({ q: 'banqe alimentare pres de K1N', at: TUESDAY_11H });
    expect(body.interpreted.near).toMatchObject({ kind: 'postal_code', label: 'K1N' });
    expect(body.interpreted.corrections).toEqual(
      expect.arrayContaining([
        { from: 'banqe', to: 'banque' },
        { from: 'alimentare', to: 'alimentaire' },
      ]),
    );
    const services = body.items.map((i) => i.serviceId);
    expect(services.slice(0, 2)).toEqual([ids.kanata, ids.lowertown]);
    expect(services).not.toContain(ids.toronto); // out of the 25 km radius
    expect(services).not.toContain(ids.clothing); // "banque" alone is not enough
    expect(services).not.toContain(ids.inactive);
    const distances = body.items.map((i) => i.distanceKm ?? Infinity);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    const first = body.items[0];
    expect(first?.nameFr).toBe('Banque alimentaire de Kanata');
    expect(first?.hoursToday).toEqual([{ opensAt: '10:00', closesAt: '14:00' }]);
    expect(first?.openNow).toBe(true);
    expect(first?.phone).toBe('613-555-0101');
    expect(first?.languages).toEqual(['en', 'fr']);
    expect(first?.lastVerifiedAt).toBe('2026-09-01T12:00:00.000Z');
  });

  it('widens the radius on request and keeps distance order', async () => {
    const body = await found({ q: 'food bank', postalCode: 'K1N', radiusKm: 60 });
    expect(body.items.map((i) => i.serviceId)).toEqual([ids.kanata, ids.lowertown, ids.orleans]);
  });

  it('finds "rent help Thunder Bay" in English and French, and only in Thunder Bay', async () => {
    const en = await found({ q: 'rent help Thunder Bay' });
    expect(en.interpreted.near?.label).toBe('Thunder Bay');
    expect(en.items.map((i) => i.serviceId)).toEqual([ids.rentTbay]);
    const fr = await found({ q: 'aide au loyer à Thunder Bay' });
    expect(fr.items.map((i) => i.serviceId)).toEqual([ids.rentTbay]);
    const typo = await found({ q: 'rnet asistance', municipality: 'Thunder Bay' });
    expect(typo.items.map((i) => i.serviceId)).toEqual([ids.rentTbay]);
  });

  it('treats a taxonomy term as including its descendants', async () => {
    const body = await found({ taxonomy: 'FOOD', postalCode: 'K1N', radiusKm: 60, perPage: 50 });
    const services = new Set(body.items.map((i) => i.serviceId));
    expect(services).toEqual(new Set([ids.kanata, ids.lowertown, ids.orleans, ids.noRefer]));
    const leaf = await found({ taxonomy: 'FOOD-MEALS', postalCode: 'K1N', radiusKm: 60 });
    expect(leaf.items.map((i) => i.serviceId)).toEqual([ids.noRefer]);
  });

  it("filters on the caller's age", async () => {
    const adult = await found({ q: 'youth emergency beds', age: 40 });
    expect(adult.items.map((i) => i.serviceId)).not.toContain(ids.youthShelter);
    const youth = await found({ q: 'youth emergency beds', age: 18 });
    expect(youth.items.map((i) => i.serviceId)).toContain(ids.youthShelter);
  });

  it('filters on "open now" at a given moment, including all-day and past-midnight hours', async () => {
    const morning = await found({ municipality: 'Ottawa', openNow: 'true', at: TUESDAY_11H, perPage: 50 });
    const open = morning.items.map((i) => i.serviceId);
    expect(open).toEqual(expect.arrayContaining([ids.kanata, ids.crisis]));
    expect(open).not.toContain(ids.lowertown); // Monday, Wednesday and Friday only
    expect(open).not.toContain(ids.orleans); // no published hours
    const afternoon = await found({ municipality: 'Ottawa', openNow: 'true', at: TUESDAY_15H, perPage: 50 });
    expect(afternoon.items.map((i) => i.serviceId)).not.toContain(ids.kanata);
    // Tuesday 00:30 belongs to Monday's 17:00–01:00 supper.
    const night = await found({
      municipality: 'Ottawa',
      openNow: 'true',
      at: '2026-11-24T05:30:00Z',
      perPage: 50,
    });
    expect(night.items.map((i) => i.serviceId)).toEqual(expect.arrayContaining([ids.noRefer, ids.crisis]));
    expect(night.items.map((i) => i.serviceId)).not.toContain(ids.kanata);
  });

  it('counts facets per category and language, each ignoring its own filter', async () => {
    const body = await found({
      postalCode: 'K1N',
      radiusKm: 60,
      taxonomy: 'FOOD',
      language: 'ar',
      perPage: 50,
    });
    expect(body.items.map((i) => i.serviceId)).toEqual([ids.lowertown]);
    const categories = Object.fromEntries(body.facets.categories.map((c) => [c.id, c.count]));
    expect(categories).toMatchObject({ FOOD: 1 }); // only lowertown offers Arabic
    const languages = Object.fromEntries(body.facets.languages.map((l) => [l.id, l.count]));
    expect(languages).toMatchObject({ en: 4, fr: 3, ar: 1 }); // food services near K1N, whatever their language
    expect(body.facets.categories.find((c) => c.id === 'FOOD')?.nameFr).toBe('Nourriture / repas');
  });

  it('excludes inactive services by default and flags "active but do not refer"', async () => {
    const body = await found({ q: 'souper paroissial' });
    expect(body.items[0]?.status).toBe('active_no_refer');
    const closed = await found({ q: 'closed food bank' });
    expect(closed.items.map((i) => i.serviceId)).not.toContain(ids.inactive);
    const all = await found({ q: 'closed food bank', status: 'inactive' });
    expect(all.items.map((i) => i.serviceId)).toEqual([ids.inactive]);
  });

  it('finds a French-only record with an English query (taxonomy names are bilingual)', async () => {
    const body = await found({ q: 'food bank hearst' });
    const hit = body.items.find((i) => i.serviceId === ids.hearst);
    expect(hit).toBeDefined();
    expect(hit?.nameEn).toBeNull();
    expect(hit?.nameFr).toBe('Banque alimentaire de Hearst');
  });

  it('matches as the specialist types (prefix of the last word)', async () => {
    const body = await found({ q: 'thunder bay rent ba' });
    expect(body.items.map((i) => i.serviceId)).toContain(ids.rentTbay);
  });

  it('finds a service offered without a site (phone line) by words, but not near a place', async () => {
    const db = t.database.db;
    const organizationId = randomUUID();
    const serviceId = randomUUID();
    await insertRows(db, 'organizations', [{ id: organizationId, name_en: 'Ontario Warmline' }]);
    await insertRows(db, 'services', [
      {
        id: serviceId,
        organization_id: organizationId,
        name_en: 'Provincial Warmline',
        name_fr: 'Ligne de soutien provinciale',
      },
    ]);
    await insertRows(db, 'service_taxonomy_terms', [
      { service_id: serviceId, taxonomy_term_id: 'MENTAL-SUPPORT-GROUPS' },
    ]);
    await refreshSearchDocument(db, serviceId);
    const byWords = await found({ q: 'warmline' });
    expect(byWords.items).toEqual([
      expect.objectContaining({ id: serviceId, serviceId, locationId: null, distanceKm: null }),
    ]);
    expect((await found({ q: 'warmline', municipality: 'Ottawa' })).items).toHaveLength(0);
  });

  it('keeps the search row fresh after an edit through refreshSearchDocument', async () => {
    await t.database.exec(
      `UPDATE services SET name_en = 'Kingston Tenant Law Desk' WHERE id = '${ids.detail}'`,
    );
    expect((await found({ q: 'tenant law desk' })).items).toHaveLength(0);
    await refreshSearchDocument(t.database.db, ids.detail ?? '');
    expect((await found({ q: 'tenant law desk' })).items.map((i) => i.serviceId)).toEqual([ids.detail]);
  });

  it('rejects bad input with a 400 naming the field', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ postalCode: 'K1N', radiusKm: '-5' }, 'querystring.radiusKm'],
      [{ postalCode: 'Z9Z' }, 'querystring.postalCode'],
      [{ postalCode: 'hello' }, 'querystring.postalCode'],
      [{ municipality: 'Atlantis' }, 'querystring.municipality'],
      [{ lat: '45.4' }, 'querystring.lon'],
      [{ age: '-1' }, 'querystring.age'],
      [{ language: 'English' }, 'querystring.language'],
    ];
    for (const [query, field] of cases) {
      const res = await search(query);
      expect(res.statusCode, JSON.stringify(query)).toBe(400);
      const error = res.json<ErrorResponse>().error;
      expect(error.fields?.map((f) => f.path).join(' ')).toContain(field);
    }
  });

  it('is for staff who refer: anonymous 401, admin-only 403', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/directory/search?q=food' });
    expect(anonymous.statusCode).toBe(401);
    const admin = await t.signIn(['admin']);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/directory/search?q=food',
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('GET /api/directory/services/:id', () => {
  it('returns everything a specialist reads to a caller', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/directory/services/${ids.detail}?lat=44.25&lon=-76.5&at=${TUESDAY_11H}`,
      headers: specialist.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json<ServiceDetail>();
    expect(s).toMatchObject({
      nameFr: 'Accueil de la clinique juridique',
      minAge: 18,
      eligibilityEn: 'Adults with low income.',
      feesEn: 'Free.',
      applicationProcessEn: 'Call to book an appointment.',
      languages: ['en', 'fr'],
      status: 'active',
      version: 1,
    });
    expect(s.requiredDocuments.map((d) => d.documentEn).sort()).toEqual([
      'Photo identification',
      'Proof of income',
    ]);
    expect(s.taxonomyTerms.map((x) => x.id)).toEqual(['LEGAL-AID']);
    expect(s.phones.map((p) => p.number)).toEqual(['613-555-0199']);
    const site = s.locations[0];
    expect(site).toMatchObject({ city: 'Kingston', postalCode: 'K7L 1A1', openNow: true });
    expect(site?.hours.MO).toEqual([{ opensAt: '09:00', closesAt: '17:00' }]);
    expect(site?.hours.SA).toBeUndefined();
    expect(site?.hoursToday).toEqual([{ opensAt: '09:00', closesAt: '17:00' }]);
    expect(site?.distanceKm).toBeGreaterThan(1);
    expect(site?.distanceKm).toBeLessThan(5);
  });

  it('404s for an unknown service and 400s for a malformed id', async () => {
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/directory/services/00000000-0000-4000-8000-000000000000',
      headers: specialist.headers,
    });
    expect(missing.statusCode).toBe(404);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/directory/services/nope',
      headers: specialist.headers,
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('taxonomy', () => {
  it('lists the 17 need categories and their subcategories in both languages', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/directory/taxonomy',
      headers: specialist.headers,
    });
    const { items } = res.json<TaxonomyList>();
    expect(items.filter((x) => x.parentId === null)).toHaveLength(17);
    expect(items.length).toBeGreaterThan(17 * 5);
    expect(items.every((x) => x.nameEn && x.nameFr)).toBe(true);
    expect(items.find((x) => x.id === 'FOOD-BANK')).toMatchObject({
      parentId: 'FOOD',
      nameFr: 'Banques alimentaires',
    });
  });

  it('imports CSV and HSDS taxonomy_term JSON without code changes', async () => {
    const csv =
      'id,parent_id,name_en,name_fr\nFOOD-PET,FOOD,Pet food banks,Banques alimentaires pour animaux\n';
    expect(await importTaxonomy(t.database.db, parseTaxonomyCsv(csv))).toMatchObject({
      created: 1,
      updated: 0,
    });
    const hsds = parseHsdsTaxonomy({
      contents: [
        {
          id: '7c4d2c43-9c3e-4a55-9bd0-7c0b7d6c1a01',
          code: 'BD-1800',
          name: 'Basic Needs',
          description: 'x',
          taxonomy: 'airs',
        },
        {
          id: '7c4d2c43-9c3e-4a55-9bd0-7c0b7d6c1a02',
          code: 'BD-1800.2000',
          name: 'Food Pantries',
          description: 'y',
          parent_id: '7c4d2c43-9c3e-4a55-9bd0-7c0b7d6c1a01',
          taxonomy: 'airs',
        },
        {
          id: '7c4d2c43-9c3e-4a55-9bd0-7c0b7d6c1a03',
          code: 'BD-1800.2000',
          name: 'Comptoirs alimentaires',
          description: 'z',
          language: 'fr',
          taxonomy: 'airs',
        },
      ],
    });
    expect(hsds).toHaveLength(2);
    expect(await importTaxonomy(t.database.db, hsds)).toMatchObject({ created: 2 });
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/directory/taxonomy',
      headers: specialist.headers,
    });
    const pantry = res.json<TaxonomyList>().items.find((x) => x.id === 'BD-1800.2000');
    expect(pantry).toMatchObject({
      parentId: 'BD-1800',
      nameEn: 'Food Pantries',
      nameFr: 'Comptoirs alimentaires',
      taxonomy: 'airs',
    });
    expect(() => parseTaxonomyCsv('id,parent_id,name_en\nbad id!,,X\n')).toThrow(/row 2\.id/);
    await expect(
      importTaxonomy(t.database.db, parseTaxonomyCsv('id,parent_id,name_en\nX-1,NOPE,Orphan\n')),
    ).rejects.toThrow(/unknown parent/);
  });
});

describe('GET /api/directory/places', () => {
  it('resolves postal areas and municipalities', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/directory/places?q=thunder',
      headers: specialist.headers,
    });
    expect(res.json<{ items: Array<{ label: string }> }>().items[0]?.label).toBe('Thunder Bay');
    const fsa = await t.app.inject({
      method: 'GET',
      url: '/api/directory/places?q=k1n%205t2',
      headers: specialist.headers,
    });
    expect(fsa.json<{ items: Array<{ label: string; kind: string }> }>().items).toEqual([
      expect.objectContaining({ kind: 'postal_code', label: 'K1N' }),
    ]);
  });
});
