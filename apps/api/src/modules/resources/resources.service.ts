import {
  bilingualOf,
  type Bilingual,
  bilingualPair,
  type DueQuery,
  type LocationUpdate,
  type OrganizationUpdate,
  type ServiceUpdate,
  type LocationRecord,
  type OrganizationRecord,
  type ResourceType,
  type ServiceRecord,
} from '@relais/contracts';
import { schema, type Db } from '@relais/db';
import type { z } from 'zod';
import { changedFields } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import { AppError, invalid, notFound } from '../../lib/errors';
import { isoOrNull } from '../../lib/serialize';
import { withTransaction } from '../../lib/transaction';
import { serviceDescription, siteAddress } from '../directory/directory.service';
import { refreshSearchDocuments, servicesTouching } from '../search/index';
import * as q from './resources.queries';

/**
 * Editors' use-cases: read a record with both languages, change it under optimistic concurrency, mark it
 * verified, list what is due for its yearly verification. Each change is audited by field name.
 */

/** What every editable record carries: its id, status, version and last verification. */
async function versioned(
  db: Db,
  row: {
    id: string;
    status: OrganizationRecord['status'];
    version: number;
    updatedAt: Date;
    lastVerifiedAt: Date | null;
    lastVerifiedBy: string | null;
  },
) {
  return {
    id: row.id,
    status: row.status,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    lastVerifiedAt: isoOrNull(row.lastVerifiedAt),
    lastVerifiedBy: row.lastVerifiedBy,
    lastVerifiedByName: await q.staffName(db, row.lastVerifiedBy),
  };
}

const NO_NAME: Bilingual<string | null> = { en: null, fr: null };

/** The agency's name in both languages, as a site's or a service's record carries it. */
const organizationName = (org: q.OrganizationRow | undefined) =>
  bilingualPair('organizationName', org ? bilingualOf(org, 'name') : NO_NAME);

export async function organizationRecord(db: Db, id: string): Promise<OrganizationRecord> {
  const o = await q.findOrganization(db, id);
  if (!o) throw notFound('Organization');
  return {
    ...(await versioned(db, o)),
    nameEn: o.nameEn,
    nameFr: o.nameFr,
    alternateNameEn: o.alternateNameEn,
    alternateNameFr: o.alternateNameFr,
    descriptionEn: o.descriptionEn,
    descriptionFr: o.descriptionFr,
    email: o.email,
    website: o.website,
    legalStatus: o.legalStatus,
    yearIncorporated: o.yearIncorporated,
    phones: await q.phonesOf(db, { column: 'organization_id', id }),
  };
}

export async function locationRecord(db: Db, id: string): Promise<LocationRecord> {
  const l = await q.findLocation(db, id);
  if (!l) throw notFound('Location');
  const org = await q.findOrganization(db, l.organizationId);
  const owner = { column: 'location_id' as const, id };
  return {
    ...(await versioned(db, l)),
    organizationId: l.organizationId,
    ...organizationName(org),
    locationType: l.locationType,
    nameEn: l.nameEn,
    nameFr: l.nameFr,
    alternateNameEn: l.alternateNameEn,
    alternateNameFr: l.alternateNameFr,
    descriptionEn: l.descriptionEn,
    descriptionFr: l.descriptionFr,
    transportationEn: l.transportationEn,
    transportationFr: l.transportationFr,
    accessibilityEn: l.accessibilityEn,
    accessibilityFr: l.accessibilityFr,
    url: l.url,
    ...siteAddress(l),
    phones: await q.phonesOf(db, owner),
    schedules: await q.schedulesOf(db, owner),
    languages: await q.languagesOf(db, owner),
  };
}

export async function serviceRecord(db: Db, id: string): Promise<ServiceRecord> {
  const s = await q.findService(db, id);
  if (!s) throw notFound('Service');
  const org = await q.findOrganization(db, s.organizationId);
  const owner = { column: 'service_id' as const, id };
  return {
    ...(await versioned(db, s)),
    organizationId: s.organizationId,
    ...organizationName(org),
    ...serviceDescription(s),
    phones: await q.phonesOf(db, owner),
    schedules: await q.schedulesOf(db, owner),
    languages: await q.languagesOf(db, owner),
    taxonomyTermIds: await q.termIdsOf(db, id),
    sites: await q.sitesOf(db, id),
  };
}

const readers = { organization: organizationRecord, location: locationRecord, service: serviceRecord };
const tables = { organization: schema.organizations, location: schema.locations, service: schema.services };

export async function getRecord<T extends ResourceType>({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { type: T; id: string };
}) {
  return readers[input.type](ctx.db, input.id) as Promise<RecordOf<T>>;
}

type RecordOf<T extends ResourceType> = T extends 'organization'
  ? OrganizationRecord
  : T extends 'location'
    ? LocationRecord
    : ServiceRecord;

/** 409 carrying the record as it is now, so the console can show what the other person saved. */
async function staleVersion(db: Db, type: ResourceType, id: string): Promise<AppError> {
  const current = await readers[type](db, id);
  return new AppError(
    'conflict',
    'Someone else saved this record first; review their changes and save again',
    {
      details: { current },
    },
  );
}

/** Normalises child lists for comparison: what an editor sees, without generated ids. */
const listKey = (list: unknown[]) =>
  JSON.stringify(list.map((x) => (typeof x === 'object' && x !== null ? { ...x, id: undefined } : x)));

function requireName(merged: { nameEn: string | null; nameFr: string | null }) {
  if (!merged.nameEn?.trim() && !merged.nameFr?.trim())
    throw invalid('body.nameEn', 'give a name in English or French');
}

function checkAges(merged: { minAge: number | null; maxAge: number | null }) {
  if (merged.minAge != null && merged.maxAge != null && merged.minAge > merged.maxAge) {
    throw invalid('body.minAge', `minimum age ${merged.minAge} is above maximum age ${merged.maxAge}`);
  }
}

interface Saved<R> {
  record: R;
  fields: string[];
}

async function publishChange(
  ctx: ServiceContext,
  type: ResourceType,
  record: { id: string; version: number },
) {
  ctx.realtime.publish('entity.changed', {
    entity: type,
    id: record.id,
    version: record.version,
    action: 'updated',
  });
}

/**
 * Shared path of every update: compare, apply the scalar fields under the version check, replace lists,
 * refresh the search rows, audit the names of what changed. No change at all writes nothing.
 */
async function applyUpdate<R extends { id: string; version: number }>(
  ctx: ServiceContext,
  type: ResourceType,
  id: string,
  version: number,
  scalars: Record<string, unknown>,
  lists: Record<string, unknown[] | undefined>,
  steps: {
    validate: (tx: Db, before: R) => Promise<void>;
    writeLists: (tx: Db) => Promise<void>;
    affectedServices: (tx: Db) => Promise<string[]>;
  },
): Promise<Saved<R>> {
  const saved = await withTransaction(ctx, async (tx, audit) => {
    const before = (await readers[type](tx, id)) as unknown as R;
    if (before.version !== version) throw await staleVersion(tx, type, id);
    await steps.validate(tx, before);
    const beforeFields = before as unknown as Record<string, unknown>;
    const fields = [
      ...changedFields(beforeFields, scalars),
      ...Object.entries(lists)
        .filter(([k, v]) => v !== undefined && listKey(v) !== listKey((beforeFields[k] as unknown[]) ?? []))
        .map(([k]) => k),
    ];
    if (fields.length === 0) return { record: before, fields };
    const row = await q.updateIfVersion(tx, tables[type], id, version, scalars);
    if (!row) throw await staleVersion(tx, type, id);
    await steps.writeLists(tx);
    await refreshSearchDocuments(tx, await steps.affectedServices(tx));
    await audit({ action: 'update', entityType: type, entityId: id, fields: fields.sort() });
    return { record: (await readers[type](tx, id)) as unknown as R, fields };
  });
  if (saved.fields.length) await publishChange(ctx, type, saved.record);
  return saved;
}

export async function updateOrganization({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; patch: z.output<typeof OrganizationUpdate> };
}) {
  const { version, phones, ...scalars } = input.patch;
  return applyUpdate<OrganizationRecord>(
    ctx,
    'organization',
    input.id,
    version,
    scalars,
    { phones },
    {
      validate: async (_tx, before) => requireName({ ...before, ...scalars }),
      writeLists: async (tx) => {
        if (phones) await q.replacePhones(tx, { column: 'organization_id', id: input.id }, phones);
      },
      affectedServices: (tx) => servicesTouching(tx, { organizationIds: [input.id] }),
    },
  );
}

export async function updateLocation({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; patch: z.output<typeof LocationUpdate> };
}) {
  const { version, phones, schedules, languages, ...scalars } = input.patch;
  const owner = { column: 'location_id' as const, id: input.id };
  return applyUpdate<LocationRecord>(
    ctx,
    'location',
    input.id,
    version,
    scalars,
    { phones, schedules, languages },
    {
      validate: async () => undefined,
      writeLists: async (tx) => {
        if (phones) await q.replacePhones(tx, owner, phones);
        if (schedules) await q.replaceSchedules(tx, owner, schedules);
        if (languages) await q.replaceLanguages(tx, owner, languages);
      },
      affectedServices: (tx) => servicesTouching(tx, { locationIds: [input.id] }),
    },
  );
}

export async function updateService({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; patch: z.output<typeof ServiceUpdate> };
}) {
  const { version, phones, schedules, languages, taxonomyTermIds, ...scalars } = input.patch;
  const owner = { column: 'service_id' as const, id: input.id };
  return applyUpdate<ServiceRecord>(
    ctx,
    'service',
    input.id,
    version,
    scalars,
    {
      phones,
      schedules,
      languages,
      taxonomyTermIds: taxonomyTermIds ? [...new Set(taxonomyTermIds)].sort() : undefined,
    },
    {
      validate: async (tx, before) => {
        requireName({ ...before, ...scalars });
        checkAges({ ...before, ...scalars });
        const missing = await q.missingTermIds(tx, taxonomyTermIds ?? []);
        const first = missing[0];
        if (first)
          throw invalid(
            `body.taxonomyTermIds.${(taxonomyTermIds ?? []).indexOf(first)}`,
            `no taxonomy term ${first}`,
          );
      },
      writeLists: async (tx) => {
        if (phones) await q.replacePhones(tx, owner, phones);
        if (schedules) await q.replaceSchedules(tx, owner, schedules);
        if (languages) await q.replaceLanguages(tx, owner, languages);
        if (taxonomyTermIds) await q.replaceServiceTerms(tx, input.id, taxonomyTermIds);
      },
      affectedServices: async () => [input.id],
    },
  );
}

/** Marks a record verified now by the acting editor, if it is still the version they looked at. */
export async function markVerified({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { type: ResourceType; id: string; version: number };
}) {
  const { type, id, version } = input;
  const staffId = ctx.actor.type === 'staff' ? ctx.actor.id : null;
  const record = await withTransaction(ctx, async (tx, audit) => {
    const row = await q.updateIfVersion(tx, tables[type], id, version, {
      lastVerifiedAt: new Date(),
      lastVerifiedBy: staffId,
    });
    if (!row) throw await staleVersion(tx, type, id);
    const affected =
      type === 'service'
        ? [id]
        : await servicesTouching(tx, type === 'location' ? { locationIds: [id] } : { organizationIds: [id] });
    await refreshSearchDocuments(tx, affected);
    await audit({
      action: 'verify',
      entityType: type,
      entityId: id,
      fields: ['lastVerifiedAt', 'lastVerifiedBy'],
    });
    return readers[type](tx, id);
  });
  await publishChange(ctx, type, record);
  return record;
}

export async function listDue({ ctx, input }: { ctx: ServiceContext; input: z.output<typeof DueQuery> }) {
  const found = await q.pageDue(ctx.db, input);
  return { ...found, page: input.page, perPage: input.perPage };
}
