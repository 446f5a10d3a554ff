import { rows } from '@relais/db';
import type {
  Channel,
  ContactListQuery,
  ContactPage,
  ContactStatus,
  ContactTimeline,
  CrisisFlag,
  Disposition,
} from '@relais/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { hasRole, type ServiceContext } from '../../lib/context';
import { notFound } from '../../lib/errors';
import { assertCanRead } from './contacts.access';
import { insertAuditRows } from './contacts.mutations';
import { findContact } from './contacts.queries';

/** Dates without a time are days of the contact centre (Ontario): 2026-01-31 = that day in Toronto. */
export const CENTRE_TIME_ZONE = 'America/Toronto';

const boundary = (value: string): SQL =>
  /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? sql`((${value})::date::timestamp AT TIME ZONE ${CENTRE_TIME_ZONE})`
    : sql`(${value})::timestamptz`;

interface SummaryRow {
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

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

/**
 * Supervisors search every contact; a specialist only ever sees their own. The filters arrive in a POST body
 * (a place is personal data, kept out of URLs and access logs); each contact listed gets a 'search' audit row.
 */
export async function listContacts({
  ctx,
  query,
}: {
  ctx: ServiceContext;
  query: z.output<typeof ContactListQuery>;
}): Promise<ContactPage> {
  const where: SQL[] = [];
  const specialistId = hasRole(ctx.actor, 'supervisor') ? query.specialistId : (ctx.actor.id ?? '');
  if (specialistId) where.push(sql`c.specialist_id = ${specialistId}`);
  if (query.from) where.push(sql`c.started_at >= ${boundary(query.from)}`);
  if (query.to) where.push(sql`c.started_at < ${boundary(query.to)}`);
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
    ctx.db,
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
  if (found.length === 0 && offset > 0) {
    const [count] = await rows<{ n: string | number }>(
      ctx.db,
      sql`SELECT count(*) AS n FROM contacts c ${filter}`,
    );
    total = Number(count?.n ?? 0);
  }
  await insertAuditRows(
    ctx.db,
    ctx.actor,
    ctx.requestId,
    found.map((r) => ({ action: 'search', entityType: 'contact', entityId: r.id, fields: null })),
  );
  return {
    items: found.map((r) => ({
      id: r.id,
      status: r.status,
      channel: r.channel,
      lineId: r.line_id,
      specialist: r.specialist_id ? { id: r.specialist_id, name: r.specialist_name ?? '' } : null,
      startedAt: iso(r.started_at),
      endedAt: r.ended_at === null ? null : iso(r.ended_at),
      disposition: r.disposition,
      municipality: r.caller_municipality,
      needCategories: r.need_categories ?? [],
      crisisFlags: r.crisis_flags,
      version: r.version,
    })),
    total,
    page: query.page,
    perPage: query.perPage,
  };
}

/**
 * The contact's story from the audit trail: its own rows (created, edited, read, closed) and those of its
 * needs, referrals and follow-ups, oldest first, with the actor's name as it was at the time. Appearances in
 * search results are left out (the audit view has them): a busy list would bury the story.
 */
export async function contactTimeline({
  ctx,
  id,
}: {
  ctx: ServiceContext;
  id: string;
}): Promise<ContactTimeline> {
  const record = await findContact(ctx.db, id);
  if (!record) throw notFound('Contact');
  assertCanRead(ctx.actor, record);
  // Written first, so the story includes this reading of it.
  await insertAuditRows(ctx.db, ctx.actor, ctx.requestId, [
    { action: 'read', entityType: 'contact', entityId: id, fields: ['timeline'] },
  ]);
  const found = await rows<{
    at: Date | string;
    action: string;
    entity_type: string;
    entity_id: string | null;
    fields: string[] | null;
    actor_type: string;
    actor_id: string | null;
    actor_name: string | null;
  }>(
    ctx.db,
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
  return {
    items: found.map((r) => ({
      at: iso(r.at),
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      fields: r.fields ?? [],
      actor: { type: r.actor_type, id: r.actor_id, name: r.actor_name },
    })),
  };
}
