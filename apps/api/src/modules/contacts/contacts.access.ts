import type { Actor } from '../../lib/context';
import { hasRole } from '../../lib/context';
import { forbidden } from '../../lib/errors';
import type { ContactRecord } from './contacts.queries';

/**
 * Who may read or change a contact. Specialists work on their own contacts; supervisors on all. Follow-up
 * staff read a contact only while it is theirs to follow up: one of its follow-ups is assigned to them, or is
 * open in the shared pool (no assignee). A contact with follow-ups for someone else stays closed to them.
 */

export const isSupervisor = (actor: Actor) => hasRole(actor, 'supervisor');

const isOwner = (actor: Actor, record: Pick<ContactRecord, 'specialistId'>) =>
  actor.type === 'staff' && record.specialistId === actor.id;

export function assertCanWrite(actor: Actor, record: ContactRecord) {
  if (isSupervisor(actor) || isOwner(actor, record)) return;
  throw forbidden('Only the specialist who took this contact (or a supervisor) can change it');
}

export function canFollowUp(actor: Actor, record: Pick<ContactRecord, 'followUps'>) {
  if (!hasRole(actor, 'followup')) return false;
  return record.followUps.some(
    (f) => f.assignedToId === actor.id || (f.assignedToId === null && f.status === 'open'),
  );
}

export function assertCanRead(actor: Actor, record: ContactRecord) {
  if (isSupervisor(actor) || isOwner(actor, record) || canFollowUp(actor, record)) return;
  if (hasRole(actor, 'followup'))
    throw forbidden(
      'Follow-up staff can open a contact only when one of its follow-ups is assigned to them or open in the shared pool',
    );
  throw forbidden('You can only open your own contacts');
}

/** The staff member is handling this contact now: it is their own open draft. */
export const isHandling = (actor: Actor, record: Pick<ContactRecord, 'specialistId' | 'status'>) =>
  isOwner(actor, record) && record.status === 'draft';
