import type { DueItem, Phone, ResourceType, Schedule, Weekday } from '@relais/contracts';
import { rows, schema, type Db } from '@relais/db';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';

/** Directory rows for the editors' screens, and the writes behind them. */

const { organizations, locations, services, phones, schedules, languages, serviceTaxonomyTerms, staff } =
  schema;

export type OrganizationRow = typeof organizations.$inferSelect;
export type LocationRow = typeof locations.$inferSelect;
export type ServiceRow = typeof services.$inferSelect;

export type Owner =
  | { column: 'organization_id'; id: string }
  | { column: 'location_id'; id: string }
  | { column: 'service_id'; id: string };

export const findOrganization = async (db: Db, id: string) =>
  (await db.select().from(organizations).where(eq(organizations.id, id)))[0];
export const findLocation = async (db: Db, id: string) =>
  (await db.select().from(locations).where(eq(locations.id, id)))[0];
export const findService = async (db: Db, id: string) =>
  (await db.select().from(services).where(eq(services.id, id)))[0];

export async function staffName(db: Db, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [row] = await db.select({ name: staff.name }).from(staff).where(eq(staff.id, id));
  return row?.name ?? null;
}

const ownerColumn = (table: typeof phones | typeof schedules | typeof languages, owner: Owner) => {
  if (owner.column === 'organization_id') {
    if (table !== phones) throw new Error('only phones belong to organizations');
    return phones.organizationId;
  }
  return owner.column === 'location_id' ? table.locationId : table.serviceId;
};

export async function phonesOf(db: Db, owner: Owner): Promise<Phone[]> {
  const found = await db
    .select()
    .from(phones)
    .where(eq(ownerColumn(phones, owner), owner.id))
    .orderBy(asc(phones.sortOrder), asc(phones.id));
  return found.map((p) => ({
    id: p.id,
    number: p.number,
    extension: p.extension,
    type: p.type,
    descriptionEn: p.descriptionEn,
    descriptionFr: p.descriptionFr,
  }));
}

export async function schedulesOf(db: Db, owner: Owner): Promise<Schedule[]> {
  const found = await db
    .select()
    .from(schedules)
    .where(eq(ownerColumn(schedules, owner), owner.id))
    .orderBy(asc(schedules.opensAt), asc(schedules.id));
  return found.map((s) => ({
    id: s.id,
    byday: s.byday.split(',') as Weekday[],
    opensAt: s.opensAt.slice(0, 5),
    closesAt: s.closesAt.slice(0, 5),
    descriptionEn: s.descriptionEn,
    descriptionFr: s.descriptionFr,
  }));
}

export async function languagesOf(db: Db, owner: Owner): Promise<string[]> {
  const found = await db
    .select({ code: languages.code })
    .from(languages)
    .where(eq(ownerColumn(languages, owner), owner.id))
    .orderBy(asc(languages.code));
  return found.map((l) => l.code);
}

export async function termIdsOf(db: Db, serviceId: string): Promise<string[]> {
  const found = await db
    .select({ id: serviceTaxonomyTerms.taxonomyTermId })
    .from(serviceTaxonomyTerms)
    .where(eq(serviceTaxonomyTerms.serviceId, serviceId))
    .orderBy(asc(serviceTaxonomyTerms.taxonomyTermId));
  return found.map((t) => t.id);
}

export async function missingTermIds(db: Db, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await db
    .select({ id: schema.taxonomyTerms.id })
    .from(schema.taxonomyTerms)
    .where(inArray(schema.taxonomyTerms.id, ids));
  const known = new Set(found.map((t) => t.id));
  return ids.filter((id) => !known.has(id));
}

export async function sitesOf(db: Db, serviceId: string) {
  return db
    .select({
      serviceAtLocationId: schema.serviceAtLocation.id,
      locationId: locations.id,
      nameEn: locations.nameEn,
      nameFr: locations.nameFr,
      address1: locations.address1,
      city: locations.city,
    })
    .from(schema.serviceAtLocation)
    .innerJoin(locations, eq(locations.id, schema.serviceAtLocation.locationId))
    .where(eq(schema.serviceAtLocation.serviceId, serviceId))
    .orderBy(asc(locations.city), asc(locations.id));
}

type Versioned = typeof organizations | typeof locations | typeof services;

/**
 * Applies the change only if nobody saved since `version` was read; bumps the version. Returns undefined
 * when the version is stale (or the record is gone): the caller tells the two apart.
 */
export async function updateIfVersion<T extends Versioned>(
  db: Db,
  table: T,
  id: string,
  version: number,
  values: Partial<T['$inferInsert']>,
) {
  const [row] = await db
    .update(table as Versioned)
    .set({ ...values, version: sql`${table.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(table.id, id), eq(table.version, version)))
    .returning({ id: table.id, version: table.version });
  return row;
}

export async function replacePhones(db: Db, owner: Owner, list: Array<Omit<Phone, 'id'> & { id?: string }>) {
  await db.delete(phones).where(eq(ownerColumn(phones, owner), owner.id));
  if (list.length === 0) return;
  const ownerValues = {
    organizationId: owner.column === 'organization_id' ? owner.id : null,
    locationId: owner.column === 'location_id' ? owner.id : null,
    serviceId: owner.column === 'service_id' ? owner.id : null,
  };
  await db.insert(phones).values(
    list.map((p, i) => ({
      ...(p.id ? { id: p.id } : {}),
      ...ownerValues,
      number: p.number,
      extension: p.extension,
      type: p.type,
      descriptionEn: p.descriptionEn,
      descriptionFr: p.descriptionFr,
      sortOrder: i,
    })),
  );
}

export async function replaceSchedules(
  db: Db,
  owner: Exclude<Owner, { column: 'organization_id' }>,
  list: Array<Omit<Schedule, 'id'> & { id?: string }>,
) {
  await db.delete(schedules).where(eq(ownerColumn(schedules, owner), owner.id));
  if (list.length === 0) return;
  await db.insert(schedules).values(
    list.map((s) => ({
      ...(s.id ? { id: s.id } : {}),
      locationId: owner.column === 'location_id' ? owner.id : null,
      serviceId: owner.column === 'service_id' ? owner.id : null,
      byday: s.byday.join(','),
      opensAt: `${s.opensAt}:00`,
      closesAt: `${s.closesAt}:00`,
      descriptionEn: s.descriptionEn,
      descriptionFr: s.descriptionFr,
    })),
  );
}

export async function replaceLanguages(
  db: Db,
  owner: Exclude<Owner, { column: 'organization_id' }>,
  codes: string[],
) {
  await db.delete(languages).where(eq(ownerColumn(languages, owner), owner.id));
  if (codes.length === 0) return;
  await db.insert(languages).values(
    [...new Set(codes)].map((code) => ({
      code,
      locationId: owner.column === 'location_id' ? owner.id : null,
      serviceId: owner.column === 'service_id' ? owner.id : null,
    })),
  );
}

export async function replaceServiceTerms(db: Db, serviceId: string, termIds: string[]) {
  await db.delete(serviceTaxonomyTerms).where(eq(serviceTaxonomyTerms.serviceId, serviceId));
  if (termIds.length === 0) return;
  await db
    .insert(serviceTaxonomyTerms)
    .values([...new Set(termIds)].map((taxonomyTermId) => ({ serviceId, taxonomyTermId })));
}

// ---- Verification due ----

interface DueRow {
  type: ResourceType;
  id: string;
  name_en: string | null;
  name_fr: string | null;
  organization_id: string;
  organization_name_en: string | null;
  organization_name_fr: string | null;
  city: string | null;
  status: DueItem['status'];
  last_verified_at: string | Date | null;
  created_at: string | Date;
  verified_by_name: string | null;
}

const iso = (d: string | Date) => (d instanceof Date ? d : new Date(d)).toISOString();

const TABLES: Record<ResourceType, string> = {
  organization: 'organizations',
  location: 'locations',
  service: 'services',
};

/** Due: never verified, or verified more than a year ago (or within `withinDays` of that); not inactive. */
const dueWhere = (alias: string, withinDays: number) =>
  sql`${sql.raw(alias)}.status <> 'inactive' AND (${sql.raw(alias)}.last_verified_at IS NULL OR
    ${sql.raw(alias)}.last_verified_at <= now() - interval '1 year' + make_interval(days => ${withinDays}::int))`;

/** One table's due records in list order, at most `limit` of them: each branch walks its own index. */
function branch(type: ResourceType, withinDays: number, limit: number): SQL {
  const t = TABLES[type];
  const orgJoin = type === 'organization' ? sql`` : sql`JOIN organizations o ON o.id = x.organization_id`;
  const org =
    type === 'organization' ? sql`x.id, x.name_en, x.name_fr` : sql`x.organization_id, o.name_en, o.name_fr`;
  const city = type === 'location' ? sql`x.city` : sql`NULL::text`;
  return sql`(SELECT ${type}::text AS type, x.id, x.name_en, x.name_fr, ${org}, ${city} AS city, x.status,
      x.last_verified_at, x.created_at, x.last_verified_by
    FROM ${sql.raw(t)} x ${orgJoin}
    WHERE ${dueWhere('x', withinDays)}
    ORDER BY x.last_verified_at ASC NULLS FIRST, x.created_at, x.id LIMIT ${limit})`;
}

/**
 * Records due for their yearly verification: never verified first (oldest record first), then the
 * oldest verification first. Inactive records are not verified.
 */
export async function pageDue(
  db: Db,
  input: { type?: ResourceType; withinDays: number; page: number; perPage: number },
) {
  const types = input.type ? [input.type] : (Object.keys(TABLES) as ResourceType[]);
  const offset = (input.page - 1) * input.perPage;
  const counts = await Promise.all(
    types.map((type) =>
      rows<{ n: number }>(
        db,
        sql`SELECT count(*)::int AS n FROM ${sql.raw(TABLES[type])} x WHERE ${dueWhere('x', input.withinDays)}`,
      ),
    ),
  );
  const branches = types.map((type) => branch(type, input.withinDays, offset + input.perPage));
  const found = await rows<DueRow & { organization_id: string }>(
    db,
    sql`SELECT r.type, r.id, r.name_en, r.name_fr, r.organization_id, r.organization_name_en, r.organization_name_fr,
          r.city, r.status, r.last_verified_at, r.created_at, st.name AS verified_by_name
        FROM (
          SELECT b.type, b.id, b.name_en, b.name_fr, b.id2 AS organization_id, b.org_en AS organization_name_en,
            b.org_fr AS organization_name_fr, b.city, b.status, b.last_verified_at, b.created_at, b.last_verified_by
          FROM (${sql.join(branches, sql` UNION ALL `)}) AS b(type, id, name_en, name_fr, id2, org_en, org_fr, city, status,
            last_verified_at, created_at, last_verified_by)
        ) r
        LEFT JOIN staff st ON st.id = r.last_verified_by
        ORDER BY r.last_verified_at ASC NULLS FIRST, r.created_at, r.id
        LIMIT ${input.perPage} OFFSET ${offset}`,
  );
  const yearAfter = (d: string | Date) => {
    const due = new Date(iso(d));
    due.setUTCFullYear(due.getUTCFullYear() + 1);
    return due.toISOString();
  };
  return {
    total: counts.reduce((n, c) => n + (c[0]?.n ?? 0), 0),
    items: found.map((r): DueItem => ({
      type: r.type,
      id: r.id,
      nameEn: r.name_en,
      nameFr: r.name_fr,
      organizationId: r.organization_id,
      organizationNameEn: r.organization_name_en,
      organizationNameFr: r.organization_name_fr,
      city: r.city,
      status: r.status,
      lastVerifiedAt: r.last_verified_at ? iso(r.last_verified_at) : null,
      lastVerifiedByName: r.verified_by_name,
      dueAt: r.last_verified_at ? yearAfter(r.last_verified_at) : iso(r.created_at),
    })),
  };
}
