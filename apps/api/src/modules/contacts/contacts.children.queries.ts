import { rows, type Db } from '@relais/db';
import { sql, type SQL } from 'drizzle-orm';
import { json } from './contacts.queries';
import {
  asDate,
  type FollowUpRecord,
  type FollowUpWrite,
  type NeedRecord,
  type NeedWrite,
  type ReferralRecord,
  type ReferralWrite,
} from './contacts.records';

/**
 * Writing a contact's needs, referrals and follow-ups: one statement per table whatever the number of rows.
 * Each statement only touches rows of the given contact; it returns the rows it wrote, so fewer than given
 * means an id of another contact (or an unknown term).
 */

/** Inserts or updates needs; the category is the term's top-level ancestor, found in the same statement. */
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
export const snapshotColumns = sql.raw([...SERVICE_SNAPSHOT, ...LOCATION_SNAPSHOT].join(', '));
export const snapshotValues = sql`COALESCE(s.name_en, s.name_fr, i.service_name),
  COALESCE((SELECT p.number FROM phones p WHERE p.service_id = i.service_id
             ORDER BY p.sort_order, p.id LIMIT 1), i.service_phone),
  s.name_en, s.name_fr, o.name_en, o.name_fr,
  COALESCE(l.name_en, l.name_fr, l.city, i.location_name), l.name_en, l.name_fr`;
export const snapshotJoins = sql`LEFT JOIN services s ON s.id = i.service_id
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
export const returnedSnapshot = (alias: SQL) => sql`${alias}.service_name_en AS "serviceNameEn",
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

/** Deletes these children of the contact (ids of other contacts are left alone). */
export async function deleteChildren(
  db: Db,
  table: 'contact_needs' | 'contact_referrals' | 'follow_ups',
  contactId: string,
  ids: string[],
) {
  if (ids.length === 0) return;
  await rows(
    db,
    sql`DELETE FROM ${sql.identifier(table)} WHERE contact_id = ${contactId}
        AND id IN (SELECT value::uuid FROM jsonb_array_elements_text(${json(ids)}))`,
  );
}
