import { z } from 'zod';
import { TotpCode } from './auth';

/** My account: what a signed-in staff member manages about their own access. */

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/** One of my signed-in sessions. `id` is a public handle, never the session's secret. */
export const AccountSession = z.object({
  id: z.uuid(),
  current: z.boolean(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  lastSeenAt: z.iso.datetime({ offset: true }),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type AccountSession = z.infer<typeof AccountSession>;

export const AccountSessionList = z.object({ items: z.array(AccountSession) });
export type AccountSessionList = z.infer<typeof AccountSessionList>;

export const AccountSessionParams = z.object({ id: z.uuid() });
export type AccountSessionParams = z.infer<typeof AccountSessionParams>;

export const EndedSessions = z.object({ ended: z.number().int() });
export type EndedSessions = z.infer<typeof EndedSessions>;

/**
 * Returned once when setting up two-step verification: the secret (to type in) and the same as an
 * `otpauth://` address and a QR code (SVG) to scan. Confirmed by a first code; never shown again.
 */
export const TotpSetup = z.object({
  secret: z.string(),
  uri: z.string(),
  qrSvg: z.string(),
});
export type TotpSetup = z.infer<typeof TotpSetup>;

export const TotpConfirmRequest = z.object({ code: TotpCode });
export type TotpConfirmRequest = z.infer<typeof TotpConfirmRequest>;

/** Setting up or turning off two-step verification asks for the password again (a session alone is not enough). */
export const TotpDisableRequest = z.object({ currentPassword: z.string().min(1).max(1024) });
export type TotpDisableRequest = z.infer<typeof TotpDisableRequest>;
export const TotpSetupRequest = TotpDisableRequest;
export type TotpSetupRequest = TotpDisableRequest;
