import { rows, type Db } from '@relais/db';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../lib/context';
import { json } from './contacts.queries';

/** Bulk import: the reference data lines are checked against, and one multi-row statement per table. */

export function taxonomyTree(db: Db) {
  return rows<{ id: string; parent_id: string | null }>(db, sql`SELECT id, parent_id FROM taxonomy_terms`);
}

export async function serviceIds(db: Db) {
  return (await rows<{ id: string }>(db, sql`SELECT id FROM services`)).map((r) => r.id);
}

export async function locationIds(db: Db) {
  return (await rows<{ id: string }>(db, sql`SELECT id FROM locations`)).map((r) => r.id);
}

export function staffEmails(db: Db) {
  return rows<{ id: string; email: string }>(db, sql`SELECT id, lower(email) AS email FROM staff`);
}

/** Closed contacts (column values by name); one whose external_id is already there is skipped. */
export function insertImportedContacts(tx: Db, contacts: Array<Record<string, unknown>>) {
  return rows<{ id: string }>(
    tx,
    sql`INSERT INTO contacts (id, external_id, status, channel, line_id, specialist_id, started_at, ended_at,
          closed_at, disposition, notes, caller_first_name, caller_phone_digits, caller_age_group, caller_gender,
          caller_language, caller_location_undisclosed, caller_municipality, caller_fsa, caller_relation, no_need,
          crisis_flags, line_fields)
        SELECT id, external_id, 'closed', channel, line_id, specialist_id, started_at, ended_at, ended_at,
          disposition, notes, caller_first_name, caller_phone_digits, caller_age_group, caller_gender,
          caller_language, caller_location_undisclosed, caller_municipality, caller_fsa, caller_relation, no_need,
          crisis_flags, line_fields
        FROM jsonb_to_recordset(${json(contacts)}) AS x(id uuid, external_id text, channel text, line_id text,
          specialist_id uuid, started_at timestamptz, ended_at timestamptz, disposition text, notes text,
          caller_first_name text, caller_phone_digits text, caller_age_group text, caller_gender text,
          caller_language text, caller_location_undisclosed boolean, caller_municipality text, caller_fsa text,
          caller_relation text, no_need boolean, crisis_flags text[], line_fields jsonb)
        ON CONFLICT (external_id) DO NOTHING
        RETURNING id`,
  );
}

export async function insertImportedNeeds(tx: Db, needs: unknown[]) {
  if (needs.length === 0) return;
  await rows(
    tx,
    sql`INSERT INTO contact_needs (id, contact_id, term_id, category_id, unmet_reason, unmet_note, position)
        SELECT * FROM jsonb_to_recordset(${json(needs)}) AS x(id uuid, contact_id uuid, term_id text, category_id text,
          unmet_reason text, unmet_note text, position int)`,
  );
}

export async function insertImportedReferrals(tx: Db, referrals: unknown[]) {
  if (referrals.length === 0) return;
  await rows(
    tx,
    sql`INSERT INTO contact_referrals (id, contact_id, need_id, service_id, location_id, kind,
          service_name, service_phone, position)
        SELECT * FROM jsonb_to_recordset(${json(referrals)}) AS x(id uuid, contact_id uuid, need_id uuid,
          service_id uuid, location_id uuid, kind text, service_name text, service_phone text, position int)`,
  );
}

/**
 * One 'import' audit row per contact. The ids go as one JSON parameter rather than through lib/audit's
 * bound values: a batch of thousands of rows would pass PostgreSQL's limit of 65,535 parameters.
 */
export async function insertImportAudit(
  tx: Db,
  ctx: { actor: Actor; requestId?: string },
  contactIds: string[],
) {
  if (contactIds.length === 0) return;
  await rows(
    tx,
    sql`INSERT INTO audit_log (actor_type, actor_id, actor_name, action, entity_type, entity_id, request_id)
        SELECT ${ctx.actor.type}, ${ctx.actor.id}::uuid, ${ctx.actor.name}, 'import', 'contact', value,
          ${ctx.requestId ?? null}
        FROM jsonb_array_elements_text(${json(contactIds)})`,
  );
}
