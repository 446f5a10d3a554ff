import type { ContactPhone } from '@relais/contracts';
import { writeAudit } from '../../lib/audit';
import type { z } from 'zod';
import type { ServiceContext } from '../../lib/context';
import { contactToRead } from './contacts.access';

/** GET /api/contacts/:id/phone: the caller's full number, for a call back, audited as a read of that field. */
export async function getContactPhone({
  ctx,
  id,
}: {
  ctx: ServiceContext;
  id: string;
}): Promise<z.output<typeof ContactPhone>> {
  const record = await contactToRead(ctx, id);
  await writeAudit(ctx.db, ctx, {
    action: 'read',
    entityType: 'contact',
    entityId: id,
    fields: ['caller.phone'],
  });
  return { phone: record.callerPhoneDigits };
}
