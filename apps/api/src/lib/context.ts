import type { Db } from '@relais/db';
import type { Role, Scope } from '@relais/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Realtime } from './realtime';

export type Actor =
  | {
      type: 'staff';
      id: string;
      name: string;
      email: string;
      roles: Role[];
      sessionId: string;
      csrfToken: string;
    }
  | { type: 'api_key'; id: string; name: string; scopes: Scope[] }
  | { type: 'system'; id: null; name: string };

export const systemActor = (name = 'system'): Actor => ({ type: 'system', id: null, name });

/** What every service function receives: the database, who is acting, and where to log and publish. */
export interface ServiceContext {
  db: Db;
  actor: Actor;
  log: FastifyBaseLogger;
  requestId?: string;
  realtime: Realtime;
  /** The centre's time zone (config TIME_ZONE). */
  timeZone: string;
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.type === 'staff' && actor.roles.some((r) => roles.includes(r));
}
