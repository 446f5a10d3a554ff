import { bigserial, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only: no route updates or deletes these rows, and a trigger refuses it at the database.
 * `fields` names what changed; personal values are never stored here.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorType: text('actor_type').notNull(), // staff | api_key | system
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(), // create | update | delete | read | login | …
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    fields: text('fields').array(),
    requestId: text('request_id'),
  },
  (t) => [
    index('audit_entity_idx').on(t.entityType, t.entityId),
    index('audit_at_idx').on(t.at),
    index('audit_actor_idx').on(t.actorId, t.at),
  ],
);
