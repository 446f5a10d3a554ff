import { z } from 'zod';
import { Locale } from './common';

/**
 * Open Referral HSDS 3.0 objects, as served under /api/hsds and accepted by the HSDS import.
 * Field names follow the specification (snake_case). Objects are loose: fields this project does not
 * store are accepted on import and ignored. Optional fields are omitted from responses rather than null,
 * because the HSDS schemas type them as plain strings and numbers; imports accept null as "absent".
 */
const HsdsId = z.guid();
const text = z.string().nullish();
const num = z.number().nullish();
const id = HsdsId.nullish();

export const HsdsMetadata = z.looseObject({
  id: HsdsId,
  resource_id: id,
  resource_type: text,
  last_action_date: z.string(),
  last_action_type: z.string(),
  field_name: z.string(),
  previous_value: z.string(),
  replacement_value: z.string(),
  updated_by: z.string(),
});

export const HsdsTaxonomy = z.looseObject({
  id: HsdsId,
  name: z.string().min(1),
  description: z.string(),
  uri: text,
  version: text,
});
export type HsdsTaxonomy = z.infer<typeof HsdsTaxonomy>;

export const HsdsTaxonomyTerm = z.looseObject({
  id: HsdsId,
  code: text,
  name: z.string().min(1),
  description: z.string(),
  parent_id: id,
  taxonomy: text,
  taxonomy_detail: HsdsTaxonomy.nullish(),
  language: text,
  taxonomy_id: id,
  term_uri: text,
});
export type HsdsTaxonomyTerm = z.infer<typeof HsdsTaxonomyTerm>;

export const HsdsAttribute = z.looseObject({
  id: HsdsId,
  link_id: id,
  taxonomy_term_id: id,
  link_type: text,
  link_entity: text,
  value: text,
  taxonomy_term: HsdsTaxonomyTerm.nullish(),
});
export type HsdsAttribute = z.infer<typeof HsdsAttribute>;

export const HsdsLanguage = z.looseObject({
  id: HsdsId,
  service_id: id,
  location_id: id,
  phone_id: id,
  name: text,
  code: text,
  note: text,
});
export type HsdsLanguage = z.infer<typeof HsdsLanguage>;

export const HsdsPhone = z.looseObject({
  id: HsdsId,
  location_id: id,
  service_id: id,
  organization_id: id,
  contact_id: id,
  service_at_location_id: id,
  number: z.string().min(1),
  extension: num,
  type: text,
  description: text,
  languages: z.array(HsdsLanguage).nullish(),
});
export type HsdsPhone = z.infer<typeof HsdsPhone>;

export const HsdsSchedule = z.looseObject({
  id: HsdsId,
  service_id: id,
  location_id: id,
  service_at_location_id: id,
  valid_from: text,
  valid_to: text,
  dtstart: text,
  timezone: num,
  until: text,
  count: num,
  wkst: z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']).nullish(),
  freq: z.enum(['WEEKLY', 'MONTHLY']).nullish(),
  interval: num,
  byday: text,
  byweekno: text,
  bymonthday: text,
  byyearday: text,
  description: text,
  opens_at: text,
  closes_at: text,
  schedule_link: text,
  attending_type: text,
  notes: text,
});
export type HsdsSchedule = z.infer<typeof HsdsSchedule>;

export const HsdsAddress = z.looseObject({
  id: HsdsId,
  location_id: id,
  attention: text,
  address_1: z.string(),
  address_2: text,
  city: z.string(),
  region: text,
  state_province: z.string(),
  postal_code: z.string(),
  country: z.string(),
  address_type: z.enum(['physical', 'postal', 'virtual']),
});
export type HsdsAddress = z.infer<typeof HsdsAddress>;

export const HsdsServiceArea = z.looseObject({
  id: HsdsId,
  service_id: id,
  name: text,
  description: text,
  extent: text,
  extent_type: text,
  uri: text,
});
export type HsdsServiceArea = z.infer<typeof HsdsServiceArea>;

export const HsdsCostOption = z.looseObject({
  id: HsdsId,
  service_id: id,
  valid_from: text,
  valid_to: text,
  option: text,
  currency: text,
  amount: num,
  amount_description: text,
});
export type HsdsCostOption = z.infer<typeof HsdsCostOption>;

export const HsdsRequiredDocument = z.looseObject({
  id: HsdsId,
  service_id: id,
  document: text,
  uri: text,
});
export type HsdsRequiredDocument = z.infer<typeof HsdsRequiredDocument>;

export const HsdsLocation = z.looseObject({
  id: HsdsId,
  location_type: z.enum(['physical', 'postal', 'virtual']),
  url: text,
  organization_id: id,
  name: text,
  alternate_name: text,
  description: text,
  transportation: text,
  latitude: num,
  longitude: num,
  external_identifier: text,
  external_identifier_type: text,
  languages: z.array(HsdsLanguage).nullish(),
  addresses: z.array(HsdsAddress).nullish(),
  phones: z.array(HsdsPhone).nullish(),
  schedules: z.array(HsdsSchedule).nullish(),
  attributes: z.array(HsdsAttribute).nullish(),
});
export type HsdsLocation = z.infer<typeof HsdsLocation>;

export const HsdsServiceAtLocation = z.looseObject({
  id: HsdsId,
  service_id: id,
  location_id: id,
  description: text,
  phones: z.array(HsdsPhone).nullish(),
  schedules: z.array(HsdsSchedule).nullish(),
  location: HsdsLocation.nullish(),
  attributes: z.array(HsdsAttribute).nullish(),
});
export type HsdsServiceAtLocation = z.infer<typeof HsdsServiceAtLocation>;

/** Organization fields without nested services (services nest organizations, and vice versa on import). */
export const HsdsOrganizationCore = z.looseObject({
  id: HsdsId,
  name: z.string().min(1),
  alternate_name: text,
  description: z.string(),
  email: text,
  website: text,
  tax_status: text,
  tax_id: text,
  year_incorporated: num,
  legal_status: text,
  logo: text,
  uri: text,
  parent_organization_id: id,
  phones: z.array(HsdsPhone).nullish(),
  locations: z.array(HsdsLocation).nullish(),
  attributes: z.array(HsdsAttribute).nullish(),
});
export type HsdsOrganizationCore = z.infer<typeof HsdsOrganizationCore>;

export const HsdsServiceStatus = z.enum(['active', 'inactive', 'defunct', 'temporarily closed']);
export type HsdsServiceStatus = z.infer<typeof HsdsServiceStatus>;

export const HsdsService = z.looseObject({
  id: HsdsId,
  organization_id: id,
  program_id: id,
  name: z.string().min(1),
  alternate_name: text,
  description: text,
  url: text,
  email: text,
  status: HsdsServiceStatus,
  interpretation_services: text,
  application_process: text,
  fees_description: text,
  wait_time: text,
  fees: text,
  accreditations: text,
  eligibility_description: text,
  minimum_age: num,
  maximum_age: num,
  assured_date: text,
  assurer_email: text,
  licenses: text,
  alert: text,
  last_modified: text,
  phones: z.array(HsdsPhone).nullish(),
  schedules: z.array(HsdsSchedule).nullish(),
  service_areas: z.array(HsdsServiceArea).nullish(),
  service_at_locations: z.array(HsdsServiceAtLocation).nullish(),
  languages: z.array(HsdsLanguage).nullish(),
  organization: HsdsOrganizationCore.nullish(),
  cost_options: z.array(HsdsCostOption).nullish(),
  required_documents: z.array(HsdsRequiredDocument).nullish(),
  attributes: z.array(HsdsAttribute).nullish(),
});
export type HsdsService = z.infer<typeof HsdsService>;

/** An organization package: the organization and, optionally, its services in full. */
export const HsdsOrganization = HsdsOrganizationCore.extend({
  services: z.array(HsdsService).nullish(),
});
export type HsdsOrganization = z.infer<typeof HsdsOrganization>;

// ---- API ----

export const HsdsApiInfo = z.object({
  version: z.string(),
  profile: z.string().optional(),
  openapi_url: z.string(),
});
export type HsdsApiInfo = z.infer<typeof HsdsApiInfo>;

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const HsdsPageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(200).default(50),
  search: z.string().trim().max(200).optional(),
  /** Language of text fields; a field missing in that language falls back to the other. */
  lang: Locale.default('en'),
});

export const HsdsServicesQuery = HsdsPageQuery.extend({
  taxonomy_term_id: HsdsId.optional(),
  taxonomy_id: HsdsId.optional(),
  organization_id: HsdsId.optional(),
  modified_after: z.iso.datetime({ offset: true, local: true }).or(z.iso.date()).optional(),
  full: bool.optional(),
});
export type HsdsServicesQuery = z.infer<typeof HsdsServicesQuery>;

export const HsdsServiceAtLocationsQuery = HsdsServicesQuery.extend({
  /** Canadian postal code (or its first three characters): the centre for `proximity`. */
  postcode: z.string().trim().max(10).optional(),
  /** Distance from the postcode's centroid, in metres (as the HSDS API reference defines it). */
  proximity: z.coerce.number().positive().max(2_000_000).optional(),
});
export type HsdsServiceAtLocationsQuery = z.infer<typeof HsdsServiceAtLocationsQuery>;

export const HsdsOrganizationsQuery = HsdsPageQuery.extend({
  full_service: bool.optional(),
});
export type HsdsOrganizationsQuery = z.infer<typeof HsdsOrganizationsQuery>;

export const HsdsTaxonomyTermsQuery = HsdsPageQuery.extend({
  taxonomy_id: HsdsId.optional(),
  parent_id: HsdsId.optional(),
  top_only: bool.optional(),
});
export type HsdsTaxonomyTermsQuery = z.infer<typeof HsdsTaxonomyTermsQuery>;

export const HsdsIdParams = z.object({ id: HsdsId });

/** The HSDS paged envelope (openapi.json components.schemas.Page). */
export const hsdsPageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    total_items: z.number().int(),
    total_pages: z.number().int(),
    page_number: z.number().int(),
    size: z.number().int(),
    first_page: z.boolean(),
    last_page: z.boolean(),
    empty: z.boolean(),
    contents: z.array(item),
  });

export interface HsdsPage<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

// ---- Import ----

export const HsdsImportEntity = z.enum([
  'organization',
  'service',
  'location',
  'service_at_location',
  'address',
  'phone',
  'schedule',
  'language',
  'taxonomy',
  'taxonomy_term',
  'service_area',
  'cost_option',
  'required_document',
]);
export type HsdsImportEntity = z.infer<typeof HsdsImportEntity>;

export const HsdsImportRejection = z.object({
  /** JSON path inside the file, e.g. `$.contents[3].phones[0].number` */
  path: z.string(),
  id: z.string().nullable(),
  reason: z.string(),
});
export type HsdsImportRejection = z.infer<typeof HsdsImportRejection>;

export const HsdsImportReport = z.object({
  /** True when the file's records were saved; false when any was rejected (nothing saved) or on a dry run. */
  committed: z.boolean(),
  dryRun: z.boolean(),
  /** Records (nested ones included) created, changed, or found identical to what is stored. */
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  byType: z.record(
    z.string(),
    z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
  ),
  /** Why nothing was saved: each record at fault, with the JSON path of the value. */
  rejected: z.array(HsdsImportRejection),
  /** Parts of the file the directory does not store (contacts, funding…), skipped without failing. */
  warnings: z.array(HsdsImportRejection),
});
export type HsdsImportReport = z.infer<typeof HsdsImportReport>;

export const HsdsImportKind = z.enum(['service', 'organization', 'taxonomy_term']);
export type HsdsImportKind = z.infer<typeof HsdsImportKind>;

export const HsdsImportQuery = z.object({
  dry_run: bool.optional(),
  /** What the file's records are; guessed from their fields when not given. */
  kind: HsdsImportKind.optional(),
  /** Language of the text in the file (HSDS has one language per record). */
  lang: Locale.default('en'),
});
export type HsdsImportQuery = z.infer<typeof HsdsImportQuery>;
