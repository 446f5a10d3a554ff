import { z } from 'zod';
import { PageQuery, pageOf } from './common';

export const ActorType = z.enum(['staff', 'api_key', 'system']);
export type ActorType = z.infer<typeof ActorType>;

/** One row of the append-only audit trail: who, when, what, which record, which fields (never values). */
export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.iso.datetime({ offset: true }),
  actorType: ActorType,
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  fields: z.array(z.string()).nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** A day (`2026-11-23`) or an instant with offset. */
const When = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const AuditQuery = PageQuery.extend({
  actorId: z.uuid().optional(),
  actorType: ActorType.optional(),
  action: z.string().trim().min(1).max(64).optional(),
  entityType: z.string().trim().min(1).max(64).optional(),
  entityId: z.string().trim().min(1).max(200).optional(),
  /** Inclusive lower bound; a bare day means its start (UTC). */
  from: When.optional(),
  /** Inclusive upper bound; a bare day means the whole day (UTC). */
  to: When.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = pageOf(AuditEntry);
export type AuditPage = z.infer<typeof AuditPage>;

/** Who can appear as an actor, for the actor filter. */
export const AuditActor = z.object({ id: z.string(), name: z.string(), type: ActorType });
export type AuditActor = z.infer<typeof AuditActor>;
export const AuditActors = z.object({ items: z.array(AuditActor) });
export type AuditActors = z.infer<typeof AuditActors>;

/** Well-known actions, for filters and labels; modules may write others. */
export const AUDIT_ACTIONS = [
  'read',
  'create',
  'update',
  'delete',
  'login',
  'login_failed',
  'logout',
  'disable',
  'enable',
  'password_reset',
  'revoke',
  'lookup',
  'close',
  'import',
  'retire',
  'search',
  'acknowledge',
  'verify',
  'replace',
  'anonymize',
  'retention',
  'password_change',
  'password_check_failed',
  'session_end',
  'sessions_end_others',
  'totp_setup',
  'totp_enable',
  'totp_disable',
  'totp_reset',
] as const;
