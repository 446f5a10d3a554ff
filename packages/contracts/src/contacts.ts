import { z } from 'zod';
import { bilingualFields, FieldError, Locale, PageQuery, pageOf } from './common';

/*
 * Contact logging. A contact is saved as a draft from its first second (autosave), then closed at
 * wrap-up once the reporting minimum is present. Coded values are enums so reports count them exactly;
 * "undisclosed" is an answer in its own right, never a blank (null means "not asked yet").
 *
 * Endpoints (all under /api/contacts):
 *   GET    /lines                      LineList            any staff
 *   POST   /                           Contact (201)       specialist, supervisor, key intake:write; Idempotency-Key
 *   POST   /search                     ContactPage         specialist (own only), supervisor; ContactSearchRequest
 *                                                          (audited: one 'search' row per contact listed)
 *   GET    /crises                     OpenCrises          supervisor: crises not yet acknowledged by them
 *   POST   /:id/crisis/acknowledge     CrisisAcknowledged  supervisor
 *   GET    /:id                        Contact             owner specialist, supervisor, followup (audited 'read')
 *   PATCH  /:id                        Contact             autosave; UpdateContactRequest; 409 details = ContactVersionConflict
 *   POST   /:id/close                  Contact             CloseContactRequest; 400 fields = what is missing
 *   GET    /:id/timeline               ContactTimeline     (audited)
 *   GET    /:id/phone                  ContactPhone        the full number (audited)
 *   GET    /:id/referral-summary       ReferralSummary     ?lang=en|fr (audited)
 *   POST   /callers/lookup             CallerHistory       specialist, supervisor; CallerLookupRequest (from a contact)
 *   GET    /specialists                SpecialistList      supervisor (names for the specialist filter)
 *   POST   /callers/safety-notes       SafetyNote (201)    specialist, supervisor; CreateSafetyNoteRequest
 *   POST   /callers/safety-notes/:id/retire  RetiredSafetyNote  supervisor (the note stops showing; kept in the audit)
 *   POST   /import                     ImportReport        application/x-ndjson; key import:write, supervisor, admin
 *
 * Console flow: POST / (channel only is enough) with an Idempotency-Key → draft v1; PATCH /:id with the whole
 * or partial document and the last version on each autosave (ids of needs/referrals/follow-ups are UUIDs made
 * by the console); `missing` in every answer is the live wrap-up checklist; POST /:id/close. After a reload,
 * POST /search {status: 'draft'} lists the specialist's open drafts. Repeat-caller history and safety notes are open to
 * specialists and supervisors only (not follow-up, editor or admin). Writes on /:id by the contact's own
 * specialist or a supervisor; reads also by follow-up staff when one of its follow-ups is assigned to them or
 * open in the shared pool (no assignee).
 */

export const Channel = z.enum(['phone', 'chat', 'text', 'email', 'web', 'walk_in']);
export type Channel = z.infer<typeof Channel>;

export const ContactStatus = z.enum(['draft', 'closed']);
export type ContactStatus = z.infer<typeof ContactStatus>;

export const Disposition = z.enum([
  'information_only',
  'referral_given',
  'advocacy',
  'crisis',
  'silent_hangup',
  'wrong_number',
  'inappropriate',
  'other',
]);
export type Disposition = z.infer<typeof Disposition>;

export const AgeGroup = z.enum(['child', 'youth', 'adult', 'senior', 'undisclosed']);
export type AgeGroup = z.infer<typeof AgeGroup>;

export const Gender = z.enum(['woman', 'man', 'another_gender', 'undisclosed']);
export type Gender = z.infer<typeof Gender>;

export const CallerRelation = z.enum([
  'self',
  'family',
  'friend',
  'professional',
  'landlord',
  'other',
  'undisclosed',
]);
export type CallerRelation = z.infer<typeof CallerRelation>;

export const CrisisFlag = z.enum(['danger_to_self', 'danger_to_others', 'abuse']);
export type CrisisFlag = z.infer<typeof CrisisFlag>;

export const UnmetReason = z.enum([
  'no_service_exists',
  'not_eligible',
  'waitlist_full',
  'cost',
  'caller_declined',
  'other',
]);
export type UnmetReason = z.infer<typeof UnmetReason>;

export const ReferralKind = z.enum(['referral', 'warm_transfer', 'advocacy']);
export type ReferralKind = z.infer<typeof ReferralKind>;

export const FollowUpStatus = z.enum(['open', 'done', 'cancelled']);
export type FollowUpStatus = z.infer<typeof FollowUpStatus>;

/** ISO 639-1 (2 letters) or 639-2/3 (3 letters) code, lower case: `fr`, `oj`, `crk`. `und` = undisclosed. */
export const LanguageCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}$/, 'must be an ISO 639 language code such as en, fr, oj or crk');

/** Canadian forward sortation area, e.g. P7B (first three characters of a postal code). */
export const Fsa = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z]$/, 'must be a forward sortation area such as P7B');

/** A line of the contact centre (general 211, abuse reporting, …): data, see GET /api/contacts/lines. */
export const LineId = z.string().regex(/^[a-z0-9_]{1,40}$/, 'must be a line id');

export const LineFieldType = z.enum(['text', 'boolean', 'select', 'number', 'date']);
export const LineField = z.object({
  key: z.string(),
  type: LineFieldType,
  ...bilingualFields('label', z.string()),
  /** Required at wrap-up (never at autosave). */
  required: z.boolean(),
  options: z.array(z.object({ value: z.string(), ...bilingualFields('label', z.string()) })).optional(),
  maxLength: z.number().int().optional(),
});
export type LineField = z.infer<typeof LineField>;

export const Line = z.object({
  id: LineId,
  ...bilingualFields('name', z.string()),
  active: z.boolean(),
  fields: z.array(LineField),
});
export type Line = z.infer<typeof Line>;
export const LineList = z.object({ items: z.array(Line) });

/** Values of a line's extra fields, keyed by LineField.key; validated against the line on save. */
export const LineFieldValues = z.record(
  z.string(),
  z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]),
);
export type LineFieldValues = z.infer<typeof LineFieldValues>;

export const IsoDateTime = z.iso.datetime({ offset: true });

// ---------------------------------------------------------------------------------------------------------
// Writing a contact (create + autosave). Ids of needs, referrals and follow-ups are generated by the client
// (UUIDs) so that repeated autosaves of the same document update the same rows.

export const CallerLocationInput = z.object({
  /** An explicit "caller did not say". Cannot be combined with municipality/fsa. */
  undisclosed: z.boolean().default(false),
  municipality: z.string().trim().min(1).max(120).nullable().optional(),
  fsa: Fsa.nullable().optional(),
});
export type CallerLocationInput = z.input<typeof CallerLocationInput>;

/** Caller details. In an update, an absent key is unchanged and `null` clears it. */
export const CallerInput = z.object({
  firstName: z.string().trim().max(100).nullable().optional(),
  /**
   * Any format (`(613) 555-0123`, `+1 613 555 0123`); stored as digits, returned masked. Sending the masked
   * value back (`•••-•••-0123`) leaves the stored number unchanged.
   */
  phone: z.string().trim().max(40).nullable().optional(),
  ageGroup: AgeGroup.nullable().optional(),
  gender: Gender.nullable().optional(),
  language: LanguageCode.nullable().optional(),
  location: CallerLocationInput.nullable().optional(),
  relation: CallerRelation.nullable().optional(),
});
export type CallerInput = z.input<typeof CallerInput>;

export const ReferralInput = z.object({
  id: z.uuid(),
  /** Directory service; may be null only for imported history whose service is not in the directory. */
  serviceId: z.uuid().nullable().optional(),
  locationId: z.uuid().nullable().optional(),
  kind: ReferralKind.default('referral'),
  /** Snapshot of the service at referral time; filled from the directory when omitted. */
  serviceName: z.string().trim().max(300).optional(),
  servicePhone: z.string().trim().max(60).nullable().optional(),
  locationName: z.string().trim().max(300).nullable().optional(),
  note: z.string().max(2000).nullable().optional(),
});
export type ReferralInput = z.input<typeof ReferralInput>;

export const NeedInput = z.object({
  id: z.uuid(),
  /** Taxonomy term id: a top-level category (FOOD, HOUSING, …) or one of its subcategories. */
  termId: z.string().trim().min(1).max(64),
  note: z.string().max(2000).nullable().optional(),
  /** Set when the need could not be met; a need is either met by referrals or unmet with a reason. */
  unmetReason: UnmetReason.nullable().optional(),
  /** Required when unmetReason is `other`. */
  unmetNote: z.string().trim().max(2000).nullable().optional(),
  referrals: z.array(ReferralInput).max(30).default([]),
});
export type NeedInput = z.input<typeof NeedInput>;

export const FollowUpInput = z.object({
  id: z.uuid(),
  /** When the follow-up is due (date-time with offset). */
  dueAt: IsoDateTime,
  note: z.string().max(2000).nullable().optional(),
  /** Staff member asked to do it; null = the follow-up team's worklist. */
  assignedToId: z.uuid().nullable().optional(),
});
export type FollowUpInput = z.input<typeof FollowUpInput>;

const contactFields = {
  channel: Channel,
  lineId: LineId,
  startedAt: IsoDateTime,
  endedAt: IsoDateTime.nullable(),
  disposition: Disposition.nullable(),
  notes: z.string().max(20_000).nullable(),
  caller: CallerInput,
  /** The full set of needs: absent = unchanged; present = replaces (rows matched by id). */
  needs: z.array(NeedInput).max(50),
  /** Explicit "the caller had no need" (wrong number, silent line …): satisfies the need requirement. */
  noNeed: z.boolean(),
  /** Any of these makes the contact a crisis contact: supervisors are told at once. */
  crisisFlags: z.array(CrisisFlag).max(3),
  /** The follow-ups decided during this contact (full set, like needs). */
  followUps: z.array(FollowUpInput).max(10),
  /** An explicit "no follow-up", with the reason, for a crisis contact. */
  noFollowUpReason: z.string().trim().min(1).max(2000).nullable(),
  lineFields: LineFieldValues,
};

/** POST /api/contacts — everything optional except the channel; send `Idempotency-Key`. */
export const CreateContactRequest = z
  .object(contactFields)
  .partial()
  .extend({ channel: Channel, lineId: LineId.default('general') });
export type CreateContactRequest = z.input<typeof CreateContactRequest>;

/** PATCH /api/contacts/:id — autosave. Partial; `version` is the version the client last saw. */
export const UpdateContactRequest = z
  .object(contactFields)
  .partial()
  .extend({ version: z.number().int().min(1) });
export type UpdateContactRequest = z.input<typeof UpdateContactRequest>;

export const CloseContactRequest = z.object({
  version: z.number().int().min(1),
  /** Defaults to now when the contact has no end time yet. */
  endedAt: IsoDateTime.optional(),
});
export type CloseContactRequest = z.infer<typeof CloseContactRequest>;

// ---------------------------------------------------------------------------------------------------------
// Reading a contact

export const StaffRef = z.object({ id: z.uuid(), name: z.string() });
export type StaffRef = z.infer<typeof StaffRef>;

/** Everyone a supervisor can filter contacts by: staff with the specialist role, disabled ones included. */
export const SpecialistList = z.object({ items: z.array(StaffRef.extend({ disabled: z.boolean() })) });
export type SpecialistList = z.infer<typeof SpecialistList>;

export const CallerLocation = z.object({
  undisclosed: z.boolean(),
  municipality: z.string().nullable(),
  fsa: z.string().nullable(),
});
export type CallerLocation = z.infer<typeof CallerLocation>;

export const Caller = z.object({
  firstName: z.string().nullable(),
  hasPhone: z.boolean(),
  /** e.g. `•••-•••-0123`; the full number is only given by GET /api/contacts/:id/phone (audited). */
  phoneMasked: z.string().nullable(),
  ageGroup: AgeGroup.nullable(),
  gender: Gender.nullable(),
  language: z.string().nullable(),
  location: CallerLocation.nullable(),
  relation: CallerRelation.nullable(),
});
export type Caller = z.infer<typeof Caller>;

/**
 * The directory records a referral points at, now: `current` (still there and active), `inactive` (service or
 * site marked inactive) or `gone` (no longer in the directory, or never was). Not current: show the snapshot.
 */
export const ReferralDirectoryState = z.enum(['current', 'inactive', 'gone']);
export type ReferralDirectoryState = z.infer<typeof ReferralDirectoryState>;

export const Referral = z.object({
  id: z.uuid(),
  needId: z.uuid(),
  serviceId: z.uuid().nullable(),
  locationId: z.uuid().nullable(),
  kind: ReferralKind,
  /** Snapshot at referral time (English first): what the specialist saw, whatever the directory says now. */
  serviceName: z.string(),
  servicePhone: z.string().nullable(),
  locationName: z.string().nullable(),
  /** The same snapshot in both languages (null where the directory had no name in that language). */
  ...bilingualFields('serviceName', z.string().nullable()),
  ...bilingualFields('locationName', z.string().nullable()),
  ...bilingualFields('organizationName', z.string().nullable()),
  directory: ReferralDirectoryState,
  note: z.string().nullable(),
  createdAt: IsoDateTime,
});
export type Referral = z.infer<typeof Referral>;

export const NeedStatus = z.enum(['met', 'unmet', 'open']);
export const Need = z.object({
  id: z.uuid(),
  termId: z.string(),
  /** The top-level category of termId (FOOD, HOUSING, …), for reports and filters. */
  categoryId: z.string(),
  note: z.string().nullable(),
  unmetReason: UnmetReason.nullable(),
  unmetNote: z.string().nullable(),
  /** met = has a referral; unmet = has an unmet reason; open = neither yet. */
  status: NeedStatus,
  referrals: z.array(Referral),
});
export type Need = z.infer<typeof Need>;

export const FollowUp = z.object({
  id: z.uuid(),
  contactId: z.uuid(),
  dueAt: IsoDateTime,
  status: FollowUpStatus,
  note: z.string().nullable(),
  assignedToId: z.uuid().nullable(),
  createdAt: IsoDateTime,
});
export type FollowUp = z.infer<typeof FollowUp>;

export const Contact = z.object({
  id: z.uuid(),
  version: z.number().int(),
  status: ContactStatus,
  channel: Channel,
  lineId: LineId,
  specialist: StaffRef.nullable(),
  startedAt: IsoDateTime,
  endedAt: IsoDateTime.nullable(),
  disposition: Disposition.nullable(),
  notes: z.string().nullable(),
  caller: Caller,
  needs: z.array(Need),
  noNeed: z.boolean(),
  crisisFlags: z.array(CrisisFlag),
  followUps: z.array(FollowUp),
  noFollowUpReason: z.string().nullable(),
  lineFields: LineFieldValues,
  externalId: z.string().nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  closedAt: IsoDateTime.nullable(),
  /** What wrap-up would still refuse (empty when the contact can close): a live checklist for the console. */
  missing: z.array(FieldError),
});
export type Contact = z.infer<typeof Contact>;

/**
 * 409 on PATCH/close with a stale version: `error.details` has this shape, so the console can show
 * what changed and offer to reapply the user's edits on top of `current`.
 */
export const ContactVersionConflict = z.object({
  currentVersion: z.number().int(),
  /** Top-level paths whose current value differs from what was sent (e.g. `caller.ageGroup`, `needs`). */
  differingFields: z.array(z.string()),
  current: Contact,
});
export type ContactVersionConflict = z.infer<typeof ContactVersionConflict>;

export const ContactIdParams = z.object({ id: z.uuid() });

// ---------------------------------------------------------------------------------------------------------
// Finding contacts (supervisors see all; specialists their own)

export const ContactListQuery = PageQuery.extend({
  /** Inclusive start of startedAt: a date (2026-01-31) or a date-time. */
  from: z.union([z.iso.date(), IsoDateTime]).optional(),
  /** Exclusive end of startedAt: a date (the day after) or a date-time. */
  to: z.union([z.iso.date(), IsoDateTime]).optional(),
  specialistId: z.uuid().optional(),
  lineId: LineId.optional(),
  /** Top-level need category (FOOD) or a subcategory term id. */
  need: z.string().max(64).optional(),
  municipality: z.string().trim().max(120).optional(),
  crisis: z.enum(['true', 'false']).optional(),
  status: ContactStatus.optional(),
});
export type ContactListQuery = z.input<typeof ContactListQuery>;

/** POST /api/contacts/search: the same filters in the body, so a place or a name never sits in a URL. */
export const ContactSearchRequest = ContactListQuery;
export type ContactSearchRequest = z.input<typeof ContactSearchRequest>;

export const ContactSummary = z.object({
  id: z.uuid(),
  status: ContactStatus,
  channel: Channel,
  lineId: LineId,
  specialist: StaffRef.nullable(),
  startedAt: IsoDateTime,
  endedAt: IsoDateTime.nullable(),
  disposition: Disposition.nullable(),
  municipality: z.string().nullable(),
  needCategories: z.array(z.string()),
  crisisFlags: z.array(CrisisFlag),
  version: z.number().int(),
});
export type ContactSummary = z.infer<typeof ContactSummary>;
export const ContactPage = pageOf(ContactSummary);
export type ContactPage = z.infer<typeof ContactPage>;

export const TimelineEntry = z.object({
  at: IsoDateTime,
  /** create | update | close | read | import … */
  action: z.string(),
  /** contact | contact_need | contact_referral | follow_up */
  entityType: z.string(),
  entityId: z.string().nullable(),
  fields: z.array(z.string()),
  actor: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;
export const ContactTimeline = z.object({ items: z.array(TimelineEntry) });
export type ContactTimeline = z.infer<typeof ContactTimeline>;

export const ContactPhone = z.object({ phone: z.string().nullable() });

// ---------------------------------------------------------------------------------------------------------
// Repeat callers and safety notes. The phone travels in a POST body, never in a URL.

/**
 * A lookup is made from a contact: the caller's number saved on it, never any number. Specialists look up from a
 * contact they are handling (their own draft); supervisors from any contact, with a reason that is recorded.
 * Audited with a keyed hash of the number and the ids of every contact shown; rate-limited per staff member
 * (429 with Retry-After).
 */
export const CallerLookupRequest = z.object({
  contactId: z.uuid(),
  /** The number as typed on that contact (any format): refused with 409 until the contact holds it. */
  phone: z.string().trim().min(1).max(40).optional(),
  /** Why a supervisor looks up this caller; required unless they are handling the contact. No caller details. */
  reason: z.string().trim().min(5).max(500).optional(),
});
export type CallerLookupRequest = z.infer<typeof CallerLookupRequest>;

export const SafetyNote = z.object({
  id: z.uuid(),
  note: z.string(),
  createdAt: IsoDateTime,
  createdBy: StaffRef.nullable(),
});
export type SafetyNote = z.infer<typeof SafetyNote>;

export const CallerHistoryContact = z.object({
  id: z.uuid(),
  startedAt: IsoDateTime,
  status: ContactStatus,
  channel: Channel,
  lineId: LineId,
  disposition: Disposition.nullable(),
  needs: z.array(z.object({ termId: z.string(), categoryId: z.string(), status: NeedStatus })),
  crisisFlags: z.array(CrisisFlag),
  specialist: StaffRef.nullable(),
});
export type CallerHistoryContact = z.infer<typeof CallerHistoryContact>;

export const CallerHistory = z.object({
  /** The contact the lookup was made from (never listed in `contacts`). */
  contactId: z.uuid(),
  phoneMasked: z.string(),
  /** Most recent first, at most 50. */
  contacts: z.array(CallerHistoryContact),
  safetyNotes: z.array(SafetyNote),
});
export type CallerHistory = z.infer<typeof CallerHistory>;

export const CreateSafetyNoteRequest = z.object({
  phone: z.string().trim().min(1).max(40),
  note: z.string().trim().min(1).max(4000),
});
export type CreateSafetyNoteRequest = z.infer<typeof CreateSafetyNoteRequest>;

export const RetiredSafetyNote = z.object({ id: z.uuid(), retiredAt: IsoDateTime });
export type RetiredSafetyNote = z.infer<typeof RetiredSafetyNote>;

// ---------------------------------------------------------------------------------------------------------
// Referral summary (text for SMS / email)

export const ReferralSummaryQuery = z.object({
  /** Defaults to the caller's language when en/fr, else the specialist's. */
  lang: Locale.optional(),
});
export const ReferralSummary = z.object({ language: Locale, text: z.string() });
export type ReferralSummary = z.infer<typeof ReferralSummary>;

// ---------------------------------------------------------------------------------------------------------
// Bulk import (NDJSON, docs/contacts-ndjson.md)

export const ImportReferral = z.object({
  serviceId: z.uuid().nullable().optional(),
  locationId: z.uuid().nullable().optional(),
  kind: ReferralKind.default('referral'),
  serviceName: z.string().trim().min(1).max(300),
  servicePhone: z.string().trim().max(60).nullable().optional(),
});

export const ImportNeed = z.object({
  termId: z.string().trim().min(1).max(64),
  unmetReason: UnmetReason.nullable().optional(),
  unmetNote: z.string().max(2000).nullable().optional(),
  referrals: z.array(ImportReferral).max(30).default([]),
});

/** One line of the NDJSON import: a closed historical contact. */
export const ImportContactLine = z.object({
  externalId: z.string().trim().min(1).max(200),
  channel: Channel,
  lineId: LineId.default('general'),
  /** Email of a Relais staff member, when they exist here; otherwise left empty. */
  specialistEmail: z.email().optional(),
  startedAt: IsoDateTime,
  endedAt: IsoDateTime.nullable().optional(),
  disposition: Disposition.nullable().optional(),
  notes: z.string().max(20_000).nullable().optional(),
  caller: z.object({
    firstName: z.string().trim().max(100).nullable().optional(),
    phone: z.string().trim().max(40).nullable().optional(),
    ageGroup: AgeGroup,
    gender: Gender,
    language: LanguageCode.nullable().optional(),
    location: CallerLocationInput,
    relation: CallerRelation.nullable().optional(),
  }),
  needs: z.array(ImportNeed).max(50).default([]),
  noNeed: z.boolean().default(false),
  crisisFlags: z.array(CrisisFlag).max(3).default([]),
  lineFields: LineFieldValues.default({}),
});
export type ImportContactLine = z.input<typeof ImportContactLine>;

export const ImportRejectedLine = z.object({
  line: z.number().int(),
  externalId: z.string().nullable(),
  errors: z.array(FieldError),
});

export const ImportReport = z.object({
  /** Non-blank lines read. */
  lines: z.number().int(),
  created: z.number().int(),
  /** Lines whose externalId was already imported: nothing created twice. */
  alreadyImported: z.number().int(),
  rejectedCount: z.number().int(),
  /** The first 1,000 rejected lines with their reasons. */
  rejected: z.array(ImportRejectedLine),
});
export type ImportReport = z.infer<typeof ImportReport>;

// ---------------------------------------------------------------------------------------------------------
// Realtime events (see realtime.ts): ids and small deltas only, never personal details.

/** To rooms.role('supervisor'), right after the commit that set or changed a crisis flag. */
export const ContactCrisisEvent = z.object({
  contactId: z.uuid(),
  specialistId: z.uuid().nullable(),
  flags: z.array(CrisisFlag),
  lineId: LineId,
  channel: Channel,
  at: IsoDateTime,
});
export type ContactCrisisEvent = z.infer<typeof ContactCrisisEvent>;

/**
 * GET /api/contacts/crises (supervisors): the crises this supervisor has not acknowledged since they were raised
 * (drafts, and those raised in the last 24 hours), newest first. The console loads it on start and after every
 * reconnect or resync, so an alert whose notification was lost still shows.
 */
export const OpenCrises = z.object({ items: z.array(ContactCrisisEvent) });
export type OpenCrises = z.infer<typeof OpenCrises>;

/** POST /api/contacts/:id/crisis/acknowledge (supervisors): this supervisor has seen the alert. */
export const CrisisAcknowledged = z.object({ contactId: z.uuid(), acknowledgedAt: IsoDateTime });
export type CrisisAcknowledged = z.infer<typeof CrisisAcknowledged>;

/** To supervisors and the contact's specialist after each create, autosave and close (live queue). */
export const ContactChangedEvent = z.object({
  id: z.uuid(),
  version: z.number().int(),
  status: ContactStatus,
  specialistId: z.uuid().nullable(),
  lineId: LineId,
  channel: Channel,
  crisis: z.boolean(),
});
export type ContactChangedEvent = z.infer<typeof ContactChangedEvent>;
