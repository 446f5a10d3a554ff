import { z } from 'zod';
import { Locale, Role, Scope } from './common';

/** The 6 digits an authenticator app shows (TOTP, RFC 6238). */
export const TotpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'enter the 6 digits your authenticator app shows');
export type TotpCode = z.infer<typeof TotpCode>;

export const LoginRequest = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(1024),
  /** Needed once the person has set up two-step verification; without it the answer is 401 `secondFactor`. */
  totpCode: TotpCode.optional(),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/**
 * `details` of the 401 a sign-in gets when the password is right but the authenticator code is missing
 * (`missing`) or wrong (`invalid`): the console then asks for the code and sends the sign-in again.
 */
export const SecondFactorDetails = z.object({
  secondFactor: z.literal('totp'),
  reason: z.enum(['missing', 'invalid']),
});
export type SecondFactorDetails = z.infer<typeof SecondFactorDetails>;

/** What a person must do in this session before anything else: the server refuses every other route. */
export const RequiredStep = z.enum(['change_password', 'enrol_totp']);
export type RequiredStep = z.infer<typeof RequiredStep>;

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
  /** When the session ends unless there is activity before (slid only by a person's requests). */
  expiresAt: z.iso.datetime({ offset: true }),
  /** When the session ends whatever the activity (`SESSION_MAX_HOURS` after signing in). */
  absoluteExpiresAt: z.iso.datetime({ offset: true }),
  /** Steps the console shows before anything else (the server refuses other routes until they are done). */
  required: z.array(RequiredStep),
  /** The person has set up two-step verification (an authenticator app). */
  totpEnabled: z.boolean(),
  /** The centre requires two-step verification for one of the person's roles. */
  totpRequired: z.boolean(),
  demo: z.boolean(),
});
export type Me = z.infer<typeof Me>;

export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'relais_session';
/** The name over HTTPS (`COOKIE_SECURE`): browsers then refuse it unless Secure, for `/`, without a Domain. */
export const SECURE_SESSION_COOKIE = '__Host-relais_session';
export const sessionCookieName = (secure: boolean) => (secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE);

/**
 * The console sends `x-relais-activity: user` on requests a person caused (a click, a key, a form); only
 * those slide the session's idle expiry. Background refetches (after a live event, on focus) leave it alone.
 */
export const ACTIVITY_HEADER = 'x-relais-activity';
export const USER_ACTIVITY = 'user';

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
