import { rows, type Db } from '@relais/db';
import { sql, type SQL } from 'drizzle-orm';

/**
 * Maintenance of the derived search tables (search_documents, search_lexicon). One SQL path serves a
 * single edited service and the full rebuild after a bulk load, so the two can never disagree.
 */

/** `null` = every service. */
type Targets = string[] | null;

const targetFilter = (targets: Targets, column: SQL) =>
  targets === null ? sql`true` : sql`${column} = ANY(${sql.raw(`'{${targets.join(',')}}'`)}::uuid[])`;

function documentsSql(targets: Targets): SQL {
  const inTargets = targetFilter(targets, sql`s.id`);
  return sql`
WITH RECURSIVE anc(term_id, ancestor_id, ancestor_parent, depth) AS (
  SELECT id, id, parent_id, 0 FROM taxonomy_terms
  UNION ALL
  SELECT a.term_id, p.id, p.parent_id, a.depth + 1
  FROM anc a JOIN taxonomy_terms p ON p.id = a.ancestor_parent
  WHERE a.depth < 20
),
svc AS MATERIALIZED (SELECT s.* FROM services s WHERE ${inTargets}),
pairs AS MATERIALIZED (
  SELECT sal.id AS sal_id, sal.service_id, sal.location_id
  FROM service_at_location sal JOIN svc ON svc.id = sal.service_id
),
tx AS (
  SELECT st.service_id,
    array_agg(DISTINCT a.ancestor_id) AS ids,
    coalesce(array_agg(DISTINCT a.ancestor_id) FILTER (WHERE a.ancestor_parent IS NULL), '{}') AS categories,
    string_agg(DISTINCT t.name_en, ' ') AS names_en,
    string_agg(DISTINCT t.name_fr, ' ') AS names_fr
  FROM service_taxonomy_terms st
  JOIN svc ON svc.id = st.service_id
  JOIN anc a ON a.term_id = st.taxonomy_term_id
  JOIN taxonomy_terms t ON t.id = a.ancestor_id
  GROUP BY st.service_id
),
lang AS (
  SELECT owner, array_agg(DISTINCT code ORDER BY code) AS codes FROM (
    SELECT 'svc:' || lg.service_id AS owner, lg.code FROM languages lg JOIN svc ON svc.id = lg.service_id
    UNION ALL
    SELECT 'loc:' || lg.location_id, lg.code FROM languages lg
      WHERE lg.location_id IN (SELECT location_id FROM pairs)
  ) x GROUP BY owner
),
phone AS (
  SELECT DISTINCT ON (owner) owner, number FROM (
    SELECT 'sal:' || p.service_at_location_id AS owner, p.number, p.sort_order, p.type FROM phones p
      WHERE p.service_at_location_id IN (SELECT sal_id FROM pairs)
    UNION ALL
    SELECT 'svc:' || p.service_id, p.number, p.sort_order, p.type FROM phones p JOIN svc ON svc.id = p.service_id
    UNION ALL
    SELECT 'loc:' || p.location_id, p.number, p.sort_order, p.type FROM phones p
      WHERE p.location_id IN (SELECT location_id FROM pairs)
    UNION ALL
    SELECT 'org:' || p.organization_id, p.number, p.sort_order, p.type FROM phones p
      WHERE p.organization_id IN (SELECT organization_id FROM svc)
  ) x
  WHERE type <> 'fax'
  ORDER BY owner, sort_order, number
),
sched AS (
  SELECT owner, day, opens_at, closes_at,
    (array_position(ARRAY['MO','TU','WE','TH','FR','SA','SU'], day) - 1) * 1440
      + (extract(epoch FROM opens_at) / 60)::int AS start_minute,
    CASE WHEN closes_at > opens_at THEN (extract(epoch FROM closes_at - opens_at) / 60)::int
         ELSE 1440 - (extract(epoch FROM opens_at - closes_at) / 60)::int END AS length_minutes
  FROM (
    SELECT 'sal:' || sc.service_at_location_id AS owner, sc.byday, sc.opens_at, sc.closes_at FROM schedules sc
      WHERE sc.service_at_location_id IN (SELECT sal_id FROM pairs)
    UNION ALL
    SELECT 'svc:' || sc.service_id, sc.byday, sc.opens_at, sc.closes_at FROM schedules sc
      JOIN svc ON svc.id = sc.service_id
    UNION ALL
    SELECT 'loc:' || sc.location_id, sc.byday, sc.opens_at, sc.closes_at FROM schedules sc
      WHERE sc.location_id IN (SELECT location_id FROM pairs)
  ) x CROSS JOIN LATERAL unnest(string_to_array(x.byday, ',')) AS d(day)
),
sched_ranges AS (
  SELECT owner, r FROM sched CROSS JOIN LATERAL unnest(
    CASE WHEN start_minute + length_minutes <= 10080
      THEN ARRAY[int4range(start_minute, start_minute + length_minutes)]
      ELSE ARRAY[int4range(start_minute, 10080), int4range(0, start_minute + length_minutes - 10080)] END
  ) AS r
),
hours_json AS (
  SELECT owner, jsonb_object_agg(day, periods) AS hours FROM (
    SELECT owner, day, jsonb_agg(jsonb_build_array(to_char(opens_at, 'HH24:MI'), to_char(closes_at, 'HH24:MI'))
      ORDER BY opens_at) AS periods
    FROM sched GROUP BY owner, day
  ) d GROUP BY owner
),
hours AS (
  SELECT j.owner, j.hours, m.minutes
  FROM hours_json j
  JOIN (SELECT owner, range_agg(r) AS minutes FROM sched_ranges GROUP BY owner) m ON m.owner = j.owner
)
SELECT
  coalesce(pairs.sal_id, s.id) AS id, s.id AS service_id, l.id AS location_id, s.organization_id,
  CASE
    WHEN 'inactive' IN (s.status, o.status, coalesce(l.status, 'active')) THEN 'inactive'
    WHEN 'active_no_refer' IN (s.status, o.status, coalesce(l.status, 'active')) THEN 'active_no_refer'
    ELSE 'active' END AS status,
  s.name_en, s.name_fr, o.name_en AS organization_name_en, o.name_fr AS organization_name_fr,
  l.name_en AS location_name_en, l.name_fr AS location_name_fr,
  l.address_1, l.city, l.postal_code, l.latitude, l.longitude,
  CASE WHEN l.latitude IS NOT NULL AND l.longitude IS NOT NULL THEN ll_to_earth(l.latitude, l.longitude) END AS earth_point,
  coalesce(ph_sal.number, ph_svc.number, ph_loc.number, ph_org.number) AS phone,
  coalesce(tx.ids, '{}') AS taxonomy_ids, coalesce(tx.categories, '{}') AS category_ids,
  coalesce(lg_svc.codes, lg_loc.codes, '{}') AS languages,
  s.min_age, s.max_age,
  coalesce(h_sal.minutes, h_svc.minutes, h_loc.minutes) AS open_minutes,
  coalesce(h_sal.hours, h_svc.hours, h_loc.hours) AS hours,
  s.last_verified_at,
  setweight(to_tsvector('relais_en', concat_ws(' ', s.name_en, s.alternate_name_en, tx.names_en)), 'A')
  || setweight(to_tsvector('relais_fr', concat_ws(' ', s.name_fr, s.alternate_name_fr, tx.names_fr)), 'A')
  || setweight(to_tsvector('relais_en', concat_ws(' ', o.name_en, l.name_en, l.city)), 'B')
  || setweight(to_tsvector('relais_fr', concat_ws(' ', o.name_fr, l.name_fr)), 'B')
  || setweight(to_tsvector('relais_en', coalesce(s.description_en, '')), 'C')
  || setweight(to_tsvector('relais_fr', coalesce(s.description_fr, '')), 'C')
  || coalesce(relais_geo_cells(l.latitude, l.longitude), ''::tsvector) AS document,
  now() AS updated_at
FROM svc s
JOIN organizations o ON o.id = s.organization_id
LEFT JOIN pairs ON pairs.service_id = s.id
LEFT JOIN locations l ON l.id = pairs.location_id
LEFT JOIN tx ON tx.service_id = s.id
LEFT JOIN lang lg_svc ON lg_svc.owner = 'svc:' || s.id
LEFT JOIN lang lg_loc ON lg_loc.owner = 'loc:' || l.id
LEFT JOIN phone ph_sal ON ph_sal.owner = 'sal:' || pairs.sal_id
LEFT JOIN phone ph_svc ON ph_svc.owner = 'svc:' || s.id
LEFT JOIN phone ph_loc ON ph_loc.owner = 'loc:' || l.id
LEFT JOIN phone ph_org ON ph_org.owner = 'org:' || s.organization_id
LEFT JOIN hours h_sal ON h_sal.owner = 'sal:' || pairs.sal_id
LEFT JOIN hours h_svc ON h_svc.owner = 'svc:' || s.id
LEFT JOIN hours h_loc ON h_loc.owner = 'loc:' || l.id
ORDER BY l.city, l.latitude`;
}

const COLUMNS = sql.raw(
  `id, service_id, location_id, organization_id, status, name_en, name_fr, organization_name_en,
  organization_name_fr, location_name_en, location_name_fr, address_1, city, postal_code, latitude, longitude,
  earth_point, phone, taxonomy_ids, category_ids, languages, min_age, max_age, open_minutes, hours, last_verified_at,
  document, updated_at`,
);

function lexiconSql(targets: Targets): SQL {
  return sql`
INSERT INTO search_lexicon (word)
SELECT DISTINCT w FROM services s
JOIN organizations o ON o.id = s.organization_id
CROSS JOIN LATERAL regexp_split_to_table(lower(relais_unaccent(concat_ws(' ',
  s.name_en, s.name_fr, s.alternate_name_en, s.alternate_name_fr, o.name_en, o.name_fr,
  s.description_en, s.description_fr))), '[^a-z0-9]+') AS w
WHERE ${targetFilter(targets, sql`s.id`)} AND length(w) BETWEEN 3 AND 30
ON CONFLICT DO NOTHING`;
}

/** Adds the words of every taxonomy term name to the spelling vocabulary. */
export async function refreshTaxonomyLexicon(db: Db): Promise<void> {
  await db.execute(sql`
INSERT INTO search_lexicon (word)
SELECT DISTINCT w FROM taxonomy_terms t
CROSS JOIN LATERAL regexp_split_to_table(lower(relais_unaccent(concat_ws(' ', t.name_en, t.name_fr))), '[^a-z0-9]+') AS w
WHERE length(w) BETWEEN 3 AND 30
ON CONFLICT DO NOTHING`);
}

/**
 * Rebuilds the search rows of the given services (one row per site where each is offered). Call it, in
 * the same transaction, after any change to a service, its organization, its sites, their hours, phones,
 * languages or the service's taxonomy terms. A service that no longer exists simply loses its rows.
 */
export async function refreshSearchDocuments(db: Db, serviceIds: string[]): Promise<void> {
  const ids = serviceIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (ids.length === 0) return;
  await db.execute(sql`DELETE FROM search_documents WHERE ${targetFilter(ids, sql`service_id`)}`);
  await db.execute(sql`INSERT INTO search_documents (${COLUMNS}) ${documentsSql(ids)}`);
  await db.execute(lexiconSql(ids));
}

// The search indexes of migrations/0002_directory.sql: rebuilt once after a full reload rather than
// updated row by row (several times faster for tens of thousands of rows). Keep in step with the migration.
const SEARCH_INDEXES = [
  ['search_documents_document_idx', 'USING gin (document)'],
  ['search_documents_taxonomy_idx', 'USING gin (taxonomy_ids)'],
  ['search_documents_earth_idx', 'USING gist (earth_point)'],
] as const;

/** Rebuilds every search row: after a bulk load or import. Run it inside a transaction. */
export async function refreshAllSearchDocuments(db: Db): Promise<void> {
  for (const [name] of SEARCH_INDEXES) await db.execute(sql.raw(`DROP INDEX IF EXISTS ${name}`));
  await db.execute(sql`DELETE FROM search_documents`);
  await db.execute(sql`INSERT INTO search_documents (${COLUMNS}) ${documentsSql(null)}`);
  await db.execute(sql`SET LOCAL maintenance_work_mem = '128MB'`);
  for (const [name, definition] of SEARCH_INDEXES) {
    await db.execute(sql.raw(`CREATE INDEX ${name} ON search_documents ${definition}`));
  }
  await db.execute(lexiconSql(null));
  await refreshTaxonomyLexicon(db);
}

/** The services offered at these locations or run by these organizations (to refresh after editing them). */
export async function servicesTouching(
  db: Db,
  input: { locationIds?: string[]; organizationIds?: string[] },
): Promise<string[]> {
  const locs = (input.locationIds ?? []).filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const orgs = (input.organizationIds ?? []).filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (locs.length === 0 && orgs.length === 0) return [];
  const found = await rows<{ id: string }>(
    db,
    sql`SELECT service_id AS id FROM service_at_location WHERE ${locs.length ? targetFilter(locs, sql`location_id`) : sql`false`}
        UNION SELECT id FROM services WHERE ${orgs.length ? targetFilter(orgs, sql`organization_id`) : sql`false`}`,
  );
  return found.map((r) => r.id);
}

/**
 * Keeps the search row(s) of one service in step with its data. The editors and the HSDS import call this
 * inside their transaction after changing a service, its organization, a site, hours, phones, languages or
 * taxonomy (use servicesTouching() to find the services of an edited site or organization).
 */
export async function refreshSearchDocument(db: Db, serviceId: string): Promise<void> {
  await refreshSearchDocuments(db, [serviceId]);
}
