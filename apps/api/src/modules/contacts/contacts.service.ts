import { createHash, randomUUID } from 'node:crypto';
import {
  rooms,
  type CloseContactRequest,
  type Contact,
  type ContactVersionConflict,
  type CreateContactRequest,
  type UpdateContactRequest,
} from '@relais/contracts';
import { schema, type Db } from '@relais/db';
import { getTableColumns } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor, ServiceContext } from '../../lib/context';
import { AppError, conflict, notFound } from '../../lib/errors';
import { IDEMPOTENCY_KEY_HOURS } from '../../plugins/housekeeping';
import { assertCanRead, assertCanWrite, isSupervisor } from './contacts.access';
import * as m from './contacts.mutations';
import * as q from './contacts.queries';
import { lineIn, lineOrThrow, linesOf } from './contacts.lines';
import { changedEvent, toContact } from './contacts.view';
import {
  childWrites,
  contactColumns,
  differingFields,
  explainForeignKey,
  pgCode,
  validationError,
  writeChildren,
  type DraftPatch,
} from './contacts.write';

const ZERO_UUID = '00000000-0000-0000-0000-000000000000';
const ownerOf = (actor: Actor) => actor.id ?? ZERO_UUID;

/** Actor columns for the audit rows. */
const auditActor = (actor: Actor) => ({ type: actor.type, id: actor.id, name: actor.name });

/**
 * Events after commit. A failed publish is logged, never thrown: the change is committed, and a crisis stays
 * in the supervisors' open crises (GET /api/contacts/crises), which the console reloads on every reconnect.
 */
function publishAfterCommit(ctx: ServiceContext, contact: Contact, crisisRaised: boolean) {
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

async function withForeignKeyExplained<T>(ctx: ServiceContext, patch: DraftPatch, run: () => Promise<T>) {
  try {
    return await run();
  } catch (err) {
    const code = pgCode(err);
    if (code === '23503' || code === '23502' || code === '23505') {
      const explained = await explainForeignKey(ctx.db, patch);
      if (explained) throw explained;
    }
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Create (with Idempotency-Key)

export interface CreateResult {
  status: number;
  body: Contact;
}

const hashBody = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('hex');

/**
 * The answer to a retried create: the contact the key created, as it is now (a retry after autosaves gets the
 * current version, so the client's next save is not refused as stale). Never a second contact.
 */
async function replay(
  ctx: ServiceContext,
  key: string,
  requestHash: string,
): Promise<CreateResult | undefined> {
  const found = await q.findIdempotencyKey(ctx.db, ownerOf(ctx.actor), key, IDEMPOTENCY_KEY_HOURS);
  if (!found) return undefined;
  if (found.request_hash !== requestHash)
    throw new AppError(
      'unprocessable',
      'Idempotency-Key header: this key was already used with a different request body; use a new key for a new contact',
      { details: { reason: 'idempotency_key_reused' } },
    );
  const record = found.resource_id ? await q.findContact(ctx.db, found.resource_id) : undefined;
  if (!record) return undefined;
  // The replay shows the contact again: a read like any other.
  await m.insertAuditRows(ctx.db, auditActor(ctx.actor), ctx.requestId, [
    { action: 'read', entityType: 'contact', entityId: record.id, fields: ['idempotencyReplay'] },
  ]);
  return { status: found.status_code, body: toContact(record, (await linesOf(ctx.db)).get(record.lineId)) };
}

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
  const followUps = (input.followUps ?? []).map((f) => ({
    id: f.id,
    due_at: new Date(f.dueAt).toISOString(),
    note: f.note ?? null,
    assigned_to_id: f.assignedToId ?? null,
  }));
  const fields = Object.keys(input).filter((k) => k !== 'caller');
  for (const k of Object.keys(input.caller ?? {})) fields.push(`caller.${k}`);
  const owner = { ownerId: ownerOf(ctx.actor), key: idempotencyKey ?? '' };
  const written = await withForeignKeyExplained(ctx, input, () =>
    m.insertContactDocument(ctx.db, {
      contact: { ...rowJson({ ...columns, channel: input.channel, lineId: line.id, specialistId }), id },
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
  const record = q.recordFromJson(written.contact, {
    specialistName: specialistId ? ctx.actor.name : null,
    needs: written.needs ?? [],
    referrals: written.referrals ?? [],
    followUps: written.follow_ups ?? [],
  });
  const body = toContact(record, line);
  publishAfterCommit(ctx, body, body.crisisFlags.length > 0);
  return { status: 201, body };
}

const createAudit = (entityType: string, entityId: string, fields: string[]) => ({
  action: 'create',
  entityType,
  entityId,
  fields,
});

/** Drizzle column values → a JSON object keyed by column name, for jsonb_populate_record. */
function rowJson(values: Partial<m.ContactValues>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    caller_location_undisclosed: false,
    no_need: false,
    crisis_flags: [],
    line_fields: {},
  };
  const columns = getTableColumns(schema.contacts) as Record<string, { name: string }>;
  for (const [key, value] of Object.entries(values)) {
    const column = columns[key];
    if (column && value !== undefined) out[column.name] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Autosave

async function loadForWrite(
  tx: Db,
  ctx: ServiceContext,
  id: string,
  version: number,
  patch: DraftPatch | null,
  lines: Map<string, q.LineRow>,
) {
  const before = await q.findContact(tx, id, { forUpdate: true });
  if (!before) throw notFound('Contact');
  assertCanWrite(ctx.actor, before);
  assertCurrent(before, version, patch, lines);
  return before;
}

/** 409 when the client's version is stale (with what differs) or the contact is no longer a draft. */
function assertCurrent(
  before: q.ContactRecord,
  version: number,
  patch: DraftPatch | null,
  lines: Map<string, q.LineRow>,
) {
  if (before.version !== version) {
    const details: ContactVersionConflict = {
      currentVersion: before.version,
      differingFields: patch ? differingFields(before, patch) : [],
      current: toContact(before, lines.get(before.lineId)),
    };
    throw new AppError(
      'conflict',
      `This contact was changed elsewhere (now version ${before.version}, you had ${version})`,
      { details: { ...details } },
    );
  }
  if (before.status !== 'draft')
    throw conflict('This contact is closed and can no longer be edited', { status: before.status });
}

/**
 * A version conflict answers with the current contact (ContactVersionConflict.current): that is a read, audited
 * once the refused transaction is over (a row written inside it would roll back with it).
 */
async function auditingConflict<T>(ctx: ServiceContext, id: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError && err.code === 'conflict' && err.options.details?.current) {
      await m.insertAuditRows(ctx.db, auditActor(ctx.actor), ctx.requestId, [
        { action: 'read', entityType: 'contact', entityId: id, fields: ['conflict'] },
      ]);
    }
    throw err;
  }
}

export async function updateContact({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: z.output<typeof UpdateContactRequest>;
}): Promise<Contact> {
  const { version, ...patch } = input;
  let crisisRaised = false;
  // Read (or refresh) the cached lines before the transaction: inside it, a query on ctx.db would wait for the
  // transaction's own connection, forever on PGlite (one connection); createDb's guard now refuses it instead.
  const lines = await linesOf(ctx.db);
  const contact = await auditingConflict(ctx, id, () =>
    withForeignKeyExplained(ctx, patch, () =>
      ctx.db.transaction(async (tx) => {
        const before = await loadForWrite(tx, ctx, id, version, patch, lines);
        const lineChanged = patch.lineId !== undefined && patch.lineId !== before.lineId;
        const line = lineIn(lines, patch.lineId ?? before.lineId, lineChanged);
        const columns = contactColumns(patch, line, lineChanged);
        const fields = differingFields(before, patch);
        crisisRaised = (columns.crisisFlags ?? []).some((f) => !before.crisisFlags.includes(f));
        const row = await m.updateContactRow(tx, id, columns, { crisisRaised });
        const children = await writeChildren(tx, id, before, patch, before.specialistId);
        await m.insertAuditRows(tx, auditActor(ctx.actor), ctx.requestId, [
          { action: 'update', entityType: 'contact', entityId: id, fields },
          ...children.audit,
        ]);
        return toContact({ ...row, specialistName: before.specialistName, ...children }, line);
      }),
    ),
  );
  publishAfterCommit(ctx, contact, crisisRaised);
  return contact;
}

// ---------------------------------------------------------------------------------------------------------
// Wrap-up

export function closeContact(args: {
  ctx: ServiceContext;
  id: string;
  input: CloseContactRequest;
}): Promise<Contact> {
  return auditingConflict(args.ctx, args.id, () => closeAtVersion(args));
}

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
  // The usual case (the console only offers wrap-up when nothing is missing): one statement.
  const fast = await m.closeIfReady(ctx.db, {
    id,
    version: input.version,
    endedAt,
    writerId: isSupervisor(ctx.actor) ? null : (ctx.actor.id ?? ZERO_UUID),
    actor: auditActor(ctx.actor),
    requestId: ctx.requestId,
  });
  if (fast) {
    const record = q.toRecord(fast);
    const closed = toContact(record, (await linesOf(ctx.db)).get(record.lineId));
    publishAfterCommit(ctx, closed, false);
    return closed;
  }
  // Otherwise say why, with the rules of contacts.rules.ts. Optimistic: every change of a contact or its
  // children bumps its version, so closing "at this version" closes exactly the document checked here.
  const before = await q.findContact(ctx.db, id);
  if (!before) throw notFound('Contact');
  assertCanWrite(ctx.actor, before);
  const lines = await linesOf(ctx.db);
  assertCurrent(before, input.version, null, lines);
  const line = lines.get(before.lineId);
  const missing = toContact(before, line).missing;
  if (missing.length > 0)
    throw validationError(missing, `This contact cannot close yet: ${missing.length} item(s) missing`);
  const row = await m.closeContactRow(ctx.db, {
    id,
    version: input.version,
    endedAt,
    actor: auditActor(ctx.actor),
    requestId: ctx.requestId,
  });
  if (!row) {
    const now = await q.findContact(ctx.db, id);
    if (now) assertCurrent(now, input.version, null, lines);
    throw conflict('This contact changed while closing; reload and try again');
  }
  const contact = toContact(
    q.recordFromJson(row as unknown as Record<string, unknown>, {
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

// ---------------------------------------------------------------------------------------------------------
// Reading

export async function getContact({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<Contact> {
  const record = await q.findContact(ctx.db, id);
  if (!record) throw notFound('Contact');
  assertCanRead(ctx.actor, record);
  // Who opened which contact: the audit view relies on this row.
  await m.insertAuditRows(ctx.db, auditActor(ctx.actor), ctx.requestId, [
    { action: 'read', entityType: 'contact', entityId: id, fields: null },
  ]);
  return toContact(record, (await linesOf(ctx.db)).get(record.lineId));
}

/** The caller's full phone number, for a call back: audited as a read of that one field. */
export async function getContactPhone({ ctx, id }: { ctx: ServiceContext; id: string }) {
  const record = await q.findContact(ctx.db, id);
  if (!record) throw notFound('Contact');
  assertCanRead(ctx.actor, record);
  await m.insertAuditRows(ctx.db, auditActor(ctx.actor), ctx.requestId, [
    { action: 'read', entityType: 'contact', entityId: id, fields: ['caller.phone'] },
  ]);
  return { phone: record.callerPhoneDigits };
}
