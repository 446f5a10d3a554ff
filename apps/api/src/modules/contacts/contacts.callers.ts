import type {
  CallerHistory,
  CallerLookupRequest,
  Channel,
  ContactStatus,
  CreateSafetyNoteRequest,
  CrisisFlag,
  Disposition,
  RetiredSafetyNote,
  SafetyNote,
} from '@relais/contracts';
import { rows, type Db } from '@relais/db';
import { sql } from 'drizzle-orm';
import { auditHmacKey, keyedHash } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import { AppError, conflict, forbidden, invalid, notFound } from '../../lib/errors';
import { isHandling, isSupervisor } from './contacts.access';
import { insertAuditRows, type AuditWrite } from './contacts.mutations';
import { findContact } from './contacts.queries';
import { maskPhone, phoneDigitsOrThrow } from './contacts.rules';

/**
 * Repeat callers: a number's earlier contacts (any specialist's — that is the point) and its safety notes.
 * Not a phone-number oracle: a lookup starts from a contact and uses the number saved on it, so every lookup is
 * tied to a contact someone is handling (or to a supervisor's recorded reason). Each is recorded in
 * caller_lookups and the audit trail with a keyed hash of the number (never the number) and the ids of every
 * contact and note shown, and each staff member has a budget of lookups per hour.
 */

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

export interface LookupLimits {
  perHour: number;
  /** AUDIT_HMAC_KEY, when configured. */
  hmacKey: string | undefined;
}

/** The number this lookup is for: the contact's own, and only for someone entitled to look it up from there. */
async function numberToLookUp(ctx: ServiceContext, input: CallerLookupRequest) {
  const contact = await findContact(ctx.db, input.contactId);
  if (!contact) throw notFound('Contact');
  const handling = isHandling(ctx.actor, contact);
  if (!handling && !isSupervisor(ctx.actor))
    throw forbidden('You can look up a caller only from a contact you are handling (your open draft)');
  if (!handling && !input.reason)
    throw invalid('body.reason', 'is required: say why you look up this caller (it is recorded)');
  const digits = contact.callerPhoneDigits;
  if (!digits) throw invalid('body.contactId', 'this contact has no caller number saved yet');
  if (input.phone !== undefined && phoneDigitsOrThrow(input.phone, 'phone') !== digits)
    throw conflict('body.phone: this number is not the one saved on the contact yet; save it, then look up', {
      reason: 'phone_not_saved',
    });
  return { digits, reason: handling ? null : (input.reason ?? null) };
}

/** 429 once the staff member has made `perHour` lookups in the last hour, saying when the next one is allowed. */
async function assertWithinLimit(tx: Db, staffId: string, perHour: number) {
  // One lookup at a time per staff member, so concurrent requests cannot all pass the count (PostgreSQL).
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`caller_lookup:${staffId}`}))`);
  const [used] = await rows<{ n: number; retry_after: number | null }>(
    tx,
    sql`SELECT count(*)::int AS n,
          ceil(extract(epoch FROM min(at) + interval '1 hour' - now()))::int AS retry_after
        FROM caller_lookups WHERE staff_id = ${staffId} AND at > now() - interval '1 hour'`,
  );
  if (!used || used.n < perHour) return;
  const seconds = Math.max(1, used.retry_after ?? 60);
  const minutes = Math.ceil(seconds / 60);
  throw new AppError(
    'rate_limited',
    `Too many caller lookups: at most ${perHour} an hour. The next one is possible in ${minutes} min.`,
    { headers: { 'retry-after': String(seconds) }, details: { retryAfterSeconds: seconds, perHour } },
  );
}

export async function lookupCaller({
  ctx,
  input,
  limits,
}: {
  ctx: ServiceContext;
  input: CallerLookupRequest;
  limits: LookupLimits;
}): Promise<CallerHistory> {
  if (ctx.actor.type !== 'staff') throw forbidden('Caller lookups are made by staff members');
  const staffId = ctx.actor.id;
  const { digits, reason } = await numberToLookUp(ctx, input);
  const hash = keyedHash(await auditHmacKey(ctx.db, limits.hmacKey), digits);
  return ctx.db.transaction(async (tx) => {
    await assertWithinLimit(tx, staffId, limits.perHour);
    const { contacts, notes } = await callerHistory(tx, digits, input.contactId);
    await tx.execute(
      sql`INSERT INTO caller_lookups (staff_id, contact_id, phone_hmac, reason, shown_contact_ids, request_id)
          VALUES (${staffId}, ${input.contactId}, ${hash}, ${reason},
            ARRAY(SELECT value::uuid FROM jsonb_array_elements_text(${JSON.stringify(contacts.map((c) => c.id))}::jsonb)),
            ${ctx.requestId ?? null})`,
    );
    const audit: AuditWrite[] = [
      {
        action: 'lookup',
        entityType: 'caller',
        entityId: hash,
        fields: reason ? ['phone', 'reason'] : ['phone'],
      },
      { action: 'lookup', entityType: 'contact', entityId: input.contactId, fields: ['caller.phone'] },
      ...contacts.map((c) => ({
        action: 'read',
        entityType: 'contact',
        entityId: c.id,
        fields: ['callerHistory'],
      })),
      ...notes.map((n) => ({ action: 'read', entityType: 'safety_note', entityId: n.id, fields: ['note'] })),
    ];
    await insertAuditRows(tx, ctx.actor, ctx.requestId, audit);
    return {
      contactId: input.contactId,
      phoneMasked: maskPhone(digits) ?? '',
      contacts: contacts.map((c) => ({
        id: c.id,
        startedAt: iso(c.started_at),
        status: c.status,
        channel: c.channel,
        lineId: c.line_id,
        disposition: c.disposition,
        crisisFlags: c.crisis_flags,
        specialist: c.specialist_id ? { id: c.specialist_id, name: c.specialist_name ?? '' } : null,
        needs: c.needs ?? [],
      })),
      safetyNotes: notes.map((n) => ({
        id: n.id,
        note: n.note,
        createdAt: iso(n.created_at),
        createdBy: n.created_by_id ? { id: n.created_by_id, name: n.created_by_name ?? '' } : null,
      })),
    };
  });
}

/** The number's other contacts (most recent 50) and its current safety notes. */
async function callerHistory(db: Db, digits: string, fromContactId: string) {
  const contacts = await rows<{
    id: string;
    started_at: Date | string;
    status: ContactStatus;
    channel: Channel;
    line_id: string;
    disposition: Disposition | null;
    crisis_flags: CrisisFlag[];
    specialist_id: string | null;
    specialist_name: string | null;
    needs: Array<{ termId: string; categoryId: string; status: 'met' | 'unmet' | 'open' }> | null;
  }>(
    db,
    sql`SELECT c.id, c.started_at, c.status, c.channel, c.line_id, c.disposition, c.crisis_flags,
          c.specialist_id, s.name AS specialist_name,
          (SELECT json_agg(json_build_object('termId', n.term_id, 'categoryId', n.category_id,
              'status', CASE WHEN EXISTS (SELECT 1 FROM contact_referrals r WHERE r.need_id = n.id) THEN 'met'
                             WHEN n.unmet_reason IS NOT NULL THEN 'unmet' ELSE 'open' END)
              ORDER BY n.position)
             FROM contact_needs n WHERE n.contact_id = c.id) AS needs
        FROM contacts c LEFT JOIN staff s ON s.id = c.specialist_id
        WHERE c.caller_phone_digits = ${digits} AND c.id <> ${fromContactId}
        ORDER BY c.started_at DESC LIMIT 50`,
  );
  const notes = await rows<{
    id: string;
    note: string;
    created_at: Date | string;
    created_by_id: string | null;
    created_by_name: string | null;
  }>(
    db,
    sql`SELECT n.id, n.note, n.created_at, n.created_by_id, s.name AS created_by_name
        FROM safety_notes n LEFT JOIN staff s ON s.id = n.created_by_id
        WHERE n.phone_digits = ${digits} AND n.retired_at IS NULL ORDER BY n.created_at DESC`,
  );
  return { contacts, notes };
}

export async function addSafetyNote({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: CreateSafetyNoteRequest;
}): Promise<SafetyNote> {
  const digits = phoneDigitsOrThrow(input.phone, 'phone');
  const createdById = ctx.actor.type === 'staff' ? ctx.actor.id : null;
  return ctx.db.transaction(async (tx) => {
    const [row] = await rows<{ id: string; created_at: Date | string }>(
      tx,
      sql`INSERT INTO safety_notes (phone_digits, note, created_by_id)
          VALUES (${digits}, ${input.note}, ${createdById}) RETURNING id, created_at`,
    );
    if (!row) throw new Error('insert returned no row');
    await insertAuditRows(tx, ctx.actor, ctx.requestId, [
      { action: 'create', entityType: 'safety_note', entityId: row.id, fields: ['phone', 'note'] },
    ]);
    return {
      id: row.id,
      note: input.note,
      createdAt: iso(row.created_at),
      createdBy: createdById ? { id: createdById, name: ctx.actor.name } : null,
    };
  });
}

/** A supervisor retires a note that no longer applies: it stops showing; the row and the audit stay. */
export async function retireSafetyNote({
  ctx,
  id,
}: {
  ctx: ServiceContext;
  id: string;
}): Promise<RetiredSafetyNote> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await rows<{ retired_at: Date | string | null; changed: boolean }>(
      tx,
      sql`WITH u AS (UPDATE safety_notes SET retired_at = now() WHERE id = ${id} AND retired_at IS NULL
                     RETURNING retired_at)
          SELECT coalesce((SELECT retired_at FROM u), n.retired_at) AS retired_at,
            EXISTS (SELECT 1 FROM u) AS changed
          FROM safety_notes n WHERE n.id = ${id}`,
    );
    if (!row?.retired_at) throw notFound('Safety note');
    if (row.changed) {
      await insertAuditRows(tx, ctx.actor, ctx.requestId, [
        { action: 'retire', entityType: 'safety_note', entityId: id, fields: ['retiredAt'] },
      ]);
    }
    return { id, retiredAt: iso(row.retired_at) };
  });
}
