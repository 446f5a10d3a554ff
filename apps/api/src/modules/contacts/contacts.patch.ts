import type { FieldError, UpdateContactRequest } from '@relais/contracts';
import { schema } from '@relais/db';
import { getTableColumns } from 'drizzle-orm';
import type { z } from 'zod';
import { validationError } from './contacts.errors';
import type {
  ContactRecord,
  ContactValues,
  FollowUpWrite,
  LineRow,
  NeedRecord,
  NeedWrite,
  ReferralRecord,
  ReferralWrite,
} from './contacts.records';
import { lineFieldErrors, phoneDigitsOrThrow, sameValue } from './contacts.rules';

/**
 * A (partial) contact document as row values: the contact's columns and its children's rows, and which of its
 * fields differ from what is stored. Pure; used by create and autosave.
 */

export type DraftPatch = Omit<z.output<typeof UpdateContactRequest>, 'version'>;

/** The masked number sent back as it was shown (`•••-•••-0123`) means "unchanged", never a new number. */
const isMasked = (phone: string | null) => phone !== null && phone.includes('•');

/** Contact columns for the keys present in the patch (absent = unchanged, null = cleared). */
export function contactColumns(
  patch: DraftPatch,
  line: LineRow,
  lineChanged: boolean,
): Partial<ContactValues> {
  const v: Partial<ContactValues> = {};
  if (patch.channel !== undefined) v.channel = patch.channel;
  if (patch.lineId !== undefined) v.lineId = patch.lineId;
  if (patch.startedAt !== undefined) v.startedAt = new Date(patch.startedAt);
  if (patch.endedAt !== undefined) v.endedAt = patch.endedAt === null ? null : new Date(patch.endedAt);
  if (patch.disposition !== undefined) v.disposition = patch.disposition;
  if (patch.notes !== undefined) v.notes = patch.notes;
  if (patch.noNeed !== undefined) v.noNeed = patch.noNeed;
  if (patch.crisisFlags !== undefined) v.crisisFlags = [...new Set(patch.crisisFlags)].sort();
  if (patch.noFollowUpReason !== undefined) v.noFollowUpReason = patch.noFollowUpReason;
  if (patch.lineFields !== undefined) {
    const errors = lineFieldErrors(line, patch.lineFields);
    if (errors.length) throw validationError(errors);
    v.lineFields = patch.lineFields;
  } else if (lineChanged) {
    v.lineFields = {}; // the previous line's extra fields mean nothing on the new line
  }
  const c = patch.caller;
  if (c) {
    if (c.firstName !== undefined) v.callerFirstName = c.firstName || null;
    if (c.phone !== undefined && !isMasked(c.phone))
      v.callerPhoneDigits = c.phone ? phoneDigitsOrThrow(c.phone, 'caller.phone') : null;
    if (c.ageGroup !== undefined) v.callerAgeGroup = c.ageGroup;
    if (c.gender !== undefined) v.callerGender = c.gender;
    if (c.language !== undefined) v.callerLanguage = c.language;
    if (c.relation !== undefined) v.callerRelation = c.relation;
    if (c.location !== undefined) {
      const loc = c.location;
      if (loc?.undisclosed && (loc.municipality || loc.fsa)) {
        throw validationError([
          { path: 'caller.location', message: 'undisclosed cannot be combined with a municipality or FSA' },
        ]);
      }
      v.callerLocationUndisclosed = loc?.undisclosed ?? false;
      v.callerMunicipality = loc?.municipality ?? null;
      v.callerFsa = loc?.fsa ?? null;
    }
  }
  return v;
}

/** Field names (contract paths) whose stored value differs from the patch: for audit rows and conflicts. */
export function differingFields(before: ContactRecord, patch: DraftPatch): string[] {
  const out: string[] = [];
  const check = (path: string, a: unknown, b: unknown) => {
    if (b !== undefined && !sameValue(a, b)) out.push(path);
  };
  check('channel', before.channel, patch.channel);
  check('lineId', before.lineId, patch.lineId);
  check(
    'startedAt',
    before.startedAt.toISOString(),
    patch.startedAt && new Date(patch.startedAt).toISOString(),
  );
  check(
    'endedAt',
    before.endedAt?.toISOString() ?? null,
    patch.endedAt === undefined ? undefined : patch.endedAt && new Date(patch.endedAt).toISOString(),
  );
  check('disposition', before.disposition, patch.disposition);
  check('notes', before.notes, patch.notes);
  check('noNeed', before.noNeed, patch.noNeed);
  check('crisisFlags', before.crisisFlags, patch.crisisFlags && [...new Set(patch.crisisFlags)].sort());
  check('noFollowUpReason', before.noFollowUpReason, patch.noFollowUpReason);
  check('lineFields', before.lineFields, patch.lineFields);
  const c = patch.caller;
  if (c) {
    check(
      'caller.firstName',
      before.callerFirstName,
      c.firstName === undefined ? undefined : c.firstName || null,
    );
    if (c.phone !== undefined && !isMasked(c.phone)) {
      const digits = c.phone ? phoneDigitsOrThrow(c.phone, 'caller.phone') : null;
      check('caller.phone', before.callerPhoneDigits, digits);
    }
    check('caller.ageGroup', before.callerAgeGroup, c.ageGroup);
    check('caller.gender', before.callerGender, c.gender);
    check('caller.language', before.callerLanguage, c.language);
    check('caller.relation', before.callerRelation, c.relation);
    if (c.location !== undefined) {
      const stored = {
        undisclosed: before.callerLocationUndisclosed,
        municipality: before.callerMunicipality,
        fsa: before.callerFsa,
      };
      const given = {
        undisclosed: c.location?.undisclosed ?? false,
        municipality: c.location?.municipality ?? null,
        fsa: c.location?.fsa ?? null,
      };
      check('caller.location', stored, given);
    }
  }
  if (patch.needs !== undefined) {
    const { needs, referrals } = childWrites(patch.needs);
    const storedNeeds = before.needs.map(needKey);
    const storedRefs = before.referrals.map(referralKey);
    if (!sameValue(storedNeeds, needs.map(needWriteKey))) out.push('needs');
    if (!sameValue(storedRefs, referrals.map(referralWriteKey))) out.push('referrals');
  }
  if (patch.followUps !== undefined) {
    const stored = before.followUps.map((f) => [
      f.id,
      new Date(f.dueAt).toISOString(),
      f.note,
      f.assignedToId,
    ]);
    const given = patch.followUps.map((f) => [
      f.id,
      new Date(f.dueAt).toISOString(),
      f.note ?? null,
      f.assignedToId ?? null,
    ]);
    if (!sameValue(stored, given)) out.push('followUps');
  }
  return out;
}

export const needKey = (n: NeedRecord) => [n.id, n.termId, n.note, n.unmetReason, n.unmetNote, n.position];
export const needWriteKey = (n: NeedWrite) => [
  n.id,
  n.term_id,
  n.note,
  n.unmet_reason,
  n.unmet_note,
  n.position,
];
export const referralKey = (r: ReferralRecord) => [
  r.id,
  r.needId,
  r.serviceId,
  r.locationId,
  r.kind,
  r.note,
  r.position,
];
export const referralWriteKey = (r: ReferralWrite) => [
  r.id,
  r.need_id,
  r.service_id,
  r.location_id,
  r.kind,
  r.note,
  r.position,
];

/** Flattens nested needs → referrals into rows, checking ids are unique and each referral names a service. */
export function childWrites(needs: NonNullable<DraftPatch['needs']>) {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const needRows: NeedWrite[] = [];
  const referralRows: ReferralWrite[] = [];
  needs.forEach((n, i) => {
    if (seen.has(n.id)) errors.push({ path: `needs.${i}.id`, message: 'is used twice' });
    seen.add(n.id);
    needRows.push({
      id: n.id,
      term_id: n.termId,
      note: n.note ?? null,
      unmet_reason: n.unmetReason ?? null,
      unmet_note: n.unmetNote ?? null,
      position: i,
    });
    n.referrals.forEach((r, j) => {
      const path = `needs.${i}.referrals.${j}`;
      if (seen.has(r.id)) errors.push({ path: `${path}.id`, message: 'is used twice' });
      seen.add(r.id);
      if (!r.serviceId && !r.serviceName)
        errors.push({ path: `${path}.serviceId`, message: 'give a directory service (or a service name)' });
      if (r.locationId && !r.serviceId)
        errors.push({ path: `${path}.locationId`, message: 'a site needs its service (serviceId)' });
      referralRows.push({
        id: r.id,
        need_id: n.id,
        service_id: r.serviceId ?? null,
        location_id: r.locationId ?? null,
        kind: r.kind,
        service_name: r.serviceName ?? null,
        service_phone: r.servicePhone ?? null,
        location_name: r.locationName ?? null,
        note: r.note ?? null,
        position: j,
      });
    });
  });
  if (errors.length) throw validationError(errors);
  return { needs: needRows, referrals: referralRows };
}

export function followUpWrites(followUps: NonNullable<DraftPatch['followUps']>): FollowUpWrite[] {
  return followUps.map((f) => ({
    id: f.id,
    due_at: new Date(f.dueAt).toISOString(),
    note: f.note ?? null,
    assigned_to_id: f.assignedToId ?? null,
  }));
}

/** Drizzle column values → a JSON object keyed by column name, for jsonb_populate_record. */
export function contactRowJson(values: Partial<ContactValues>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    caller_location_undisclosed: false,
    no_need: false,
    crisis_flags: [],
    line_fields: {},
  };
  const columns = getTableColumns(schema.contacts) as Record<string, { name: string }>;
  for (const [key, value] of Object.entries(values)) {
    const column = columns[key];
    if (column && value !== undefined) out[column.name] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}
