import type { Channel, ContactStatus, CrisisFlag, Disposition } from '@relais/contracts';
import { rows, type Db } from '@relais/db';
import { sql } from 'drizzle-orm';
import { json } from './contacts.queries';

/** Repeat callers: the lookups made, a number's other contacts, and its safety notes. */

/**
 * The staff member's lookups in the last hour, and in how many seconds the oldest of them leaves the window.
 * Takes a transaction lock per staff member first, so concurrent lookups cannot all pass the count.
 */
export async function lookupsInLastHour(tx: Db, staffId: string) {
  await rows(tx, sql`SELECT pg_advisory_xact_lock(hashtext(${`caller_lookup:${staffId}`}))`);
  const [used] = await rows<{ n: number; retry_after: number | null }>(
    tx,
    sql`SELECT count(*)::int AS n,
          ceil(extract(epoch FROM min(at) + interval '1 hour' - now()))::int AS retry_after
        FROM caller_lookups WHERE staff_id = ${staffId} AND at > now() - interval '1 hour'`,
  );
  return used;
}

export async function insertCallerLookup(
  tx: Db,
  lookup: {
    staffId: string;
    contactId: string;
    phoneHmac: string;
    reason: string | null;
    shownContactIds: string[];
    requestId: string | undefined;
  },
) {
  await rows(
    tx,
    sql`INSERT INTO caller_lookups (staff_id, contact_id, phone_hmac, reason, shown_contact_ids, request_id)
        VALUES (${lookup.staffId}, ${lookup.contactId}, ${lookup.phoneHmac}, ${lookup.reason},
          ARRAY(SELECT value::uuid FROM jsonb_array_elements_text(${json(lookup.shownContactIds)})),
          ${lookup.requestId ?? null})`,
  );
}

export interface CallerContactRow {
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
}

/** The number's other contacts (most recent 50). */
export function contactsOfNumber(db: Db, digits: string, fromContactId: string) {
  return rows<CallerContactRow>(
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
}

export interface SafetyNoteRow {
  id: string;
  note: string;
  created_at: Date | string;
  created_by_id: string | null;
  created_by_name: string | null;
}

/** The number's current (not retired) safety notes, newest first. */
export function safetyNotesOf(db: Db, digits: string) {
  return rows<SafetyNoteRow>(
    db,
    sql`SELECT n.id, n.note, n.created_at, n.created_by_id, s.name AS created_by_name
        FROM safety_notes n LEFT JOIN staff s ON s.id = n.created_by_id
        WHERE n.phone_digits = ${digits} AND n.retired_at IS NULL ORDER BY n.created_at DESC`,
  );
}

export async function insertSafetyNote(
  tx: Db,
  note: { phoneDigits: string; note: string; createdById: string | null },
) {
  const [row] = await rows<{ id: string; created_at: Date | string }>(
    tx,
    sql`INSERT INTO safety_notes (phone_digits, note, created_by_id)
        VALUES (${note.phoneDigits}, ${note.note}, ${note.createdById}) RETURNING id, created_at`,
  );
  if (!row) throw new Error('insert returned no row');
  return row;
}

/**
 * Retires the note if it is not yet; answers when it was retired and whether this call did it (no row: no
 * such note).
 */
export async function retireSafetyNoteRow(tx: Db, id: string) {
  const [row] = await rows<{ retired_at: Date | string | null; changed: boolean }>(
    tx,
    sql`WITH u AS (UPDATE safety_notes SET retired_at = now() WHERE id = ${id} AND retired_at IS NULL
                   RETURNING retired_at)
        SELECT coalesce((SELECT retired_at FROM u), n.retired_at) AS retired_at,
          EXISTS (SELECT 1 FROM u) AS changed
        FROM safety_notes n WHERE n.id = ${id}`,
  );
  return row;
}
