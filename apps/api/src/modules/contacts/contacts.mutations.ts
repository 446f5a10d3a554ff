import { preparedRows, rows, schema, type Db } from '@relais/db';
import { sql, type SQL } from 'drizzle-orm';
import { groupCommit, lane } from '../../lib/group-commit';
import { perDatabase } from '../../lib/per-database';
import { IDEMPOTENCY_KEY_HOURS } from '../../plugins/housekeeping';
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

/** `crisisRaised`: a crisis flag is being added, which reopens the supervisors' alert for this contact. */
export async function updateContactRow(
  db: Db,
  id: string,
  values: Partial<ContactValues>,
  opts: { crisisRaised?: boolean } = {},
) {
  const [row] = await db
    .update(schema.contacts)
    .set({
      ...values,
      version: sql`${schema.contacts.version} + 1`,
      updatedAt: sql`now()`,
      ...(opts.crisisRaised ? { crisisRaisedAt: sql`now()` } : {}),
    })
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

// The snapshot of what was referred: the service (names in both languages, first phone, organization) and the
// site (names), read from the directory at referral time. The client's values are only used for services the
// directory does not hold. Input rows are `i`, with the directory's service `s`, site `l` and organization `o`.
const SERVICE_SNAPSHOT = [
  'service_name',
  'service_phone',
  'service_name_en',
  'service_name_fr',
  'organization_name_en',
  'organization_name_fr',
];
const LOCATION_SNAPSHOT = ['location_name', 'location_name_en', 'location_name_fr'];
const snapshotColumns = sql.raw([...SERVICE_SNAPSHOT, ...LOCATION_SNAPSHOT].join(', '));
const snapshotValues = sql`COALESCE(s.name_en, s.name_fr, i.service_name),
  COALESCE((SELECT p.number FROM phones p WHERE p.service_id = i.service_id
             ORDER BY p.sort_order, p.id LIMIT 1), i.service_phone),
  s.name_en, s.name_fr, o.name_en, o.name_fr,
  COALESCE(l.name_en, l.name_fr, l.city, i.location_name), l.name_en, l.name_fr`;
const snapshotJoins = sql`LEFT JOIN services s ON s.id = i.service_id
  LEFT JOIN organizations o ON o.id = s.organization_id
  LEFT JOIN locations l ON l.id = i.location_id`;
/** On update, the snapshot is retaken only when the referral now points at another service or site. */
const keptUnlessChanged = (key: string, columns: string[]) =>
  sql.raw(
    columns
      .map(
        (c) =>
          `${c} = CASE WHEN r.${key} IS DISTINCT FROM EXCLUDED.${key} THEN EXCLUDED.${c} ELSE r.${c} END`,
      )
      .join(',\n      '),
  );
/** The snapshot of a written referral row (`alias`) for ReferralRecord, with its directory records' state. */
const returnedSnapshot = (alias: SQL) => sql`${alias}.service_name_en AS "serviceNameEn",
  ${alias}.service_name_fr AS "serviceNameFr", ${alias}.location_name_en AS "locationNameEn",
  ${alias}.location_name_fr AS "locationNameFr", ${alias}.organization_name_en AS "organizationNameEn",
  ${alias}.organization_name_fr AS "organizationNameFr",
  CASE WHEN NOT EXISTS (SELECT 1 FROM services ds WHERE ds.id = ${alias}.service_id) THEN 'gone'
       WHEN EXISTS (SELECT 1 FROM services ds WHERE ds.id = ${alias}.service_id AND ds.status = 'inactive')
         OR EXISTS (SELECT 1 FROM locations dl WHERE dl.id = ${alias}.location_id AND dl.status = 'inactive')
       THEN 'inactive' ELSE 'current' END AS directory`;

/** Inserts or updates referrals, with their snapshot (above). Returns the written rows. */
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
    INSERT INTO contact_referrals AS r (id, contact_id, need_id, service_id, location_id, kind, ${snapshotColumns},
      note, position)
    SELECT i.id, ${contactId}, i.need_id, i.service_id, i.location_id, i.kind, ${snapshotValues}, i.note, i.position
    FROM input i ${snapshotJoins}
    ON CONFLICT (id) DO UPDATE SET
      need_id = EXCLUDED.need_id, kind = EXCLUDED.kind, note = EXCLUDED.note, position = EXCLUDED.position,
      ${keptUnlessChanged('service_id', SERVICE_SNAPSHOT)},
      ${keptUnlessChanged('location_id', LOCATION_SNAPSHOT)},
      service_id = EXCLUDED.service_id, location_id = EXCLUDED.location_id, updated_at = now()
      WHERE r.contact_id = EXCLUDED.contact_id
    RETURNING id, need_id AS "needId", service_id AS "serviceId", location_id AS "locationId", kind,
      service_name AS "serviceName", service_phone AS "servicePhone", location_name AS "locationName", note,
      position, created_at AS "createdAt", ${returnedSnapshot(sql`r`)}`,
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
  // small, so the plan stays cheap (nested sets were estimated at 100 × 100 rows, which switched JIT on).
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
      entity_id: e.entityId,
      fields: e.fields,
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

/**
 * Per database: concurrent creates and wrap-ups go to PostgreSQL in groups (see lib/group-commit), and the two
 * kinds take turns in one lane, so one of their statements runs at a time. Side by side they competed for the
 * same cores and each took longer; one at a time, each finishes sooner and the groups are larger (at 500
 * contacts/s on the 2-core benchmark machine: a fifth less PostgreSQL CPU per contact, per-request p99 about
 * 13 ms lower at the median; bench/README.md). The price: a group waiting for a row lock (a wrap-up behind an
 * autosave of the same contact, which commits within milliseconds) holds up the creates behind it that long.
 */
const groupsOf = perDatabase((db: Db) => {
  const writes = lane();
  return {
    create: groupCommit(
      async (docs: ContactDocumentWrite[]) => {
        const written = await insertContactDocuments(db, inKeyOrder(docs, createKey));
        const byId = new Map(written.map((w) => [w.id, w]));
        return docs.map((d) => byId.get(d.contact.id));
      },
      { keyOf: createKey, retryAlone: true, lane: writes },
    ),
    close: groupCommit(
      async (closes: CloseWrite[]) => {
        const closed = await closeAllReady(
          db,
          inKeyOrder(closes, (c) => c.id),
        );
        const byId = new Map(closed.map((c) => [c.id, c]));
        return closes.map((c) => byId.get(c.id));
      },
      { keyOf: (c) => c.id, retryAlone: true, lane: writes },
    ),
  };
});

/** The row a create may contend for with another request: its Idempotency-Key, else only its own id. */
const createKey = (d: ContactDocumentWrite) => (d.claim ? `${d.claim.ownerId} ${d.claim.key}` : d.contact.id);

/**
 * Groups write their rows in key order, so two groups that share rows (a double-submitted wrap-up, a retried
 * create) take the locks in the same order and wait for each other instead of deadlocking.
 */
const inKeyOrder = <T>(items: T[], key: (item: T) => string) =>
  [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

/**
 * Creates one contact (see insertContactDocuments), grouped with the creates running at the same moment.
 * Returns undefined when the Idempotency-Key was already taken.
 */
export function insertContactDocument(
  db: Db,
  doc: ContactDocumentWrite,
): Promise<WrittenDocument | undefined> {
  return groupsOf(db).create(doc);
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
 * for a contact this does not close, the service re-reads it and explains why with those rules. One
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
    // through the primary key. Joined as a set, the planner checked every draft in the table instead, hashing
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

/** Closes one contact if ready (see closeAllReady), grouped with the wrap-ups running at the same moment. */
export function closeIfReady(db: Db, close: CloseWrite): Promise<RawContact | undefined> {
  return groupsOf(db).close(close);
}
