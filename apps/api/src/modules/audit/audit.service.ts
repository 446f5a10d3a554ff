import type { ActorType, AuditEntry, AuditQuery } from '@relais/contracts';
import type { ServiceContext } from '../../lib/context';
import { invalid } from '../../lib/errors';
import * as q from './audit.queries';

export function auditEntryOf(row: q.AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorType: row.actorType as ActorType,
    actorId: row.actorId,
    actorName: row.actorName,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    fields: row.fields,
    requestId: row.requestId,
  };
}

/** Newest first. Browsing the trail is not itself audited: it holds no personal values. */
export async function browseAudit({ ctx, input }: { ctx: ServiceContext; input: AuditQuery }) {
  if (input.from && input.to && input.to < input.from) throw invalid('query.to', 'must not be before from');
  const { items, total } = await q.findAudit(ctx.db, input);
  return { items: items.map(auditEntryOf), total, page: input.page, perPage: input.perPage };
}

export async function auditActors({ ctx }: { ctx: ServiceContext }) {
  return { items: await q.listActors(ctx.db) };
}
