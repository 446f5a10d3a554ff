import type { ContactTimeline } from '@relais/contracts';
import { writeAudit } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import { contactToRead } from './contacts.access';
import { toTimelineItem } from './contacts.mapping';
import { auditTrailOf } from './contacts.search.queries';

/**
 * GET /api/contacts/:id/timeline: the contact's story from the audit trail (created, edited, read, closed,
 * and the same for its needs, referrals and follow-ups), oldest first, with the actor's name as it was then.
 */
export async function getContactTimeline({
  ctx,
  id,
}: {
  ctx: ServiceContext;
  id: string;
}): Promise<ContactTimeline> {
  await contactToRead(ctx, id);
  // Written first, so the story includes this reading of it.
  await writeAudit(ctx.db, ctx, {
    action: 'read',
    entityType: 'contact',
    entityId: id,
    fields: ['timeline'],
  });
  return { items: (await auditTrailOf(ctx.db, id)).map(toTimelineItem) };
}
