import type { Db } from '@relais/db';
import type { AuditEntry } from '../../lib/audit';
import { deleteChildren, upsertFollowUps, upsertNeeds, upsertReferrals } from './contacts.children.queries';
import { validationError } from './contacts.errors';
import {
  childWrites,
  followUpWrites,
  needKey,
  needWriteKey,
  referralKey,
  referralWriteKey,
  type DraftPatch,
} from './contacts.patch';
import { unknownTerms } from './contacts.queries';
import type { ContactRecord, FollowUpRecord, NeedRecord, ReferralRecord } from './contacts.records';
import { sameValue } from './contacts.rules';

export interface ChildChanges {
  audit: AuditEntry[];
  needs: NeedRecord[];
  referrals: ReferralRecord[];
  followUps: FollowUpRecord[];
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
  const audit: AuditEntry[] = [];
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

    await deleteChildren(tx, 'contact_referrals', contactId, goneRefs);
    await deleteChildren(tx, 'contact_needs', contactId, goneNeeds);
    const writtenNeeds = await upsertNeeds(tx, contactId, needChanges);
    if (writtenNeeds.length !== needChanges.length) {
      const written = new Set(writtenNeeds.map((n) => n.id));
      const badTerms = new Set(
        await unknownTerms(
          tx,
          needChanges.map((n) => n.term_id),
        ),
      );
      const fields = needChanges
        .filter((n) => !written.has(n.id))
        .map((n) => {
          const i = wanted.needs.indexOf(n);
          return badTerms.has(n.term_id)
            ? { path: `needs.${i}.termId`, message: `${n.term_id} is not a taxonomy term` }
            : { path: `needs.${i}.id`, message: 'belongs to another contact' };
        });
      throw validationError(fields);
    }
    const writtenRefs = await upsertReferrals(tx, contactId, refChanges);
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
    for (const id of goneNeeds) audit.push({ action: 'delete', entityType: 'contact_need', entityId: id });
    for (const r of refChanges)
      audit.push({
        action: oldRefs.has(r.id) ? 'update' : 'create',
        entityType: 'contact_referral',
        entityId: r.id,
        fields: ['needId', 'serviceId', 'locationId', 'kind', 'note'],
      });
    for (const id of goneRefs) audit.push({ action: 'delete', entityType: 'contact_referral', entityId: id });

    const merged = new Map(needs.map((n) => [n.id, n]));
    for (const n of writtenNeeds) merged.set(n.id, n);
    needs = wanted.needs.map((n) => merged.get(n.id)).filter((n): n is NeedRecord => n !== undefined);
    const mergedRefs = new Map(referrals.map((r) => [r.id, r]));
    for (const r of writtenRefs) mergedRefs.set(r.id, r);
    referrals = wanted.referrals
      .map((r) => mergedRefs.get(r.id))
      .filter((r): r is ReferralRecord => r !== undefined);
  }

  if (patch.followUps !== undefined) {
    const old = new Map(before.followUps.map((f) => [f.id, f]));
    const rows = followUpWrites(patch.followUps);
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
    await deleteChildren(tx, 'follow_ups', contactId, gone);
    const written = await upsertFollowUps(tx, contactId, createdById, changed);
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
    for (const id of gone) audit.push({ action: 'delete', entityType: 'follow_up', entityId: id });
    const merged = new Map(followUps.map((f) => [f.id, f]));
    for (const f of written) merged.set(f.id, f);
    followUps = [
      ...rows.map((f) => merged.get(f.id)).filter((f): f is FollowUpRecord => f !== undefined),
      ...before.followUps.filter((f) => !wantedIds.has(f.id) && f.status !== 'open'),
    ];
  }
  return { audit, needs, referrals, followUps };
}
