import type { AuditQuery } from '@relais/contracts';
import { schema, type Db } from '@relais/db';
import { and, asc, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';

const { auditLog, staff, apiKeys } = schema;

export type AuditRow = typeof auditLog.$inferSelect;

const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

/** Read-only by design: this module has no insert, update or delete; writeAudit is the only writer. */
export async function findAudit(db: Db, query: AuditQuery) {
  const filters: SQL[] = [];
  if (query.actorId) filters.push(eq(auditLog.actorId, query.actorId));
  if (query.actorType) filters.push(eq(auditLog.actorType, query.actorType));
  if (query.action) filters.push(eq(auditLog.action, query.action));
  if (query.entityType) filters.push(eq(auditLog.entityType, query.entityType));
  if (query.entityId) filters.push(eq(auditLog.entityId, query.entityId));
  if (query.from)
    filters.push(gte(auditLog.at, new Date(isDay(query.from) ? `${query.from}T00:00:00Z` : query.from)));
  if (query.to) {
    if (isDay(query.to)) {
      const next = new Date(`${query.to}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      filters.push(lt(auditLog.at, next));
    } else filters.push(lte(auditLog.at, new Date(query.to)));
  }
  const where = filters.length ? and(...filters) : undefined;
  const [items, total] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(query.perPage)
      .offset((query.page - 1) * query.perPage),
    db.$count(auditLog, where),
  ]);
  return { items, total };
}

/** Everyone who can act: staff and API keys, for the actor filter. */
export async function listActors(db: Db) {
  const [people, keys] = await Promise.all([
    db.select({ id: staff.id, name: staff.name }).from(staff).orderBy(asc(staff.name)),
    db.select({ id: apiKeys.id, name: apiKeys.name }).from(apiKeys).orderBy(asc(apiKeys.name)),
  ]);
  return [
    ...people.map((p) => ({ ...p, type: 'staff' as const })),
    ...keys.map((k) => ({ ...k, type: 'api_key' as const })),
  ];
}
