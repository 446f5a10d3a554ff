import { rows, type Db } from '@relais/db';
import { sql } from 'drizzle-orm';
import { writeAudit } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import { conflict } from '../../lib/errors';
import { refreshAllSearchDocuments } from '../search/index';
import { ensureDefaultTaxonomy } from './directory.taxonomy';
import { insertRows, type Row } from './seed/bulk';
import { generateDirectory, SCALES, type Chunk, type Scale, type TaxonomyLeaf } from './seed/generator';

export interface SeedResult {
  organizations: number;
  locations: number;
  services: number;
  serviceAtLocations: number;
  searchDocuments: number;
  milliseconds: { generateAndInsert: number; searchIndex: number };
}

/** What clearing kept: records a referral points at (and their organizations), marked inactive. */
export interface ClearResult {
  keptServices: string[];
  keptLocations: string[];
  keptOrganizations: string[];
}

export type ReplaceResult = SeedResult & { kept: ClearResult };

/** The records a generated directory may bring back (same id as a record kept for its referrals). */
const RECORDS = ['organizations', 'locations', 'services'] as const;

/** Children after parents: the order the other rows must be inserted in, after the records. */
const CHILDREN: Array<keyof Chunk> = [
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

/** How many contacts the database holds (a directory replace would touch what they referred callers to). */
export async function contactCount(db: Db): Promise<number> {
  const [row] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM contacts`);
  return row?.n ?? 0;
}

const ids = (list: Array<{ id: string }>) => list.map((r) => r.id);

/**
 * Empties the directory in the caller's transaction, taxonomy kept. Nothing a referral points at is deleted
 * (the foreign keys of migrations/0011 would refuse it): those services and sites, and their organizations,
 * stay with their details and are marked inactive. Everything goes through DELETE, never TRUNCATE, so the
 * search change log (migrations/0007) tells every API process to drop the old rows from its in-memory index.
 */
export async function clearDirectory(tx: Db): Promise<ClearResult> {
  await tx.execute(sql`DELETE FROM search_documents`);
  const keptServices = await rows<{ id: string }>(
    tx,
    sql`UPDATE services s SET status = 'inactive', version = version + 1, updated_at = now()
        WHERE EXISTS (SELECT 1 FROM contact_referrals r WHERE r.service_id = s.id) RETURNING id`,
  );
  const keptLocations = await rows<{ id: string }>(
    tx,
    sql`UPDATE locations l SET status = 'inactive', version = version + 1, updated_at = now()
        WHERE EXISTS (SELECT 1 FROM contact_referrals r WHERE r.location_id = l.id) RETURNING id`,
  );
  await tx.execute(
    sql`DELETE FROM services s WHERE NOT EXISTS (SELECT 1 FROM contact_referrals r WHERE r.service_id = s.id)`,
  );
  await tx.execute(
    sql`DELETE FROM locations l WHERE NOT EXISTS (SELECT 1 FROM contact_referrals r WHERE r.location_id = l.id)`,
  );
  const keptOrganizations = await rows<{ id: string }>(
    tx,
    sql`UPDATE organizations o SET status = 'inactive', version = version + 1, updated_at = now()
        WHERE EXISTS (SELECT 1 FROM services s WHERE s.organization_id = o.id)
           OR EXISTS (SELECT 1 FROM locations l WHERE l.organization_id = o.id) RETURNING id`,
  );
  await tx.execute(
    sql`DELETE FROM organizations o WHERE NOT EXISTS (SELECT 1 FROM services s WHERE s.organization_id = o.id)
        AND NOT EXISTS (SELECT 1 FROM locations l WHERE l.organization_id = o.id)`,
  );
  return {
    keptServices: ids(keptServices),
    keptLocations: ids(keptLocations),
    keptOrganizations: ids(keptOrganizations),
  };
}

/**
 * Inserts records; one whose id already exists (kept by clearDirectory for its referrals, and generated again
 * by the same seed) takes the new values and status. Returns the ids of those brought back.
 */
async function upsertRecords(tx: Db, table: (typeof RECORDS)[number], list: Row[]): Promise<string[]> {
  if (list.length === 0) return [];
  const columns = [...new Set(list.flatMap((r) => Object.keys(r)))];
  const names = sql.raw(columns.map((c) => `"${c}"`).join(', '));
  const updates = columns.filter((c) => c !== 'id').map((c) => `"${c}" = EXCLUDED."${c}"`);
  updates.push(`version = t.version + 1`, `updated_at = now()`);
  const revived = await rows<{ id: string }>(
    tx,
    sql`WITH up AS (
          INSERT INTO ${sql.raw(`"${table}"`)} AS t (${names})
          SELECT ${names} FROM json_populate_recordset(NULL::${sql.raw(`"${table}"`)}, ${JSON.stringify(list)}::json)
          ON CONFLICT (id) DO UPDATE SET ${sql.raw(updates.join(', '))}
          RETURNING t.id, NOT (t.xmax = 0) AS revived)
        SELECT id FROM up WHERE revived`,
  );
  return ids(revived);
}

/** Every child table has a service_id; these also have a location_id. */
const LOCATION_DETAILS = ['service_at_location', 'phones', 'schedules', 'languages'];

/** Drops the details a brought-back record had before (its generated ones follow). */
async function dropDetailsOf(tx: Db, revived: Record<(typeof RECORDS)[number], string[]>): Promise<void> {
  const array = (list: string[]) => sql`${`{${list.join(',')}}`}::uuid[]`;
  const { services, locations, organizations } = revived;
  if (services.length) {
    for (const table of CHILDREN)
      await tx.execute(sql`DELETE FROM ${sql.raw(table)} WHERE service_id = ANY(${array(services)})`);
  }
  if (locations.length) {
    for (const table of LOCATION_DETAILS)
      await tx.execute(sql`DELETE FROM ${sql.raw(table)} WHERE location_id = ANY(${array(locations)})`);
  }
  if (organizations.length) {
    await tx.execute(sql`DELETE FROM phones WHERE organization_id = ANY(${array(organizations)})`);
  }
}

/** Generates and inserts the directory, then every search row, in the caller's transaction. */
async function loadDirectory(tx: Db, taxonomy: TaxonomyLeaf[], options: { scale: Scale; seed: number }) {
  const counts = { organizations: 0, locations: 0, services: 0, serviceAtLocations: 0 };
  for (const chunk of generateDirectory({ scale: options.scale, seed: options.seed, taxonomy })) {
    const revived = { organizations: [] as string[], locations: [] as string[], services: [] as string[] };
    for (const table of RECORDS) revived[table] = await upsertRecords(tx, table, chunk[table]);
    await dropDetailsOf(tx, revived);
    for (const table of CHILDREN) await insertRows(tx, table, chunk[table]);
    counts.organizations += chunk.organizations.length;
    counts.locations += chunk.locations.length;
    counts.services += chunk.services.length;
    counts.serviceAtLocations += chunk.service_at_location.length;
  }
  return counts;
}

async function taxonomyLeaves(db: Db): Promise<TaxonomyLeaf[]> {
  await ensureDefaultTaxonomy(db);
  return rows<TaxonomyLeaf>(
    db,
    sql`SELECT id, parent_id AS "parentId", name_en AS "nameEn", name_fr AS "nameFr" FROM taxonomy_terms ORDER BY id`,
  );
}

async function finish(db: Db, counts: Omit<SeedResult, 'searchDocuments' | 'milliseconds'>, times: number[]) {
  await db.execute(sql`ANALYZE search_documents`);
  const [docs] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM search_documents`);
  const [started = 0, searchStarted = 0, done = 0] = times;
  return {
    ...counts,
    searchDocuments: docs?.n ?? 0,
    milliseconds: { generateAndInsert: searchStarted - started, searchIndex: done - searchStarted },
  };
}

/**
 * Loads a synthetic directory in one transaction: rows in large JSON batches, then the search rows in one
 * INSERT … SELECT. Deterministic for a given scale, seed and taxonomy.
 */
export async function seedDirectory(db: Db, options: { scale: Scale; seed: number }): Promise<SeedResult> {
  const taxonomy = await taxonomyLeaves(db);
  const times = [Date.now()];
  let counts = { organizations: 0, locations: 0, services: 0, serviceAtLocations: 0 };
  await db.transaction(async (tx) => {
    counts = await loadDirectory(tx, taxonomy, options);
    times.push(Date.now());
    await refreshAllSearchDocuments(tx);
  });
  times.push(Date.now());
  return finish(db, counts, times);
}

/**
 * `seed:directory --replace`: the old directory out and a generated one in, in one transaction, audited. It
 * refuses on a database that holds contacts, outside demo mode: a real centre's directory is imported
 * (import:hsds) and edited, not regenerated. Even in demo mode every referral keeps its service and site
 * (clearDirectory). The search index of every API process follows through the search change log.
 */
export async function replaceDirectory({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'db' | 'actor' | 'requestId'>;
  input: { scale: Scale; seed: number; demo: boolean };
}): Promise<ReplaceResult> {
  const contacts = await contactCount(ctx.db);
  if (contacts > 0 && !input.demo)
    throw conflict(
      `The database holds ${contacts} contacts: seed:directory --replace would replace the directory their ` +
        'referrals point to, so it runs only in demo mode (RELAIS_DEMO=true) or on a database without contacts. ' +
        'To change a real directory, import it with import:hsds or edit its records in the console.',
    );
  const taxonomy = await taxonomyLeaves(ctx.db);
  const times = [Date.now()];
  let counts = { organizations: 0, locations: 0, services: 0, serviceAtLocations: 0 };
  let kept: ClearResult = { keptServices: [], keptLocations: [], keptOrganizations: [] };
  await ctx.db.transaction(async (tx) => {
    kept = await clearDirectory(tx);
    counts = await loadDirectory(tx, taxonomy, input);
    times.push(Date.now());
    await refreshAllSearchDocuments(tx);
    await writeAudit(tx, ctx, {
      action: 'replace',
      entityType: 'directory',
      entityId: null,
      fields: ['organizations', 'locations', 'services'],
    });
    const still = await rows<{ type: string; id: string }>(
      tx,
      sql`SELECT 'service' AS type, id::text FROM services WHERE id = ANY(${`{${kept.keptServices.join(',')}}`}::uuid[]) AND status = 'inactive'
          UNION ALL SELECT 'location', id::text FROM locations WHERE id = ANY(${`{${kept.keptLocations.join(',')}}`}::uuid[]) AND status = 'inactive'
          UNION ALL SELECT 'organization', id::text FROM organizations WHERE id = ANY(${`{${kept.keptOrganizations.join(',')}}`}::uuid[]) AND status = 'inactive'`,
    );
    for (const record of still)
      await writeAudit(tx, ctx, {
        action: 'update',
        entityType: record.type,
        entityId: record.id,
        fields: ['status'],
      });
  });
  times.push(Date.now());
  return { ...(await finish(ctx.db, counts, times)), kept };
}

/** Demo mode: a few thousand services (a few seconds on PGlite), only into an empty directory. */
export async function seedDemoDirectory(db: Db): Promise<void> {
  const demo = SCALES.demo;
  if (demo && (await directoryIsEmpty(db))) await seedDirectory(db, { scale: demo, seed: 211 });
}
