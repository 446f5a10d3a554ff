import { z } from 'zod';
import { DirectoryLanguageCode, DirectoryStatus, LocalTime, PhoneType, Weekday } from './directory';

/**
 * Editing the resource directory: agencies (organizations), sites (locations) and services, with their
 * English and French text side by side. Every update names the `version` it was based on; a stale version
 * is refused with 409 and the current record in `error.details.current`.
 */

export const ResourceType = z.enum(['organization', 'location', 'service']);
export type ResourceType = z.infer<typeof ResourceType>;

const optionalText = z.string().trim().max(10_000).nullable();
const shortText = z.string().trim().max(500).nullable();

export const PhoneInput = z.object({
  id: z.uuid().optional(),
  number: z.string().trim().min(3).max(40),
  extension: z.number().int().min(0).max(999_999).nullable().default(null),
  type: PhoneType.default('voice'),
  descriptionEn: shortText.default(null),
  descriptionFr: shortText.default(null),
});
export type PhoneInput = z.input<typeof PhoneInput>;

export const ScheduleInput = z.object({
  id: z.uuid().optional(),
  byday: z.array(Weekday).min(1),
  opensAt: LocalTime,
  closesAt: LocalTime,
  descriptionEn: shortText.default(null),
  descriptionFr: shortText.default(null),
});
export type ScheduleInput = z.input<typeof ScheduleInput>;

export const EditablePhone = z.object({
  id: z.uuid(),
  number: z.string(),
  extension: z.number().int().nullable(),
  type: PhoneType,
  descriptionEn: z.string().nullable(),
  descriptionFr: z.string().nullable(),
});
export type EditablePhone = z.infer<typeof EditablePhone>;

export const EditableSchedule = z.object({
  id: z.uuid(),
  byday: z.array(Weekday),
  opensAt: LocalTime,
  closesAt: LocalTime,
  descriptionEn: z.string().nullable(),
  descriptionFr: z.string().nullable(),
});
export type EditableSchedule = z.infer<typeof EditableSchedule>;

const Versioned = z.object({
  id: z.uuid(),
  status: DirectoryStatus,
  version: z.number().int(),
  updatedAt: z.iso.datetime({ offset: true }),
  lastVerifiedAt: z.iso.datetime({ offset: true }).nullable(),
  lastVerifiedBy: z.uuid().nullable(),
  lastVerifiedByName: z.string().nullable(),
});

// ---- Organization (agency) ----

const organizationFields = {
  nameEn: shortText,
  nameFr: shortText,
  alternateNameEn: shortText,
  alternateNameFr: shortText,
  descriptionEn: optionalText,
  descriptionFr: optionalText,
  email: z.email().max(320).nullable(),
  website: z.url().max(2000).nullable(),
  legalStatus: shortText,
  yearIncorporated: z.number().int().min(1600).max(2100).nullable(),
};

export const OrganizationRecord = Versioned.extend({
  ...organizationFields,
  email: z.string().nullable(),
  website: z.string().nullable(),
  phones: z.array(EditablePhone),
});
export type OrganizationRecord = z.infer<typeof OrganizationRecord>;

export const OrganizationUpdate = z
  .object({ ...organizationFields, status: DirectoryStatus, phones: z.array(PhoneInput).max(20) })
  .partial()
  .extend({ version: z.number().int().min(1) });
export type OrganizationUpdate = z.input<typeof OrganizationUpdate>;

// ---- Location (site) ----

const locationFields = {
  nameEn: shortText,
  nameFr: shortText,
  alternateNameEn: shortText,
  alternateNameFr: shortText,
  descriptionEn: optionalText,
  descriptionFr: optionalText,
  transportationEn: optionalText,
  transportationFr: optionalText,
  accessibilityEn: optionalText,
  accessibilityFr: optionalText,
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
  organizationId: z.uuid(),
  organizationNameEn: z.string().nullable(),
  organizationNameFr: z.string().nullable(),
  locationType: z.enum(['physical', 'postal', 'virtual']),
  phones: z.array(EditablePhone),
  schedules: z.array(EditableSchedule),
  languages: z.array(z.string()),
});
export type LocationRecord = z.infer<typeof LocationRecord>;

export const LocationUpdate = z
  .object({
    ...locationFields,
    status: DirectoryStatus,
    phones: z.array(PhoneInput).max(20),
    schedules: z.array(ScheduleInput).max(50),
    languages: z.array(DirectoryLanguageCode).max(60),
  })
  .partial()
  .extend({ version: z.number().int().min(1) });
export type LocationUpdate = z.input<typeof LocationUpdate>;

// ---- Service ----

const serviceFields = {
  nameEn: shortText,
  nameFr: shortText,
  alternateNameEn: shortText,
  alternateNameFr: shortText,
  descriptionEn: optionalText,
  descriptionFr: optionalText,
  url: z.url().max(2000).nullable(),
  email: z.email().max(320).nullable(),
  eligibilityEn: optionalText,
  eligibilityFr: optionalText,
  minAge: z.number().int().min(0).max(130).nullable(),
  maxAge: z.number().int().min(0).max(130).nullable(),
  feesEn: optionalText,
  feesFr: optionalText,
  applicationProcessEn: optionalText,
  applicationProcessFr: optionalText,
  waitTimeEn: shortText,
  waitTimeFr: shortText,
  interpretationServicesEn: optionalText,
  interpretationServicesFr: optionalText,
  alertEn: optionalText,
  alertFr: optionalText,
};

export const ServiceSite = z.object({
  serviceAtLocationId: z.uuid(),
  locationId: z.uuid(),
  nameEn: z.string().nullable(),
  nameFr: z.string().nullable(),
  address1: z.string().nullable(),
  city: z.string().nullable(),
});
export type ServiceSite = z.infer<typeof ServiceSite>;

export const ServiceRecord = Versioned.extend({
  ...serviceFields,
  url: z.string().nullable(),
  email: z.string().nullable(),
  organizationId: z.uuid(),
  organizationNameEn: z.string().nullable(),
  organizationNameFr: z.string().nullable(),
  phones: z.array(EditablePhone),
  schedules: z.array(EditableSchedule),
  languages: z.array(z.string()),
  taxonomyTermIds: z.array(z.string()),
  sites: z.array(ServiceSite),
});
export type ServiceRecord = z.infer<typeof ServiceRecord>;

export const ServiceUpdate = z
  .object({
    ...serviceFields,
    status: DirectoryStatus,
    phones: z.array(PhoneInput).max(20),
    schedules: z.array(ScheduleInput).max(50),
    languages: z.array(DirectoryLanguageCode).max(60),
    taxonomyTermIds: z.array(z.string().min(1).max(64)).max(50),
  })
  .partial()
  .extend({ version: z.number().int().min(1) });
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
  nameEn: z.string().nullable(),
  nameFr: z.string().nullable(),
  organizationId: z.uuid(),
  organizationNameEn: z.string().nullable(),
  organizationNameFr: z.string().nullable(),
  city: z.string().nullable(),
  status: DirectoryStatus,
  lastVerifiedAt: z.iso.datetime({ offset: true }).nullable(),
  lastVerifiedByName: z.string().nullable(),
  /** When the yearly verification fell (or falls) due: a year after the last one, or creation if never. */
  dueAt: z.iso.datetime({ offset: true }),
});
export type DueItem = z.infer<typeof DueItem>;

export const DuePage = z.object({
  items: z.array(DueItem),
  total: z.number().int(),
  page: z.number().int(),
  perPage: z.number().int(),
});
export type DuePage = z.infer<typeof DuePage>;

/** 409 body details when someone else saved first. */
export const ResourceConflictDetails = z.object({
  current: z.union([OrganizationRecord, LocationRecord, ServiceRecord]),
});
