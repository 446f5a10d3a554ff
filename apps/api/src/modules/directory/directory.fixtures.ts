import { randomUUID } from 'node:crypto';
import type { Db } from '@relais/db';
import { refreshSearchDocument } from '../search/index';
import { insertRows, type Row } from './seed/bulk';

/** Test data builder: one organization with one site and one service, search row refreshed. */
export interface ServiceFixture {
  organization?: { nameEn?: string | null; nameFr?: string | null; status?: string };
  service: {
    nameEn?: string | null;
    nameFr?: string | null;
    descriptionEn?: string | null;
    descriptionFr?: string | null;
    status?: string;
    minAge?: number | null;
    maxAge?: number | null;
    eligibilityEn?: string | null;
    feesEn?: string | null;
    applicationProcessEn?: string | null;
  };
  terms: string[];
  languages?: string[];
  site: { city: string; latitude: number; longitude: number; postalCode?: string; address1?: string };
  /** Service hours as [byday, opens, closes]. */
  hours?: Array<[string, string, string]>;
  phone?: string;
  documents?: string[];
}

export async function addServiceFixture(db: Db, f: ServiceFixture) {
  const organizationId = randomUUID();
  const locationId = randomUUID();
  const serviceId = randomUUID();
  const salId = randomUUID();
  const orgName = f.organization ?? { nameEn: `${f.service.nameEn ?? f.service.nameFr ?? 'Agency'} agency` };
  await insertRows(db, 'organizations', [
    {
      id: organizationId,
      name_en: orgName.nameEn ?? null,
      name_fr: orgName.nameFr ?? null,
      status: orgName.status ?? 'active',
    },
  ]);
  await insertRows(db, 'locations', [
    {
      id: locationId,
      organization_id: organizationId,
      name_en: orgName.nameEn ?? null,
      name_fr: orgName.nameFr ?? null,
      address_1: f.site.address1 ?? '1 Main Street',
      city: f.site.city,
      postal_code: f.site.postalCode ?? null,
      latitude: f.site.latitude,
      longitude: f.site.longitude,
    },
  ]);
  const s = f.service;
  await insertRows(db, 'services', [
    {
      id: serviceId,
      organization_id: organizationId,
      name_en: s.nameEn ?? null,
      name_fr: s.nameFr ?? null,
      description_en: s.descriptionEn ?? null,
      description_fr: s.descriptionFr ?? null,
      status: s.status ?? 'active',
      min_age: s.minAge ?? null,
      max_age: s.maxAge ?? null,
      eligibility_en: s.eligibilityEn ?? null,
      fees_en: s.feesEn ?? null,
      application_process_en: s.applicationProcessEn ?? null,
      last_verified_at: '2026-09-01T12:00:00Z',
    },
  ]);
  await insertRows(db, 'service_at_location', [
    { id: salId, service_id: serviceId, location_id: locationId },
  ]);
  await insertRows(
    db,
    'service_taxonomy_terms',
    f.terms.map((t) => ({ service_id: serviceId, taxonomy_term_id: t })),
  );
  await insertRows(
    db,
    'languages',
    (f.languages ?? ['en']).map((code) => ({ id: randomUUID(), service_id: serviceId, code })),
  );
  await insertRows(
    db,
    'schedules',
    (f.hours ?? []).map(([byday, opens, closes]): Row => ({
      id: randomUUID(),
      service_id: serviceId,
      byday,
      opens_at: opens,
      closes_at: closes,
    })),
  );
  if (f.phone)
    await insertRows(db, 'phones', [
      { id: randomUUID(), service_id: serviceId, number: f.phone, type: 'voice' },
    ]);
  await insertRows(
    db,
    'required_documents',
    (f.documents ?? []).map((d) => ({ id: randomUUID(), service_id: serviceId, document_en: d })),
  );
  await refreshSearchDocument(db, serviceId);
  return { organizationId, locationId, serviceId, salId };
}
