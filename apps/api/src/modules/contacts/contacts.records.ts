import type { schema } from '@relais/db';

/** The stored shapes of a contact: rows as the queries answer them, and rows as the writes send them. */

export type LineRow = typeof schema.lines.$inferSelect;
export type ContactRow = typeof schema.contacts.$inferSelect;
export type ContactValues = Omit<typeof schema.contacts.$inferInsert, 'id'>;

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
export interface ContactRecord extends ContactRow {
  specialistName: string | null;
  needs: NeedRecord[];
  referrals: ReferralRecord[];
  followUps: FollowUpRecord[];
}

/** A contact row with its children aggregated as JSON (snake_case, as PostgreSQL answers it). */
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

// Rows to write (column names), sent to PostgreSQL as JSON arrays.

export interface NeedWrite {
  id: string;
  term_id: string;
  note: string | null;
  unmet_reason: string | null;
  unmet_note: string | null;
  position: number;
}

export interface ReferralWrite {
  id: string;
  need_id: string;
  service_id: string | null;
  location_id: string | null;
  kind: string;
  service_name: string | null;
  service_phone: string | null;
  location_name: string | null;
  note: string | null;
  position: number;
}

export interface FollowUpWrite {
  id: string;
  due_at: string;
  note: string | null;
  assigned_to_id: string | null;
}
