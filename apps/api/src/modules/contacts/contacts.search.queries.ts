import type { Channel, ContactListQuery, ContactStatus, CrisisFlag, Disposition } from '@relais/contracts';
import { rows, type Db } from '@relais/db';
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';

/** Finding contacts, and a contact's story in the audit trail. */

export interface SummaryRow {
  id: string;
  status: ContactStatus;
  channel: Channel;
  line_id: string;
  specialist_id: string | null;
  specialist_name: string | null;
  started_at: Date | string;
  ended_at: Date | string | null;
  disposition: Disposition | null;
  caller_municipality: string | null;
  crisis_flags: CrisisFlag[];
  version: number;
  need_categories: string[] | null;
  total: string | number;
}

/** A date without a time is a day of the contact centre: 2026-01-31 = that day in `timeZone`. */
const boundary = (value: string, timeZone: string): SQL =>
  /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? sql`((${value})::date::timestamp AT TIME ZONE ${timeZone})`
    : sql`(${value})::timestamptz`;

/** One page of contacts matching the filters (specialistId: already narrowed to what the actor may see). */
export async function findContactSummaries(
  db: Db,
  {
    query,
    specialistId,
    timeZone,
  }: { query: z.output<typeof ContactListQuery>; specialistId: string | undefined; timeZone: string },
) {
  const where: SQL[] = [];
  if (specialistId) where.push(sql`c.specialist_id = ${specialistId}`);
  if (query.from) where.push(sql`c.started_at >= ${boundary(query.from, timeZone)}`);
  if (query.to) where.push(sql`c.started_at < ${boundary(query.to, timeZone)}`);
  if (query.lineId) where.push(sql`c.line_id = ${query.lineId}`);
  if (query.status) where.push(sql`c.status = ${query.status}`);
  if (query.municipality) where.push(sql`lower(c.caller_municipality) = lower(${query.municipality})`);
  if (query.crisis === 'true') where.push(sql`c.crisis_flags <> '{}'::text[]`);
  if (query.crisis === 'false') where.push(sql`c.crisis_flags = '{}'::text[]`);
  if (query.need)
    where.push(
      sql`EXISTS (SELECT 1 FROM contact_needs n WHERE n.contact_id = c.id
            AND (n.category_id = ${query.need} OR n.term_id = ${query.need}))`,
    );
  const filter = where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``;
  const offset = (query.page - 1) * query.perPage;
  const found = await rows<SummaryRow>(
    db,
    sql`SELECT c.id, c.status, c.channel, c.line_id, c.specialist_id, s.name AS specialist_name, c.started_at,
          c.ended_at, c.disposition, c.caller_municipality, c.crisis_flags, c.version,
          (SELECT array_agg(DISTINCT n.category_id) FROM contact_needs n WHERE n.contact_id = c.id)
            AS need_categories,
          count(*) OVER () AS total
        FROM contacts c LEFT JOIN staff s ON s.id = c.specialist_id
        ${filter}
        ORDER BY c.started_at DESC, c.id
        LIMIT ${query.perPage} OFFSET ${offset}`,
  );
  let total = Number(found[0]?.total ?? 0);
  // A page past the end has no row to carry the count.
  if (found.length === 0 && offset > 0) {
    const [count] = await rows<{ n: string | number }>(
      db,
      sql`SELECT count(*) AS n FROM contacts c ${filter}`,
    );
    total = Number(count?.n ?? 0);
  }
  return { found, total };
}

export interface TimelineRow {
  at: Date | string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  fields: string[] | null;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
}

/**
 * The audit rows of a contact and of its needs, referrals and follow-ups, oldest first; appearances in search
 * results are left out (a busy list would bury the story).
 */
export function auditTrailOf(db: Db, id: string) {
  return rows<TimelineRow>(
    db,
    sql`SELECT a.at, a.action, a.entity_type, a.entity_id, a.fields, a.actor_type, a.actor_id, a.actor_name
        FROM audit_log a
        WHERE (a.entity_type = 'contact' AND a.entity_id = ${id} AND a.action <> 'search')
           OR (a.entity_type = 'contact_need' AND a.entity_id IN
                (SELECT n.id::text FROM contact_needs n WHERE n.contact_id = ${id}))
           OR (a.entity_type = 'contact_referral' AND a.entity_id IN
                (SELECT r.id::text FROM contact_referrals r WHERE r.contact_id = ${id}))
           OR (a.entity_type = 'follow_up' AND a.entity_id IN
                (SELECT f.id::text FROM follow_ups f WHERE f.contact_id = ${id}))
        ORDER BY a.at, a.id`,
  );
}
