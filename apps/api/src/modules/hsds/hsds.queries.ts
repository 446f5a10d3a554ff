import { rows, schema, type Db } from '@relais/db';
import { asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';

/** Read side of the HSDS API: plain queries returning directory rows; hsds.mapping.ts shapes them. */

const {
  organizations,
  locations,
  services,
  serviceAtLocation,
  phones,
  schedules,
  languages,
  serviceAreas,
  requiredDocuments,
} = schema;

export type OrganizationRow = typeof organizations.$inferSelect;
export type LocationRow = typeof locations.$inferSelect;
export type ServiceRow = typeof services.$inferSelect;
export type ServiceAtLocationRow = typeof serviceAtLocation.$inferSelect;
export type PhoneRow = typeof phones.$inferSelect;
export type ScheduleRow = typeof schedules.$inferSelect;
export type LanguageRow = typeof languages.$inferSelect;
export type ServiceAreaRow = typeof serviceAreas.$inferSelect;
export type RequiredDocumentRow = typeof requiredDocuments.$inferSelect;

/** A taxonomy term with the HSDS identifiers of itself, its parent and its taxonomy. */
export interface TermRow {
  id: string;
  hsdsId: string;
  parentHsdsId: string | null;
  taxonomy: string;
  taxonomyId: string;
  nameEn: string | null;
  nameFr: string | null;
  descriptionEn: string | null;
  descriptionFr: string | null;
}

export interface TaxonomyRow {
  id: string;
  name: string;
  descriptionEn: string | null;
  descriptionFr: string | null;
  uri: string | null;
  version: string | null;
}

const termSelect = sql`
  SELECT t.id, t.hsds_id AS "hsdsId", p.hsds_id AS "parentHsdsId", t.taxonomy,
    coalesce(x.id, md5('taxonomy:' || t.taxonomy)::uuid) AS "taxonomyId",
    t.name_en AS "nameEn", t.name_fr AS "nameFr", t.description_en AS "descriptionEn",
    t.description_fr AS "descriptionFr"
  FROM taxonomy_terms t
  LEFT JOIN taxonomy_terms p ON p.id = t.parent_id
  LEFT JOIN taxonomies x ON x.name = t.taxonomy`;

const uuidArray = (ids: string[]) => sql`${sql.raw(`'{${ids.join(',')}}'`)}::uuid[]`;
const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

export interface ServiceGraph {
  services: ServiceRow[];
  organizations: Map<string, OrganizationRow>;
  serviceAtLocations: ServiceAtLocationRow[];
  locations: Map<string, LocationRow>;
  phones: PhoneRow[];
  schedules: ScheduleRow[];
  languages: LanguageRow[];
  serviceAreas: ServiceAreaRow[];
  requiredDocuments: RequiredDocumentRow[];
  terms: Array<TermRow & { serviceId: string }>;
}

/** Everything a fully nested HSDS service needs, for a batch of services, in a fixed number of queries. */
export async function loadServiceGraph(db: Db, serviceIds: string[]): Promise<ServiceGraph> {
  const ids = serviceIds.filter(isUuid);
  const svc = ids.length ? await db.select().from(services).where(inArray(services.id, ids)) : [];
  const orgIds = [...new Set(svc.map((s) => s.organizationId))];
  const sals = ids.length
    ? await db
        .select()
        .from(serviceAtLocation)
        .where(inArray(serviceAtLocation.serviceId, ids))
        .orderBy(asc(serviceAtLocation.createdAt), asc(serviceAtLocation.id))
    : [];
  const locIds = [...new Set(sals.map((s) => s.locationId))];
  const salIds = sals.map((s) => s.id);
  const [orgs, locs, phoneRows, scheduleRows, languageRows, areas, docs, terms] = await Promise.all([
    orgIds.length ? db.select().from(organizations).where(inArray(organizations.id, orgIds)) : [],
    locIds.length ? db.select().from(locations).where(inArray(locations.id, locIds)) : [],
    ownedBy(db, phones, ids, locIds, salIds, orgIds),
    ownedBy(db, schedules, ids, locIds, salIds, []),
    languagesOf(db, ids, locIds),
    ids.length ? db.select().from(serviceAreas).where(inArray(serviceAreas.serviceId, ids)) : [],
    ids.length ? db.select().from(requiredDocuments).where(inArray(requiredDocuments.serviceId, ids)) : [],
    ids.length
      ? rows<TermRow & { serviceId: string }>(
          db,
          sql`SELECT st.service_id AS "serviceId", tt.* FROM service_taxonomy_terms st
              JOIN (${termSelect}) tt ON tt.id = st.taxonomy_term_id
              WHERE st.service_id = ANY(${uuidArray(ids)}) ORDER BY tt.id`,
        )
      : [],
  ]);
  return {
    services: svc,
    organizations: new Map(orgs.map((o) => [o.id, o])),
    serviceAtLocations: sals,
    locations: new Map(locs.map((l) => [l.id, l])),
    phones: (phoneRows as PhoneRow[]).sort((a, b) => a.sortOrder - b.sortOrder || a.id.localeCompare(b.id)),
    schedules: scheduleRows as ScheduleRow[],
    languages: languageRows,
    serviceAreas: areas,
    requiredDocuments: docs,
    terms,
  };
}

async function languagesOf(db: Db, serviceIds: string[], locationIds: string[]) {
  const conditions: SQL[] = [];
  if (serviceIds.length) conditions.push(inArray(languages.serviceId, serviceIds));
  if (locationIds.length) conditions.push(inArray(languages.locationId, locationIds));
  if (conditions.length === 0) return [];
  return db
    .select()
    .from(languages)
    .where(or(...conditions));
}

type Owned = typeof phones | typeof schedules;

async function ownedBy(
  db: Db,
  table: Owned,
  serviceIds: string[],
  locationIds: string[],
  salIds: string[],
  orgIds: string[],
) {
  const conditions: SQL[] = [];
  if (serviceIds.length) conditions.push(inArray(table.serviceId, serviceIds));
  if (locationIds.length) conditions.push(inArray(table.locationId, locationIds));
  if (salIds.length) conditions.push(inArray(table.serviceAtLocationId, salIds));
  if (orgIds.length && table === phones) conditions.push(inArray(phones.organizationId, orgIds));
  if (conditions.length === 0) return [];
  return db
    .select()
    .from(table)
    .where(or(...conditions));
}

export interface LocationGraph {
  locations: LocationRow[];
  phones: PhoneRow[];
  schedules: ScheduleRow[];
  languages: LanguageRow[];
}

export async function loadLocationsOfOrganization(db: Db, organizationId: string): Promise<LocationGraph> {
  const locs = await db
    .select()
    .from(locations)
    .where(eq(locations.organizationId, organizationId))
    .orderBy(asc(locations.createdAt), asc(locations.id));
  const ids = locs.map((l) => l.id);
  const [phoneRows, scheduleRows, languageRows] = ids.length
    ? await Promise.all([
        db.select().from(phones).where(inArray(phones.locationId, ids)).orderBy(asc(phones.sortOrder)),
        db.select().from(schedules).where(inArray(schedules.locationId, ids)),
        db.select().from(languages).where(inArray(languages.locationId, ids)),
      ])
    : [[], [], []];
  return { locations: locs, phones: phoneRows, schedules: scheduleRows, languages: languageRows };
}

export async function organizationPhones(db: Db, organizationId: string) {
  return db
    .select()
    .from(phones)
    .where(eq(phones.organizationId, organizationId))
    .orderBy(asc(phones.sortOrder));
}

export async function findOrganization(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  return row;
}

export async function serviceIdsOfOrganization(db: Db, organizationId: string) {
  const found = await db
    .select({ id: services.id })
    .from(services)
    .where(eq(services.organizationId, organizationId))
    .orderBy(asc(sql`coalesce(${services.nameEn}, ${services.nameFr})`), asc(services.id));
  return found.map((r) => r.id);
}

export async function findServiceAtLocation(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(serviceAtLocation).where(eq(serviceAtLocation.id, id));
  return row;
}

// ---- Paged lists ----

export interface Paging {
  page: number;
  perPage: number;
}

const nameOrder = (lang: 'en' | 'fr', en: SQL | unknown, fr: SQL | unknown) =>
  lang === 'fr' ? sql`lower(coalesce(${fr}, ${en}))` : sql`lower(coalesce(${en}, ${fr}))`;

/** Full-text condition over the search documents, in both languages (accents ignored by the configs). */
const matchesText = (search: string) =>
  sql`(websearch_to_tsquery('relais_en', ${search}) || websearch_to_tsquery('relais_fr', ${search}))`;

const whereAll = (conds: SQL[]) => (conds.length ? sql`WHERE ${sql.join(conds, sql` AND `)}` : sql``);

/** The services with a term of this taxonomy (the HSDS id of a taxonomy, stored or derived from its name). */
export async function servicesInTaxonomy(db: Db, taxonomyId: string): Promise<string[]> {
  const found = await rows<{ id: string }>(
    db,
    sql`SELECT DISTINCT st.service_id AS id FROM service_taxonomy_terms st
      JOIN taxonomy_terms t ON t.id = st.taxonomy_term_id
      LEFT JOIN taxonomies x ON x.name = t.taxonomy
      WHERE coalesce(x.id, md5('taxonomy:' || t.taxonomy)::uuid) = ${taxonomyId}`,
  );
  return found.map((r) => r.id);
}

export async function servicesModifiedSince(db: Db, since: string): Promise<string[]> {
  const found = await rows<{ id: string }>(
    db,
    sql`SELECT id FROM services WHERE updated_at >= ${since}::timestamptz`,
  );
  return found.map((r) => r.id);
}

/** The directory's id of the taxonomy term with this HSDS id. */
export async function termIdOf(db: Db, hsdsId: string): Promise<string | undefined> {
  const [row] = await rows<{ id: string }>(db, sql`SELECT id FROM taxonomy_terms WHERE hsds_id = ${hsdsId}`);
  return row?.id;
}

/** Services by id, in the order given. */
export async function servicesInOrder(db: Db, ids: string[]): Promise<ServiceRow[]> {
  const found = ids.length ? await db.select().from(services).where(inArray(services.id, ids)) : [];
  const byId = new Map(found.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is ServiceRow => r !== undefined);
}

export async function pageOrganizations(db: Db, f: { search?: string; lang: 'en' | 'fr' }, p: Paging) {
  const conds: SQL[] = [];
  if (f.search) {
    conds.push(sql`(o.id IN (SELECT d.organization_id FROM search_documents d WHERE d.document @@ ${matchesText(f.search)})
      OR relais_unaccent(lower(coalesce(o.name_en, '') || ' ' || coalesce(o.name_fr, ''))) LIKE
         '%' || relais_unaccent(lower(${f.search})) || '%')`);
  }
  const where = whereAll(conds);
  const [count] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM organizations o ${where}`);
  const ids = await rows<{ id: string }>(
    db,
    sql`SELECT o.id FROM organizations o ${where}
        ORDER BY ${nameOrder(f.lang, sql`o.name_en`, sql`o.name_fr`)}, o.id
        LIMIT ${p.perPage} OFFSET ${(p.page - 1) * p.perPage}`,
  );
  const found = ids.length
    ? await db
        .select()
        .from(organizations)
        .where(
          inArray(
            organizations.id,
            ids.map((r) => r.id),
          ),
        )
    : [];
  const byId = new Map(found.map((r) => [r.id, r]));
  return {
    total: count?.n ?? 0,
    rows: ids.map((r) => byId.get(r.id)).filter((r): r is OrganizationRow => r !== undefined),
  };
}

/** Services at a location by id, in the order given, with their services and locations (read at once). */
export async function serviceAtLocationsInOrder(
  db: Db,
  sites: Array<{ id: string; serviceId: string; locationId: string }>,
) {
  const unique = (ids: string[]) => [...new Set(ids)];
  const [found, svc, locs] = sites.length
    ? await Promise.all([
        db
          .select()
          .from(serviceAtLocation)
          .where(
            inArray(
              serviceAtLocation.id,
              sites.map((s) => s.id),
            ),
          ),
        db
          .select()
          .from(services)
          .where(inArray(services.id, unique(sites.map((s) => s.serviceId)))),
        db
          .select()
          .from(locations)
          .where(inArray(locations.id, unique(sites.map((s) => s.locationId)))),
      ])
    : [[], [], []];
  const byId = new Map(found.map((r) => [r.id, r]));
  return {
    rows: sites.map((s) => byId.get(s.id)).filter((r): r is ServiceAtLocationRow => r !== undefined),
    services: new Map(svc.map((s) => [s.id, s])),
    locations: new Map(locs.map((l) => [l.id, l])),
  };
}

// ---- Taxonomy ----

export async function pageTaxonomies(db: Db, f: { search?: string }, p: Paging) {
  const cond = f.search ? sql`WHERE x.name ILIKE '%' || ${f.search} || '%'` : sql``;
  const all = sql`
    SELECT x.id, x.name, x.description_en AS "descriptionEn", x.description_fr AS "descriptionFr", x.uri, x.version
    FROM taxonomies x
    UNION ALL
    SELECT DISTINCT md5('taxonomy:' || t.taxonomy)::uuid, t.taxonomy, NULL, NULL, NULL, NULL
    FROM taxonomy_terms t WHERE NOT EXISTS (SELECT 1 FROM taxonomies y WHERE y.name = t.taxonomy)`;
  const [count] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM (${all}) x ${cond}`);
  const found = await rows<TaxonomyRow>(
    db,
    sql`SELECT * FROM (${all}) x ${cond} ORDER BY x.name LIMIT ${p.perPage} OFFSET ${(p.page - 1) * p.perPage}`,
  );
  return { total: count?.n ?? 0, rows: found };
}

export async function findTaxonomy(db: Db, id: string) {
  const found = await pageTaxonomies(db, {}, { page: 1, perPage: 10_000 });
  return found.rows.find((t) => t.id === id);
}

export interface TermFilter {
  search?: string;
  taxonomyId?: string;
  parentId?: string;
  topOnly?: boolean;
  lang: 'en' | 'fr';
}

export async function pageTaxonomyTerms(db: Db, f: TermFilter, p: Paging) {
  const conds: SQL[] = [];
  if (f.search) {
    conds.push(sql`relais_unaccent(lower(concat_ws(' ', tt."nameEn", tt."nameFr", tt.id))) LIKE
      '%' || relais_unaccent(lower(${f.search})) || '%'`);
  }
  if (f.taxonomyId) conds.push(sql`tt."taxonomyId" = ${f.taxonomyId}`);
  if (f.parentId) conds.push(sql`tt."parentHsdsId" = ${f.parentId}`);
  if (f.topOnly) conds.push(sql`tt."parentHsdsId" IS NULL`);
  const from = sql`FROM (${termSelect}) tt ${whereAll(conds)}`;
  const [count] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n ${from}`);
  const found = await rows<TermRow>(
    db,
    sql`SELECT tt.* ${from} ORDER BY ${nameOrder(f.lang, sql`tt."nameEn"`, sql`tt."nameFr"`)}, tt.id
        LIMIT ${p.perPage} OFFSET ${(p.page - 1) * p.perPage}`,
  );
  return { total: count?.n ?? 0, rows: found };
}

export async function findTaxonomyTerm(db: Db, hsdsId: string) {
  if (!isUuid(hsdsId)) return undefined;
  const [row] = await rows<TermRow>(db, sql`SELECT * FROM (${termSelect}) tt WHERE tt."hsdsId" = ${hsdsId}`);
  return row;
}
