import { rows, type Db } from '@relais/db';
import { sql, type SQL } from 'drizzle-orm';
import { geoCells } from './search.cells';
import {
  DISPLAY_COLUMNS,
  MAX_LANGUAGE_FACETS,
  nameKey,
  type Facet,
  type SearchOutcome,
  type SearchQuery,
  type SearchRow,
} from './search.filters';
import { matchesNothing, toTsquery } from './search.query';

/**
 * The SQL engine: the same SearchQuery answered by PostgreSQL over search_documents. It answers when the
 * index is turned off (DIRECTORY_SEARCH=sql) and what the index does not model (negation, phrases).
 */

export const textArray = (values: string[]) =>
  sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '')}"`).join(',')}}`}::text[]`;

const uuidArray = (ids: Iterable<string>) =>
  sql`${`{${[...ids].filter((id) => /^[0-9a-f-]{36}$/i.test(id)).join(',')}}`}::uuid[]`;

const point = (near: NonNullable<SearchQuery['near']>) =>
  sql`ll_to_earth(${near.latitude}::float8, ${near.longitude}::float8)`;

/** The conditions every scope shares (the text and place are added by each scope). */
function commonConditions(f: SearchQuery): SQL[] {
  const where: SQL[] = [];
  if (f.statuses) where.push(sql`d.status = ANY(${textArray(f.statuses)})`);
  if (f.age !== null) {
    where.push(
      sql`(d.min_age IS NULL OR d.min_age <= ${f.age}::int) AND (d.max_age IS NULL OR d.max_age >= ${f.age}::int)`,
    );
  }
  if (f.openAtMinuteOfWeek !== null) where.push(sql`d.open_minutes @> ${f.openAtMinuteOfWeek}::int`);
  if (f.organizationId !== null) where.push(sql`d.organization_id = ${f.organizationId}::uuid`);
  if (f.serviceIds !== null) where.push(sql`d.service_id = ANY(${uuidArray(f.serviceIds)})`);
  return where;
}

const taxonomyFilter = (f: SearchQuery) =>
  f.taxonomy.length ? sql`taxonomy_ids && ${textArray(f.taxonomy)}` : sql`true`;
const languageFilter = (f: SearchQuery) =>
  f.languages.length ? sql`languages @> ${textArray(f.languages)}` : sql`true`;

export async function searchSql(db: Db, f: SearchQuery): Promise<SearchOutcome> {
  if (f.text && matchesNothing(f.text)) return { items: [], total: 0, categories: [], languages: [] };
  return f.scope === 'rows' ? searchRows(db, f) : searchListing(db, f);
}

/**
 * The console's search, one statement: the rows matching every filter except category and language are
 * materialised once, then paged, counted, and counted per category (ignoring the category filter) and per
 * language (ignoring the language filter), so facet counts show what choosing another value would give.
 */
async function searchRows(db: Db, f: SearchQuery): Promise<SearchOutcome> {
  const where = commonConditions(f);
  const tsquery = f.text ? toTsquery(f.text) : null;
  const text = tsquery ? sql`${tsquery}::tsquery` : null;
  const radius = f.near?.radiusMeters ?? null;
  const origin = f.near ? point(f.near) : null;
  const cells = f.near && radius !== null ? geoCells(f.near.latitude, f.near.longitude, radius / 1000) : null;
  // Words and place in one tsquery: the GIN index intersects them, so only nearby matches are read.
  const cellQuery = cells ? `(${cells.map((c) => `'${c}'`).join(' | ')})` : null;
  const match = [tsquery, cellQuery].filter((x): x is string => x !== null);
  if (match.length) where.push(sql`d.document @@ ${match.join(' & ')}::tsquery`);
  if (origin) {
    if (radius === null) where.push(sql`d.earth_point IS NOT NULL`);
    else {
      if (!cells) where.push(sql`earth_box(${origin}, ${radius}::float8) @> d.earth_point`);
      where.push(sql`earth_distance(${origin}, d.earth_point) <= ${radius}::float8`);
    }
  }
  const distance = origin ? sql`earth_distance(${origin}, d.earth_point)` : sql`NULL::float8`;
  // Ranking reads every matching document: only worth it when the order depends on it.
  const rank = text && f.sort === 'relevance' ? sql`ts_rank(d.document, ${text})` : sql`0::real`;
  const sortName = f.sort === 'name' ? nameKey(f.nameLanguage) : sql`NULL::text`;
  const order =
    f.sort === 'distance' && origin
      ? sql`distance_m ASC NULLS LAST, id`
      : f.sort === 'name'
        ? sql`sort_name ASC, distance_m ASC NULLS LAST, id`
        : sql`rank DESC, distance_m ASC NULLS LAST, id`;
  const facets = f.facets
    ? sql`(SELECT json_agg(c) FROM (
     SELECT c.id, count(*)::int AS count FROM base CROSS JOIN LATERAL unnest(base.category_ids) AS c(id)
     WHERE ${languageFilter(f)} GROUP BY c.id ORDER BY count(*) DESC, c.id) c) AS categories,
  (SELECT json_agg(l) FROM (
     SELECT l.id, count(*)::int AS count FROM base CROSS JOIN LATERAL unnest(base.languages) AS l(id)
     WHERE ${taxonomyFilter(f)} GROUP BY l.id ORDER BY count(*) DESC, l.id LIMIT ${MAX_LANGUAGE_FACETS}) l) AS languages`
    : sql`NULL::json AS categories, NULL::json AS languages`;

  const [result] = await rows<{
    items: SearchRow[] | null;
    total: number;
    categories: Facet[] | null;
    languages: Facet[] | null;
  }>(
    db,
    sql`
WITH base AS MATERIALIZED (
  SELECT d.id, d.category_ids, d.taxonomy_ids, d.languages, ${distance} AS distance_m, ${rank} AS rank,
    ${sortName} AS sort_name
  FROM search_documents d
  ${where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}
),
page AS (
  SELECT id, distance_m, rank, sort_name FROM base WHERE ${taxonomyFilter(f)} AND ${languageFilter(f)}
  ORDER BY ${order} LIMIT ${f.limit}::int OFFSET ${f.offset}::int
)
SELECT
  (SELECT json_agg(p ORDER BY p.ord) FROM (
     SELECT row_number() OVER (ORDER BY ${order}) AS ord, ${DISPLAY_COLUMNS}, page.distance_m
     FROM page JOIN search_documents d USING (id)) p) AS items,
  (SELECT count(*)::int FROM base WHERE ${taxonomyFilter(f)} AND ${languageFilter(f)}) AS total,
  ${facets}`,
  );
  return {
    items: result?.items ?? [],
    total: result?.total ?? 0,
    categories: result?.categories ?? [],
    languages: result?.languages ?? [],
  };
}

/**
 * The HSDS lists: services (each once, by name then id) or services at a location (by name then id, or
 * nearest first). A service matches the words when any of its rows does, wherever the row is.
 */
async function searchListing(db: Db, f: SearchQuery): Promise<SearchOutcome> {
  const where = commonConditions(f);
  where.push(taxonomyFilter(f), languageFilter(f));
  if (f.scope === 'sites') where.push(sql`d.location_id IS NOT NULL`);
  if (f.text) {
    where.push(sql`d.service_id IN (SELECT t.service_id FROM search_documents t
      WHERE t.document @@ ${toTsquery(f.text)}::tsquery)`);
  }
  const origin = f.near ? point(f.near) : null;
  const radius = f.near?.radiusMeters ?? null;
  if (origin) {
    where.push(sql`d.earth_point IS NOT NULL`);
    if (radius !== null) {
      where.push(sql`earth_box(${origin}, ${radius}::float8) @> d.earth_point`);
      where.push(sql`earth_distance(${origin}, d.earth_point) <= ${radius}::float8`);
    }
  }
  const distance = origin ? sql`earth_distance(${origin}, d.earth_point)` : sql`NULL::float8`;
  const tie = f.scope === 'services' ? sql`service_key` : sql`id`;
  const order =
    f.sort === 'distance' && origin ? sql`distance_m ASC NULLS LAST, ${tie}` : sql`sort_name ASC, ${tie}`;
  const [result] = await rows<{ items: SearchRow[] | null; total: number }>(
    db,
    sql`
WITH base AS MATERIALIZED (
  SELECT ${f.scope === 'services' ? sql`DISTINCT ON (d.service_id)` : sql``}
    d.id, d.service_id AS service_key, ${distance} AS distance_m, ${nameKey(f.nameLanguage)} AS sort_name
  FROM search_documents d
  WHERE ${sql.join(where, sql` AND `)}
  ${f.scope === 'services' ? sql`ORDER BY d.service_id, d.id` : sql``}
),
page AS (SELECT id, service_key, distance_m, sort_name FROM base ORDER BY ${order}
  LIMIT ${f.limit}::int OFFSET ${f.offset}::int)
SELECT
  (SELECT json_agg(p ORDER BY p.ord) FROM (
     SELECT row_number() OVER (ORDER BY ${order}) AS ord, ${DISPLAY_COLUMNS}, page.distance_m
     FROM page JOIN search_documents d USING (id)) p) AS items,
  (SELECT count(*)::int FROM base) AS total`,
  );
  return { items: result?.items ?? [], total: result?.total ?? 0, categories: [], languages: [] };
}
