import { rows, createTestDatabase, type Database } from '@relais/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryIsEmpty, seedDirectory } from './directory.seed';
import { ensureDefaultTaxonomy } from './directory.taxonomy';
import { generateDirectory, SCALES, type TaxonomyLeaf } from './seed/generator';

let database: Database;
let taxonomy: TaxonomyLeaf[];

beforeAll(async () => {
  database = await createTestDatabase();
  await ensureDefaultTaxonomy(database.db);
  taxonomy = await rows<TaxonomyLeaf>(
    database.db,
    sql`SELECT id, parent_id AS "parentId", name_en AS "nameEn", name_fr AS "nameFr" FROM taxonomy_terms ORDER BY id`,
  );
});

afterAll(async () => {
  await database?.close();
});

const firstChunk = (seed: number) =>
  generateDirectory({
    scale: SCALES.test ?? { organizations: 1, locations: 1, services: 1 },
    seed,
    taxonomy,
  }).next().value;

describe('synthetic directory generator', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(JSON.stringify(firstChunk(7))).toBe(JSON.stringify(firstChunk(7)));
    expect(JSON.stringify(firstChunk(7))).not.toBe(JSON.stringify(firstChunk(8)));
  });

  it('loads exactly the requested counts with bilingual, located, searchable services', async () => {
    const scale = { organizations: 300, locations: 420, services: 600 };
    expect(await directoryIsEmpty(database.db)).toBe(true);
    const result = await seedDirectory(database.db, { scale, seed: 42 });
    expect(result).toMatchObject(scale);
    expect(result.searchDocuments).toBe(result.serviceAtLocations);
    const [stats] = await rows<{
      bilingual: number;
      french_only: number;
      located: number;
      with_hours: number;
      with_terms: number;
      bad_postal: number;
    }>(
      database.db,
      sql`SELECT
        (SELECT count(*)::int FROM services WHERE name_en IS NOT NULL AND name_fr IS NOT NULL) AS bilingual,
        (SELECT count(*)::int FROM services WHERE name_en IS NULL) AS french_only,
        (SELECT count(*)::int FROM locations WHERE latitude BETWEEN 41.6 AND 57 AND longitude BETWEEN -95.2 AND -74.3) AS located,
        (SELECT count(*)::int FROM search_documents WHERE hours IS NOT NULL) AS with_hours,
        (SELECT count(DISTINCT service_id)::int FROM service_taxonomy_terms) AS with_terms,
        (SELECT count(*)::int FROM locations WHERE postal_code !~ '^[KLMNP][0-9][A-Z] [0-9][A-Z][0-9]$') AS bad_postal`,
    );
    expect(stats?.located).toBe(scale.locations);
    expect(stats?.bad_postal).toBe(0);
    expect(stats?.with_terms).toBe(scale.services);
    expect(stats?.bilingual).toBeGreaterThan(scale.services * 0.3);
    expect(stats?.with_hours).toBeGreaterThan(result.searchDocuments * 0.8);
    // Every anchor city has a bilingual food bank and rent help.
    const [anchors] = await rows<{ ottawa: number; tbay: number }>(
      database.db,
      sql`SELECT
        (SELECT count(*)::int FROM search_documents WHERE city = 'Ottawa' AND 'FOOD-BANK' = ANY(taxonomy_ids) AND name_fr IS NOT NULL) AS ottawa,
        (SELECT count(*)::int FROM search_documents WHERE city = 'Thunder Bay' AND 'HOUSING-RENT-ASSIST' = ANY(taxonomy_ids)) AS tbay`,
    );
    expect(anchors?.ottawa).toBeGreaterThan(0);
    expect(anchors?.tbay).toBeGreaterThan(0);
  });
});
