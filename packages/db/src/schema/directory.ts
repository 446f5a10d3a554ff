import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  time,
  date,
  timestamp,
  unique,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { bilingualText, ownerId, timestamps } from './columns';
import { staff } from './staff';

/**
 * Resource directory, modelled on Open Referral HSDS 3.0. Human-readable fields are bilingual side by
 * side (`nameEn`, `nameFr`, …), each nullable: readers show the user's language and fall back to the other.
 * Mirrors migrations/0002_directory.sql.
 */

/** active | inactive | active_no_refer ("active but do not refer"). */
export type DirectoryStatus = 'active' | 'inactive' | 'active_no_refer';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const int4multirange = customType<{ data: string }>({ dataType: () => 'int4multirange' });
/** earthdistance's point type (a cube): ll_to_earth(latitude, longitude). */
const earth = customType<{ data: string }>({ dataType: () => 'earth' });

const verification = {
  lastVerifiedAt: timestamp('last_verified_at', { withTimezone: true }),
  lastVerifiedBy: uuid('last_verified_by').references(() => staff.id, { onDelete: 'set null' }),
};
const status = () => text('status').$type<DirectoryStatus>().notNull().default('active');

/** Taxonomy: id is the term's code (FOOD, FOOD-BANK); the 17 need categories have parent_id null. */
export const taxonomyTerms = pgTable(
  'taxonomy_terms',
  {
    id: text('id').primaryKey(),
    parentId: text('parent_id').references((): AnyPgColumn => taxonomyTerms.id, {
      onDelete: 'restrict',
    }),
    /** The uuid HSDS 3.0 requires for a taxonomy_term. */
    hsdsId: uuid('hsds_id').notNull().unique().defaultRandom(),
    taxonomy: text('taxonomy').notNull().default('relais'),
    ...bilingualText('name'),
    ...bilingualText('description'),
    sortOrder: integer('sort_order').notNull().default(0),
    ...timestamps,
  },
  (t) => [index('taxonomy_terms_parent_idx').on(t.parentId)],
);

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  ...bilingualText('name'),
  ...bilingualText('alternateName'),
  ...bilingualText('description'),
  email: text('email'),
  website: text('website'),
  taxStatus: text('tax_status'),
  taxId: text('tax_id'),
  yearIncorporated: integer('year_incorporated'),
  legalStatus: text('legal_status'),
  parentOrganizationId: uuid('parent_organization_id').references((): AnyPgColumn => organizations.id, {
    onDelete: 'set null',
  }),
  status: status(),
  ...verification,
  ...timestamps,
  /** Optimistic concurrency: an edit names the version it read and bumps it. */
  version: integer('version').notNull().default(1),
});

/** A site. Its one physical address is inline (HSDS address fields). */
export const locations = pgTable(
  'locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: ownerId('organization_id', () => organizations.id),
    locationType: text('location_type')
      .$type<'physical' | 'postal' | 'virtual'>()
      .notNull()
      .default('physical'),
    ...bilingualText('name'),
    ...bilingualText('alternateName'),
    ...bilingualText('description'),
    ...bilingualText('transportation'),
    ...bilingualText('accessibility'),
    url: text('url'),
    address1: text('address_1'),
    address2: text('address_2'),
    /** The municipality. */
    city: text('city'),
    region: text('region'),
    stateProvince: text('state_province').notNull().default('ON'),
    postalCode: text('postal_code'),
    country: text('country').notNull().default('CA'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    status: status(),
    ...verification,
    ...timestamps,
    version: integer('version').notNull().default(1),
  },
  (t) => [index('locations_organization_idx').on(t.organizationId)],
);

export const services = pgTable(
  'services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: ownerId('organization_id', () => organizations.id),
    ...bilingualText('name'),
    ...bilingualText('alternateName'),
    ...bilingualText('description'),
    url: text('url'),
    email: text('email'),
    status: status(),
    ...bilingualText('interpretationServices'),
    ...bilingualText('applicationProcess'),
    ...bilingualText('fees'),
    ...bilingualText('waitTime'),
    ...bilingualText('eligibility'),
    minAge: integer('min_age'),
    maxAge: integer('max_age'),
    ...bilingualText('alert'),
    accreditations: text('accreditations'),
    licenses: text('licenses'),
    ...verification,
    ...timestamps,
    version: integer('version').notNull().default(1),
  },
  (t) => [index('services_organization_idx').on(t.organizationId)],
);

export const serviceAtLocation = pgTable(
  'service_at_location',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: ownerId('service_id', () => services.id),
    locationId: ownerId('location_id', () => locations.id),
    ...bilingualText('description'),
    ...timestamps,
  },
  (t) => [
    unique('service_at_location_service_id_location_id_key').on(t.serviceId, t.locationId),
    index('service_at_location_location_idx').on(t.locationId),
  ],
);

export const serviceTaxonomyTerms = pgTable(
  'service_taxonomy_terms',
  {
    serviceId: ownerId('service_id', () => services.id),
    taxonomyTermId: text('taxonomy_term_id')
      .notNull()
      .references(() => taxonomyTerms.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.serviceId, t.taxonomyTermId] }),
    index('service_taxonomy_terms_term_idx').on(t.taxonomyTermId),
  ],
);

export type PhoneType = 'voice' | 'text' | 'fax' | 'tty' | 'hotline' | 'toll_free';

/** Exactly one owner column is set (a CHECK enforces it). */
export const phones = pgTable('phones', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: uuid('organization_id').references(() => organizations.id, {
    onDelete: 'cascade',
  }),
  locationId: uuid('location_id').references(() => locations.id, { onDelete: 'cascade' }),
  serviceId: uuid('service_id').references(() => services.id, { onDelete: 'cascade' }),
  serviceAtLocationId: uuid('service_at_location_id').references(() => serviceAtLocation.id, {
    onDelete: 'cascade',
  }),
  number: text('number').notNull(),
  extension: integer('extension'),
  type: text('type').$type<PhoneType>().notNull().default('voice'),
  ...bilingualText('description'),
  sortOrder: integer('sort_order').notNull().default(0),
});

/**
 * Weekly opening hours, HSDS style: byday is an RFC 5545 day list ('MO,TU,WE'); opens_at/closes_at are
 * local times ('09:00:00'); closes_at <= opens_at means past midnight, 00:00–00:00 means all day.
 * Exactly one owner column is set.
 */
export const schedules = pgTable('schedules', {
  id: uuid('id').primaryKey().defaultRandom(),
  serviceId: uuid('service_id').references(() => services.id, { onDelete: 'cascade' }),
  locationId: uuid('location_id').references(() => locations.id, { onDelete: 'cascade' }),
  serviceAtLocationId: uuid('service_at_location_id').references(() => serviceAtLocation.id, {
    onDelete: 'cascade',
  }),
  freq: text('freq').$type<'WEEKLY'>().notNull().default('WEEKLY'),
  byday: text('byday').notNull(),
  opensAt: time('opens_at').notNull(),
  closesAt: time('closes_at').notNull(),
  timezone: text('timezone').notNull().default('America/Toronto'),
  validFrom: date('valid_from'),
  validTo: date('valid_to'),
  ...bilingualText('description'),
});

/** Languages offered (ISO 639-1 code where one exists, else 639-3). One owner column is set. */
export const languages = pgTable('languages', {
  id: uuid('id').primaryKey().defaultRandom(),
  serviceId: uuid('service_id').references(() => services.id, { onDelete: 'cascade' }),
  locationId: uuid('location_id').references(() => locations.id, { onDelete: 'cascade' }),
  code: text('code').notNull(),
  note: text('note'),
});

export type ServiceAreaExtentType =
  'municipality' | 'region' | 'province' | 'postal_code' | 'geojson' | 'other';

export const serviceAreas = pgTable('service_areas', {
  id: uuid('id').primaryKey().defaultRandom(),
  serviceId: ownerId('service_id', () => services.id),
  ...bilingualText('name'),
  ...bilingualText('description'),
  extentType: text('extent_type').$type<ServiceAreaExtentType>().notNull().default('municipality'),
  extent: text('extent'),
});

export const requiredDocuments = pgTable('required_documents', {
  id: uuid('id').primaryKey().defaultRandom(),
  serviceId: ownerId('service_id', () => services.id),
  ...bilingualText('document'),
  uri: text('uri'),
});

/**
 * Derived search rows: one per service at a location (id = service_at_location.id) or per service
 * without a location (id = service.id). Never edit directly: call refreshSearchDocument(db, serviceId)
 * from apps/api/src/modules/directory/directory.queries.ts after any change to a service or what it shows.
 */
export const searchDocuments = pgTable('search_documents', {
  id: uuid('id').primaryKey(),
  serviceId: ownerId('service_id', () => services.id),
  locationId: uuid('location_id').references(() => locations.id, { onDelete: 'cascade' }),
  organizationId: ownerId('organization_id', () => organizations.id),
  status: text('status').$type<DirectoryStatus>().notNull(),
  ...bilingualText('name'),
  ...bilingualText('organizationName'),
  ...bilingualText('locationName'),
  address1: text('address_1'),
  city: text('city'),
  postalCode: text('postal_code'),
  latitude: doublePrecision('latitude'),
  longitude: doublePrecision('longitude'),
  earthPoint: earth('earth_point'),
  phone: text('phone'),
  taxonomyIds: text('taxonomy_ids')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  categoryIds: text('category_ids')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  languages: text('languages')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  minAge: integer('min_age'),
  maxAge: integer('max_age'),
  openMinutes: int4multirange('open_minutes'),
  hours: jsonb('hours').$type<Record<string, Array<[string, string]>>>(),
  lastVerifiedAt: timestamp('last_verified_at', { withTimezone: true }),
  document: tsvector('document').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const searchLexicon = pgTable('search_lexicon', {
  word: text('word').primaryKey(),
});

/**
 * Change log of search_documents, written by triggers (migrations/0007_search_changes.sql) and read by the
 * API's in-memory search index: the generation it has seen, then the services changed since.
 */
export const searchState = pgTable('search_state', {
  id: boolean('id').primaryKey().default(true),
  generation: bigint('generation', { mode: 'number' }).notNull().default(0),
});

/** serviceId null: a bulk reload (more than 2,000 services in one statement). */
export const searchChanges = pgTable(
  'search_changes',
  {
    generation: bigint('generation', { mode: 'number' }).notNull(),
    serviceId: uuid('service_id'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('search_changes_generation_idx').on(t.generation)],
);
