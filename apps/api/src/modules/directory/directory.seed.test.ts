import { randomUUID } from 'node:crypto';
import { DirectorySearchQuery } from '@relais/contracts';
import { rows, createTestDatabase, type Database } from '@relais/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryCommands } from '../../cli/directory.commands';
import { testConfig } from '../../config';
import type { ServiceContext } from '../../lib/context';
import { directoryIsEmpty, seedDirectory } from './directory.seed';
import { searchDirectory } from './directory.service';
import { ensureDefaultTaxonomy } from './directory.taxonomy';
import { generateDirectory, SCALES, type TaxonomyLeaf } from './seed/generator';
import { quietContext } from '../../test/helpers';

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

// Each test below works on its own database: the directory is the whole database's.
describe('replacing the directory keeps what callers were referred to', () => {
  const scale = SCALES.test ?? { organizations: 120, locations: 160, services: 240 };
  let db: Database;
  let ctx: ServiceContext;

  beforeAll(async () => {
    db = await createTestDatabase();
    await ensureDefaultTaxonomy(db.db);
    ctx = quietContext(db.db);
  }, 60_000);
  afterAll(async () => db?.close());

  /** A fresh directory (seed 1) and one closed contact referring a caller to one of its services at one site. */
  async function directoryWithReferral() {
    await db.exec(`DELETE FROM contacts; DELETE FROM contact_referrals;`);
    await db.exec(`DELETE FROM search_documents; DELETE FROM services; DELETE FROM locations;
      DELETE FROM organizations;`);
    await seedDirectory(db.db, { scale, seed: 1 });
    const [pair] = await db.query<{ service_id: string; location_id: string; organization_id: string }>(
      `SELECT sal.service_id, sal.location_id, s.organization_id FROM service_at_location sal
       JOIN services s ON s.id = sal.service_id ORDER BY sal.id LIMIT 1`,
    );
    if (!pair) throw new Error('the generated directory has no service at a site');
    const contactId = randomUUID();
    const needId = randomUUID();
    const referralId = randomUUID();
    await db.query(
      `INSERT INTO contacts (id, status, channel, line_id, closed_at) VALUES ($1, 'closed', 'phone', 'general', now())`,
      [contactId],
    );
    await db.query(
      `INSERT INTO contact_needs (id, contact_id, term_id, category_id) VALUES ($1, $2, 'FOOD', 'FOOD')`,
      [needId, contactId],
    );
    await db.query(
      `INSERT INTO contact_referrals (id, contact_id, need_id, service_id, location_id, service_name)
       VALUES ($1, $2, $3, $4, $5, 'Food bank')`,
      [referralId, contactId, needId, pair.service_id, pair.location_id],
    );
    return { ...pair, referralId };
  }

  const seedCommand = (demo: boolean, seed: number) => {
    const out: string[] = [];
    const run = directoryCommands['seed:directory']?.run({
      config: testConfig({ demo }),
      database: db,
      flags: { scale: 'test', seed: String(seed), replace: 'true' },
      args: [],
      out: (line) => out.push(line),
    });
    return { out, run: run ?? Promise.reject(new Error('no seed:directory command')) };
  };

  const referral = async (id: string) =>
    (
      await db.query<{ service_id: string | null; location_id: string | null }>(
        `SELECT service_id, location_id FROM contact_referrals WHERE id = $1`,
        [id],
      )
    )[0];

  const status = async (table: string, id: string) =>
    (await db.query<{ status: string }>(`SELECT status FROM ${table} WHERE id = $1`, [id]))[0]?.status;

  it('a referenced service or site cannot be deleted, not even through its organization', async () => {
    const r = await directoryWithReferral();
    await expect(db.query(`DELETE FROM services WHERE id = $1`, [r.service_id])).rejects.toThrow(
      /foreign key/,
    );
    await expect(db.query(`DELETE FROM locations WHERE id = $1`, [r.location_id])).rejects.toThrow(
      /foreign key/,
    );
    await expect(db.query(`DELETE FROM organizations WHERE id = $1`, [r.organization_id])).rejects.toThrow(
      /foreign key/,
    );
    expect(await referral(r.referralId)).toEqual({ service_id: r.service_id, location_id: r.location_id });
  });

  it('--replace refuses, outside demo mode, on a database that holds contacts, and changes nothing', async () => {
    const r = await directoryWithReferral();
    const before = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM services`);
    const { run } = seedCommand(false, 2);
    await expect(run).rejects.toThrow(/holds 1 contacts.*demo mode/);
    expect(await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM services`)).toEqual(before);
    expect(await referral(r.referralId)).toEqual({ service_id: r.service_id, location_id: r.location_id });
    expect(await status('services', r.service_id)).toBe('active');
  });

  it('--replace runs outside demo mode on a database without contacts', async () => {
    await directoryWithReferral();
    await db.exec(`DELETE FROM contacts; DELETE FROM contact_referrals;`);
    const { run } = seedCommand(false, 3);
    await run;
    const [counts] = await db.query<{ services: number; replaced: number }>(
      `SELECT (SELECT count(*)::int FROM services) AS services,
        (SELECT count(*)::int FROM audit_log WHERE action = 'replace' AND entity_type = 'directory') AS replaced`,
    );
    expect(counts?.services).toBe(scale.services);
    expect(counts?.replaced).toBeGreaterThan(0);
  });

  it('in demo mode, --replace keeps referred records (inactive), is audited and updates the search index', async () => {
    const r = await directoryWithReferral();
    const all = DirectorySearchQuery.parse({ status: 'active,active_no_refer,inactive', perPage: 1 });
    // The in-memory index is built before the replace, as in a running API process.
    const before = await searchDirectory({ ctx, input: all, engine: 'memory' });
    expect(before.total).toBeGreaterThan(0);

    const { out, run } = seedCommand(true, 2);
    await run;
    expect(out.join('\n')).toMatch(/Kept 1 services and 1 sites/);
    expect(await referral(r.referralId)).toEqual({ service_id: r.service_id, location_id: r.location_id });
    expect(await status('services', r.service_id)).toBe('inactive');
    expect(await status('locations', r.location_id)).toBe('inactive');
    expect(await status('organizations', r.organization_id)).toBe('inactive');
    const [counts] = await db.query<{ services: number; locations: number }>(
      `SELECT (SELECT count(*)::int FROM services) AS services, (SELECT count(*)::int FROM locations) AS locations`,
    );
    expect(counts).toEqual({ services: scale.services + 1, locations: scale.locations + 1 });

    const audit = await db.query<{ action: string; entity_type: string; entity_id: string | null }>(
      `SELECT action, entity_type, entity_id FROM audit_log ORDER BY id`,
    );
    expect(audit).toContainEqual({ action: 'replace', entity_type: 'directory', entity_id: null });
    expect(audit).toContainEqual({ action: 'update', entity_type: 'service', entity_id: r.service_id });

    // Every API process's in-memory index drops the old rows (the search change log), as the SQL search does.
    const memory = await searchDirectory({ ctx, input: all, engine: 'memory' });
    const bySql = await searchDirectory({ ctx, input: all, engine: 'sql' });
    const [docs] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM search_documents`);
    expect(bySql.total).toBe(docs?.n);
    expect(memory.total).toBe(bySql.total);
    const referable = await searchDirectory({ ctx, input: DirectorySearchQuery.parse({}), engine: 'memory' });
    const [open] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM search_documents WHERE status <> 'inactive'`,
    );
    expect(referable.total).toBe(open?.n);
    const kept = await db.query(`SELECT status FROM search_documents WHERE service_id = $1`, [r.service_id]);
    expect(kept).toEqual([{ status: 'inactive' }]);
  });

  it('the same seed brings a kept record back, active, without doubling its details', async () => {
    const r = await directoryWithReferral();
    const details = `SELECT (SELECT count(*)::int FROM phones WHERE service_id = $1) AS phones,
      (SELECT count(*)::int FROM service_taxonomy_terms WHERE service_id = $1) AS terms,
      (SELECT count(*)::int FROM service_at_location WHERE service_id = $1) AS sites`;
    const before = await db.query(details, [r.service_id]);
    const { run } = seedCommand(true, 1);
    await run;
    expect(await status('services', r.service_id)).toBe('active');
    expect(await status('locations', r.location_id)).toBe('active');
    expect(await db.query(details, [r.service_id])).toEqual(before);
    const [counts] = await db.query<{ services: number }>(`SELECT count(*)::int AS services FROM services`);
    expect(counts?.services).toBe(scale.services);
    expect(await referral(r.referralId)).toEqual({ service_id: r.service_id, location_id: r.location_id });
  });
});
