import type { Channel, CrisisFlag } from '@relais/contracts';
import { preparedRows, rows, schema, type Db } from '@relais/db';
import { asc, sql } from 'drizzle-orm';
import { toRecord, type ContactValues, type RawContact } from './contacts.records';

/**
 * Contacts SQL: plain functions taking the database or a transaction first. Sets of ids or rows travel as
 * one JSON parameter (jsonb_to_recordset / jsonb_array_elements): one statement whatever their number, and
 * the same SQL on PostgreSQL and PGlite. The children's writes are in contacts.children.queries.ts, the
 * one-statement group writes in contacts.groups.queries.ts.
 */

export const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

export function listLines(db: Db) {
  return db.select().from(schema.lines).orderBy(asc(schema.lines.sortOrder), asc(schema.lines.id));
}

export function listSpecialists(db: Db) {
  return rows<{ id: string; name: string; disabled: boolean }>(
    db,
    sql`SELECT id, name, disabled_at IS NOT NULL AS disabled FROM staff
        WHERE 'specialist' = ANY(roles) ORDER BY disabled_at IS NOT NULL, lower(name), id`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// One contact with its children, in one round trip

/** The directory records of the referral aliased `r` (rs: its service, rl: its site), when they still exist. */
const referralDirectoryJoin = sql`LEFT JOIN services rs ON rs.id = r.service_id
  LEFT JOIN locations rl ON rl.id = r.location_id`;

/**
 * The snapshot columns of the referral `r` as JSON members, and the state of its directory records (needs
 * referralDirectoryJoin): a service or site gone from the directory, or no longer active, shows the snapshot.
 */
const referralSnapshotJson = sql`'serviceNameEn', r.service_name_en, 'serviceNameFr', r.service_name_fr,
  'locationNameEn', r.location_name_en, 'locationNameFr', r.location_name_fr,
  'organizationNameEn', r.organization_name_en, 'organizationNameFr', r.organization_name_fr,
  'directory', CASE WHEN rs.id IS NULL THEN 'gone'
                    WHEN rs.status = 'inactive' OR rl.status = 'inactive' THEN 'inactive'
                    ELSE 'current' END`;

/** The children of the contact row aliased `c`, aggregated as JSON (one round trip for the whole document). */
export const childAggregates = sql`
    (SELECT json_agg(json_build_object('id', n.id, 'termId', n.term_id, 'categoryId', n.category_id,
        'note', n.note, 'unmetReason', n.unmet_reason, 'unmetNote', n.unmet_note, 'position', n.position)
        ORDER BY n.position, n.created_at)
       FROM contact_needs n WHERE n.contact_id = c.id) AS needs,
    (SELECT json_agg(json_build_object('id', r.id, 'needId', r.need_id, 'serviceId', r.service_id,
        'locationId', r.location_id, 'kind', r.kind, 'serviceName', r.service_name,
        'servicePhone', r.service_phone, 'locationName', r.location_name, 'note', r.note,
        'position', r.position, 'createdAt', r.created_at, ${referralSnapshotJson})
        ORDER BY r.position, r.created_at)
       FROM contact_referrals r ${referralDirectoryJoin} WHERE r.contact_id = c.id) AS referrals,
    (SELECT json_agg(json_build_object('id', f.id, 'contactId', f.contact_id, 'dueAt', f.due_at,
        'status', f.status, 'note', f.note, 'assignedToId', f.assigned_to_id, 'createdAt', f.created_at)
        ORDER BY f.due_at, f.created_at)
       FROM follow_ups f WHERE f.contact_id = c.id) AS follow_ups`;

const contactSelect = sql`
  SELECT c.*, s.name AS specialist_name, ${childAggregates}
  FROM contacts c LEFT JOIN staff s ON s.id = c.specialist_id`;

export async function findContact(db: Db, id: string, opts: { forUpdate?: boolean } = {}) {
  const lock = opts.forUpdate ? sql` FOR UPDATE OF c` : sql``;
  const query = sql`${contactSelect} WHERE c.id = ${id}${lock}`;
  const [row] = opts.forUpdate
    ? await rows<RawContact>(db, query)
    : await preparedRows<RawContact>(db, 'contacts_find', query);
  return row ? toRecord(row) : undefined;
}

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

/**
 * Closes a draft if it is still at `version` (optimistic: no lock held between reading and closing), with
 * its audit row in the same statement.
 */
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

// ---------------------------------------------------------------------------------------------------------
// Naming the bad field after a refused write

/** Which of these ids are not known. */
export async function unknownIds(db: Db, table: 'services' | 'locations' | 'staff', ids: string[]) {
  if (ids.length === 0) return [];
  const found = await rows<{ id: string }>(
    db,
    sql`SELECT id FROM ${sql.identifier(table)}
        WHERE id IN (SELECT value::uuid FROM jsonb_array_elements_text(${json(ids)}))`,
  );
  const known = new Set(found.map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

/** Which of these ids are already needs, referrals or follow-ups (of any contact). */
export async function existingChildIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  const found = await rows<{ id: string }>(
    db,
    sql`WITH i AS (SELECT value::uuid AS id FROM jsonb_array_elements_text(${json(ids)}))
        SELECT id FROM contact_needs WHERE id IN (SELECT id FROM i)
        UNION SELECT id FROM contact_referrals WHERE id IN (SELECT id FROM i)
        UNION SELECT id FROM follow_ups WHERE id IN (SELECT id FROM i)`,
  );
  return found.map((r) => r.id);
}

export async function unknownTerms(db: Db, termIds: string[]) {
  if (termIds.length === 0) return [];
  const found = await rows<{ id: string }>(
    db,
    sql`SELECT id FROM taxonomy_terms WHERE id IN (SELECT value FROM jsonb_array_elements_text(${json(termIds)}))`,
  );
  const known = new Set(found.map((r) => r.id));
  return termIds.filter((id) => !known.has(id));
}

// ---------------------------------------------------------------------------------------------------------
// Idempotency keys

/** The key's claim while it is honoured (younger than `hours`); an older one is as good as gone. */
export async function findIdempotencyKey(db: Db, ownerId: string, key: string, hours: number) {
  const [row] = await rows<{
    request_hash: string;
    status_code: number;
    resource_id: string | null;
  }>(
    db,
    sql`SELECT request_hash, status_code, resource_id FROM idempotency_keys
        WHERE owner_id = ${ownerId} AND key = ${key}
          AND created_at > now() - make_interval(hours => ${hours})`,
  );
  return row;
}

// ---------------------------------------------------------------------------------------------------------
// The referral summary's names and addresses

export async function staffLocale(db: Db, staffId: string | null) {
  const [staff] = await rows<{ locale: string }>(db, sql`SELECT locale FROM staff WHERE id = ${staffId}`);
  return staff?.locale;
}

export function termNames(db: Db, termIds: string[]) {
  return rows<{ id: string; name_en: string | null; name_fr: string | null }>(
    db,
    sql`SELECT id, name_en, name_fr FROM taxonomy_terms
        WHERE id IN (SELECT value FROM jsonb_array_elements_text(${JSON.stringify(termIds)}::jsonb))`,
  );
}

export function locationAddresses(db: Db, locationIds: string[]) {
  return rows<{ id: string; address_1: string | null; city: string | null }>(
    db,
    sql`SELECT id, address_1, city FROM locations
        WHERE id IN (SELECT value::uuid FROM jsonb_array_elements_text(${JSON.stringify(locationIds)}::jsonb))`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Crisis alerts

export interface OpenCrisisRow {
  id: string;
  specialist_id: string | null;
  crisis_flags: CrisisFlag[];
  line_id: string;
  channel: Channel;
  crisis_raised_at: Date | string;
}

/**
 * The crises this supervisor has not acknowledged since their last flag was added: drafts whatever their
 * age, other contacts for `hours`; the most recent `max`.
 */
export function openCrisesFor(db: Db, staffId: string, { hours, max }: { hours: number; max: number }) {
  return rows<OpenCrisisRow>(
    db,
    sql`SELECT c.id, c.specialist_id, c.crisis_flags, c.line_id, c.channel, c.crisis_raised_at
        FROM contacts c
        WHERE c.crisis_raised_at IS NOT NULL AND c.crisis_flags <> '{}'::text[]
          AND (c.status = 'draft' OR c.crisis_raised_at > now() - make_interval(hours => ${hours}))
          AND NOT EXISTS (SELECT 1 FROM crisis_acknowledgements a
                          WHERE a.contact_id = c.id AND a.staff_id = ${staffId}
                            AND a.acknowledged_at >= c.crisis_raised_at)
        ORDER BY c.crisis_raised_at DESC, c.id
        LIMIT ${max}`,
  );
}

/** Records (or renews) this supervisor's acknowledgement; no row when the contact does not exist. */
export async function upsertCrisisAcknowledgement(db: Db, contactId: string, staffId: string) {
  const [row] = await rows<{ acknowledged_at: Date | string }>(
    db,
    sql`INSERT INTO crisis_acknowledgements AS a (contact_id, staff_id)
        SELECT c.id, ${staffId} FROM contacts c WHERE c.id = ${contactId}
        ON CONFLICT (contact_id, staff_id) DO UPDATE SET acknowledged_at = now()
        RETURNING a.acknowledged_at`,
  );
  return row;
}
