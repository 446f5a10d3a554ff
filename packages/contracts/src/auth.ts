import { z } from 'zod';
import { Locale, Role, Scope } from './common';

export const LoginRequest = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const StaffSummary = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  roles: z.array(Role),
  locale: Locale,
});
export type StaffSummary = z.infer<typeof StaffSummary>;

export const Me = z.object({
  staff: StaffSummary,
  /** Send back as the `x-csrf-token` header on every state-changing request made with the cookie. */
  csrfToken: z.string(),
  /** Minutes of inactivity after which the session ends. */
  idleTimeoutMinutes: z.number().int(),
  expiresAt: z.iso.datetime({ offset: true }),
  demo: z.boolean(),
});
export type Me = z.infer<typeof Me>;

export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'relais_session';

// API keys for machine clients: shown once at creation, stored as a SHA-256 hash.
export const API_KEY_PREFIX = 'rls_';

export const ApiKey = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The first characters of the key, enough to tell keys apart. */
  prefix: z.string(),
  scopes: z.array(Scope),
  createdAt: z.iso.datetime({ offset: true }),
  createdBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  lastUsedAt: z.iso.datetime({ offset: true }).nullable(),
  revokedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type ApiKey = z.infer<typeof ApiKey>;

export const ApiKeyList = z.object({ items: z.array(ApiKey) });
export type ApiKeyList = z.infer<typeof ApiKeyList>;

export const CreateApiKeyRequest = z.object({
  name: z.string().trim().min(1).max(120),
  scopes: z.array(Scope).min(1, 'give at least one scope'),
});
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequest>;

/** Returned once, at creation: `key` is never shown again. */
export const CreatedApiKey = ApiKey.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;

export const ApiKeyIdParams = z.object({ id: z.uuid() });
export type ApiKeyIdParams = z.infer<typeof ApiKeyIdParams>;
