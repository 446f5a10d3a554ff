import { createHash, randomUUID } from 'node:crypto';
import type { Contact, CreateContactRequest } from '@relais/contracts';
import type { z } from 'zod';
import type { AuditEntry } from '../../lib/audit';
import { writeAudit } from '../../lib/audit';
import type { Actor, ServiceContext } from '../../lib/context';
import { AppError, conflict } from '../../lib/errors';
import { IDEMPOTENCY_KEY_HOURS } from '../../plugins/housekeeping';
import { createInGroup } from './contacts.batching';
import { withForeignKeyExplained } from './contacts.errors';
import { publishAfterCommit } from './contacts.events';
import { lineOrThrow, linesOf } from './contacts.lines';
import { toContact } from './contacts.mapping';
import { childWrites, contactColumns, contactRowJson, followUpWrites } from './contacts.patch';
import { findContact, findIdempotencyKey } from './contacts.queries';
import { recordFromJson } from './contacts.records';

/**
 * POST /api/contacts: a new draft with whatever the specialist has so far, written (with its children and
 * audit rows) in one statement grouped with the creates running at the same moment. An Idempotency-Key makes
 * a retry answer with the contact the key created instead of a second one.
 */

export interface CreateResult {
  status: number;
  body: Contact;
}

const ZERO_UUID = '00000000-0000-0000-0000-000000000000';
/** Whose keys these are: each staff member (or API key) has their own. */
const ownerOf = (actor: Actor) => actor.id ?? ZERO_UUID;
const auditActor = (actor: Actor) => ({ type: actor.type, id: actor.id, name: actor.name });
const hashBody = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('hex');

export async function createContact({
  ctx,
  input,
  idempotencyKey,
}: {
  ctx: ServiceContext;
  input: z.output<typeof CreateContactRequest>;
  idempotencyKey?: string;
}): Promise<CreateResult> {
  const requestHash = hashBody(input);
  const line = await lineOrThrow(ctx.db, input.lineId, true);
  const columns = contactColumns(input, line, false);
  const specialistId = ctx.actor.type === 'staff' ? ctx.actor.id : null;
  const id = randomUUID();
  const children = input.needs ? childWrites(input.needs) : { needs: [], referrals: [] };
  const followUps = followUpWrites(input.followUps ?? []);
  const fields = Object.keys(input).filter((k) => k !== 'caller');
  for (const k of Object.keys(input.caller ?? {})) fields.push(`caller.${k}`);
  const owner = { ownerId: ownerOf(ctx.actor), key: idempotencyKey ?? '' };
  const written = await withForeignKeyExplained(ctx.db, input, () =>
    createInGroup(ctx.db, {
      contact: {
        ...contactRowJson({ ...columns, channel: input.channel, lineId: line.id, specialistId }),
        id,
      },
      needs: children.needs,
      referrals: children.referrals,
      followUps,
      createdById: specialistId,
      audit: [
        { action: 'create', entityType: 'contact', entityId: id, fields },
        ...children.needs.map((n) =>
          createAudit('contact_need', n.id, ['termId', 'note', 'unmetReason', 'unmetNote']),
        ),
        ...children.referrals.map((r) =>
          createAudit('contact_referral', r.id, ['needId', 'serviceId', 'locationId', 'kind', 'note']),
        ),
        ...followUps.map((f) => createAudit('follow_up', f.id, ['dueAt', 'note', 'assignedToId'])),
      ],
      actor: auditActor(ctx.actor),
      requestId: ctx.requestId,
      claim: idempotencyKey ? { ...owner, requestHash } : undefined,
    }),
  );
  if (!written?.contact) {
    // Another request with this key got there first (PostgreSQL made this one wait for it): answer as it did.
    const earlier = await replay(ctx, owner.key, requestHash);
    if (earlier) return earlier;
    throw conflict('This Idempotency-Key is being used by another request; retry');
  }
  const record = recordFromJson(written.contact, {
    specialistName: specialistId ? ctx.actor.name : null,
    needs: written.needs ?? [],
    referrals: written.referrals ?? [],
    followUps: written.follow_ups ?? [],
  });
  const body = toContact(record, line);
  publishAfterCommit(ctx, body, body.crisisFlags.length > 0);
  return { status: 201, body };
}

const createAudit = (entityType: string, entityId: string, fields: string[]): AuditEntry => ({
  action: 'create',
  entityType,
  entityId,
  fields,
});

/**
 * The answer to a retried create: the contact the key created, as it is now (a retry after autosaves gets the
 * current version, so the client's next save is not refused as stale). Never a second contact.
 */
async function replay(
  ctx: ServiceContext,
  key: string,
  requestHash: string,
): Promise<CreateResult | undefined> {
  const found = await findIdempotencyKey(ctx.db, ownerOf(ctx.actor), key, IDEMPOTENCY_KEY_HOURS);
  if (!found) return undefined;
  if (found.request_hash !== requestHash)
    throw new AppError(
      'unprocessable',
      'Idempotency-Key header: this key was already used with a different request body; use a new key for a new contact',
      { details: { reason: 'idempotency_key_reused' } },
    );
  const record = found.resource_id ? await findContact(ctx.db, found.resource_id) : undefined;
  if (!record) return undefined;
  // The replay shows the contact again: a read like any other.
  await writeAudit(ctx.db, ctx, {
    action: 'read',
    entityType: 'contact',
    entityId: record.id,
    fields: ['idempotencyReplay'],
  });
  return { status: found.status_code, body: toContact(record, (await linesOf(ctx.db)).get(record.lineId)) };
}
