import type { Contact } from '@relais/contracts';
import { writeAudit } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import { contactToRead } from './contacts.access';
import { linesOf } from './contacts.lines';
import { toContact } from './contacts.mapping';

/** GET /api/contacts/:id: the whole contact, its opening audited. */
export async function getContact({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<Contact> {
  const record = await contactToRead(ctx, id);
  // Who opened which contact: the audit view relies on this row.
  await writeAudit(ctx.db, ctx, { action: 'read', entityType: 'contact', entityId: id });
  return toContact(record, (await linesOf(ctx.db)).get(record.lineId));
}
