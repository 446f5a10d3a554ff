import { rows, schema, type Db } from '@relais/db';
import { asc, eq, inArray, or, sql } from 'drizzle-orm';

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
  // Phones and hours belong to the service, one of its sites, or the service at one of them.
  const ownedByService = (table: typeof schema.phones | typeof schema.schedules) =>
    or(
      eq(table.serviceId, serviceId),
      anyOf(table.locationId, locationIds),
      anyOf(table.serviceAtLocationId, salIds),
    );
  const [phones, schedules, languages, areas, documents, terms] = await Promise.all([
    db
      .select()
      .from(schema.phones)
      .where(or(ownedByService(schema.phones), eq(schema.phones.organizationId, organizationId)))
      .orderBy(asc(schema.phones.sortOrder), asc(schema.phones.number)),
    db
      .select()
      .from(schema.schedules)
      .where(ownedByService(schema.schedules))
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
