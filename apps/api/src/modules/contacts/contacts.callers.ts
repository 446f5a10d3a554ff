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
import { rows } from '@relais/db';
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context';
import { notFound } from '../../lib/errors';
import { insertAuditRows } from './contacts.mutations';
import { maskPhone, phoneDigitsOrThrow } from './contacts.rules';

/**
 * Repeat callers: a number's earlier contacts (any specialist's — that is the point) and its safety notes.
 * The number arrives in a POST body so it never appears in URLs, proxy logs or browser history; the lookup
 * is audited without the number.
 */

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

export async function lookupCaller({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: CallerLookupRequest;
}): Promise<CallerHistory> {
  const digits = phoneDigitsOrThrow(input.phone, 'phone');
  const exclude = input.excludeContactId ?? '00000000-0000-0000-0000-000000000000';
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
    ctx.db,
    sql`SELECT c.id, c.started_at, c.status, c.channel, c.line_id, c.disposition, c.crisis_flags,
          c.specialist_id, s.name AS specialist_name,
          (SELECT json_agg(json_build_object('termId', n.term_id, 'categoryId', n.category_id,
              'status', CASE WHEN EXISTS (SELECT 1 FROM contact_referrals r WHERE r.need_id = n.id) THEN 'met'
                             WHEN n.unmet_reason IS NOT NULL THEN 'unmet' ELSE 'open' END)
              ORDER BY n.position)
             FROM contact_needs n WHERE n.contact_id = c.id) AS needs
        FROM contacts c LEFT JOIN staff s ON s.id = c.specialist_id
        WHERE c.caller_phone_digits = ${digits} AND c.id <> ${exclude}
        ORDER BY c.started_at DESC LIMIT 50`,
  );
  const notes = await rows<{
    id: string;
    note: string;
    created_at: Date | string;
    created_by_id: string | null;
    created_by_name: string | null;
  }>(
    ctx.db,
    sql`SELECT n.id, n.note, n.created_at, n.created_by_id, s.name AS created_by_name
        FROM safety_notes n LEFT JOIN staff s ON s.id = n.created_by_id
        WHERE n.phone_digits = ${digits} AND n.retired_at IS NULL ORDER BY n.created_at DESC`,
  );
  await insertAuditRows(ctx.db, ctx.actor, ctx.requestId, [
    { action: 'lookup', entityType: 'caller', entityId: null, fields: ['phone'] },
  ]);
  return {
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
