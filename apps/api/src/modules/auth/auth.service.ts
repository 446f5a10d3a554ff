import {
  asLocale,
  type LoginRequest,
  type Me,
  type RequiredStep,
  type Role,
  type SecondFactorDetails,
} from '@relais/contracts';
import type { Db } from '@relais/db';
import type { Config } from '../../config';
import type { Actor, ServiceContext } from '../../lib/context';
import { AppError, unauthenticated } from '../../lib/errors';
import { verifyPassword } from '../../lib/passwords';
import { newToken, sha256 } from '../../lib/tokens';
import { withTransaction } from '../../lib/transaction';
import { accountKeyOf, clearLoginAttempts, loginLimitsOf, reserveLoginAttempt } from './auth.limit';
import * as q from './auth.queries';
import { totpStepOf } from './totp';

/** Only touch a session's expiry this often, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 15_000;

export async function login(
  { ctx, input }: { ctx: ServiceContext; input: LoginRequest & { ip?: string; userAgent?: string } },
  config: Pick<Config, 'sessionIdleMinutes' | 'sessionMaxHours' | 'loginMaxAttempts' | 'loginWindowMinutes'>,
) {
  const limits = loginLimitsOf(config);
  const accountKey = accountKeyOf(input.email);
  await reserveLoginAttempt(ctx.db, { accountKey, ip: input.ip ?? 'unknown' }, limits);

  const found = await q.findStaffByEmail(ctx.db, input.email);
  const ok = await verifyPassword(found?.passwordHash, input.password);
  if (!found || !ok || found.disabledAt) {
    // Only an existing account gets an audit row; what was typed is never recorded.
    if (found) {
      await withTransaction(ctx, (_tx, audit) =>
        audit({ action: 'login_failed', entityType: 'staff', entityId: found.id }),
      );
    }
    throw unauthenticated('Email or password is not right');
  }
  if (found.totpSecret) {
    // Only someone who knows the password gets here: wrong codes count per account from any address, so
    // spreading guesses over many addresses does not help; it cannot keep out anyone who lacks the password.
    const secondFactor = { accountKey: `totp:${accountKey}`, ip: `totp:${accountKey}` };
    await reserveLoginAttempt(ctx.db, secondFactor, limits);
    await checkSecondFactor(ctx, found, input.totpCode);
    await clearLoginAttempts(ctx.db, secondFactor, limits);
  }

  const token = newToken();
  const now = Date.now();
  const absoluteExpiresAt = new Date(now + config.sessionMaxHours * 3_600_000);
  const session = {
    id: sha256(token),
    staffId: found.id,
    csrfToken: newToken(24),
    expiresAt: new Date(Math.min(now + config.sessionIdleMinutes * 60_000, absoluteExpiresAt.getTime())),
    absoluteExpiresAt,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300),
  };
  const signedIn = { ...ctx, actor: { type: 'staff', id: found.id, name: found.name } as Actor };
  await withTransaction(signedIn, async (tx, audit) => {
    await q.insertSession(tx, session);
    await q.markLoggedIn(tx, found.id);
    await audit({ action: 'login', entityType: 'staff', entityId: found.id });
  });
  await clearLoginAttempts(ctx.db, { accountKey, ip: input.ip ?? 'unknown' }, limits);
  return { token, sessionId: session.id };
}

const secondFactorNeeded = (message: string, details: SecondFactorDetails) =>
  new AppError('unauthenticated', message, { details });

/**
 * The password was right and the person has an authenticator: the code must be one not used before.
 * A wrong code is a failed sign-in (audited, and counted by the sign-in limits like a wrong password).
 */
async function checkSecondFactor(
  ctx: ServiceContext,
  found: { id: string; totpSecret: string | null },
  code: string | undefined,
) {
  if (!code) {
    throw secondFactorNeeded('Enter the 6-digit code from your authenticator app', {
      secondFactor: 'totp',
      reason: 'missing',
    });
  }
  const step = found.totpSecret ? totpStepOf(found.totpSecret, code) : null;
  if (step === null || !(await q.acceptTotpStep(ctx.db, found.id, step))) {
    await withTransaction(ctx, (_tx, audit) =>
      audit({ action: 'login_failed', entityType: 'staff', entityId: found.id, fields: ['totp'] }),
    );
    throw secondFactorNeeded('This code is not right or was already used: enter the one your app shows now', {
      secondFactor: 'totp',
      reason: 'invalid',
    });
  }
}

export async function logout({ ctx }: { ctx: ServiceContext }) {
  const me = ctx.actor;
  if (me.type !== 'staff') return;
  await withTransaction(ctx, async (tx, audit) => {
    await q.deleteSession(tx, me.sessionId);
    await audit({ action: 'logout', entityType: 'staff', entityId: me.id });
  });
}

/**
 * Resolves a session cookie to an actor. Only a person's own requests (`slide`) push back the idle
 * expiry: background refetches and live connections leave it, so an unattended console still ends.
 */
export async function actorFromSession(
  db: Db,
  token: string,
  idleMinutes: number,
  { slide }: { slide: boolean },
) {
  const session = await q.findLiveSession(db, sha256(token));
  if (!session) return null;
  let expiresAt = session.expiresAt;
  if (slide && Date.now() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    expiresAt = (await q.touchSession(db, session.sessionId, idleMinutes)) ?? expiresAt;
  }
  const actor: Actor = {
    type: 'staff',
    id: session.staffId,
    name: session.name,
    email: session.email,
    roles: session.roles,
    sessionId: session.sessionId,
    csrfToken: session.csrfToken,
  };
  return {
    actor,
    expiresAt,
    absoluteExpiresAt: session.absoluteExpiresAt,
    publicId: session.publicId,
    locale: session.locale,
    mustChangePassword: session.mustChangePassword,
    totpEnabled: session.totpEnabled,
  };
}

/** When a session ends if nothing slides it, or null when it has ended (read without sliding it). */
export async function liveSessionExpiry(db: Db, sessionId: string): Promise<Date | null> {
  return (await q.findLiveSession(db, sessionId))?.expiresAt ?? null;
}

/** The id of the account with this email (any case), if there is one. */
export async function staffIdOfEmail(db: Db, email: string): Promise<string | undefined> {
  return (await q.findStaffByEmail(db, email))?.id;
}

/** The columns that, cleared, remove a person's two-step verification (set-up or pending). */
export const TOTP_CLEARED = {
  totpSecret: null,
  totpPendingSecret: null,
  totpEnabledAt: null,
  totpLastCounter: null,
} as const;

export type StaffSession = NonNullable<Awaited<ReturnType<typeof actorFromSession>>>;

export const totpRequiredFor = (roles: readonly Role[], config: Pick<Config, 'totpRequiredRoles'>) =>
  roles.some((r) => config.totpRequiredRoles.includes(r));

/** What this session must do before anything else: change an admin-set password, set up TOTP. */
export function requiredSteps(
  roles: readonly Role[],
  session: Pick<StaffSession, 'mustChangePassword' | 'totpEnabled'>,
  config: Pick<Config, 'totpRequiredRoles'>,
): RequiredStep[] {
  const steps: RequiredStep[] = [];
  if (session.mustChangePassword) steps.push('change_password');
  if (!session.totpEnabled && totpRequiredFor(roles, config)) steps.push('enrol_totp');
  return steps;
}

export async function actorFromApiKey(db: Db, key: string): Promise<Actor | null> {
  const found = await q.findLiveApiKey(db, sha256(key));
  if (!found) return null;
  if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > 60_000)
    await q.touchApiKey(db, found.id);
  return { type: 'api_key', id: found.id, name: found.name, scopes: found.scopes };
}

export function meOf(
  actor: Extract<Actor, { type: 'staff' }>,
  session: Pick<
    StaffSession,
    'expiresAt' | 'absoluteExpiresAt' | 'locale' | 'mustChangePassword' | 'totpEnabled'
  >,
  config: Pick<Config, 'sessionIdleMinutes' | 'demo' | 'totpRequiredRoles'>,
): Me {
  return {
    staff: {
      id: actor.id,
      email: actor.email,
      name: actor.name,
      roles: actor.roles,
      locale: asLocale(session.locale),
    },
    csrfToken: actor.csrfToken,
    idleTimeoutMinutes: config.sessionIdleMinutes,
    expiresAt: session.expiresAt.toISOString(),
    absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
    required: requiredSteps(actor.roles, session, config),
    totpEnabled: session.totpEnabled,
    totpRequired: totpRequiredFor(actor.roles, config),
    demo: config.demo,
  };
}
