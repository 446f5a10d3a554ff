import { preparedRows, type Db } from '@relais/db';
import { sql } from 'drizzle-orm';
import type { AuditEntry } from '../../lib/audit';
import { IDEMPOTENCY_KEY_HOURS } from '../../plugins/housekeeping';
import {
  returnedSnapshot,
  snapshotColumns,
  snapshotJoins,
  snapshotValues,
} from './contacts.children.queries';
import { childAggregates, json } from './contacts.queries';
import type {
  FollowUpRecord,
  FollowUpWrite,
  NeedRecord,
  NeedWrite,
  RawContact,
  ReferralRecord,
  ReferralWrite,
} from './contacts.records';

/**
 * The hot path's statements: create and wrap-up for a whole group of requests at once (contacts.batching.ts
 * forms the groups). Each is one named prepared statement, atomic without BEGIN/COMMIT, with its audit rows.
 */

export interface ContactDocumentWrite {
  /** Column values keyed by column name (snake_case); omitted columns are NULL, timestamps default to now. */
  contact: Record<string, unknown> & { id: string };
  needs: NeedWrite[];
  referrals: ReferralWrite[];
  followUps: FollowUpWrite[];
  createdById: string | null;
  audit: AuditEntry[];
  actor: { type: string; id: string | null; name: string };
  requestId: string | undefined;
  /**
   * When given, the key is claimed in the same statement (pointing at the contact); nothing is written if another
   * request holds it.
   */
  claim?: { ownerId: string; key: string; requestHash: string };
}

export interface WrittenDocument {
  contact: Record<string, unknown>;
  needs: NeedRecord[] | null;
  referrals: ReferralRecord[] | null;
  follow_ups: FollowUpRecord[] | null;
}

/**
 * Inserts contacts — each with its needs (category = the term's top-level ancestor), referrals (with the
 * directory snapshot), follow-ups and audit rows — as one statement, whatever the number of contacts. An
 * unknown term, service or site, or a reused id, fails the whole statement (NOT NULL / foreign key / unique
 * violation) and nothing is written. A contact whose Idempotency-Key is already taken is not written and
 * has no entry in the answer; the others have one each, in any order. A key older than IDEMPOTENCY_KEY_HOURS is
 * no longer honoured, even before housekeeping deletes it: it is claimed afresh for the new contact.
 */
export async function insertContactDocuments(db: Db, docs: ContactDocumentWrite[]) {
  // Flat arrays (children carry their contact's id) rather than nested ones: the planner's row estimates stay
  // small, so the plan stays cheap (nested sets are estimated large enough to switch JIT on).
  const contacts = docs.map((d) => ({
    id: d.contact.id,
    contact: d.contact,
    created_by_id: d.createdById,
    claim: d.claim
      ? { owner_id: d.claim.ownerId, key: d.claim.key, request_hash: d.claim.requestHash }
      : null,
    actor_type: d.actor.type,
    actor_id: d.actor.id,
    actor_name: d.actor.name,
    request_id: d.requestId ?? null,
  }));
  const children = <T>(pick: (d: ContactDocumentWrite) => T[]) =>
    docs.flatMap((d) => pick(d).map((child) => ({ ...child, contact_id: d.contact.id })));
  const audit = children((d) =>
    d.audit.map((e) => ({
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId ?? null,
      fields: e.fields ?? null,
    })),
  );
  return preparedRows<WrittenDocument & { id: string }>(
    db,
    'contacts_create_group',
    sql`
    WITH RECURSIVE docs AS (
      SELECT * FROM jsonb_to_recordset(${json(contacts)}) AS x(id uuid, contact jsonb, created_by_id uuid,
        claim jsonb, actor_type text, actor_id uuid, actor_name text, request_id text)
    ),
    k AS (
      INSERT INTO idempotency_keys AS ik (owner_id, key, request_hash, status_code, resource_id)
      SELECT (claim->>'owner_id')::uuid, claim->>'key', claim->>'request_hash', 201, id
        FROM docs WHERE claim IS NOT NULL
      ON CONFLICT (owner_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash,
        status_code = EXCLUDED.status_code, resource_id = EXCLUDED.resource_id, created_at = now()
        WHERE ik.created_at <= now() - make_interval(hours => ${IDEMPOTENCY_KEY_HOURS})
      RETURNING resource_id
    ),
    c AS (
      INSERT INTO contacts
      SELECT r.* FROM docs CROSS JOIN LATERAL jsonb_populate_record(NULL::contacts, contact || jsonb_build_object(
        'version', 1, 'status', 'draft', 'created_at', now(), 'updated_at', now(),
        'started_at', COALESCE((contact->>'started_at')::timestamptz, now()),
        'crisis_raised_at', CASE WHEN COALESCE(contact->'crisis_flags', '[]') <> '[]' THEN now() END)) AS r
      WHERE claim IS NULL OR docs.id IN (SELECT resource_id FROM k)
      RETURNING *
    ),
    cd AS (SELECT * FROM docs WHERE id IN (SELECT id FROM c)),
    need_input AS (
      SELECT * FROM jsonb_to_recordset(${json(children((d) => d.needs))}) AS i(contact_id uuid, id uuid,
        term_id text, note text, unmet_reason text, unmet_note text, position int)
      WHERE contact_id IN (SELECT id FROM c)
    ),
    anc AS (
      SELECT t.id AS term_id, t.id AS cur, t.parent_id, 0 AS depth FROM taxonomy_terms t
        WHERE t.id IN (SELECT term_id FROM need_input)
      UNION ALL
      SELECT anc.term_id, p.id, p.parent_id, anc.depth + 1 FROM anc JOIN taxonomy_terms p ON p.id = anc.parent_id
        WHERE anc.depth < 20
    ),
    n AS (
      INSERT INTO contact_needs (id, contact_id, term_id, category_id, note, unmet_reason, unmet_note, position)
      SELECT i.id, i.contact_id, i.term_id, a.cur, i.note, i.unmet_reason, i.unmet_note, i.position
        FROM need_input i LEFT JOIN anc a ON a.term_id = i.term_id AND a.parent_id IS NULL
      RETURNING contact_id, id, term_id AS "termId", category_id AS "categoryId", note, unmet_reason AS "unmetReason",
        unmet_note AS "unmetNote", position
    ),
    r AS (
      INSERT INTO contact_referrals AS nr (id, contact_id, need_id, service_id, location_id, kind,
        ${snapshotColumns}, note, position)
      SELECT i.id, i.contact_id, i.need_id, i.service_id, i.location_id, i.kind, ${snapshotValues},
        i.note, i.position
      FROM jsonb_to_recordset(${json(children((d) => d.referrals))}) AS i(contact_id uuid, id uuid, need_id uuid,
          service_id uuid, location_id uuid, kind text, service_name text, service_phone text, location_name text,
          note text, position int)
        ${snapshotJoins}
      WHERE i.contact_id IN (SELECT id FROM c)
      RETURNING contact_id, id, need_id AS "needId", service_id AS "serviceId", location_id AS "locationId", kind,
        service_name AS "serviceName", service_phone AS "servicePhone", location_name AS "locationName", note,
        position, created_at AS "createdAt", ${returnedSnapshot(sql`nr`)}
    ),
    f AS (
      INSERT INTO follow_ups (id, contact_id, due_at, note, assigned_to_id, created_by_id)
      SELECT i.id, cd.id, i.due_at, i.note, i.assigned_to_id, cd.created_by_id
      FROM jsonb_to_recordset(${json(children((d) => d.followUps))})
          AS i(contact_id uuid, id uuid, due_at timestamptz, note text, assigned_to_id uuid)
        JOIN cd ON cd.id = i.contact_id
      RETURNING id, contact_id AS "contactId", due_at AS "dueAt", status, note, assigned_to_id AS "assignedToId",
        created_at AS "createdAt"
    ),
    a AS (
      INSERT INTO audit_log (actor_type, actor_id, actor_name, action, entity_type, entity_id, fields, request_id)
      SELECT cd.actor_type, cd.actor_id, cd.actor_name, i.action, i.entity_type, i.entity_id, i.fields, cd.request_id
      FROM jsonb_to_recordset(${json(audit)})
          AS i(contact_id uuid, action text, entity_type text, entity_id text, fields text[])
        JOIN cd ON cd.id = i.contact_id
    )
    SELECT c.id, row_to_json(c) AS contact,
      (SELECT json_agg(to_jsonb(n) - 'contact_id' ORDER BY n.position) FROM n WHERE n.contact_id = c.id) AS needs,
      (SELECT json_agg(to_jsonb(r) - 'contact_id') FROM r WHERE r.contact_id = c.id) AS referrals,
      (SELECT json_agg(f) FROM f WHERE f."contactId" = c.id) AS follow_ups
    FROM c`,
  );
}

export interface CloseWrite {
  id: string;
  version: number;
  endedAt: Date;
  /** null = any writer (supervisor); otherwise only this specialist's contact. */
  writerId: string | null;
  actor: { type: string; id: string | null; name: string };
  requestId?: string;
}

/**
 * The wrap-up fast path: closes each draft that is at its `version`, may be closed by its writer, and meets
 * the reporting minimum — the same rules as missingForClose (contacts.rules.ts), which stays the authority:
 * for a contact this does not close, close-contact.ts re-reads it and explains why with those rules. One
 * statement for all; returns the closed contacts with their children (the others have no row).
 */
export async function closeAllReady(db: Db, closes: CloseWrite[]) {
  const input = closes.map((c) => ({
    id: c.id,
    version: c.version,
    ended_at: c.endedAt.toISOString(),
    writer_id: c.writerId,
    actor_type: c.actor.type,
    actor_id: c.actor.id,
    actor_name: c.actor.name,
    request_id: c.requestId ?? null,
  }));
  return preparedRows<RawContact>(
    db,
    'contacts_close_group',
    // Each contact is checked on its own: the LATERAL subquery (kept apart by LIMIT) runs once per input row
    // through the primary key. Joined as a set, the planner would check every draft in the table, hashing
    // whole child tables for the EXISTS tests. `status <> 'closed'` (= 'draft', see the CHECK) keeps it off
    // contacts_draft_idx, which would scan all drafts. The UPDATE finds each row by its ctid and only re-checks
    // the version: every change bumps it, so a contact changed since the check is left alone (PostgreSQL
    // re-checks the WHERE on the newest version of the row it locks).
    sql`WITH i AS (
          SELECT * FROM jsonb_to_recordset(${json(input)}) AS i(id uuid, version int, ended_at timestamptz,
            writer_id uuid, actor_type text, actor_id uuid, actor_name text, request_id text)
        ), ready AS (
          SELECT i.*, ok.ctid FROM i CROSS JOIN LATERAL (
            SELECT c.ctid FROM contacts c
            WHERE c.id = i.id AND c.version = i.version AND c.status <> 'closed'
              AND (i.writer_id IS NULL OR c.specialist_id = i.writer_id)
              AND c.caller_age_group IS NOT NULL AND c.caller_gender IS NOT NULL
              AND (c.caller_location_undisclosed OR c.caller_municipality IS NOT NULL OR c.caller_fsa IS NOT NULL)
              AND c.no_need <> EXISTS (SELECT 1 FROM contact_needs n WHERE n.contact_id = c.id)
              AND NOT EXISTS (
                SELECT 1 FROM contact_needs n WHERE n.contact_id = c.id
                  AND NOT EXISTS (SELECT 1 FROM contact_referrals r WHERE r.need_id = n.id)
                  AND (n.unmet_reason IS NULL OR (n.unmet_reason = 'other' AND COALESCE(n.unmet_note, '') = '')))
              AND (c.crisis_flags = '{}'::text[] OR COALESCE(c.no_follow_up_reason, '') <> ''
                OR EXISTS (SELECT 1 FROM follow_ups f WHERE f.contact_id = c.id))
              AND NOT EXISTS (
                SELECT 1 FROM lines l CROSS JOIN jsonb_array_elements(l.fields) fd
                WHERE l.id = c.line_id AND (fd->>'required')::boolean
                  AND COALESCE(c.line_fields->>(fd->>'key'), '') = '')
            LIMIT 1
          ) ok
        ), u AS (
          UPDATE contacts c SET status = 'closed', closed_at = now(), updated_at = now(), version = c.version + 1,
            ended_at = COALESCE(c.ended_at, i.ended_at)
          FROM ready i
          WHERE c.ctid = i.ctid AND c.version = i.version
          RETURNING c.*
        ), a AS (
          INSERT INTO audit_log (actor_type, actor_id, actor_name, action, entity_type, entity_id, fields, request_id)
          SELECT i.actor_type, i.actor_id, i.actor_name, 'close', 'contact', u.id::text,
            ARRAY['status', 'endedAt'], i.request_id FROM u JOIN i ON i.id = u.id
        )
        SELECT c.*, s.name AS specialist_name, ${childAggregates}
        FROM u AS c LEFT JOIN staff s ON s.id = c.specialist_id`,
  );
}
