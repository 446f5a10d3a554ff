import type { Actor, ServiceContext } from '../../lib/context';
import { hasRole } from '../../lib/context';
import { forbidden, notFound } from '../../lib/errors';
import { findContact } from './contacts.queries';
import type { ContactRecord } from './contacts.records';

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

/** The contact to show: 404 when there is none, 403 when the actor may not read it. */
export async function contactToRead(ctx: Pick<ServiceContext, 'db' | 'actor'>, id: string) {
  const record = await findContact(ctx.db, id);
  if (!record) throw notFound('Contact');
  assertCanRead(ctx.actor, record);
  return record;
}

/**
 * The writer a wrap-up statement checks the contact against: null (any contact) for a supervisor, else the
 * actor's own id (a system actor, without one, matches no contact).
 */
export const closingWriterId = (actor: Actor) =>
  isSupervisor(actor) ? null : (actor.id ?? '00000000-0000-0000-0000-000000000000');

/** Crisis alerts are kept per supervisor: the staff member's id (the route admits supervisors only). */
export function crisisSupervisorId(actor: Actor) {
  if (actor.type !== 'staff') throw forbidden('Crisis alerts are for supervisors');
  return actor.id;
}
