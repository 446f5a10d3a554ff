import { z } from 'zod';
import type { ContactChangedEvent, ContactCrisisEvent } from './contacts';

/**
 * Socket events notify; the console refetches. Each event carries ids and small deltas only,
 * never personal details. Feature issues add their events here.
 */
export const EntityChanged = z.object({
  entity: z.string(),
  id: z.string(),
  version: z.number().int().optional(),
  action: z.enum(['created', 'updated', 'deleted']),
});
export type EntityChanged = z.infer<typeof EntityChanged>;

export const SessionEnded = z.object({ reason: z.enum(['logout', 'disabled', 'expired']) });
export type SessionEnded = z.infer<typeof SessionEnded>;

export interface ServerToClientEvents {
  'entity.changed': (event: EntityChanged) => void;
  'session.ended': (event: SessionEnded) => void;
  'contact.crisis': (event: ContactCrisisEvent) => void;
  'contact.changed': (event: ContactChangedEvent) => void;
  /** Events may have been missed (the server's link to the others was down): refetch everything. */
  'realtime.resync': (event: Record<string, never>) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClientToServerEvents {}

/** Rooms a socket joins: its session's, its staff member's, and one per role. */
export const rooms = {
  session: (id: string) => `session:${id}`,
  staff: (id: string) => `staff:${id}`,
  role: (role: string) => `role:${role}`,
};
