import type { CallerHistory, CallerLookupRequest } from '@relais/contracts';
import type { Db } from '@relais/db';
import { auditHmacKey, keyedHash, type AuditEntry } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import { AppError, conflict, forbidden, invalid, notFound } from '../../lib/errors';
import { withTransaction } from '../../lib/transaction';
import { isHandling, isSupervisor } from './contacts.access';
import {
  contactsOfNumber,
  insertCallerLookup,
  lookupsInLastHour,
  safetyNotesOf,
} from './contacts.callers.queries';
import { toCallerContact, toSafetyNote } from './contacts.mapping';
import { findContact } from './contacts.queries';
import { maskPhone, phoneDigitsOrThrow } from './contacts.rules';

/**
 * POST /api/contacts/callers/lookup: a number's earlier contacts (any specialist's — that is the point) and
 * its safety notes. Not a phone-number oracle: a lookup starts from a contact and uses the number saved on it,
 * so every lookup is tied to a contact someone is handling (or to a supervisor's recorded reason). Each is
 * recorded in caller_lookups and the audit trail with a keyed hash of the number (never the number) and the
 * ids of every contact and note shown, and each staff member has a budget of lookups per hour.
 */

export interface LookupLimits {
  perHour: number;
  /** AUDIT_HMAC_KEY, when configured. */
  hmacKey: string | undefined;
}

export async function lookUpCaller({
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
  return withTransaction(ctx, async (tx, audit) => {
    await assertWithinLimit(tx, staffId, limits.perHour);
    const contacts = await contactsOfNumber(tx, digits, input.contactId);
    const notes = await safetyNotesOf(tx, digits);
    await insertCallerLookup(tx, {
      staffId,
      contactId: input.contactId,
      phoneHmac: hash,
      reason,
      shownContactIds: contacts.map((c) => c.id),
      requestId: ctx.requestId,
    });
    const entries: AuditEntry[] = [
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
    await audit(entries);
    return {
      contactId: input.contactId,
      phoneMasked: maskPhone(digits) ?? '',
      contacts: contacts.map(toCallerContact),
      safetyNotes: notes.map(toSafetyNote),
    };
  });
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
  const used = await lookupsInLastHour(tx, staffId);
  if (!used || used.n < perHour) return;
  const seconds = Math.max(1, used.retry_after ?? 60);
  const minutes = Math.ceil(seconds / 60);
  throw new AppError(
    'rate_limited',
    `Too many caller lookups: at most ${perHour} an hour. The next one is possible in ${minutes} min.`,
    { headers: { 'retry-after': String(seconds) }, details: { retryAfterSeconds: seconds, perHour } },
  );
}
