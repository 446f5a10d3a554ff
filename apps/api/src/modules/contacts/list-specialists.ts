import type { SpecialistList } from '@relais/contracts';
import type { ServiceContext } from '../../lib/context';
import { listSpecialists as specialistRows } from './contacts.queries';

/** GET /api/contacts/specialists: every specialist for the supervisors' filter, disabled ones last. */
export async function listSpecialists({ ctx }: { ctx: ServiceContext }): Promise<SpecialistList> {
  return { items: await specialistRows(ctx.db) };
}
