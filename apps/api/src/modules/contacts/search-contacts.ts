import type { ContactListQuery, ContactPage } from '@relais/contracts';
import type { z } from 'zod';
import { writeAudit } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import { isSupervisor } from './contacts.access';
import { toContactSummary } from './contacts.mapping';
import { findContactSummaries } from './contacts.search.queries';

/**
 * POST /api/contacts/search. Supervisors search every contact; a specialist only ever sees their own. The
 * filters arrive in a POST body (a place is personal data, kept out of URLs and access logs); each contact
 * listed gets a 'search' audit row.
 */
export async function searchContacts({
  ctx,
  query,
}: {
  ctx: ServiceContext;
  query: z.output<typeof ContactListQuery>;
}): Promise<ContactPage> {
  const specialistId = isSupervisor(ctx.actor) ? query.specialistId : (ctx.actor.id ?? '');
  const { found, total } = await findContactSummaries(ctx.db, {
    query,
    specialistId,
    timeZone: ctx.timeZone,
  });
  await writeAudit(
    ctx.db,
    ctx,
    found.map((r) => ({ action: 'search', entityType: 'contact', entityId: r.id })),
  );
  return { items: found.map(toContactSummary), total, page: query.page, perPage: query.perPage };
}
