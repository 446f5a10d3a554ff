import { rows, type Db } from '@relais/db';
import { sql } from 'drizzle-orm';
import { refreshAllSearchDocuments } from './directory.index';
import { ensureDefaultTaxonomy } from './directory.taxonomy';
import { insertRows } from './seed/bulk';
import { generateDirectory, SCALES, type Chunk, type Scale, type TaxonomyLeaf } from './seed/generator';

export interface SeedResult {
  organizations: number;
  locations: number;
  services: number;
  serviceAtLocations: number;
  searchDocuments: number;
  milliseconds: { generateAndInsert: number; searchIndex: number };
}

/** Children after parents: the order rows must be inserted in. */
const TABLES: Array<keyof Chunk> = [
  'organizations',
  'locations',
  'services',
  'service_at_location',
  'service_taxonomy_terms',
  'phones',
  'schedules',
  'languages',
  'service_areas',
  'required_documents',
];

export async function directoryIsEmpty(db: Db): Promise<boolean> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM services LIMIT 1) x`,
  );
  return (row?.n ?? 0) === 0;
}

/** Removes every organization, site and service (taxonomy kept). */
export async function clearDirectory(db: Db): Promise<void> {
  await db.execute(
    sql`TRUNCATE search_documents, required_documents, service_areas, languages, schedules, phones,
        service_taxonomy_terms, service_at_location, services, locations, organizations CASCADE`,
  );
}

/**
 * Loads a synthetic directory in one transaction: rows in large JSON batches, then the search rows in one
 * INSERT … SELECT. Deterministic for a given scale, seed and taxonomy.
 */
export async function seedDirectory(db: Db, options: { scale: Scale; seed: number }): Promise<SeedResult> {
  await ensureDefaultTaxonomy(db);
  const taxonomy = await rows<TaxonomyLeaf>(
    db,
    sql`SELECT id, parent_id AS "parentId", name_en AS "nameEn", name_fr AS "nameFr" FROM taxonomy_terms ORDER BY id`,
  );
  const started = Date.now();
  let searchStarted = started;
  const counts = { organizations: 0, locations: 0, services: 0, serviceAtLocations: 0 };
  await db.transaction(async (tx) => {
    for (const chunk of generateDirectory({ scale: options.scale, seed: options.seed, taxonomy })) {
      for (const table of TABLES) await insertRows(tx, table, chunk[table]);
      counts.organizations += chunk.organizations.length;
      counts.locations += chunk.locations.length;
      counts.services += chunk.services.length;
      counts.serviceAtLocations += chunk.service_at_location.length;
    }
    searchStarted = Date.now();
    await refreshAllSearchDocuments(tx);
  });
  await db.execute(sql`ANALYZE search_documents`);
  const [docs] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM search_documents`);
  return {
    ...counts,
    searchDocuments: docs?.n ?? 0,
    milliseconds: { generateAndInsert: searchStarted - started, searchIndex: Date.now() - searchStarted },
  };
}

/** Demo mode: a few thousand services (a few seconds on PGlite), only into an empty directory. */
export async function seedDemoDirectory(db: Db): Promise<void> {
  const demo = SCALES.demo;
  if (demo && (await directoryIsEmpty(db))) await seedDirectory(db, { scale: demo, seed: 211 });
}
