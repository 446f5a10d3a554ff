import type { RetiredSafetyNote } from '@relais/contracts';
import type { ServiceContext } from '../../lib/context';
import { notFound } from '../../lib/errors';
import { withTransaction } from '../../lib/transaction';
import { retireSafetyNoteRow } from './contacts.callers.queries';
import { iso } from './contacts.mapping';

/**
 * POST /api/contacts/callers/safety-notes/:id/retire: a supervisor retires a note that no longer applies. It
 * stops showing; the row and the audit stay. Retiring it again changes nothing and is not audited again.
 */
export async function retireSafetyNote({
  ctx,
  id,
}: {
  ctx: ServiceContext;
  id: string;
}): Promise<RetiredSafetyNote> {
  return withTransaction(ctx, async (tx, audit) => {
    const row = await retireSafetyNoteRow(tx, id);
    if (!row?.retired_at) throw notFound('Safety note');
    if (row.changed)
      await audit({ action: 'retire', entityType: 'safety_note', entityId: id, fields: ['retiredAt'] });
    return { id, retiredAt: iso(row.retired_at) };
  });
}
