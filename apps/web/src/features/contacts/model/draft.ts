import type {
  AgeGroup,
  CallerRelation,
  Channel,
  Contact,
  CrisisFlag,
  Disposition,
  Gender,
  LineFieldValues,
  ReferralKind,
  UnmetReason,
  UpdateContactRequest,
} from '@relais/contracts';

/** The caller's "did not say" language code (ISO 639-2 `und`, undetermined). */
export const UNDISCLOSED_LANGUAGE = 'und';

export interface DraftReferral {
  id: string;
  serviceId: string | null;
  locationId: string | null;
  kind: ReferralKind;
  serviceName: string;
  servicePhone: string | null;
  locationName: string | null;
  note: string | null;
}

export interface DraftNeed {
  id: string;
  termId: string;
  note: string | null;
  unmetReason: UnmetReason | null;
  unmetNote: string | null;
  referrals: DraftReferral[];
}

export interface DraftFollowUp {
  id: string;
  dueAt: string;
  note: string | null;
}

export interface DraftCaller {
  firstName: string | null;
  /** Only present when typed on this screen: the server keeps the number and returns it masked. */
  phone?: string | null;
  ageGroup: AgeGroup | null;
  gender: Gender | null;
  language: string | null;
  location: { undisclosed: boolean; municipality: string | null; fsa: string | null } | null;
  relation: CallerRelation | null;
}

/** What the specialist edits on the workspace: the writable part of a contact, in PATCH shape. */
export interface ContactDraft {
  channel: Channel;
  lineId: string;
  disposition: Disposition | null;
  notes: string | null;
  endedAt: string | null;
  caller: DraftCaller;
  needs: DraftNeed[];
  noNeed: boolean;
  crisisFlags: CrisisFlag[];
  followUps: DraftFollowUp[];
  noFollowUpReason: string | null;
  lineFields: LineFieldValues;
}

export function toDraft(contact: Contact): ContactDraft {
  const { caller } = contact;
  return {
    channel: contact.channel,
    lineId: contact.lineId,
    disposition: contact.disposition,
    notes: contact.notes,
    endedAt: contact.endedAt,
    caller: {
      firstName: caller.firstName,
      ageGroup: caller.ageGroup,
      gender: caller.gender,
      language: caller.language,
      location: caller.location,
      relation: caller.relation,
    },
    needs: contact.needs.map((need) => ({
      id: need.id,
      termId: need.termId,
      note: need.note,
      unmetReason: need.unmetReason,
      unmetNote: need.unmetNote,
      referrals: need.referrals.map((r) => ({
        id: r.id,
        serviceId: r.serviceId,
        locationId: r.locationId,
        kind: r.kind,
        serviceName: r.serviceName,
        servicePhone: r.servicePhone,
        locationName: r.locationName,
        note: r.note,
      })),
    })),
    noNeed: contact.noNeed,
    crisisFlags: contact.crisisFlags,
    followUps: contact.followUps
      .filter((f) => f.status !== 'cancelled')
      .map((f) => ({ id: f.id, dueAt: f.dueAt, note: f.note })),
    noFollowUpReason: contact.noFollowUpReason,
    lineFields: contact.lineFields,
  };
}

/** The PATCH body for a draft: everything, so one request carries the whole screen. */
export function toUpdateRequest(draft: ContactDraft, version: number): UpdateContactRequest {
  const { phone, ...caller } = draft.caller;
  return {
    version,
    channel: draft.channel,
    lineId: draft.lineId,
    disposition: draft.disposition,
    notes: blankToNull(draft.notes),
    endedAt: draft.endedAt,
    caller: {
      ...caller,
      firstName: blankToNull(caller.firstName),
      location: cleanLocation(caller.location),
      ...(phone === undefined ? {} : { phone: blankToNull(phone) }),
    },
    needs: draft.needs.map((need) => ({
      ...need,
      note: blankToNull(need.note),
      unmetNote: blankToNull(need.unmetNote),
    })),
    noNeed: draft.noNeed,
    crisisFlags: draft.crisisFlags,
    followUps: draft.followUps.filter((f) => f.dueAt),
    noFollowUpReason: blankToNull(draft.noFollowUpReason),
    lineFields: draft.lineFields,
  };
}

function cleanLocation(location: DraftCaller['location']): DraftCaller['location'] {
  if (!location) return null;
  if (location.undisclosed) return { undisclosed: true, municipality: null, fsa: null };
  const municipality = blankToNull(location.municipality);
  const fsa = blankToNull(location.fsa);
  // An FSA is saved only once it is complete, so a half-typed "P7" never blocks the rest of the save.
  const completeFsa = fsa && /^[A-Za-z]\d[A-Za-z]$/.test(fsa) ? fsa.toUpperCase() : null;
  if (!municipality && !completeFsa) return null;
  return { undisclosed: false, municipality, fsa: completeFsa };
}

function blankToNull(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  return value.trim() === '' ? null : value;
}

export function newId(): string {
  return crypto.randomUUID();
}

export function emptyNeed(termId: string): DraftNeed {
  return { id: newId(), termId, note: null, unmetReason: null, unmetNote: null, referrals: [] };
}
