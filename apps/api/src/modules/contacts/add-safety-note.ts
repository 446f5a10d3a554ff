import type { CreateSafetyNoteRequest, SafetyNote } from '@relais/contracts';
import type { ServiceContext } from '../../lib/context';
import { withTransaction } from '../../lib/transaction';
import { insertSafetyNote } from './contacts.callers.queries';
import { iso } from './contacts.mapping';
import { phoneDigitsOrThrow } from './contacts.rules';

/** POST /api/contacts/callers/safety-notes: a note shown to whoever looks this number up again. */
export async function addSafetyNote({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: CreateSafetyNoteRequest;
}): Promise<SafetyNote> {
  const digits = phoneDigitsOrThrow(input.phone, 'phone');
  const createdById = ctx.actor.type === 'staff' ? ctx.actor.id : null;
  return withTransaction(ctx, async (tx, audit) => {
    const row = await insertSafetyNote(tx, { phoneDigits: digits, note: input.note, createdById });
    await audit({ action: 'create', entityType: 'safety_note', entityId: row.id, fields: ['phone', 'note'] });
    return {
      id: row.id,
      note: input.note,
      createdAt: iso(row.created_at),
      createdBy: createdById ? { id: createdById, name: ctx.actor.name } : null,
    };
  });
}
