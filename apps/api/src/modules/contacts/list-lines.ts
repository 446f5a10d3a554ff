import type { LineList } from '@relais/contracts';
import type { z } from 'zod';
import type { ServiceContext } from '../../lib/context';
import { linesOf } from './contacts.lines';
import { toLineList } from './contacts.mapping';

/** GET /api/contacts/lines: the centre's lines with their extra fields. */
export async function listLines({ ctx }: { ctx: ServiceContext }): Promise<z.output<typeof LineList>> {
  return toLineList((await linesOf(ctx.db)).values());
}
