import { rooms, type Contact } from '@relais/contracts';
import type { ServiceContext } from '../../lib/context';
import { changedEvent } from './contacts.mapping';

/**
 * Events after commit. A failed publish is logged, never thrown: the change is committed, and a crisis stays
 * in the supervisors' open crises (GET /api/contacts/crises), which the console reloads on every reconnect.
 */
export function publishAfterCommit(ctx: ServiceContext, contact: Contact, crisisRaised: boolean) {
  try {
    publishEvents(ctx, contact, crisisRaised);
  } catch (err) {
    ctx.log.warn(
      { err: { message: (err as Error).message }, contactId: contact.id, crisis: crisisRaised },
      'contact event not published',
    );
  }
}

function publishEvents(ctx: ServiceContext, contact: Contact, crisisRaised: boolean) {
  const to = [rooms.role('supervisor'), ...(contact.specialist ? [rooms.staff(contact.specialist.id)] : [])];
  ctx.realtime.publish('contact.changed', changedEvent(contact), to);
  if (crisisRaised) {
    ctx.realtime.publish(
      'contact.crisis',
      {
        contactId: contact.id,
        specialistId: contact.specialist?.id ?? null,
        flags: contact.crisisFlags,
        lineId: contact.lineId,
        channel: contact.channel,
        at: new Date().toISOString(),
      },
      rooms.role('supervisor'),
    );
  }
}
