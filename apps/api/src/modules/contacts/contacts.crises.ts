import type { Channel, CrisisAcknowledged, CrisisFlag, OpenCrises } from '@relais/contracts';
import { rows } from '@relais/db';
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context';
import { forbidden, notFound } from '../../lib/errors';
import { insertAuditRows } from './contacts.mutations';

/**
 * Crisis alerts from the database. The contact.crisis event is only a nudge: a notification lost between API
 * processes, or sent while a supervisor's console was reconnecting, must not lose the alert. A crisis is open
 * for a supervisor from the moment a flag is added (contacts.crisis_raised_at) until they acknowledge it
 * (dismiss or open it), like the console's alert cards; drafts stay open whatever their age, others for a day.
 */

const OPEN_HOURS = 24;
const MAX_OPEN = 100;

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

function supervisorId(ctx: ServiceContext) {
  if (ctx.actor.type !== 'staff') throw forbidden('Crisis alerts are for supervisors');
  return ctx.actor.id;
}

export async function listOpenCrises({ ctx }: { ctx: ServiceContext }): Promise<OpenCrises> {
  const staffId = supervisorId(ctx);
  const found = await rows<{
    id: string;
    specialist_id: string | null;
    crisis_flags: CrisisFlag[];
    line_id: string;
    channel: Channel;
    crisis_raised_at: Date | string;
  }>(
    ctx.db,
    sql`SELECT c.id, c.specialist_id, c.crisis_flags, c.line_id, c.channel, c.crisis_raised_at
        FROM contacts c
        WHERE c.crisis_raised_at IS NOT NULL AND c.crisis_flags <> '{}'::text[]
          AND (c.status = 'draft' OR c.crisis_raised_at > now() - make_interval(hours => ${OPEN_HOURS}))
          AND NOT EXISTS (SELECT 1 FROM crisis_acknowledgements a
                          WHERE a.contact_id = c.id AND a.staff_id = ${staffId}
                            AND a.acknowledged_at >= c.crisis_raised_at)
        ORDER BY c.crisis_raised_at DESC, c.id
        LIMIT ${MAX_OPEN}`,
  );
  return {
    items: found.map((c) => ({
      contactId: c.id,
      specialistId: c.specialist_id,
      flags: c.crisis_flags,
      lineId: c.line_id,
      channel: c.channel,
      at: iso(c.crisis_raised_at),
    })),
  };
}

/** This supervisor has seen the alert: it stays away until another flag is added to the contact. */
export async function acknowledgeCrisis({
  ctx,
  id,
}: {
  ctx: ServiceContext;
  id: string;
}): Promise<CrisisAcknowledged> {
  const staffId = supervisorId(ctx);
  return ctx.db.transaction(async (tx) => {
    const [row] = await rows<{ acknowledged_at: Date | string }>(
      tx,
      sql`INSERT INTO crisis_acknowledgements AS a (contact_id, staff_id)
          SELECT c.id, ${staffId} FROM contacts c WHERE c.id = ${id}
          ON CONFLICT (contact_id, staff_id) DO UPDATE SET acknowledged_at = now()
          RETURNING a.acknowledged_at`,
    );
    if (!row) throw notFound('Contact');
    await insertAuditRows(tx, ctx.actor, ctx.requestId, [
      { action: 'acknowledge', entityType: 'contact', entityId: id, fields: ['crisisFlags'] },
    ]);
    return { contactId: id, acknowledgedAt: iso(row.acknowledged_at) };
  });
}
