import type { OpenCrises } from '@relais/contracts';
import type { ServiceContext } from '../../lib/context';
import { crisisSupervisorId } from './contacts.access';
import { toOpenCrisis } from './contacts.mapping';
import { openCrisesFor } from './contacts.queries';

/**
 * GET /api/contacts/crises: crisis alerts from the database. The contact.crisis event is only a nudge: a
 * notification lost between API processes, or sent while a supervisor's console was reconnecting, must not
 * lose the alert. A crisis is open for a supervisor from the moment a flag is added (contacts.crisis_raised_at)
 * until they acknowledge it (dismiss or open it), like the console's alert cards; drafts stay open whatever
 * their age, others for a day.
 */

const OPEN_HOURS = 24;
const MAX_OPEN = 100;

export async function listOpenCrises({ ctx }: { ctx: ServiceContext }): Promise<OpenCrises> {
  const staffId = crisisSupervisorId(ctx.actor);
  const found = await openCrisesFor(ctx.db, staffId, { hours: OPEN_HOURS, max: MAX_OPEN });
  return { items: found.map(toOpenCrisis) };
}
