import type { CloseContactRequest, Contact } from '@relais/contracts';
import type { ServiceContext } from '../../lib/context';
import { conflict, notFound } from '../../lib/errors';
import { assertCanWrite, closingWriterId } from './contacts.access';
import { closeInGroup } from './contacts.batching';
import { validationError } from './contacts.errors';
import { publishAfterCommit } from './contacts.events';
import { linesOf } from './contacts.lines';
import { toContact } from './contacts.mapping';
import { closeContactRow, findContact } from './contacts.queries';
import { recordFromJson, toRecord } from './contacts.records';
import { assertCurrent, auditingConflict } from './contacts.versions';

/**
 * POST /api/contacts/:id/close: wrap-up. The usual case (the console only offers wrap-up when nothing is
 * missing) is one statement, grouped with the wrap-ups running at the same moment; otherwise the contact is
 * read again and the answer says why it cannot close, with the rules of contacts.rules.ts.
 */
export function closeContact(args: {
  ctx: ServiceContext;
  id: string;
  input: CloseContactRequest;
}): Promise<Contact> {
  return auditingConflict(args.ctx, args.id, () => closeAtVersion(args));
}

const auditActor = (ctx: ServiceContext) => ({
  type: ctx.actor.type,
  id: ctx.actor.id,
  name: ctx.actor.name,
});

async function closeAtVersion({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: CloseContactRequest;
}): Promise<Contact> {
  const endedAt = input.endedAt ? new Date(input.endedAt) : new Date();
  const fast = await closeInGroup(ctx.db, {
    id,
    version: input.version,
    endedAt,
    writerId: closingWriterId(ctx.actor),
    actor: auditActor(ctx),
    requestId: ctx.requestId,
  });
  if (fast) {
    const record = toRecord(fast);
    const closed = toContact(record, (await linesOf(ctx.db)).get(record.lineId));
    publishAfterCommit(ctx, closed, false);
    return closed;
  }
  // Optimistic: every change of a contact or its children bumps its version, so closing "at this version"
  // closes exactly the document checked here.
  const before = await findContact(ctx.db, id);
  if (!before) throw notFound('Contact');
  assertCanWrite(ctx.actor, before);
  const lines = await linesOf(ctx.db);
  assertCurrent(before, input.version, null, lines);
  const line = lines.get(before.lineId);
  const missing = toContact(before, line).missing;
  if (missing.length > 0)
    throw validationError(missing, `This contact cannot close yet: ${missing.length} item(s) missing`);
  const row = await closeContactRow(ctx.db, {
    id,
    version: input.version,
    endedAt,
    actor: auditActor(ctx),
    requestId: ctx.requestId,
  });
  if (!row) {
    const now = await findContact(ctx.db, id);
    if (now) assertCurrent(now, input.version, null, lines);
    throw conflict('This contact changed while closing; reload and try again');
  }
  const contact = toContact(
    recordFromJson(row as unknown as Record<string, unknown>, {
      specialistName: before.specialistName,
      needs: before.needs,
      referrals: before.referrals,
      followUps: before.followUps,
    }),
    line,
  );
  publishAfterCommit(ctx, contact, false);
  return contact;
}
