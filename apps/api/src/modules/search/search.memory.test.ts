import { DirectorySearchQuery, DirectorySearchResponse } from '@relais/contracts';
import { createDb, createTestDatabase, rows, type Database } from '@relais/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../lib/context';
import { seedDirectory } from '../directory/directory.seed';
import { searchDirectory } from '../directory/directory.service';
import { ensureDefaultTaxonomy } from '../directory/directory.taxonomy';
import { freshIndex, refreshSearchDocument } from './index';
import { quietContext } from '../../test/helpers';

// Tuesday 24 November 2026, 11:00 in Toronto.
const AT = '2026-11-24T16:00:00Z';

let database: Database;
let ctx: ServiceContext;

beforeAll(async () => {
  database = await createTestDatabase();
  await ensureDefaultTaxonomy(database.db);
  await seedDirectory(database.db, {
    scale: { organizations: 500, locations: 700, services: 1_200 },
    seed: 211,
  });
  ctx = quietContext(database.db);
}, 120_000);

afterAll(async () => {
  await database?.close();
});

async function run(query: Record<string, unknown>, engine: 'memory' | 'sql') {
  const found = await searchDirectory({
    ctx,
    input: DirectorySearchQuery.parse({ at: AT, ...query }),
    engine,
  });
  // What the route sends without a zod pass (directory.routes.ts) must still match the contract.
  return DirectorySearchResponse.parse(JSON.parse(JSON.stringify(found)));
}

/** What must not depend on the engine (relevance order may: see search.memory.ts). */
function comparable(r: DirectorySearchResponse, sort: 'relevance' | 'distance') {
  return {
    total: r.total,
    facets: r.facets,
    interpreted: r.interpreted,
    items: sort === 'distance' ? r.items : r.items.map((i) => i.id).sort(),
  };
}

// Keyword, place, radius, category, language, age, open now, status, misspellings, typing, no words at all.
const QUERIES: Array<Record<string, unknown>> = [
  { q: 'food bank', municipality: 'Ottawa' },
  { q: 'banque alimentaire près de K1N', radiusKm: 50 },
  { q: 'banqe alimentare', postalCode: 'K1N' },
  { q: 'rent help Thunder Bay' },
  { q: 'aide au loyer', municipality: 'Thunder Bay', radiusKm: 100 },
  { q: 'meals', municipality: 'Toronto', radiusKm: 50, taxonomy: 'FOOD' },
  { q: 'conseling', municipality: 'Hamilton', radiusKm: 50 },
  { q: 'counsel', municipality: 'London' },
  { q: 'shelter', lat: 46.49, lon: -80.99, radiusKm: 25, openNow: 'true' },
  { q: 'legal', municipality: 'Kingston', radiusKm: 50, language: 'fr' },
  { q: 'youth', municipality: 'Toronto', radiusKm: 50, age: 16 },
  { municipality: 'Sudbury', radiusKm: 10 },
  { municipality: 'Windsor', radiusKm: 25, taxonomy: 'HEALTH', language: 'en' },
  { q: 'food', status: 'active,active_no_refer,inactive', municipality: 'Ottawa', radiusKm: 50 },
  { q: 'employment' },
  { q: 'santé mentale', sort: 'distance', lat: 43.65, lon: -79.38, radiusKm: 30 },
  { q: 'mental health zebra crossing' },
  { taxonomy: 'INCOME', page: 2, perPage: 10, municipality: 'Toronto', radiusKm: 50 },
  {},
];

describe('in-memory search index', () => {
  it.each(QUERIES)('answers %j exactly as the SQL search does', async (query) => {
    const memory = await run(query, 'memory');
    const bySql = await run(query, 'sql');
    const sort = memory.interpreted.near && query.sort !== 'relevance' ? 'distance' : 'relevance';
    if (sort === 'relevance' && bySql.total > bySql.perPage) {
      // Different ranking, same rows: both pages are drawn from the same matches.
      const { items: _m, ...memoryRest } = comparable(memory, sort);
      const { items: _s, ...sqlRest } = comparable(bySql, sort);
      expect(memoryRest).toEqual(sqlRest);
      expect(memory.items).toHaveLength(bySql.items.length);
    } else {
      expect(comparable(memory, sort)).toEqual(comparable(bySql, sort));
    }
  });

  it('finds things in the seeded directory (the comparison is not between two empty answers)', async () => {
    const food = await run({ q: 'banque alimentaire près de K1N', radiusKm: 50 }, 'memory');
    expect(food.total).toBeGreaterThan(0);
    expect(food.items[0]?.distanceKm).toBeLessThanOrEqual(50);
    const rent = await run({ q: 'rent help Thunder Bay' }, 'memory');
    expect(rent.items.some((i) => i.categoryIds.includes('HOUSING'))).toBe(true);
  });

  it('ranks a match in the name above a match only in the description', async () => {
    const [named, described] = (
      await rows<{ id: string }>(database.db, sql`SELECT id FROM services ORDER BY id LIMIT 2`)
    ).map((r) => r.id) as [string, string];
    await database.db.execute(sql`UPDATE services SET name_en = 'Zanzibar Pantry' WHERE id = ${named}`);
    await database.db.execute(
      sql`UPDATE services SET description_en = 'Next to the Zanzibar Pantry.' WHERE id = ${described}`,
    );
    await refreshSearchDocument(database.db, named);
    await refreshSearchDocument(database.db, described);
    const found = await run({ q: 'zanzibar ' }, 'memory');
    expect(found.items.map((i) => i.serviceId)).toEqual(expect.arrayContaining([named, described]));
    expect(found.items[0]?.serviceId).toBe(named);
  });

  it('sees every committed change to the search rows before answering, whoever wrote it', async () => {
    const before = await run({ q: 'quokka ' }, 'memory');
    expect(before.total).toBe(0);
    const [row] = await rows<{ service_id: string }>(
      database.db,
      sql`SELECT service_id FROM search_documents WHERE latitude IS NOT NULL ORDER BY id DESC LIMIT 1`,
    );
    const serviceId = row?.service_id as string;
    await database.db.execute(sql`UPDATE services SET name_fr = 'Quokka solidaire' WHERE id = ${serviceId}`);
    await refreshSearchDocument(database.db, serviceId);
    const renamed = await run({ q: 'quokka ' }, 'memory');
    expect(renamed.items.map((i) => i.serviceId)).toContain(serviceId);

    // A plain DELETE (as another process or a cascade would do) is seen too.
    await database.db.execute(sql`DELETE FROM services WHERE id = ${serviceId}`);
    expect((await run({ q: 'quokka ' }, 'memory')).total).toBe(0);
  });

  it('rebuilds when the change log it needs was pruned', async () => {
    const index = await freshIndex(database.db);
    const [row] = await rows<{ service_id: string }>(
      database.db,
      sql`SELECT service_id FROM search_documents ORDER BY id DESC LIMIT 1 OFFSET 3`,
    );
    const serviceId = row?.service_id as string;
    await database.db.execute(sql`UPDATE services SET name_en = 'Wombat Hall' WHERE id = ${serviceId}`);
    await refreshSearchDocument(database.db, serviceId);
    await database.db.execute(sql`DELETE FROM search_changes`);
    await database.db.execute(sql`UPDATE services SET name_en = 'Wombat Hall East' WHERE id = ${serviceId}`);
    await refreshSearchDocument(database.db, serviceId);
    const found = await run({ q: 'wombat' }, 'memory');
    expect(found.items.map((i) => i.serviceId)).toEqual([serviceId]);
    expect(await freshIndex(database.db)).not.toBe(index);
  });

  it('answers from memory: a write that bypasses the change log is not seen', async () => {
    // Proof that the memory engine is the one answering (and why every writer goes through the triggers).
    await freshIndex(database.db);
    const [row] = await rows<{ id: string }>(
      database.db,
      sql`SELECT id FROM search_documents ORDER BY id LIMIT 1 OFFSET 7`,
    );
    await database.db.execute(sql`ALTER TABLE search_documents DISABLE TRIGGER USER`);
    try {
      await database.db.execute(
        sql`UPDATE search_documents SET document = document || to_tsvector('simple', 'platypus')
            WHERE id = ${row?.id as string}`,
      );
    } finally {
      await database.db.execute(sql`ALTER TABLE search_documents ENABLE TRIGGER USER`);
    }
    expect((await run({ q: 'platypus' }, 'sql')).total).toBe(1);
    expect((await run({ q: 'platypus' }, 'memory')).total).toBe(0);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('in-memory search index on a PostgreSQL server', () => {
  it('sees writes committed concurrently by other connections and another process, in order', async () => {
    await freshIndex(database.db);
    const services = (
      await rows<{ service_id: string }>(
        database.db,
        sql`SELECT DISTINCT service_id FROM search_documents ORDER BY service_id LIMIT 4 OFFSET 20`,
      )
    ).map((r) => r.service_id);
    const [before] = await rows<{ g: string }>(database.db, sql`SELECT generation AS g FROM search_state`);
    // Four editors at once: the search_state row lock queues them; none fails, none is lost.
    await Promise.all(
      services.map((id, i) =>
        database.db.transaction(async (tx) => {
          await tx.execute(sql`UPDATE services SET name_en = ${`Numbat Hub ${i}`} WHERE id = ${id}`);
          await refreshSearchDocument(tx, id);
        }),
      ),
    );
    const generations = (
      await rows<{ g: string }>(
        database.db,
        sql`SELECT DISTINCT generation AS g FROM search_changes WHERE generation > ${before?.g}::bigint ORDER BY 1`,
      )
    ).map((r) => Number(r.g));
    expect(generations).toEqual(generations.map((_, i) => Number(before?.g) + 1 + i)); // dense, in order
    const rowsOf = async (ids: string[]) =>
      (
        await rows<{ n: number }>(
          database.db,
          sql`SELECT count(*)::int AS n FROM search_documents WHERE service_id = ANY(${`{${ids.join(',')}}`}::uuid[])`,
        )
      )[0]?.n;
    expect((await run({ q: 'numbat' }, 'memory')).total).toBe(await rowsOf(services));

    // Another API process (its own pool) renames one: this process's next search sees it.
    const url = (database.pool as unknown as { options: { connectionString: string } }).options
      .connectionString;
    const other = await createDb({ url });
    try {
      await other.db.execute(
        sql`UPDATE services SET name_en = 'Quoll House' WHERE id = ${services[0] as string}`,
      );
      await refreshSearchDocument(other.db, services[0] as string);
    } finally {
      await other.close();
    }
    expect((await run({ q: 'numbat' }, 'memory')).total).toBe(await rowsOf(services.slice(1)));
    const quoll = await run({ q: 'quoll' }, 'memory');
    expect(new Set(quoll.items.map((i) => i.serviceId))).toEqual(new Set([services[0]]));
  });
});
