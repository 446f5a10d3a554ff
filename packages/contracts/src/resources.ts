import { z } from 'zod';
import { bilingualFields, pageOf } from './common';
import {
  DirectoryLanguageCode,
  DirectoryStatus,
  LocalTime,
  Phone,
  PhoneType,
  Schedule,
  Weekday,
} from './directory';

/**
 * Editing the resource directory: agencies (organizations), sites (locations) and services, with their
 * English and French text side by side. Every update names the `version` it was based on; a stale version
 * is refused with 409 and the current record in `error.details.current`.
 */

export const ResourceType = z.enum(['organization', 'location', 'service']);
export type ResourceType = z.infer<typeof ResourceType>;

export const LocationType = z.enum(['physical', 'postal', 'virtual']);
export type LocationType = z.infer<typeof LocationType>;

const optionalText = z.string().trim().max(10_000).nullable();
const shortText = z.string().trim().max(500).nullable();

export const PhoneInput = z.object({
  id: z.uuid().optional(),
  number: z.string().trim().min(3).max(40),
  extension: z.number().int().min(0).max(999_999).nullable().default(null),
  type: PhoneType.default('voice'),
  ...bilingualFields('description', shortText.default(null)),
});
export type PhoneInput = z.input<typeof PhoneInput>;

export const ScheduleInput = z.object({
  id: z.uuid().optional(),
  byday: z.array(Weekday).min(1),
  opensAt: LocalTime,
  closesAt: LocalTime,
  ...bilingualFields('description', shortText.default(null)),
});
export type ScheduleInput = z.input<typeof ScheduleInput>;

const Versioned = z.object({
  id: z.uuid(),
  status: DirectoryStatus,
  version: z.number().int(),
  updatedAt: z.iso.datetime({ offset: true }),
  lastVerifiedAt: z.iso.datetime({ offset: true }).nullable(),
  lastVerifiedBy: z.uuid().nullable(),
  lastVerifiedByName: z.string().nullable(),
});

/** Every editable record has a name, another name and a description, in both languages. */
const describedFields = {
  ...bilingualFields('name', shortText),
  ...bilingualFields('alternateName', shortText),
  ...bilingualFields('description', optionalText),
};

/** The agency a site or a service belongs to, named in both languages. */
const ownerFields = {
  organizationId: z.uuid(),
  ...bilingualFields('organizationName', z.string().nullable()),
};

/**
 * An update: any subset of the editable fields, the status and the lists, with the `version` it was based on
 * (a stale one is refused with 409).
 */
const updateOf = <S extends z.ZodRawShape, L extends z.ZodRawShape>(fields: S, lists: L) =>
  z
    .object({ ...fields, status: DirectoryStatus, ...lists })
    .partial()
    .extend({ version: z.number().int().min(1) });

/** The lists a site or a service replaces as a whole when given. */
const siteLists = {
  phones: z.array(PhoneInput).max(20),
  schedules: z.array(ScheduleInput).max(50),
  languages: z.array(DirectoryLanguageCode).max(60),
};

// ---- Organization (agency) ----

const organizationFields = {
  ...describedFields,
  email: z.email().max(320).nullable(),
  website: z.url().max(2000).nullable(),
  legalStatus: shortText,
  yearIncorporated: z.number().int().min(1600).max(2100).nullable(),
};

export const OrganizationRecord = Versioned.extend({
  ...organizationFields,
  email: z.string().nullable(),
  website: z.string().nullable(),
  phones: z.array(Phone),
});
export type OrganizationRecord = z.infer<typeof OrganizationRecord>;

export const OrganizationUpdate = updateOf(organizationFields, { phones: siteLists.phones });
export type OrganizationUpdate = z.input<typeof OrganizationUpdate>;

// ---- Location (site) ----

const locationFields = {
  ...describedFields,
  ...bilingualFields('transportation', optionalText),
  ...bilingualFields('accessibility', optionalText),
  url: z.url().max(2000).nullable(),
  address1: shortText,
  address2: shortText,
  city: shortText,
  region: shortText,
  stateProvince: z.string().trim().min(2).max(50),
  postalCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]\d[A-Z] ?\d[A-Z]\d$/, 'a Canadian postal code such as K1N 5T2')
    .nullable(),
  latitude: z.number().min(-90).max(90).nullable(),
  longitude: z.number().min(-180).max(180).nullable(),
};

export const LocationRecord = Versioned.extend({
  ...locationFields,
  url: z.string().nullable(),
  postalCode: z.string().nullable(),
  ...ownerFields,
  locationType: LocationType,
  phones: z.array(Phone),
  schedules: z.array(Schedule),
  languages: z.array(z.string()),
});
export type LocationRecord = z.infer<typeof LocationRecord>;

export const LocationUpdate = updateOf(locationFields, siteLists);
export type LocationUpdate = z.input<typeof LocationUpdate>;

// ---- Service ----

const serviceFields = {
  ...describedFields,
  url: z.url().max(2000).nullable(),
  email: z.email().max(320).nullable(),
  ...bilingualFields('eligibility', optionalText),
  minAge: z.number().int().min(0).max(130).nullable(),
  maxAge: z.number().int().min(0).max(130).nullable(),
  ...bilingualFields('fees', optionalText),
  ...bilingualFields('applicationProcess', optionalText),
  ...bilingualFields('waitTime', shortText),
  ...bilingualFields('interpretationServices', optionalText),
  ...bilingualFields('alert', optionalText),
};

export const ServiceSite = z.object({
  serviceAtLocationId: z.uuid(),
  locationId: z.uuid(),
  ...bilingualFields('name', z.string().nullable()),
  address1: z.string().nullable(),
  city: z.string().nullable(),
});
export type ServiceSite = z.infer<typeof ServiceSite>;

export const ServiceRecord = Versioned.extend({
  ...serviceFields,
  url: z.string().nullable(),
  email: z.string().nullable(),
  ...ownerFields,
  phones: z.array(Phone),
  schedules: z.array(Schedule),
  languages: z.array(z.string()),
  taxonomyTermIds: z.array(z.string()),
  sites: z.array(ServiceSite),
});
export type ServiceRecord = z.infer<typeof ServiceRecord>;

export const ServiceUpdate = updateOf(serviceFields, {
  ...siteLists,
  taxonomyTermIds: z.array(z.string().min(1).max(64)).max(50),
});
export type ServiceUpdate = z.input<typeof ServiceUpdate>;

export const VerifyRequest = z.object({ version: z.number().int().min(1) });
export type VerifyRequest = z.infer<typeof VerifyRequest>;

export const ResourceParams = z.object({ id: z.uuid() });

// ---- Verification due ----

export const DueQuery = z.object({
  type: ResourceType.optional(),
  /** Also list records that fall due within this many days (0: only those already due). */
  withinDays: z.coerce.number().int().min(0).max(365).default(0),
  page: z.coerce.number().int().min(1).default(1),
  perPage: z.coerce.number().int().min(1).max(100).default(25),
});
export type DueQuery = z.input<typeof DueQuery>;

export const DueItem = z.object({
  type: ResourceType,
  id: z.uuid(),
  ...bilingualFields('name', z.string().nullable()),
  ...ownerFields,
  city: z.string().nullable(),
  status: DirectoryStatus,
  lastVerifiedAt: z.iso.datetime({ offset: true }).nullable(),
  lastVerifiedByName: z.string().nullable(),
  /** When the yearly verification fell (or falls) due: a year after the last one, or creation if never. */
  dueAt: z.iso.datetime({ offset: true }),
});
export type DueItem = z.infer<typeof DueItem>;

export const DuePage = pageOf(DueItem);
export type DuePage = z.infer<typeof DuePage>;

/** 409 body details when someone else saved first. */
export const ResourceConflictDetails = z.object({
  current: z.union([OrganizationRecord, LocationRecord, ServiceRecord]),
});
