import { MIN_PASSWORD_LENGTH, type AccountSession, type ChangePasswordRequest } from '@relais/contracts';
import type { Config } from '../../config';
import type { Actor, ServiceContext } from '../../lib/context';
import { conflict, forbidden, invalid, notFound, unauthenticated } from '../../lib/errors';
import { hashPassword, verifyPassword } from '../../lib/passwords';
import { withTransaction } from '../../lib/transaction';
import { accountKeyOf, clearLoginAttempts, loginLimitsOf, reserveLoginAttempt } from './auth.limit';
import { TOTP_CLEARED, totpRequiredFor } from './auth.service';
import * as q from './account.queries';
import { newTotpSecret, totpEnrolment, totpStepOf } from './totp';

type Staff = Extract<Actor, { type: 'staff' }>;

function staffOf(ctx: ServiceContext): Staff {
  if (ctx.actor.type !== 'staff') throw unauthenticated();
  return ctx.actor;
}

async function ownRow(tx: ServiceContext['db'], me: Staff) {
  const row = await q.lockOwnStaffRow(tx, me.id);
  if (!row) throw unauthenticated();
  return row;
}

type LimitConfig = Pick<Config, 'loginMaxAttempts' | 'loginWindowMinutes'>;

/**
 * Asks for the person's password again before a change to their credentials, so a session alone (a
 * workstation left open) is not enough. Wrong tries are audited and slowed down like sign-ins, per account
 * from any address. Checked before the change's transaction (argon2 takes a while; nothing waits on a lock
 * meanwhile); returns the hash checked, which the transaction confirms is still the one stored.
 */
async function confirmOwnPassword(ctx: ServiceContext, me: Staff, password: string, config: LimitConfig) {
  const limits = loginLimitsOf(config);
  const who = { accountKey: `reauth:${accountKeyOf(me.email)}`, ip: `reauth:${me.id}` };
  await reserveLoginAttempt(ctx.db, who, limits);
  const hash = await q.ownPasswordHash(ctx.db, me.id);
  if (!hash || !(await verifyPassword(hash, password))) {
    await withTransaction(ctx, (_tx, audit) =>
      audit({ action: 'password_check_failed', entityType: 'staff', entityId: me.id }),
    );
    throw invalid('currentPassword', 'is not your current password');
  }
  await clearLoginAttempts(ctx.db, who, limits);
  return hash;
}

/** Inside the change's transaction: the password checked is still the one stored (no change in between). */
function stillTheSame(row: { passwordHash: string }, checked: string) {
  if (row.passwordHash !== checked) throw conflict('Your password was changed meanwhile: try again');
}

/** The other sessions' sockets close once the change is committed. */
function disconnect(ctx: ServiceContext, sessionIds: string[]) {
  for (const id of sessionIds) ctx.realtime.disconnectSession(id, 'logout');
}

/**
 * Changes one's own password (the current one required). Ends every other session of the person, and
 * clears the change an administrator's reset asked for.
 */
export async function changePassword(
  { ctx, input }: { ctx: ServiceContext; input: ChangePasswordRequest },
  policy: Pick<Config, 'demo'> & LimitConfig,
) {
  const me = staffOf(ctx);
  if (!policy.demo && input.newPassword.length < MIN_PASSWORD_LENGTH) {
    throw invalid('newPassword', `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (input.newPassword === input.currentPassword) {
    throw invalid('newPassword', 'must differ from the current password');
  }
  const checked = await confirmOwnPassword(ctx, me, input.currentPassword, policy);
  const passwordHash = await hashPassword(input.newPassword);
  const ended = await withTransaction(ctx, async (tx, audit) => {
    stillTheSame(await ownRow(tx, me), checked);
    await q.updateOwnStaffRow(tx, me.id, { passwordHash, mustChangePassword: false });
    const others = await q.deleteOtherSessions(tx, me.id, me.sessionId);
    await audit({
      action: 'password_change',
      entityType: 'staff',
      entityId: me.id,
      fields: ['password'],
    });
    return others;
  });
  disconnect(ctx, ended);
  return { ended: ended.length };
}

export async function listOwnSessions({ ctx }: { ctx: ServiceContext }): Promise<AccountSession[]> {
  const me = staffOf(ctx);
  const rows = await q.liveSessionsOf(ctx.db, me.id);
  return rows.map((r) => ({
    id: r.publicId,
    current: r.sessionId === me.sessionId,
    userAgent: r.userAgent,
    ip: r.ip,
    createdAt: r.createdAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
  }));
}

/** Ends one of one's own other sessions (a workstation left signed in); its live connection closes. */
export async function endOwnSession({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  const me = staffOf(ctx);
  const sessionId = await withTransaction(ctx, async (tx, audit) => {
    const mine = await q.liveSessionsOf(tx, me.id);
    if (mine.find((s) => s.publicId === input.id)?.sessionId === me.sessionId) {
      throw conflict('This is the session you are using: sign out instead');
    }
    const id = await q.deleteSessionByPublicId(tx, me.id, input.id);
    if (!id) throw notFound('Session');
    await audit({ action: 'session_end', entityType: 'session', entityId: input.id });
    return id;
  });
  disconnect(ctx, [sessionId]);
  return { ended: 1 };
}

export async function endOtherSessions({ ctx }: { ctx: ServiceContext }) {
  const me = staffOf(ctx);
  const ended = await withTransaction(ctx, async (tx, audit) => {
    const ids = await q.deleteOtherSessions(tx, me.id, me.sessionId);
    await audit({
      action: 'sessions_end_others',
      entityType: 'staff',
      entityId: me.id,
      fields: ids.length ? ['sessions'] : [],
    });
    return ids;
  });
  disconnect(ctx, ended);
  return { ended: ended.length };
}

/** Starts setting up two-step verification: a new secret, shown this once, waiting for a first code. */
export async function startTotpSetup({
  ctx,
  input,
  config,
}: {
  ctx: ServiceContext;
  input: { currentPassword: string };
  config: LimitConfig;
}) {
  const me = staffOf(ctx);
  // Whoever holds only a session (a workstation left open) cannot tie the account to their own phone.
  const checked = await confirmOwnPassword(ctx, me, input.currentPassword, config);
  const secret = newTotpSecret();
  await withTransaction(ctx, async (tx, audit) => {
    const row = await ownRow(tx, me);
    stillTheSame(row, checked);
    if (row.totpSecret) {
      throw conflict('Two-step verification is already on: turn it off first to use another device');
    }
    await q.updateOwnStaffRow(tx, me.id, { totpPendingSecret: secret });
    await audit({ action: 'totp_setup', entityType: 'staff', entityId: me.id });
  });
  return totpEnrolment(secret, me.email);
}

/** A first code from the app proves it holds the secret: two-step verification is then on. */
export async function confirmTotp({ ctx, input }: { ctx: ServiceContext; input: { code: string } }) {
  const me = staffOf(ctx);
  await withTransaction(ctx, async (tx, audit) => {
    const row = await ownRow(tx, me);
    if (!row.totpPendingSecret) throw conflict('Start setting up two-step verification first');
    const step = totpStepOf(row.totpPendingSecret, input.code);
    if (step === null) {
      throw invalid(
        'code',
        'is not right: check that the phone shows the right time, and enter the code it shows now',
      );
    }
    await q.updateOwnStaffRow(tx, me.id, {
      totpSecret: row.totpPendingSecret,
      totpPendingSecret: null,
      totpEnabledAt: new Date(),
      totpLastCounter: step,
    });
    await audit({ action: 'totp_enable', entityType: 'staff', entityId: me.id, fields: ['totp'] });
  });
  return { ok: true as const };
}

/** Turns two-step verification off (the password required), unless the centre requires it for a role held. */
export async function disableTotp(
  { ctx, input }: { ctx: ServiceContext; input: { currentPassword: string } },
  config: Pick<Config, 'totpRequiredRoles'> & LimitConfig,
) {
  const me = staffOf(ctx);
  if (totpRequiredFor(me.roles, config)) {
    throw forbidden('Your centre requires two-step verification for your role: it cannot be turned off');
  }
  const checked = await confirmOwnPassword(ctx, me, input.currentPassword, config);
  await withTransaction(ctx, async (tx, audit) => {
    const row = await ownRow(tx, me);
    stillTheSame(row, checked);
    if (!row.totpSecret && !row.totpPendingSecret) return;
    await q.updateOwnStaffRow(tx, me.id, TOTP_CLEARED);
    await audit({ action: 'totp_disable', entityType: 'staff', entityId: me.id, fields: ['totp'] });
  });
  return { ok: true as const };
}
