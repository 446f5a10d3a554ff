import { preparedRows, rows, schema, type Db } from '@relais/db';
import { sql } from 'drizzle-orm';
import {
  asDate,
  childAggregates,
  json,
  type FollowUpRecord,
  type NeedRecord,
  type RawContact,
  type ReferralRecord,
} from './contacts.queries';

/**
 * Contacts writes: plain functions taking the database or a transaction first. Children are written with
 * jsonb_to_recordset: one statement (one round trip) per table whatever the number of rows, and the same SQL
 * on PostgreSQL and PGlite.
 */

export type ContactValues = Omit<typeof schema.contacts.$inferInsert, 'id'>;

export async function updateContactRow(db: Db, id: string, values: Partial<ContactValues>) {
  const [row] = await db
    .update(schema.contacts)
    .set({ ...values, version: sql`${schema.contacts.version} + 1`, updatedAt: sql`now()` })
    .where(sql`${schema.contacts.id} = ${id}`)
    .returning();
  if (!row) throw new Error('update returned no row');
  return row;
}

export interface NeedWrite {
  id: string;
  term_id: string;
  note: string | null;
  unmet_reason: string | null;
  unmet_note: string | null;
  position: number;
}

/**
 * Inserts or updates needs; the category is the term's top-level ancestor, found in the same statement.
 * Returns the written rows: fewer than given means an unknown term or an id of another contact.
 */
export async function upsertNeeds(db: Db, contactId: string, needs: NeedWrite[]): Promise<NeedRecord[]> {
  if (needs.length === 0) return [];
  return rows<NeedRecord>(
    db,
    sql`
    WITH RECURSIVE input AS (
      SELECT * FROM jsonb_to_recordset(${json(needs)})
        AS x(id uuid, term_id text, note text, unmet_reason text, unmet_note text, position int)
    ), anc AS (
      SELECT t.id AS term_id, t.id AS cur, t.parent_id, 0 AS depth FROM taxonomy_terms t
        WHERE t.id IN (SELECT term_id FROM input)
      UNION ALL
      SELECT anc.term_id, p.id, p.parent_id, anc.depth + 1 FROM anc JOIN taxonomy_terms p ON p.id = anc.parent_id
        WHERE anc.depth < 20
    )
    INSERT INTO contact_needs AS n (id, contact_id, term_id, category_id, note, unmet_reason, unmet_note, position)
    SELECT i.id, ${contactId}, i.term_id, a.cur, i.note, i.unmet_reason, i.unmet_note, i.position
      FROM input i JOIN anc a ON a.term_id = i.term_id AND a.parent_id IS NULL
    ON CONFLICT (id) DO UPDATE SET term_id = EXCLUDED.term_id, category_id = EXCLUDED.category_id,
      note = EXCLUDED.note, unmet_reason = EXCLUDED.unmet_reason, unmet_note = EXCLUDED.unmet_note,
      position = EXCLUDED.position, updated_at = now()
      WHERE n.contact_id = EXCLUDED.contact_id
    RETURNING id, term_id AS "termId", category_id AS "categoryId", note, unmet_reason AS "unmetReason",
      unmet_note AS "unmetNote", position`,
  );
}

export interface ReferralWrite {
  id: string;
  need_id: string;
  service_id: string | null;
  location_id: string | null;
  kind: string;
  service_name: string | null;
  service_phone: string | null;
  location_name: string | null;
  note: string | null;
  position: number;
}

/**
 * Inserts or updates referrals. The snapshot of the service (name, first phone) and site (name) is taken
 * from the directory when the referral is new or its service/site changed; the client's values are only
 * used for services the directory does not hold. Returns the written rows.
 */
export async function upsertReferrals(
  db: Db,
  contactId: string,
  referrals: ReferralWrite[],
): Promise<ReferralRecord[]> {
  if (referrals.length === 0) return [];
  const result = await rows<ReferralRecord & { createdAt: Date | string }>(
    db,
    sql`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${json(referrals)}) AS x(id uuid, need_id uuid, service_id uuid,
        location_id uuid, kind text, service_name text, service_phone text, location_name text, note text,
        position int)
    )
    INSERT INTO contact_referrals AS r (id, contact_id, need_id, service_id, location_id, kind, service_name,
      service_phone, location_name, note, position)
    SELECT i.id, ${contactId}, i.need_id, i.service_id, i.location_id, i.kind,
      COALESCE(s.name_en, s.name_fr, i.service_name),
      COALESCE((SELECT p.number FROM phones p WHERE p.service_id = i.service_id
                 ORDER BY p.sort_order, p.id LIMIT 1), i.service_phone),
      COALESCE(l.name_en, l.name_fr, l.city, i.location_name),
      i.note, i.position
    FROM input i
      LEFT JOIN services s ON s.id = i.service_id
      LEFT JOIN locations l ON l.id = i.location_id
    ON CONFLICT (id) DO UPDATE SET
      need_id = EXCLUDED.need_id, kind = EXCLUDED.kind, note = EXCLUDED.note, position = EXCLUDED.position,
      service_name = CASE WHEN r.service_id IS DISTINCT FROM EXCLUDED.service_id
        THEN EXCLUDED.service_name ELSE r.service_name END,
      service_phone = CASE WHEN r.service_id IS DISTINCT FROM EXCLUDED.service_id
        THEN EXCLUDED.service_phone ELSE r.service_phone END,
      location_name = CASE WHEN r.location_id IS DISTINCT FROM EXCLUDED.location_id
        THEN EXCLUDED.location_name ELSE r.location_name END,
      service_id = EXCLUDED.service_id, location_id = EXCLUDED.location_id, updated_at = now()
      WHERE r.contact_id = EXCLUDED.contact_id
    RETURNING id, need_id AS "needId", service_id AS "serviceId", location_id AS "locationId", kind,
      service_name AS "serviceName", service_phone AS "servicePhone", location_name AS "locationName", note,
      position, created_at AS "createdAt"`,
  );
  return result.map((r) => ({ ...r, createdAt: asDate(r.createdAt).toISOString() }));
}

export interface FollowUpWrite {
  id: string;
  due_at: string;
  note: string | null;
  assigned_to_id: string | null;
}

/** Follow-ups decided during the contact; only open ones of this contact are changed. */
export async function upsertFollowUps(
  db: Db,
  contactId: string,
  createdById: string | null,
  followUps: FollowUpWrite[],
): Promise<FollowUpRecord[]> {
  if (followUps.length === 0) return [];
  const result = await rows<FollowUpRecord & { dueAt: Date | string; createdAt: Date | string }>(
    db,
    sql`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${json(followUps)})
        AS x(id uuid, due_at timestamptz, note text, assigned_to_id uuid)
    )
    INSERT INTO follow_ups AS f (id, contact_id, due_at, note, assigned_to_id, created_by_id)
    SELECT i.id, ${contactId}, i.due_at, i.note, i.assigned_to_id, ${createdById} FROM input i
    ON CONFLICT (id) DO UPDATE SET due_at = EXCLUDED.due_at, note = EXCLUDED.note,
      assigned_to_id = EXCLUDED.assigned_to_id, updated_at = now(), version = f.version + 1
      WHERE f.contact_id = EXCLUDED.contact_id AND f.status = 'open'
    RETURNING id, contact_id AS "contactId", due_at AS "dueAt", status, note,
      assigned_to_id AS "assignedToId", created_at AS "createdAt"`,
  );
  return result.map((f) => ({
    ...f,
    dueAt: asDate(f.dueAt).toISOString(),
    createdAt: asDate(f.createdAt).toISOString(),
  }));
}

export async function deleteChildren(
  db: Db,
  table: 'contact_needs' | 'contact_referrals' | 'follow_ups',
  contactId: string,
  ids: string[],
) {
  if (ids.length === 0) return;
  await db.execute(
    sql`DELETE FROM ${sql.identifier(table)} WHERE contact_id = ${contactId}
        AND id IN (SELECT value::uuid FROM jsonb_array_elements_text(${json(ids)}))`,
  );
}

export interface AuditWrite {
  action: string;
  entityType: string;
  entityId: string | null;
  fields: string[] | null;
}

/** Several audit rows in one statement (same table and meaning as lib/audit writeAudit). */
export async function insertAuditRows(
  db: Db,
  actor: { type: string; id: string | null; name: string },
  requestId: string | undefined,
  entries: AuditWrite[],
) {
  if (entries.length === 0) return;
  await db.insert(schema.auditLog).values(
    entries.map((e) => ({
      actorType: actor.type,
      actorId: actor.id,
      actorName: actor.name,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      fields: e.fields,
      requestId: requestId ?? null,
    })),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Creating a whole contact in one statement (the hot path: one round trip, atomic without BEGIN/COMMIT)

export interface ContactDocumentWrite {
  /** Column values keyed by column name (snake_case); omitted columns are NULL, timestamps default to now. */
  contact: Record<string, unknown> & { id: string };
  needs: NeedWrite[];
  referrals: ReferralWrite[];
  followUps: FollowUpWrite[];
  createdById: string | null;
  audit: AuditWrite[];
  actor: { type: string; id: string | null; name: string };
  requestId: string | undefined;
  /**
   * When given, the key is claimed in the same statement (pointing at the contact); nothing is written if another
   * request holds it.
   */
  claim?: { ownerId: string; key: string; requestHash: string };
}

/**
 * Inserts the contact, its needs (category = the term's top-level ancestor), referrals (with the directory
 * snapshot), follow-ups and audit rows as one statement. An unknown term, service or site, or a reused id,
 * fails the whole statement (NOT NULL / foreign key / unique violation) and nothing is written.
 * Returns undefined when the Idempotency-Key was already taken.
 */
export async function insertContactDocument(db: Db, doc: ContactDocumentWrite) {
  const claim = doc.claim
    ? sql`INSERT INTO idempotency_keys (owner_id, key, request_hash, status_code, resource_id)
          VALUES (${doc.claim.ownerId}, ${doc.claim.key}, ${doc.claim.requestHash}, 201, ${doc.contact.id})
          ON CONFLICT (owner_id, key) DO NOTHING RETURNING key`
    : sql`SELECT 'none'::text AS key`;
  const [row] = await preparedRows<{
    contact: Record<string, unknown> | null;
    needs: NeedRecord[] | null;
    referrals: ReferralRecord[] | null;
    follow_ups: FollowUpRecord[] | null;
  }>(
    db,
    doc.claim ? 'contacts_create_with_key' : 'contacts_create',
    sql`
    WITH RECURSIVE k AS (${claim}),
    c AS (
      INSERT INTO contacts
      SELECT * FROM jsonb_populate_record(NULL::contacts, ${json(doc.contact)} || jsonb_build_object(
        'version', 1, 'status', 'draft', 'created_at', now(), 'updated_at', now(),
        'started_at', COALESCE((${json(doc.contact)}->>'started_at')::timestamptz, now())))
      WHERE EXISTS (SELECT 1 FROM k)
      RETURNING *
    ),
    need_input AS (
      SELECT * FROM jsonb_to_recordset(${json(doc.needs)})
        AS x(id uuid, term_id text, note text, unmet_reason text, unmet_note text, position int)
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
      SELECT i.id, c.id, i.term_id, a.cur, i.note, i.unmet_reason, i.unmet_note, i.position
        FROM need_input i CROSS JOIN c LEFT JOIN anc a ON a.term_id = i.term_id AND a.parent_id IS NULL
      RETURNING id, term_id AS "termId", category_id AS "categoryId", note, unmet_reason AS "unmetReason",
        unmet_note AS "unmetNote", position
    ),
    r AS (
      INSERT INTO contact_referrals (id, contact_id, need_id, service_id, location_id, kind, service_name,
        service_phone, location_name, note, position)
      SELECT i.id, c.id, i.need_id, i.service_id, i.location_id, i.kind,
        COALESCE(s.name_en, s.name_fr, i.service_name),
        COALESCE((SELECT p.number FROM phones p WHERE p.service_id = i.service_id
                   ORDER BY p.sort_order, p.id LIMIT 1), i.service_phone),
        COALESCE(l.name_en, l.name_fr, l.city, i.location_name), i.note, i.position
      FROM jsonb_to_recordset(${json(doc.referrals)}) AS i(id uuid, need_id uuid, service_id uuid,
          location_id uuid, kind text, service_name text, service_phone text, location_name text, note text,
          position int)
        CROSS JOIN c
        LEFT JOIN services s ON s.id = i.service_id
        LEFT JOIN locations l ON l.id = i.location_id
      RETURNING id, need_id AS "needId", service_id AS "serviceId", location_id AS "locationId", kind,
        service_name AS "serviceName", service_phone AS "servicePhone", location_name AS "locationName", note,
        position, created_at AS "createdAt"
    ),
    f AS (
      INSERT INTO follow_ups (id, contact_id, due_at, note, assigned_to_id, created_by_id)
      SELECT i.id, c.id, i.due_at, i.note, i.assigned_to_id, ${doc.createdById}::uuid
      FROM jsonb_to_recordset(${json(doc.followUps)}) AS i(id uuid, due_at timestamptz, note text, assigned_to_id uuid)
        CROSS JOIN c
      RETURNING id, contact_id AS "contactId", due_at AS "dueAt", status, note, assigned_to_id AS "assignedToId",
        created_at AS "createdAt"
    ),
    a AS (
      INSERT INTO audit_log (actor_type, actor_id, actor_name, action, entity_type, entity_id, fields, request_id)
      SELECT ${doc.actor.type}, ${doc.actor.id}::uuid, ${doc.actor.name}, i.action, i.entity_type, i.entity_id,
        i.fields, ${doc.requestId ?? null}
      FROM jsonb_to_recordset(${json(
        doc.audit.map((e) => ({
          action: e.action,
          entity_type: e.entityType,
          entity_id: e.entityId,
          fields: e.fields,
        })),
      )}) AS i(action text, entity_type text, entity_id text, fields text[])
      WHERE EXISTS (SELECT 1 FROM c)
    )
    SELECT (SELECT row_to_json(c) FROM c) AS contact,
      (SELECT json_agg(n ORDER BY n.position) FROM n) AS needs,
      (SELECT json_agg(r) FROM r) AS referrals,
      (SELECT json_agg(f) FROM f) AS follow_ups`,
  );
  if (!row?.contact) return undefined;
  return row;
}

/** Closes a draft if it is still at `version` (optimistic: no lock held between reading and closing). */
export async function closeContactRow(
  db: Db,
  args: {
    id: string;
    version: number;
    endedAt: Date;
    actor: { type: string; id: string | null; name: string };
    requestId?: string;
  },
) {
  const [row] = await rows<RawContact>(
    db,
    sql`WITH u AS (
          UPDATE contacts SET status = 'closed', closed_at = now(), updated_at = now(), version = version + 1,
            ended_at = COALESCE(ended_at, ${args.endedAt.toISOString()}::timestamptz)
          WHERE id = ${args.id} AND version = ${args.version} AND status = 'draft'
          RETURNING *
        ), a AS (
          INSERT INTO audit_log (actor_type, actor_id, actor_name, action, entity_type, entity_id, fields, request_id)
          SELECT ${args.actor.type}, ${args.actor.id}::uuid, ${args.actor.name}, 'close', 'contact', u.id::text,
            ARRAY['status', 'endedAt'], ${args.requestId ?? null} FROM u
        )
        SELECT * FROM u`,
  );
  return row;
}

/**
 * The wrap-up fast path: closes the draft in one statement when it is at `version`, the writer may close it,
 * and the reporting minimum holds — the same rules as missingForClose (contacts.rules.ts), which stays the
 * authority: when this closes nothing, the service re-reads the contact and explains why with those rules.
 * Returns the closed contact with its children, or undefined.
 */
export async function closeIfReady(
  db: Db,
  args: {
    id: string;
    version: number;
    endedAt: Date;
    /** null = any writer (supervisor); otherwise only this specialist's contact. */
    writerId: string | null;
    actor: { type: string; id: string | null; name: string };
    requestId?: string;
  },
) {
  const [row] = await preparedRows<RawContact>(
    db,
    'contacts_close_if_ready',
    sql`WITH u AS (
          UPDATE contacts c SET status = 'closed', closed_at = now(), updated_at = now(), version = c.version + 1,
            ended_at = COALESCE(c.ended_at, ${args.endedAt.toISOString()}::timestamptz)
          WHERE c.id = ${args.id} AND c.version = ${args.version} AND c.status = 'draft'
            AND (${args.writerId}::uuid IS NULL OR c.specialist_id = ${args.writerId}::uuid)
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
          RETURNING c.*
        ), a AS (
          INSERT INTO audit_log (actor_type, actor_id, actor_name, action, entity_type, entity_id, fields, request_id)
          SELECT ${args.actor.type}, ${args.actor.id}::uuid, ${args.actor.name}, 'close', 'contact', u.id::text,
            ARRAY['status', 'endedAt'], ${args.requestId ?? null} FROM u
        )
        SELECT c.*, s.name AS specialist_name, ${childAggregates}
        FROM u AS c LEFT JOIN staff s ON s.id = c.specialist_id`,
  );
  return row;
}
