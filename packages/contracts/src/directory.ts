import { z } from 'zod';
import { bilingualFields } from './common';

/**
 * Resource directory (HSDS 3.0 based). Human-readable fields come in pairs `xxxEn` / `xxxFr`, either may be
 * null; the console shows the user's language and falls back to the other (see `pickLocale`).
 */

export const DirectoryStatus = z.enum(['active', 'inactive', 'active_no_refer']);
export type DirectoryStatus = z.infer<typeof DirectoryStatus>;

export const Weekday = z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']);
export type Weekday = z.infer<typeof Weekday>;
export const WEEKDAYS = Weekday.options;

export const PhoneType = z.enum(['voice', 'text', 'fax', 'tty', 'hotline', 'toll_free']);
export type PhoneType = z.infer<typeof PhoneType>;

/** ISO 639-1 (or 639-3) code, lower case. */
export const DirectoryLanguageCode = z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639 code such as en, fr, ar');

/** Local time 'HH:MM' (24 h). */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM');

/** Returns the text in the wanted language, falling back to the other one. */
export function pickLocale(
  locale: 'en' | 'fr',
  en: string | null | undefined,
  fr: string | null | undefined,
): string {
  return (locale === 'fr' ? (fr ?? en) : (en ?? fr)) ?? '';
}

export const TaxonomyTerm = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  ...bilingualFields('name', z.string().nullable()),
  ...bilingualFields('description', z.string().nullable()),
  taxonomy: z.string(),
});
export type TaxonomyTerm = z.infer<typeof TaxonomyTerm>;

export const TaxonomyList = z.object({ items: z.array(TaxonomyTerm) });
export type TaxonomyList = z.infer<typeof TaxonomyList>;

export const Phone = z.object({
  id: z.uuid(),
  number: z.string(),
  extension: z.number().int().nullable(),
  type: PhoneType,
  ...bilingualFields('description', z.string().nullable()),
});
export type Phone = z.infer<typeof Phone>;

/** One opening period: `days` share the same hours. closesAt <= opensAt means past midnight. */
export const Schedule = z.object({
  id: z.uuid(),
  byday: z.array(Weekday),
  opensAt: LocalTime,
  closesAt: LocalTime,
  ...bilingualFields('description', z.string().nullable()),
});
export type Schedule = z.infer<typeof Schedule>;

/** Opening periods per weekday, e.g. `{ MO: [{ opensAt: '09:00', closesAt: '17:00' }] }`. */
export const OpeningPeriod = z.object({ opensAt: LocalTime, closesAt: LocalTime });
export type OpeningPeriod = z.infer<typeof OpeningPeriod>;
export const WeeklyHours = z.partialRecord(Weekday, z.array(OpeningPeriod));
export type WeeklyHours = z.infer<typeof WeeklyHours>;

export const Verification = z.object({
  lastVerifiedAt: z.iso.datetime({ offset: true }).nullable(),
  lastVerifiedBy: z.uuid().nullable(),
  lastVerifiedByName: z.string().nullable(),
});

export const Address = z.object({
  address1: z.string().nullable(),
  address2: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  stateProvince: z.string(),
  postalCode: z.string().nullable(),
  country: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
});
export type Address = z.infer<typeof Address>;

export const OrganizationSummary = z.object({
  id: z.uuid(),
  ...bilingualFields('name', z.string().nullable()),
  ...bilingualFields('description', z.string().nullable()),
  email: z.string().nullable(),
  website: z.string().nullable(),
  status: DirectoryStatus,
  phones: z.array(Phone),
});
export type OrganizationSummary = z.infer<typeof OrganizationSummary>;

/** A site where the service is offered, with its own hours and phones. */
export const ServiceLocation = Address.extend({
  id: z.uuid(),
  serviceAtLocationId: z.uuid(),
  ...bilingualFields('name', z.string().nullable()),
  ...bilingualFields('description', z.string().nullable()),
  ...bilingualFields('transportation', z.string().nullable()),
  ...bilingualFields('accessibility', z.string().nullable()),
  status: DirectoryStatus,
  phones: z.array(Phone),
  schedules: z.array(Schedule),
  hours: WeeklyHours,
  hoursToday: z.array(OpeningPeriod).nullable(),
  openNow: z.boolean().nullable(),
  languages: z.array(z.string()),
  distanceKm: z.number().nullable(),
});
export type ServiceLocation = z.infer<typeof ServiceLocation>;

export const ServiceArea = z.object({
  id: z.uuid(),
  ...bilingualFields('name', z.string().nullable()),
  extentType: z.string(),
  extent: z.string().nullable(),
});
export type ServiceArea = z.infer<typeof ServiceArea>;

export const RequiredDocument = z.object({
  id: z.uuid(),
  ...bilingualFields('document', z.string().nullable()),
  uri: z.string().nullable(),
});
export type RequiredDocument = z.infer<typeof RequiredDocument>;

/** Everything a specialist reads to a caller about one service. */
export const ServiceDetail = Verification.extend({
  id: z.uuid(),
  ...bilingualFields('name', z.string().nullable()),
  ...bilingualFields('alternateName', z.string().nullable()),
  ...bilingualFields('description', z.string().nullable()),
  status: DirectoryStatus,
  url: z.string().nullable(),
  email: z.string().nullable(),
  ...bilingualFields('eligibility', z.string().nullable()),
  minAge: z.number().int().nullable(),
  maxAge: z.number().int().nullable(),
  ...bilingualFields('fees', z.string().nullable()),
  ...bilingualFields('applicationProcess', z.string().nullable()),
  ...bilingualFields('waitTime', z.string().nullable()),
  ...bilingualFields('interpretationServices', z.string().nullable()),
  ...bilingualFields('alert', z.string().nullable()),
  updatedAt: z.iso.datetime({ offset: true }),
  version: z.number().int(),
  organization: OrganizationSummary,
  phones: z.array(Phone),
  schedules: z.array(Schedule),
  languages: z.array(z.string()),
  serviceAreas: z.array(ServiceArea),
  requiredDocuments: z.array(RequiredDocument),
  taxonomyTerms: z.array(TaxonomyTerm),
  locations: z.array(ServiceLocation),
});
export type ServiceDetail = z.infer<typeof ServiceDetail>;

export const ServiceDetailQuery = z.object({
  /** Reference point for distances (e.g. the caller's location). */
  lat: z.coerce.number().min(-90).max(90).optional(),
  lon: z.coerce.number().min(-180).max(180).optional(),
  /** The moment "open now" and "hours today" refer to (default: now). */
  at: z.iso.datetime({ offset: true }).optional(),
});
export type ServiceDetailQuery = z.infer<typeof ServiceDetailQuery>;

/** Accepts `a,b` or repeated `x=a&x=b` query parameters. */
const commaList = <T extends z.ZodType<string>>(item: T) =>
  z.preprocess((v) => {
    const parts = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : v;
    return Array.isArray(parts) ? parts.map((s) => String(s).trim()).filter((s) => s.length > 0) : parts;
  }, z.array(item));

const queryBoolean = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');

export const DirectorySort = z.enum(['relevance', 'distance', 'name']);

export const DirectorySearchQuery = z.object({
  /** Free text in English or French; a postal code / FSA or municipality inside it is used as "near". */
  q: z.string().max(200).optional(),
  /** Taxonomy term ids; each matches its descendants too. Several = any of them. */
  taxonomy: commaList(z.string().min(1).max(64)).optional(),
  /** A postal code or its first 3 characters (FSA), e.g. K1N or K1N 5T2. */
  postalCode: z.string().max(10).optional(),
  /** An Ontario municipality, e.g. Thunder Bay. */
  municipality: z.string().max(100).optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lon: z.coerce.number().min(-180).max(180).optional(),
  /** Only results within this distance of the point (default 25 km when a point is given). */
  radiusKm: z.coerce.number().positive().max(2000).optional(),
  /** Language(s) the service offers; all must be offered. */
  language: commaList(DirectoryLanguageCode).optional(),
  /** The caller's age: keeps services whose age range includes it. */
  age: z.coerce.number().int().min(0).max(130).optional(),
  openNow: queryBoolean.optional(),
  /** Default: active and active_no_refer (the latter flagged in results). */
  status: commaList(DirectoryStatus).optional(),
  sort: DirectorySort.optional(),
  /** The moment "open now" and "hours today" refer to (default: now). */
  at: z.iso.datetime({ offset: true }).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  perPage: z.coerce.number().int().min(1).max(100).default(20),
});
export type DirectorySearchQuery = z.input<typeof DirectorySearchQuery>;
export type DirectorySearchInput = z.output<typeof DirectorySearchQuery>;

export const DirectorySearchResult = z.object({
  /** service_at_location id (or the service id for a service without a site). */
  id: z.uuid(),
  serviceId: z.uuid(),
  locationId: z.uuid().nullable(),
  organizationId: z.uuid(),
  ...bilingualFields('name', z.string().nullable()),
  ...bilingualFields('organizationName', z.string().nullable()),
  ...bilingualFields('locationName', z.string().nullable()),
  address1: z.string().nullable(),
  city: z.string().nullable(),
  postalCode: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  distanceKm: z.number().nullable(),
  hoursToday: z.array(OpeningPeriod).nullable(),
  openNow: z.boolean().nullable(),
  phone: z.string().nullable(),
  languages: z.array(z.string()),
  categoryIds: z.array(z.string()),
  minAge: z.number().int().nullable(),
  maxAge: z.number().int().nullable(),
  lastVerifiedAt: z.iso.datetime({ offset: true }).nullable(),
  status: DirectoryStatus,
});
export type DirectorySearchResult = z.infer<typeof DirectorySearchResult>;

export const FacetCount = z.object({
  id: z.string(),
  ...bilingualFields('name', z.string().nullable()),
  count: z.number().int(),
});
export type FacetCount = z.infer<typeof FacetCount>;

export const GeoPoint = z.object({
  kind: z.enum(['postal_code', 'municipality', 'point']),
  label: z.string(),
  latitude: z.number(),
  longitude: z.number(),
});
export type GeoPoint = z.infer<typeof GeoPoint>;

export const DirectorySearchResponse = z.object({
  items: z.array(DirectorySearchResult),
  total: z.number().int(),
  page: z.number().int(),
  perPage: z.number().int(),
  facets: z.object({
    /** Top-level need categories. */
    categories: z.array(FacetCount),
    languages: z.array(FacetCount),
  }),
  /** How the query was understood: place found in the text, words corrected for spelling. */
  interpreted: z.object({
    text: z.string(),
    near: GeoPoint.nullable(),
    radiusKm: z.number().nullable(),
    corrections: z.array(z.object({ from: z.string(), to: z.string() })),
  }),
});
export type DirectorySearchResponse = z.infer<typeof DirectorySearchResponse>;

export const GeoLookupQuery = z.object({
  q: z.string().min(1).max(100),
});
export const GeoLookupResponse = z.object({ items: z.array(GeoPoint) });
export type GeoLookupResponse = z.infer<typeof GeoLookupResponse>;
