import type { UpdateContactRequest } from '@relais/contracts';
import type { Db } from '@relais/db';
import type { z } from 'zod';
import { AppError } from '../../lib/errors';
import type { FieldError } from '@relais/contracts';
import * as m from './contacts.mutations';
import * as q from './contacts.queries';
import type { ContactRecord, LineRow } from './contacts.queries';
import type { ContactValues } from './contacts.mutations';
import { lineFieldErrors, phoneDigitsOrThrow, sameValue } from './contacts.rules';

/**
 * Turning a (partial) contact document into row changes: the contact's columns, and the needs, referrals
 * and follow-ups to insert, update or delete compared with what is stored. Used by create and autosave.
 */

export type DraftPatch = Omit<z.output<typeof UpdateContactRequest>, 'version'>;

export const validationError = (fields: FieldError[], message?: string) =>
  new AppError('validation', message ?? fields.map((f) => `${f.path}: ${f.message}`).join('; '), { fields });

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

const needKey = (n: q.NeedRecord) => [n.id, n.termId, n.note, n.unmetReason, n.unmetNote, n.position];
const needWriteKey = (n: m.NeedWrite) => [n.id, n.term_id, n.note, n.unmet_reason, n.unmet_note, n.position];
const referralKey = (r: q.ReferralRecord) => [
  r.id,
  r.needId,
  r.serviceId,
  r.locationId,
  r.kind,
  r.note,
  r.position,
];
const referralWriteKey = (r: m.ReferralWrite) => [
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
  const needRows: m.NeedWrite[] = [];
  const referralRows: m.ReferralWrite[] = [];
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

export interface ChildChanges {
  audit: m.AuditWrite[];
  needs: q.NeedRecord[];
  referrals: q.ReferralRecord[];
  followUps: q.FollowUpRecord[];
}

/**
 * Writes the needs/referrals/follow-ups of the patch against what is stored (`before`; empty on create):
 * only rows that changed are written, rows no longer present are deleted, and one audit entry per change.
 */
export async function writeChildren(
  tx: Db,
  contactId: string,
  before: Pick<ContactRecord, 'needs' | 'referrals' | 'followUps'>,
  patch: DraftPatch,
  createdById: string | null,
): Promise<ChildChanges> {
  const audit: m.AuditWrite[] = [];
  let needs = before.needs;
  let referrals = before.referrals;
  let followUps = before.followUps;

  if (patch.needs !== undefined) {
    const wanted = childWrites(patch.needs);
    const oldNeeds = new Map(before.needs.map((n) => [n.id, n]));
    const oldRefs = new Map(before.referrals.map((r) => [r.id, r]));
    const needChanges = wanted.needs.filter((n) => {
      const old = oldNeeds.get(n.id);
      return !old || !sameValue(needKey(old), needWriteKey(n));
    });
    const refChanges = wanted.referrals.filter((r) => {
      const old = oldRefs.get(r.id);
      return !old || !sameValue(referralKey(old), referralWriteKey(r));
    });
    const wantedNeedIds = new Set(wanted.needs.map((n) => n.id));
    const wantedRefIds = new Set(wanted.referrals.map((r) => r.id));
    const goneNeeds = before.needs.filter((n) => !wantedNeedIds.has(n.id)).map((n) => n.id);
    const goneRefs = before.referrals.filter((r) => !wantedRefIds.has(r.id)).map((r) => r.id);

    await m.deleteChildren(tx, 'contact_referrals', contactId, goneRefs);
    await m.deleteChildren(tx, 'contact_needs', contactId, goneNeeds);
    const writtenNeeds = await m.upsertNeeds(tx, contactId, needChanges);
    if (writtenNeeds.length !== needChanges.length) {
      const written = new Set(writtenNeeds.map((n) => n.id));
      const unknownTerms = new Set(
        await q.unknownTerms(
          tx,
          needChanges.map((n) => n.term_id),
        ),
      );
      const fields = needChanges
        .filter((n) => !written.has(n.id))
        .map((n) => {
          const i = wanted.needs.indexOf(n);
          return unknownTerms.has(n.term_id)
            ? { path: `needs.${i}.termId`, message: `${n.term_id} is not a taxonomy term` }
            : { path: `needs.${i}.id`, message: 'belongs to another contact' };
        });
      throw validationError(fields);
    }
    const writtenRefs = await m.upsertReferrals(tx, contactId, refChanges);
    if (writtenRefs.length !== refChanges.length) {
      const written = new Set(writtenRefs.map((r) => r.id));
      throw validationError(
        refChanges
          .filter((r) => !written.has(r.id))
          .map((r) => ({ path: `referrals.${r.id}`, message: 'belongs to another contact' })),
      );
    }
    for (const n of needChanges)
      audit.push({
        action: oldNeeds.has(n.id) ? 'update' : 'create',
        entityType: 'contact_need',
        entityId: n.id,
        fields: ['termId', 'note', 'unmetReason', 'unmetNote'],
      });
    for (const id of goneNeeds)
      audit.push({ action: 'delete', entityType: 'contact_need', entityId: id, fields: null });
    for (const r of refChanges)
      audit.push({
        action: oldRefs.has(r.id) ? 'update' : 'create',
        entityType: 'contact_referral',
        entityId: r.id,
        fields: ['needId', 'serviceId', 'locationId', 'kind', 'note'],
      });
    for (const id of goneRefs)
      audit.push({ action: 'delete', entityType: 'contact_referral', entityId: id, fields: null });

    const merged = new Map(needs.map((n) => [n.id, n]));
    for (const n of writtenNeeds) merged.set(n.id, n);
    needs = wanted.needs.map((n) => merged.get(n.id)).filter((n): n is q.NeedRecord => n !== undefined);
    const mergedRefs = new Map(referrals.map((r) => [r.id, r]));
    for (const r of writtenRefs) mergedRefs.set(r.id, r);
    referrals = wanted.referrals
      .map((r) => mergedRefs.get(r.id))
      .filter((r): r is q.ReferralRecord => r !== undefined);
  }

  if (patch.followUps !== undefined) {
    const old = new Map(before.followUps.map((f) => [f.id, f]));
    const rows: m.FollowUpWrite[] = patch.followUps.map((f) => ({
      id: f.id,
      due_at: new Date(f.dueAt).toISOString(),
      note: f.note ?? null,
      assigned_to_id: f.assignedToId ?? null,
    }));
    const changed = rows.filter((f) => {
      const o = old.get(f.id);
      return (
        !o ||
        !sameValue(
          [new Date(o.dueAt).toISOString(), o.note, o.assignedToId],
          [f.due_at, f.note, f.assigned_to_id],
        )
      );
    });
    const wantedIds = new Set(rows.map((f) => f.id));
    const gone = before.followUps.filter((f) => !wantedIds.has(f.id) && f.status === 'open').map((f) => f.id);
    await m.deleteChildren(tx, 'follow_ups', contactId, gone);
    const written = await m.upsertFollowUps(tx, contactId, createdById, changed);
    if (written.length !== changed.length)
      throw validationError([
        { path: 'followUps', message: 'a follow-up id belongs to another contact or is closed' },
      ]);
    for (const f of changed)
      audit.push({
        action: old.has(f.id) ? 'update' : 'create',
        entityType: 'follow_up',
        entityId: f.id,
        fields: ['dueAt', 'note', 'assignedToId'],
      });
    for (const id of gone)
      audit.push({ action: 'delete', entityType: 'follow_up', entityId: id, fields: null });
    const merged = new Map(followUps.map((f) => [f.id, f]));
    for (const f of written) merged.set(f.id, f);
    followUps = [
      ...rows.map((f) => merged.get(f.id)).filter((f): f is q.FollowUpRecord => f !== undefined),
      ...before.followUps.filter((f) => !wantedIds.has(f.id) && f.status !== 'open'),
    ];
  }
  return { audit, needs, referrals, followUps };
}

/** A foreign-key failure (unknown service, site or staff member) turned into a field error. */
export async function explainForeignKey(db: Db, patch: DraftPatch): Promise<AppError | undefined> {
  const fields: FieldError[] = [];
  const refs = (patch.needs ?? []).flatMap((n, i) =>
    n.referrals.map((r, j) => ({ r, path: `needs.${i}.referrals.${j}` })),
  );
  const badServices = new Set(
    await q.unknownIds(
      db,
      'services',
      refs.flatMap(({ r }) => (r.serviceId ? [r.serviceId] : [])),
    ),
  );
  const badLocations = new Set(
    await q.unknownIds(
      db,
      'locations',
      refs.flatMap(({ r }) => (r.locationId ? [r.locationId] : [])),
    ),
  );
  for (const { r, path } of refs) {
    if (r.serviceId && badServices.has(r.serviceId))
      fields.push({ path: `${path}.serviceId`, message: 'is not a service of the directory' });
    if (r.locationId && badLocations.has(r.locationId))
      fields.push({ path: `${path}.locationId`, message: 'is not a site of the directory' });
  }
  const needs = patch.needs ?? [];
  const badTerms = new Set(
    await q.unknownTerms(
      db,
      needs.map((n) => n.termId),
    ),
  );
  needs.forEach((n, i) => {
    if (badTerms.has(n.termId))
      fields.push({ path: `needs.${i}.termId`, message: `${n.termId} is not a taxonomy term` });
  });
  const usedIds = new Set(
    await q.existingChildIds(db, [
      ...needs.map((n) => n.id),
      ...refs.map(({ r }) => r.id),
      ...(patch.followUps ?? []).map((f) => f.id),
    ]),
  );
  needs.forEach((n, i) => {
    if (usedIds.has(n.id))
      fields.push({ path: `needs.${i}.id`, message: 'is already used by another contact' });
  });
  for (const { r, path } of refs)
    if (usedIds.has(r.id)) fields.push({ path: `${path}.id`, message: 'is already used by another contact' });
  (patch.followUps ?? []).forEach((f, i) => {
    if (usedIds.has(f.id))
      fields.push({ path: `followUps.${i}.id`, message: 'is already used by another contact' });
  });
  const assignees = (patch.followUps ?? []).flatMap((f) => (f.assignedToId ? [f.assignedToId] : []));
  const badStaff = new Set(await q.unknownIds(db, 'staff', assignees));
  (patch.followUps ?? []).forEach((f, i) => {
    if (f.assignedToId && badStaff.has(f.assignedToId))
      fields.push({ path: `followUps.${i}.assignedToId`, message: 'is not a staff member' });
  });
  return fields.length ? validationError(fields) : undefined;
}

/** The PostgreSQL error code of a failed query (drizzle wraps driver errors in `cause`). */
export function pgCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 3 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
