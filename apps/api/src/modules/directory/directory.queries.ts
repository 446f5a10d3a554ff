import type { DirectoryStatus } from '@relais/contracts';
import { rows, schema, type Db } from '@relais/db';
import { asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { geoCells } from './directory.cells';

export { refreshAllSearchDocuments, refreshSearchDocuments, servicesTouching } from './directory.index';
import { refreshSearchDocuments } from './directory.index';

/**
 * Keeps the search row(s) of one service in step with its data. D2's editor and the HSDS import call this
 * inside their transaction after changing a service, its organization, a site, hours, phones, languages or
 * taxonomy (use servicesTouching() to find the services of an edited site or organization).
 */
export async function refreshSearchDocument(db: Db, serviceId: string): Promise<void> {
  await refreshSearchDocuments(db, [serviceId]);
}

// ---------------------------------------------------------------------------------------------- search

export interface SearchFilters {
  tsquery: string | null;
  near: { latitude: number; longitude: number; radiusMeters: number } | null;
  taxonomy: string[];
  languages: string[];
  age: number | null;
  openAtMinuteOfWeek: number | null;
  statuses: DirectoryStatus[];
  sort: 'relevance' | 'distance' | 'name';
  nameColumn: 'name_en' | 'name_fr';
  limit: number;
  offset: number;
}

export interface SearchRow {
  id: string;
  service_id: string;
  location_id: string | null;
  organization_id: string;
  status: DirectoryStatus;
  name_en: string | null;
  name_fr: string | null;
  organization_name_en: string | null;
  organization_name_fr: string | null;
  location_name_en: string | null;
  location_name_fr: string | null;
  address_1: string | null;
  city: string | null;
  postal_code: string | null;
  latitude: number | null;
  longitude: number | null;
  phone: string | null;
  languages: string[];
  category_ids: string[];
  min_age: number | null;
  max_age: number | null;
  hours: unknown;
  last_verified_at: string | Date | null;
  distance_m: number | null;
}

export interface SearchOutcome {
  items: SearchRow[];
  total: number;
  categories: Array<{ id: string; count: number }>;
  languages: Array<{ id: string; count: number }>;
}

/** What a search result shows, read from search_documents aliased `d`. */
export const DISPLAY_COLUMNS =
  sql.raw(`d.id, d.service_id, d.location_id, d.organization_id, d.status, d.name_en,
  d.name_fr, d.organization_name_en, d.organization_name_fr, d.location_name_en, d.location_name_fr, d.address_1,
  d.city, d.postal_code, d.latitude, d.longitude, d.phone, d.languages, d.category_ids, d.min_age, d.max_age,
  d.hours, d.last_verified_at`);

const textArray = (values: string[]) =>
  sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '')}"`).join(',')}}`}::text[]`;

/**
 * One statement: the rows matching every filter except category and language are materialised once, then
 * paged, counted, and counted per category (ignoring the category filter) and per language (ignoring
 * the language filter), so facet counts show what choosing another value would give.
 */
export async function searchDocuments(db: Db, f: SearchFilters): Promise<SearchOutcome> {
  const where: SQL[] = [sql`d.status = ANY(${textArray(f.statuses)})`];
  const text = f.tsquery ? sql`${f.tsquery}::tsquery` : null;
  const point = f.near ? sql`ll_to_earth(${f.near.latitude}::float8, ${f.near.longitude}::float8)` : null;
  const cells = f.near ? geoCells(f.near.latitude, f.near.longitude, f.near.radiusMeters / 1000) : null;
  // Words and place in one tsquery: the GIN index intersects them, so only nearby matches are read.
  const cellQuery = cells ? `(${cells.map((c) => `'${c}'`).join(' | ')})` : null;
  const match = [f.tsquery ? `(${f.tsquery})` : null, cellQuery].filter((x): x is string => x !== null);
  if (match.length) where.push(sql`d.document @@ ${match.join(' & ')}::tsquery`);
  if (f.near && point) {
    if (!cells) where.push(sql`earth_box(${point}, ${f.near.radiusMeters}::float8) @> d.earth_point`);
    where.push(sql`earth_distance(${point}, d.earth_point) <= ${f.near.radiusMeters}::float8`);
  }
  if (f.age !== null) {
    where.push(
      sql`(d.min_age IS NULL OR d.min_age <= ${f.age}::int) AND (d.max_age IS NULL OR d.max_age >= ${f.age}::int)`,
    );
  }
  if (f.openAtMinuteOfWeek !== null) where.push(sql`d.open_minutes @> ${f.openAtMinuteOfWeek}::int`);
  const taxonomyFilter = f.taxonomy.length ? sql`taxonomy_ids && ${textArray(f.taxonomy)}` : sql`true`;
  const languageFilter = f.languages.length ? sql`languages @> ${textArray(f.languages)}` : sql`true`;
  const distance = point ? sql`earth_distance(${point}, d.earth_point)` : sql`NULL::float8`;
  // Ranking reads every matching document: only worth it when the order depends on it.
  const rank = text && f.sort === 'relevance' ? sql`ts_rank(d.document, ${text})` : sql`0::real`;
  const name = sql.raw(`lower(coalesce(d.${f.nameColumn}, d.name_en, d.name_fr))`);
  const sortName = f.sort === 'name' ? name : sql`NULL::text`;
  const order =
    f.sort === 'distance' && point
      ? sql`distance_m ASC NULLS LAST, id`
      : f.sort === 'name'
        ? sql`sort_name ASC, distance_m ASC NULLS LAST, id`
        : sql`rank DESC, distance_m ASC NULLS LAST, id`;

  const [result] = await rows<{
    items: SearchRow[] | null;
    total: number;
    categories: Array<{ id: string; count: number }> | null;
    languages: Array<{ id: string; count: number }> | null;
  }>(
    db,
    sql`
WITH base AS MATERIALIZED (
  SELECT d.id, d.category_ids, d.taxonomy_ids, d.languages, ${distance} AS distance_m, ${rank} AS rank,
    ${sortName} AS sort_name
  FROM search_documents d
  WHERE ${sql.join(where, sql` AND `)}
),
page AS (
  SELECT id, distance_m, rank, sort_name FROM base WHERE ${taxonomyFilter} AND ${languageFilter}
  ORDER BY ${order} LIMIT ${f.limit}::int OFFSET ${f.offset}::int
)
SELECT
  (SELECT json_agg(p ORDER BY p.ord) FROM (
     SELECT row_number() OVER (ORDER BY ${order}) AS ord, ${DISPLAY_COLUMNS}, page.distance_m
     FROM page JOIN search_documents d USING (id)) p) AS items,
  (SELECT count(*)::int FROM base WHERE ${taxonomyFilter} AND ${languageFilter}) AS total,
  (SELECT json_agg(c) FROM (
     SELECT c.id, count(*)::int AS count FROM base CROSS JOIN LATERAL unnest(base.category_ids) AS c(id)
     WHERE ${languageFilter} GROUP BY c.id ORDER BY count(*) DESC, c.id) c) AS categories,
  (SELECT json_agg(l) FROM (
     SELECT l.id, count(*)::int AS count FROM base CROSS JOIN LATERAL unnest(base.languages) AS l(id)
     WHERE ${taxonomyFilter} GROUP BY l.id ORDER BY count(*) DESC, l.id LIMIT 30) l) AS languages`,
  );
  return {
    items: result?.items ?? [],
    total: result?.total ?? 0,
    categories: result?.categories ?? [],
    languages: result?.languages ?? [],
  };
}

export interface WordAnalysis {
  word: string;
  /** The closest known word by trigram similarity (null when none is close). */
  correction: string | null;
  known: boolean;
  /** Some known word starts with it (the specialist is still typing it). */
  prefix: boolean;
  /** Empty in one of the two languages' stemmers (a stop word such as "de", "the"). */
  stop: boolean;
  /** tsquery text matching the English or French stem of the word, of the word as a prefix, of the correction. */
  stems: string;
  prefixStems: string;
  correctionStems: string | null;
}

/** pg_trgm's default threshold for `%`; the operator itself is not used (see migrations/0006). */
const SIMILARITY_THRESHOLD = sql.raw('0.3');

/**
 * Spelling, stop-word and stemming analysis of the query words in one round trip: what is known in the
 * vocabulary (search_lexicon), the closest known word for the others, and their stems in both languages.
 */
export async function analyseWords(db: Db, words: string[]): Promise<WordAnalysis[]> {
  if (words.length === 0) return [];
  const stems = (expr: string) =>
    sql.raw(`'(' || concat_ws(' | ', nullif(to_tsquery('relais_en', ${expr})::text, ''),
      nullif(to_tsquery('relais_fr', ${expr})::text, '')) || ')'`);
  return rows<WordAnalysis>(
    db,
    sql`
SELECT a.*, ${stems('a.word')} AS stems, ${stems(`a.word || ':*'`)} AS "prefixStems",
  CASE WHEN a.correction IS NOT NULL THEN ${stems('a.correction')} END AS "correctionStems"
FROM (
  SELECT w.word,
    EXISTS (SELECT 1 FROM search_lexicon l WHERE l.word = w.word) AS known,
    EXISTS (SELECT 1 FROM search_lexicon l WHERE l.word LIKE w.word || '%' AND l.word <> w.word) AS prefix,
    numnode(plainto_tsquery('relais_en', w.word)) = 0 OR numnode(plainto_tsquery('relais_fr', w.word)) = 0 AS stop,
    (SELECT l.word FROM search_lexicon l
       WHERE show_trgm(l.word) && show_trgm(w.word) AND similarity(l.word, w.word) >= ${SIMILARITY_THRESHOLD}
       ORDER BY similarity(l.word, w.word) DESC, l.word LIMIT 1) AS correction,
    w.n
  FROM unnest(${textArray(words)}) WITH ORDINALITY AS w(word, n)
) a ORDER BY a.n`,
  );
}

// ---------------------------------------------------------------------------------------------- detail

export function listTaxonomy(db: Db) {
  return db
    .select()
    .from(schema.taxonomyTerms)
    .orderBy(asc(schema.taxonomyTerms.sortOrder), asc(schema.taxonomyTerms.id));
}

/**
 * The descriptive fields of a service row, named as the contracts name them: the directory's service detail
 * and the editors' service record both carry them.
 */
export const serviceDescription = (s: typeof schema.services.$inferSelect) => ({
  nameEn: s.nameEn,
  nameFr: s.nameFr,
  alternateNameEn: s.alternateNameEn,
  alternateNameFr: s.alternateNameFr,
  descriptionEn: s.descriptionEn,
  descriptionFr: s.descriptionFr,
  url: s.url,
  email: s.email,
  eligibilityEn: s.eligibilityEn,
  eligibilityFr: s.eligibilityFr,
  minAge: s.minAge,
  maxAge: s.maxAge,
  feesEn: s.feesEn,
  feesFr: s.feesFr,
  applicationProcessEn: s.applicationProcessEn,
  applicationProcessFr: s.applicationProcessFr,
  waitTimeEn: s.waitTimeEn,
  waitTimeFr: s.waitTimeFr,
  interpretationServicesEn: s.interpretationServicesEn,
  interpretationServicesFr: s.interpretationServicesFr,
  alertEn: s.alertEn,
  alertFr: s.alertFr,
});

export async function findService(db: Db, id: string) {
  const [row] = await db
    .select({
      service: schema.services,
      organization: schema.organizations,
      verifiedByName: schema.staff.name,
    })
    .from(schema.services)
    .innerJoin(schema.organizations, eq(schema.organizations.id, schema.services.organizationId))
    .leftJoin(schema.staff, eq(schema.staff.id, schema.services.lastVerifiedBy))
    .where(eq(schema.services.id, id));
  return row;
}

export async function serviceChildren(db: Db, serviceId: string, organizationId: string) {
  const sites = await db
    .select({ sal: schema.serviceAtLocation, location: schema.locations })
    .from(schema.serviceAtLocation)
    .innerJoin(schema.locations, eq(schema.locations.id, schema.serviceAtLocation.locationId))
    .where(eq(schema.serviceAtLocation.serviceId, serviceId));
  const locationIds = sites.map((s) => s.location.id);
  const salIds = sites.map((s) => s.sal.id);
  const anyOf = (column: Parameters<typeof inArray>[0], ids: string[]) =>
    ids.length ? inArray(column, ids) : sql`false`;
  const [phones, schedules, languages, areas, documents, terms] = await Promise.all([
    db
      .select()
      .from(schema.phones)
      .where(
        or(
          eq(schema.phones.serviceId, serviceId),
          eq(schema.phones.organizationId, organizationId),
          anyOf(schema.phones.locationId, locationIds),
          anyOf(schema.phones.serviceAtLocationId, salIds),
        ),
      )
      .orderBy(asc(schema.phones.sortOrder), asc(schema.phones.number)),
    db
      .select()
      .from(schema.schedules)
      .where(
        or(
          eq(schema.schedules.serviceId, serviceId),
          anyOf(schema.schedules.locationId, locationIds),
          anyOf(schema.schedules.serviceAtLocationId, salIds),
        ),
      )
      .orderBy(asc(schema.schedules.opensAt)),
    db
      .select()
      .from(schema.languages)
      .where(or(eq(schema.languages.serviceId, serviceId), anyOf(schema.languages.locationId, locationIds))),
    db.select().from(schema.serviceAreas).where(eq(schema.serviceAreas.serviceId, serviceId)),
    db.select().from(schema.requiredDocuments).where(eq(schema.requiredDocuments.serviceId, serviceId)),
    db
      .select({ term: schema.taxonomyTerms })
      .from(schema.serviceTaxonomyTerms)
      .innerJoin(
        schema.taxonomyTerms,
        eq(schema.taxonomyTerms.id, schema.serviceTaxonomyTerms.taxonomyTermId),
      )
      .where(eq(schema.serviceTaxonomyTerms.serviceId, serviceId))
      .orderBy(asc(schema.taxonomyTerms.id)),
  ]);
  return { sites, phones, schedules, languages, areas, documents, terms: terms.map((t) => t.term) };
}

/** Distances in metres from a point to these locations. */
export async function distancesTo(
  db: Db,
  point: { latitude: number; longitude: number },
  locationIds: string[],
): Promise<Map<string, number>> {
  if (locationIds.length === 0) return new Map();
  const found = await rows<{ id: string; d: number }>(
    db,
    sql`SELECT id, earth_distance(ll_to_earth(${point.latitude}::float8, ${point.longitude}::float8),
          ll_to_earth(latitude, longitude)) AS d
        FROM locations WHERE id = ANY(${sql`${`{${locationIds.join(',')}}`}::uuid[]`}) AND latitude IS NOT NULL`,
  );
  return new Map(found.map((r) => [r.id, Number(r.d)]));
}
