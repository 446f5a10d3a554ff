import type { CrisisAcknowledged } from '@relais/contracts';
import type { ServiceContext } from '../../lib/context';
import { notFound } from '../../lib/errors';
import { withTransaction } from '../../lib/transaction';
import { crisisSupervisorId } from './contacts.access';
import { iso } from './contacts.mapping';
import { upsertCrisisAcknowledgement } from './contacts.queries';

/**
 * POST /api/contacts/:id/crisis/acknowledge: this supervisor has seen the alert; it stays away until another
 * flag is added to the contact.
 */
export async function acknowledgeCrisis({
  ctx,
  id,
}: {
  ctx: ServiceContext;
  id: string;
}): Promise<CrisisAcknowledged> {
  const staffId = crisisSupervisorId(ctx.actor);
  return withTransaction(ctx, async (tx, audit) => {
    const row = await upsertCrisisAcknowledgement(tx, id, staffId);
    if (!row) throw notFound('Contact');
    await audit({ action: 'acknowledge', entityType: 'contact', entityId: id, fields: ['crisisFlags'] });
    return { contactId: id, acknowledgedAt: iso(row.acknowledged_at) };
  });
}
