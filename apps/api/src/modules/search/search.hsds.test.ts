import {
  HsdsService,
  HsdsServiceAtLocation,
  HsdsServiceAtLocationsQuery,
  HsdsServicesQuery,
  hsdsPageOf,
} from '@relais/contracts';
import { createTestDatabase, rows, type Database } from '@relais/db';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../lib/context';
import { lookupPostalCode } from '../directory/directory.service';
import { seedDirectory } from '../directory/directory.seed';
import { ensureDefaultTaxonomy } from '../directory/directory.taxonomy';
import { listServiceAtLocations, listServices } from '../hsds/hsds.service';
import { freshIndex, searchQuery, webSearchQuery } from './index';
import { quietContext } from '../../test/helpers';

// The HSDS lists answered by the search engine must page and count exactly as the HSDS API's own SQL did:
// these reference queries are that SQL, over the directory tables rather than the search rows.

let database: Database;
let ctx: ServiceContext;
let ids: { term: string; organization: string; taxonomy: string; since: string };

beforeAll(async () => {
  database = await createTestDatabase();
  await ensureDefaultTaxonomy(database.db);
  await seedDirectory(database.db, { scale: { organizations: 300, locations: 420, services: 700 }, seed: 7 });
  ctx = quietContext(database.db);
  const [found] = await rows<{ term: string; organization: string; taxonomy: string; since: string }>(
    database.db,
    sql`SELECT (SELECT hsds_id FROM taxonomy_terms WHERE id = 'FOOD') AS term,
      (SELECT organization_id FROM services GROUP BY organization_id ORDER BY count(*) DESC, organization_id LIMIT 1)
        AS organization,
      (SELECT coalesce(x.id, md5('taxonomy:' || t.taxonomy)::uuid) FROM taxonomy_terms t
         LEFT JOIN taxonomies x ON x.name = t.taxonomy LIMIT 1) AS taxonomy,
      (SELECT to_char(percentile_disc(0.5) WITHIN GROUP (ORDER BY updated_at) AT TIME ZONE 'UTC',
         'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') FROM services) AS since`,
  );
  ids = found as typeof ids;
}, 120_000);

afterAll(async () => {
  await database?.close();
});

const matchesText = (search: string) =>
  sql`s.id IN (SELECT d.service_id FROM search_documents d WHERE d.document @@
    (websearch_to_tsquery('relais_en', ${search}) || websearch_to_tsquery('relais_fr', ${search})))`;

function conditions(q: HsdsServicesQuery): SQL[] {
  const where: SQL[] = [sql`true`];
  if (q.search) where.push(matchesText(q.search));
  if (q.organization_id) where.push(sql`s.organization_id = ${q.organization_id}`);
  if (q.modified_after) where.push(sql`s.updated_at >= ${q.modified_after}::timestamptz`);
  if (q.taxonomy_term_id) {
    where.push(sql`s.id IN (SELECT d.service_id FROM search_documents d WHERE d.taxonomy_ids @> ARRAY[
      (SELECT id FROM taxonomy_terms WHERE hsds_id = ${q.taxonomy_term_id})]::text[])`);
  }
  if (q.taxonomy_id) {
    where.push(sql`s.id IN (SELECT st.service_id FROM service_taxonomy_terms st
      JOIN taxonomy_terms t ON t.id = st.taxonomy_term_id LEFT JOIN taxonomies x ON x.name = t.taxonomy
      WHERE coalesce(x.id, md5('taxonomy:' || t.taxonomy)::uuid) = ${q.taxonomy_id})`);
  }
  return where;
}

const nameOrder = (lang: 'en' | 'fr') =>
  lang === 'fr' ? sql`lower(coalesce(s.name_fr, s.name_en))` : sql`lower(coalesce(s.name_en, s.name_fr))`;

async function referenceServices(q: HsdsServicesQuery) {
  const found = await rows<{ id: string }>(
    database.db,
    sql`SELECT s.id FROM services s WHERE ${sql.join(conditions(q), sql` AND `)}
        ORDER BY ${nameOrder(q.lang)}, s.id`,
  );
  return found.map((r) => r.id);
}

async function referenceSites(q: HsdsServiceAtLocationsQuery) {
  const where = conditions(q);
  let order = sql`${nameOrder(q.lang)}, sal.id`;
  const point = q.postcode ? lookupPostalCode(q.postcode) : undefined;
  if (point) {
    const origin = sql`ll_to_earth(${point.latitude}, ${point.longitude})`;
    const at = sql`ll_to_earth(l.latitude, l.longitude)`;
    where.push(sql`l.latitude IS NOT NULL AND l.longitude IS NOT NULL`);
    if (q.proximity !== undefined) where.push(sql`earth_distance(${origin}, ${at}) <= ${q.proximity}`);
    order = sql`earth_distance(${origin}, ${at}), sal.id`;
  }
  const found = await rows<{ id: string }>(
    database.db,
    sql`SELECT sal.id FROM service_at_location sal JOIN services s ON s.id = sal.service_id
        JOIN locations l ON l.id = sal.location_id WHERE ${sql.join(where, sql` AND `)} ORDER BY ${order}`,
  );
  return found.map((r) => r.id);
}

const SERVICE_QUERIES: Array<() => Record<string, string>> = [
  () => ({}),
  () => ({ search: 'food' }),
  () => ({ search: 'meals', full: 'true' }),
  () => ({ search: 'banque alimentaire', lang: 'fr' }),
  () => ({ search: 'shelter or refuge' }),
  () => ({ search: 'Ottawa' }),
  () => ({ search: '"food bank"' }),
  () => ({ search: 'food -bank' }),
  () => ({ search: 'the' }),
  () => ({ search: 'zzzqx' }),
  () => ({ taxonomy_term_id: ids.term }),
  () => ({ search: 'counselling', taxonomy_term_id: ids.term }),
  () => ({ organization_id: ids.organization }),
  () => ({ organization_id: ids.organization.toUpperCase(), search: 'help' }),
  () => ({ taxonomy_id: ids.taxonomy, search: 'help' }),
  () => ({ modified_after: ids.since, search: 'food' }),
  () => ({ taxonomy_term_id: '00000000-0000-4000-8000-000000000000' }),
];

const SITE_QUERIES: Array<() => Record<string, string>> = [
  ...SERVICE_QUERIES,
  () => ({ search: 'food', postcode: 'K1N', proximity: '25000' }),
  () => ({ search: 'legal clinic', postcode: 'M5V', proximity: '50000' }),
  () => ({ postcode: 'P7B', proximity: '10000' }),
  () => ({ search: 'employment', postcode: 'K1N' }),
  () => ({ taxonomy_term_id: ids.term, postcode: 'L8P', proximity: '40000' }),
];

const ENGINES = ['memory', 'sql'] as const;

/** The routes send these answers without a zod pass: parsing them against the contract changes nothing. */
function expectContract(contract: { parse(value: unknown): unknown }, answer: unknown) {
  const sent = JSON.parse(JSON.stringify(answer)) as unknown;
  expect(contract.parse(sent)).toEqual(sent);
}

describe('HSDS lists from the search engine', () => {
  it.each(SERVICE_QUERIES.map((make, i) => [i, make] as const))(
    'services query %i: every page and the total as the HSDS SQL gives them, on both engines',
    async (_i, make) => {
      const query = make();
      const expected = await referenceServices(HsdsServicesQuery.parse(query));
      for (const engine of ENGINES) {
        for (const page of [1, 2]) {
          const input = HsdsServicesQuery.parse({ ...query, page: String(page), per_page: '7' });
          const found = await listServices({ ctx, input, engine });
          expect(found.total_items, `${engine} ${JSON.stringify(query)}`).toBe(expected.length);
          expect(found.contents.map((s) => s.id)).toEqual(expected.slice((page - 1) * 7, page * 7));
          expectContract(hsdsPageOf(HsdsService), found);
        }
      }
    },
  );

  it.each(SITE_QUERIES.map((make, i) => [i, make] as const))(
    'service_at_locations query %i: every page and the total as the HSDS SQL gives them, on both engines',
    async (_i, make) => {
      const query = make();
      const expected = await referenceSites(HsdsServiceAtLocationsQuery.parse(query));
      for (const engine of ENGINES) {
        for (const page of [1, 2]) {
          const input = HsdsServiceAtLocationsQuery.parse({ ...query, page: String(page), per_page: '3' });
          const found = await listServiceAtLocations({ ctx, input, engine });
          expect(found.total_items, `${engine} ${JSON.stringify(query)}`).toBe(expected.length);
          expect(found.contents.map((s) => s.id)).toEqual(expected.slice((page - 1) * 3, page * 3));
          expectContract(hsdsPageOf(HsdsServiceAtLocation), found);
        }
      }
    },
  );

  it('finds things (the comparisons are not between empty answers)', async () => {
    expect((await referenceServices(HsdsServicesQuery.parse({ search: 'food' }))).length).toBeGreaterThan(7);
    const near = HsdsServiceAtLocationsQuery.parse({ search: 'food', postcode: 'K1N', proximity: '25000' });
    expect((await referenceSites(near)).length).toBeGreaterThan(3);
    const anywhere = HsdsServiceAtLocationsQuery.parse({ search: 'employment', postcode: 'K1N' });
    expect((await referenceSites(anywhere)).length).toBeGreaterThan(6);
  });

  it('answers from the index, and leaves phrases and negation to PostgreSQL', async () => {
    const index = await freshIndex(database.db);
    const page = { limit: 10, offset: 0, sort: 'name' as const };
    for (const scope of ['services', 'sites'] as const) {
      const plain = searchQuery({ scope, ...page, text: await webSearchQuery(database.db, 'food or meals') });
      expect(index.search(plain)?.total).toBeGreaterThan(0);
      for (const words of ['"food bank"', 'food -bank']) {
        const text = await webSearchQuery(database.db, words);
        expect(index.search(searchQuery({ scope, ...page, text }))).toBeNull();
      }
    }
  });
});
