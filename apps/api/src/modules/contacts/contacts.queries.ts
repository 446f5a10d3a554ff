import { preparedRows, rows, schema, type Db } from '@relais/db';
import { asc, sql } from 'drizzle-orm';

/**
 * Contacts queries. Children are written with jsonb_to_recordset: one statement (one round trip) per
 * table whatever the number of rows, and the same SQL on PostgreSQL and PGlite.
 */

export const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

export type LineRow = typeof schema.lines.$inferSelect;

export function listLines(db: Db) {
  return db.select().from(schema.lines).orderBy(asc(schema.lines.sortOrder), asc(schema.lines.id));
}

// ---------------------------------------------------------------------------------------------------------
// Reading one contact with its children in one round trip

export interface NeedRecord {
  id: string;
  termId: string;
  categoryId: string;
  note: string | null;
  unmetReason: string | null;
  unmetNote: string | null;
  position: number;
}
export interface ReferralRecord {
  id: string;
  needId: string;
  serviceId: string | null;
  locationId: string | null;
  kind: string;
  serviceName: string;
  servicePhone: string | null;
  locationName: string | null;
  note: string | null;
  position: number;
  createdAt: string;
  /** What was referred, in both languages, as the directory had it at referral time. */
  serviceNameEn: string | null;
  serviceNameFr: string | null;
  locationNameEn: string | null;
  locationNameFr: string | null;
  organizationNameEn: string | null;
  organizationNameFr: string | null;
  /** The directory records now: gone (deleted, or never there), inactive, or still referable. */
  directory: ReferralDirectoryState;
}

export type ReferralDirectoryState = 'current' | 'inactive' | 'gone';
export interface FollowUpRecord {
  id: string;
  contactId: string;
  dueAt: string;
  status: 'open' | 'done' | 'cancelled';
  note: string | null;
  assignedToId: string | null;
  createdAt: string;
}
export type ContactRow = typeof schema.contacts.$inferSelect;
export interface ContactRecord extends ContactRow {
  specialistName: string | null;
  needs: NeedRecord[];
  referrals: ReferralRecord[];
  followUps: FollowUpRecord[];
}

export interface RawContact {
  id: string;
  version: number;
  status: 'draft' | 'closed';
  channel: string;
  line_id: string;
  specialist_id: string | null;
  specialist_name: string | null;
  started_at: Date | string;
  ended_at: Date | string | null;
  disposition: string | null;
  notes: string | null;
  caller_first_name: string | null;
  caller_phone_digits: string | null;
  caller_age_group: string | null;
  caller_gender: string | null;
  caller_language: string | null;
  caller_location_undisclosed: boolean;
  caller_municipality: string | null;
  caller_fsa: string | null;
  caller_relation: string | null;
  no_need: boolean;
  crisis_flags: string[];
  no_follow_up_reason: string | null;
  line_fields: Record<string, string | number | boolean | null>;
  external_id: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  closed_at: Date | string | null;
  crisis_raised_at: Date | string | null;
  needs: NeedRecord[] | null;
  referrals: ReferralRecord[] | null;
  follow_ups: FollowUpRecord[] | null;
}

export const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));
const asDateOrNull = (v: Date | string | null) => (v === null ? null : asDate(v));

export function toRecord(r: RawContact): ContactRecord {
  return {
    id: r.id,
    version: r.version,
    status: r.status,
    channel: r.channel,
    lineId: r.line_id,
    specialistId: r.specialist_id,
    specialistName: r.specialist_name,
    startedAt: asDate(r.started_at),
    endedAt: asDateOrNull(r.ended_at),
    disposition: r.disposition,
    notes: r.notes,
    callerFirstName: r.caller_first_name,
    callerPhoneDigits: r.caller_phone_digits,
    callerAgeGroup: r.caller_age_group,
    callerGender: r.caller_gender,
    callerLanguage: r.caller_language,
    callerLocationUndisclosed: r.caller_location_undisclosed,
    callerMunicipality: r.caller_municipality,
    callerFsa: r.caller_fsa,
    callerRelation: r.caller_relation,
    noNeed: r.no_need,
    crisisFlags: r.crisis_flags,
    noFollowUpReason: r.no_follow_up_reason,
    lineFields: r.line_fields,
    externalId: r.external_id,
    createdAt: asDate(r.created_at),
    updatedAt: asDate(r.updated_at),
    closedAt: asDateOrNull(r.closed_at),
    crisisRaisedAt: asDateOrNull(r.crisis_raised_at ?? null),
    needs: r.needs ?? [],
    referrals: r.referrals ?? [],
    followUps: r.follow_ups ?? [],
  };
}

/** The directory records of the referral aliased `r` (rs: its service, rl: its site), when they still exist. */
export const referralDirectoryJoin = sql`LEFT JOIN services rs ON rs.id = r.service_id
  LEFT JOIN locations rl ON rl.id = r.location_id`;

/**
 * The snapshot columns of the referral `r` as JSON members, and the state of its directory records (needs
 * referralDirectoryJoin): a service or site gone from the directory, or no longer active, shows the snapshot.
 */
export const referralSnapshotJson = sql`'serviceNameEn', r.service_name_en, 'serviceNameFr', r.service_name_fr,
  'locationNameEn', r.location_name_en, 'locationNameFr', r.location_name_fr,
  'organizationNameEn', r.organization_name_en, 'organizationNameFr', r.organization_name_fr,
  'directory', CASE WHEN rs.id IS NULL THEN 'gone'
                    WHEN rs.status = 'inactive' OR rl.status = 'inactive' THEN 'inactive'
                    ELSE 'current' END`;

/** The children of the contact row aliased `c`, aggregated as JSON (one round trip for the whole document). */
export const childAggregates = sql`
    (SELECT json_agg(json_build_object('id', n.id, 'termId', n.term_id, 'categoryId', n.category_id,
        'note', n.note, 'unmetReason', n.unmet_reason, 'unmetNote', n.unmet_note, 'position', n.position)
        ORDER BY n.position, n.created_at)
       FROM contact_needs n WHERE n.contact_id = c.id) AS needs,
    (SELECT json_agg(json_build_object('id', r.id, 'needId', r.need_id, 'serviceId', r.service_id,
        'locationId', r.location_id, 'kind', r.kind, 'serviceName', r.service_name,
        'servicePhone', r.service_phone, 'locationName', r.location_name, 'note', r.note,
        'position', r.position, 'createdAt', r.created_at, ${referralSnapshotJson})
        ORDER BY r.position, r.created_at)
       FROM contact_referrals r ${referralDirectoryJoin} WHERE r.contact_id = c.id) AS referrals,
    (SELECT json_agg(json_build_object('id', f.id, 'contactId', f.contact_id, 'dueAt', f.due_at,
        'status', f.status, 'note', f.note, 'assignedToId', f.assigned_to_id, 'createdAt', f.created_at)
        ORDER BY f.due_at, f.created_at)
       FROM follow_ups f WHERE f.contact_id = c.id) AS follow_ups`;

const contactSelect = sql`
  SELECT c.*, s.name AS specialist_name, ${childAggregates}
  FROM contacts c LEFT JOIN staff s ON s.id = c.specialist_id`;

export async function findContact(db: Db, id: string, opts: { forUpdate?: boolean } = {}) {
  const lock = opts.forUpdate ? sql` FOR UPDATE OF c` : sql``;
  const query = sql`${contactSelect} WHERE c.id = ${id}${lock}`;
  const [row] = opts.forUpdate
    ? await rows<RawContact>(db, query)
    : await preparedRows<RawContact>(db, 'contacts_find', query);
  return row ? toRecord(row) : undefined;
}

/** Which of these ids are not known: used to name the bad field after a foreign-key failure. */
export async function unknownIds(db: Db, table: 'services' | 'locations' | 'staff', ids: string[]) {
  if (ids.length === 0) return [];
  const found = await rows<{ id: string }>(
    db,
    sql`SELECT id FROM ${sql.identifier(table)}
        WHERE id IN (SELECT value::uuid FROM jsonb_array_elements_text(${json(ids)}))`,
  );
  const known = new Set(found.map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

/** Which of these ids are already needs, referrals or follow-ups (of any contact). */
export async function existingChildIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  const found = await rows<{ id: string }>(
    db,
    sql`WITH i AS (SELECT value::uuid AS id FROM jsonb_array_elements_text(${json(ids)}))
        SELECT id FROM contact_needs WHERE id IN (SELECT id FROM i)
        UNION SELECT id FROM contact_referrals WHERE id IN (SELECT id FROM i)
        UNION SELECT id FROM follow_ups WHERE id IN (SELECT id FROM i)`,
  );
  return found.map((r) => r.id);
}

export async function unknownTerms(db: Db, termIds: string[]) {
  if (termIds.length === 0) return [];
  const found = await rows<{ id: string }>(
    db,
    sql`SELECT id FROM taxonomy_terms WHERE id IN (SELECT value FROM jsonb_array_elements_text(${json(termIds)}))`,
  );
  const known = new Set(found.map((r) => r.id));
  return termIds.filter((id) => !known.has(id));
}

// ---------------------------------------------------------------------------------------------------------
// Idempotency keys

/** The key's claim while it is honoured (younger than `hours`); an older one is as good as gone. */
export async function findIdempotencyKey(db: Db, ownerId: string, key: string, hours: number) {
  const [row] = await rows<{
    request_hash: string;
    status_code: number;
    resource_id: string | null;
  }>(
    db,
    sql`SELECT request_hash, status_code, resource_id FROM idempotency_keys
        WHERE owner_id = ${ownerId} AND key = ${key}
          AND created_at > now() - make_interval(hours => ${hours})`,
  );
  return row;
}

/** A contact row as returned by row_to_json / RETURNING (snake_case), as a record with its children. */
export function recordFromJson(
  contact: Record<string, unknown>,
  children: {
    specialistName: string | null;
    needs: NeedRecord[];
    referrals: ReferralRecord[];
    followUps: FollowUpRecord[];
  },
): ContactRecord {
  return toRecord({
    ...(contact as unknown as RawContact),
    specialist_name: children.specialistName,
    needs: children.needs,
    referrals: children.referrals,
    follow_ups: children.followUps,
  });
}

export function listSpecialists(db: Db) {
  return rows<{ id: string; name: string; disabled: boolean }>(
    db,
    sql`SELECT id, name, disabled_at IS NOT NULL AS disabled FROM staff
        WHERE 'specialist' = ANY(roles) ORDER BY disabled_at IS NOT NULL, lower(name), id`,
  );
}
