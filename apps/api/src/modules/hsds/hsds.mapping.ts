import type {
  HsdsAttribute,
  HsdsLanguage,
  HsdsLocation,
  HsdsOrganization,
  HsdsPage,
  HsdsPhone,
  HsdsSchedule,
  HsdsService,
  HsdsServiceAtLocation,
  HsdsTaxonomy,
  HsdsTaxonomyTerm,
  Locale,
} from '@relais/contracts';
import { pickLanguage } from '@relais/contracts';
import { derivedId } from './hsds.ids';
import type {
  LanguageRow,
  LocationRow,
  OrganizationRow,
  PhoneRow,
  ScheduleRow,
  ServiceAtLocationRow,
  ServiceGraph,
  ServiceRow,
  TaxonomyRow,
  TermRow,
} from './hsds.queries';

/**
 * Directory rows → HSDS 3.0 objects. Bilingual columns become one HSDS field in the requested language,
 * falling back to the other; empty values are left out (HSDS types them as plain strings, not null).
 */

type Plain = Record<string, unknown>;

/** Drops null/undefined/'' values so the object validates against the HSDS schemas. */
export function compact<T extends Plain>(obj: T): T {
  return Object.fromEntries(
    Object.entries(obj).filter(([, v]) => v !== null && v !== undefined && v !== ''),
  ) as T;
}

const iso = (d: Date | string | null | undefined) =>
  d == null ? undefined : (d instanceof Date ? d : new Date(d)).toISOString();

/** HSDS has no "active but do not refer": it is active to the outside world. */
const hsdsStatus = (status: string): HsdsService['status'] => (status === 'inactive' ? 'inactive' : 'active');

const languageNames = {
  en: new Intl.DisplayNames(['en'], { type: 'language' }),
  fr: new Intl.DisplayNames(['fr'], { type: 'language' }),
};

export function languageName(code: string, lang: Locale): string | undefined {
  try {
    const name = languageNames[lang].of(code);
    return name && name !== code ? name : undefined;
  } catch {
    return undefined;
  }
}

export function toPage<T>(contents: T[], total: number, page: number, perPage: number): HsdsPage<T> {
  const totalPages = Math.ceil(total / perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

export function phoneOf(p: PhoneRow, lang: Locale): HsdsPhone {
  return compact({
    id: p.id,
    organization_id: p.organizationId,
    location_id: p.locationId,
    service_id: p.serviceId,
    service_at_location_id: p.serviceAtLocationId,
    number: p.number,
    extension: p.extension,
    type: p.type,
    description: pickLanguage(lang, p.descriptionEn, p.descriptionFr),
  });
}

/** `timeZone`: the centre's (ctx.timeZone); hours kept in another zone say so. */
export function scheduleOf(s: ScheduleRow, lang: Locale, timeZone: string): HsdsSchedule {
  return compact({
    id: s.id,
    service_id: s.serviceId,
    location_id: s.locationId,
    service_at_location_id: s.serviceAtLocationId,
    valid_from: s.validFrom,
    valid_to: s.validTo,
    freq: s.freq,
    wkst: 'MO' as const,
    byday: s.byday,
    opens_at: s.opensAt,
    closes_at: s.closesAt,
    description: pickLanguage(lang, s.descriptionEn, s.descriptionFr),
    notes: s.timezone !== timeZone ? `Times are local to ${s.timezone}` : undefined,
  });
}

export function languageOf(l: LanguageRow, lang: Locale): HsdsLanguage {
  return compact({
    id: l.id,
    service_id: l.serviceId,
    location_id: l.locationId,
    name: languageName(l.code, lang),
    code: l.code,
    note: l.note,
  });
}

export function taxonomyOf(t: TaxonomyRow, lang: Locale): HsdsTaxonomy {
  return compact({
    id: t.id,
    name: t.name,
    description: pickLanguage(lang, t.descriptionEn, t.descriptionFr) ?? t.name,
    uri: t.uri,
    version: t.version,
  });
}

export function taxonomyTermOf(t: TermRow, lang: Locale): HsdsTaxonomyTerm {
  const name = pickLanguage(lang, t.nameEn, t.nameFr) ?? t.id;
  return compact({
    id: t.hsdsId,
    code: t.id,
    name,
    // description is required by HSDS; a term without one describes itself by its name.
    description: pickLanguage(lang, t.descriptionEn, t.descriptionFr) ?? name,
    parent_id: t.parentHsdsId,
    taxonomy: t.taxonomy,
    taxonomy_id: t.taxonomyId,
    language: (lang === 'fr' ? t.nameFr : t.nameEn) ? lang : lang === 'fr' ? 'en' : 'fr',
  });
}

function attributeOf(serviceId: string, t: TermRow, lang: Locale): HsdsAttribute {
  return {
    id: derivedId('attribute', serviceId, t.hsdsId),
    link_id: serviceId,
    link_type: 'service',
    link_entity: 'service',
    taxonomy_term_id: t.hsdsId,
    taxonomy_term: taxonomyTermOf(t, lang),
  };
}

/** The location's own fields, without nested lists (list items, service_at_location lists). */
export function locationCoreOf(l: LocationRow, lang: Locale): HsdsLocation {
  return compact({
    id: l.id,
    location_type: l.locationType,
    url: l.url,
    organization_id: l.organizationId,
    name: pickLanguage(lang, l.nameEn, l.nameFr),
    alternate_name: pickLanguage(lang, l.alternateNameEn, l.alternateNameFr),
    description: pickLanguage(lang, l.descriptionEn, l.descriptionFr),
    transportation: pickLanguage(lang, l.transportationEn, l.transportationFr),
    latitude: l.latitude,
    longitude: l.longitude,
  });
}

export interface LocationChildren {
  phones: PhoneRow[];
  schedules: ScheduleRow[];
  languages: LanguageRow[];
}

export function locationOf(
  l: LocationRow,
  children: LocationChildren,
  lang: Locale,
  timeZone: string,
): HsdsLocation {
  const accessibility = pickLanguage(lang, l.accessibilityEn, l.accessibilityFr);
  return {
    ...locationCoreOf(l, lang),
    addresses:
      l.address1 && l.city
        ? [
            compact({
              id: derivedId('address', l.id),
              location_id: l.id,
              address_1: l.address1,
              address_2: l.address2,
              city: l.city,
              region: l.region,
              state_province: l.stateProvince,
              postal_code: l.postalCode ?? '',
              country: l.country,
              address_type: l.locationType === 'postal' ? ('postal' as const) : ('physical' as const),
            }),
          ]
        : [],
    accessibility: accessibility
      ? [{ id: derivedId('accessibility', l.id), location_id: l.id, description: accessibility }]
      : [],
    phones: children.phones.filter((p) => p.locationId === l.id).map((p) => phoneOf(p, lang)),
    schedules: children.schedules
      .filter((s) => s.locationId === l.id)
      .map((s) => scheduleOf(s, lang, timeZone)),
    languages: children.languages.filter((x) => x.locationId === l.id).map((x) => languageOf(x, lang)),
  };
}

export function organizationCoreOf(o: OrganizationRow, lang: Locale): HsdsOrganization {
  const name = pickLanguage(lang, o.nameEn, o.nameFr) ?? '';
  return compact({
    id: o.id,
    name,
    alternate_name: pickLanguage(lang, o.alternateNameEn, o.alternateNameFr),
    // description is required by HSDS; an organization without one is described by its name.
    description: pickLanguage(lang, o.descriptionEn, o.descriptionFr) ?? name,
    email: o.email,
    website: o.website,
    tax_status: o.taxStatus,
    tax_id: o.taxId,
    year_incorporated: o.yearIncorporated,
    legal_status: o.legalStatus,
    parent_organization_id: o.parentOrganizationId,
  });
}

/** The service's one-to-one fields (the shape of compiled/service_list.json items). */
export function serviceCoreOf(s: ServiceRow, lang: Locale): HsdsService {
  return compact({
    id: s.id,
    organization_id: s.organizationId,
    name: pickLanguage(lang, s.nameEn, s.nameFr) ?? '',
    alternate_name: pickLanguage(lang, s.alternateNameEn, s.alternateNameFr),
    description: pickLanguage(lang, s.descriptionEn, s.descriptionFr),
    url: s.url,
    email: s.email,
    status: hsdsStatus(s.status),
    interpretation_services: pickLanguage(lang, s.interpretationServicesEn, s.interpretationServicesFr),
    application_process: pickLanguage(lang, s.applicationProcessEn, s.applicationProcessFr),
    fees_description: pickLanguage(lang, s.feesEn, s.feesFr),
    wait_time: pickLanguage(lang, s.waitTimeEn, s.waitTimeFr),
    accreditations: s.accreditations,
    eligibility_description: pickLanguage(lang, s.eligibilityEn, s.eligibilityFr),
    minimum_age: s.minAge,
    maximum_age: s.maxAge,
    assured_date: s.lastVerifiedAt ? iso(s.lastVerifiedAt)?.slice(0, 10) : undefined,
    licenses: s.licenses,
    alert: pickLanguage(lang, s.alertEn, s.alertFr),
    last_modified: iso(s.updatedAt),
  });
}

function serviceAtLocationOf(
  sal: ServiceAtLocationRow,
  g: ServiceGraph,
  lang: Locale,
  timeZone: string,
): HsdsServiceAtLocation | undefined {
  const location = g.locations.get(sal.locationId);
  return compact({
    id: sal.id,
    service_id: sal.serviceId,
    location_id: sal.locationId,
    description: pickLanguage(lang, sal.descriptionEn, sal.descriptionFr),
    phones: g.phones.filter((p) => p.serviceAtLocationId === sal.id).map((p) => phoneOf(p, lang)),
    schedules: g.schedules
      .filter((s) => s.serviceAtLocationId === sal.id)
      .map((s) => scheduleOf(s, lang, timeZone)),
    location: location ? locationOf(location, g, lang, timeZone) : undefined,
  });
}

/** A fully nested service, as GET /services/{id} returns it. */
export function fullServiceOf(s: ServiceRow, g: ServiceGraph, lang: Locale, timeZone: string): HsdsService {
  const org = g.organizations.get(s.organizationId);
  return {
    ...serviceCoreOf(s, lang),
    organization: org
      ? {
          ...organizationCoreOf(org, lang),
          phones: g.phones.filter((p) => p.organizationId === org.id).map((p) => phoneOf(p, lang)),
        }
      : undefined,
    phones: g.phones.filter((p) => p.serviceId === s.id).map((p) => phoneOf(p, lang)),
    schedules: g.schedules.filter((x) => x.serviceId === s.id).map((x) => scheduleOf(x, lang, timeZone)),
    languages: g.languages.filter((x) => x.serviceId === s.id).map((x) => languageOf(x, lang)),
    service_areas: g.serviceAreas
      .filter((a) => a.serviceId === s.id)
      .map((a) =>
        compact({
          id: a.id,
          service_id: a.serviceId,
          name: pickLanguage(lang, a.nameEn, a.nameFr),
          description: pickLanguage(lang, a.descriptionEn, a.descriptionFr),
          extent: a.extent,
          extent_type: a.extentType,
        }),
      ),
    required_documents: g.requiredDocuments
      .filter((d) => d.serviceId === s.id)
      .map((d) =>
        compact({
          id: d.id,
          service_id: d.serviceId,
          document: pickLanguage(lang, d.documentEn, d.documentFr),
          uri: d.uri,
        }),
      ),
    service_at_locations: g.serviceAtLocations
      .filter((sal) => sal.serviceId === s.id)
      .map((sal) => serviceAtLocationOf(sal, g, lang, timeZone))
      .filter((x): x is HsdsServiceAtLocation => x !== undefined),
    attributes: g.terms.filter((t) => t.serviceId === s.id).map((t) => attributeOf(s.id, t, lang)),
  };
}
