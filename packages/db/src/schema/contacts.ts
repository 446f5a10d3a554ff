import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { locations, services, taxonomyTerms } from './directory';
import { bilingualText, ownerId, timestamps } from './columns';
import { staff } from './staff';

/**
 * Contact logging. Mirrors migrations/0003_contacts.sql. Coded values are text checked by the database
 * (the allowed values live in @relais/contracts); NULL = not asked yet, 'undisclosed' = an answer.
 */

/** One extra field of a line, as stored in lines.fields (same shape as LineField in the contracts). */
export interface LineFieldDefinition {
  key: string;
  type: 'text' | 'boolean' | 'select' | 'number' | 'date';
  labelEn: string;
  labelFr: string;
  required: boolean;
  options?: Array<{ value: string; labelEn: string; labelFr: string }>;
  maxLength?: number;
}

export const lines = pgTable('lines', {
  id: text('id').primaryKey(),
  nameEn: text('name_en').notNull(),
  nameFr: text('name_fr').notNull(),
  fields: jsonb('fields').$type<LineFieldDefinition[]>().notNull().default([]),
  active: boolean('active').notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(0),
  ...timestamps,
});

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    version: integer('version').notNull().default(1),
    status: text('status').$type<'draft' | 'closed'>().notNull().default('draft'),
    channel: text('channel').notNull(),
    lineId: text('line_id')
      .notNull()
      .references(() => lines.id),
    specialistId: uuid('specialist_id').references(() => staff.id, { onDelete: 'set null' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    disposition: text('disposition'),
    notes: text('notes'),
    callerFirstName: text('caller_first_name'),
    callerPhoneDigits: text('caller_phone_digits'),
    callerAgeGroup: text('caller_age_group'),
    callerGender: text('caller_gender'),
    callerLanguage: text('caller_language'),
    callerLocationUndisclosed: boolean('caller_location_undisclosed').notNull().default(false),
    callerMunicipality: text('caller_municipality'),
    callerFsa: text('caller_fsa'),
    callerRelation: text('caller_relation'),
    noNeed: boolean('no_need').notNull().default(false),
    crisisFlags: text('crisis_flags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    noFollowUpReason: text('no_follow_up_reason'),
    lineFields: jsonb('line_fields')
      .$type<Record<string, string | number | boolean | null>>()
      .notNull()
      .default({}),
    externalId: text('external_id').unique(),
    ...timestamps,
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** When a crisis flag was last added (not set by imports): the supervisors' open crises start here. */
    crisisRaisedAt: timestamp('crisis_raised_at', { withTimezone: true }),
  },
  (t) => [
    index('contacts_started_idx').on(t.startedAt),
    index('contacts_specialist_idx').on(t.specialistId, t.startedAt),
    index('contacts_line_idx').on(t.lineId, t.startedAt),
    index('contacts_phone_idx')
      .on(t.callerPhoneDigits)
      .where(sql`caller_phone_digits IS NOT NULL`),
    index('contacts_municipality_idx').on(sql`lower(caller_municipality)`),
    index('contacts_crisis_idx')
      .on(t.startedAt)
      .where(sql`crisis_flags <> '{}'::text[]`),
    index('contacts_draft_idx')
      .on(t.specialistId)
      .where(sql`status = 'draft'`),
    index('contacts_closed_idx')
      .on(t.closedAt)
      .where(sql`status = 'closed'`),
    index('contacts_crisis_raised_idx')
      .on(t.crisisRaisedAt)
      .where(sql`crisis_raised_at IS NOT NULL`),
  ],
);

export const contactNeeds = pgTable(
  'contact_needs',
  {
    id: uuid('id').primaryKey(),
    contactId: ownerId('contact_id', () => contacts.id),
    termId: text('term_id')
      .notNull()
      .references(() => taxonomyTerms.id, { onDelete: 'restrict' }),
    /** Top-level ancestor of termId (derived, so no foreign key of its own). */
    categoryId: text('category_id').notNull(),
    note: text('note'),
    unmetReason: text('unmet_reason'),
    unmetNote: text('unmet_note'),
    position: integer('position').notNull().default(0),
    ...timestamps,
  },
  (t) => [
    index('contact_needs_contact_idx').on(t.contactId),
    index('contact_needs_category_idx').on(t.categoryId),
    index('contact_needs_term_idx').on(t.termId),
  ],
);

export const contactReferrals = pgTable(
  'contact_referrals',
  {
    id: uuid('id').primaryKey(),
    /** Denormalised from the need (whose foreign key cascades). */
    contactId: uuid('contact_id').notNull(),
    needId: ownerId('need_id', () => contactNeeds.id),
    /** RESTRICT (migrations/0011): a referenced directory record is marked inactive, never deleted. */
    serviceId: uuid('service_id').references(() => services.id, { onDelete: 'restrict' }),
    locationId: uuid('location_id').references(() => locations.id, { onDelete: 'restrict' }),
    kind: text('kind').notNull().default('referral'),
    serviceName: text('service_name').notNull(),
    servicePhone: text('service_phone'),
    locationName: text('location_name'),
    /** Snapshot in both languages at referral time (migrations/0010): survives any directory change. */
    ...bilingualText('serviceName'),
    ...bilingualText('locationName'),
    ...bilingualText('organizationName'),
    note: text('note'),
    position: integer('position').notNull().default(0),
    ...timestamps,
  },
  (t) => [
    index('contact_referrals_contact_idx').on(t.contactId),
    index('contact_referrals_need_idx').on(t.needId),
    index('contact_referrals_service_idx').on(t.serviceId),
    index('contact_referrals_location_idx').on(t.locationId),
  ],
);

export const followUps = pgTable(
  'follow_ups',
  {
    id: uuid('id').primaryKey(),
    contactId: ownerId('contact_id', () => contacts.id),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    status: text('status').$type<'open' | 'done' | 'cancelled'>().notNull().default('open'),
    note: text('note'),
    assignedToId: uuid('assigned_to_id').references(() => staff.id, { onDelete: 'set null' }),
    createdById: uuid('created_by_id').references(() => staff.id, { onDelete: 'set null' }),
    outcome: text('outcome'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index('follow_ups_contact_idx').on(t.contactId),
    index('follow_ups_worklist_idx').on(t.status, t.dueAt),
    index('follow_ups_assigned_idx').on(t.assignedToId, t.status, t.dueAt),
  ],
);

export const safetyNotes = pgTable(
  'safety_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    phoneDigits: text('phone_digits').notNull(),
    note: text('note').notNull(),
    createdById: uuid('created_by_id').references(() => staff.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [index('safety_notes_phone_idx').on(t.phoneDigits)],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    ownerId: uuid('owner_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    resourceId: uuid('resource_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ownerId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

/** Secrets the server generates once and keeps across restarts (e.g. the audit HMAC key). */
export const serverSecrets = pgTable('server_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Append-only record of each repeat-caller lookup: a keyed hash of the number, never the number. */
export const callerLookups = pgTable(
  'caller_lookups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    staffId: uuid('staff_id').notNull(),
    contactId: uuid('contact_id'),
    phoneHmac: text('phone_hmac').notNull(),
    reason: text('reason'),
    shownContactIds: uuid('shown_contact_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    requestId: text('request_id'),
  },
  (t) => [
    index('caller_lookups_staff_idx').on(t.staffId, t.at),
    index('caller_lookups_phone_idx').on(t.phoneHmac, t.at),
  ],
);

/** A supervisor has seen (dismissed or opened) a contact's crisis alert raised at or before acknowledgedAt. */
export const crisisAcknowledgements = pgTable(
  'crisis_acknowledgements',
  {
    contactId: ownerId('contact_id', () => contacts.id),
    staffId: ownerId('staff_id', () => staff.id),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.staffId] })],
);
