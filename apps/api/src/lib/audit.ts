import { schema, type Db } from '@relais/db';
import type { ServiceContext } from './context';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** Names of the fields read or changed; never their values. */
  fields?: string[];
}

/** Writes one audit row; call it with the service's transaction so the row commits with the change. */
export async function writeAudit(
  tx: Db,
  ctx: Pick<ServiceContext, 'actor' | 'requestId'>,
  entry: AuditEntry,
) {
  await tx.insert(schema.auditLog).values({
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    actorName: ctx.actor.name,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    fields: entry.fields ?? null,
    requestId: ctx.requestId ?? null,
  });
}

/** Field names whose values differ between two versions of a record. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): string[] {
  return Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}
