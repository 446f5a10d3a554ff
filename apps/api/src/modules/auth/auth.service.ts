import type { LoginRequest, Me } from '@relais/contracts';
import type { Db } from '@relais/db';
import type { Config } from '../../config';
import { writeAudit } from '../../lib/audit';
import type { Actor, ServiceContext } from '../../lib/context';
import { unauthenticated } from '../../lib/errors';
import { verifyPassword } from '../../lib/passwords';
import { newToken, sha256 } from '../../lib/tokens';
import { accountKeyOf, clearLoginAttempts, loginLimitsOf, reserveLoginAttempt } from './auth.limit';
import * as q from './auth.queries';

/** Only touch a session's expiry this often, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 15_000;

export async function login(
  { ctx, input }: { ctx: ServiceContext; input: LoginRequest & { ip?: string; userAgent?: string } },
  config: Pick<Config, 'sessionIdleMinutes' | 'loginMaxAttempts' | 'loginWindowMinutes'>,
) {
  const limits = loginLimitsOf(config);
  const accountKey = accountKeyOf(input.email);
  await reserveLoginAttempt(ctx.db, { accountKey, ip: input.ip ?? 'unknown' }, limits);

  const found = await q.findStaffByEmail(ctx.db, input.email);
  const ok = await verifyPassword(found?.passwordHash, input.password);
  if (!found || !ok || found.disabledAt) {
    // Only an existing account gets an audit row; what was typed is never recorded.
    if (found) {
      await writeAudit(ctx.db, ctx, { action: 'login_failed', entityType: 'staff', entityId: found.id });
    }
    throw unauthenticated('Email or password is not right');
  }

  const token = newToken();
  const session = {
    id: sha256(token),
    staffId: found.id,
    csrfToken: newToken(24),
    expiresAt: new Date(Date.now() + config.sessionIdleMinutes * 60_000),
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300),
  };
  await ctx.db.transaction(async (tx) => {
    await q.insertSession(tx, session);
    await q.markLoggedIn(tx, found.id);
    await writeAudit(
      tx,
      { ...ctx, actor: { type: 'staff', id: found.id, name: found.name } as Actor },
      {
        action: 'login',
        entityType: 'staff',
        entityId: found.id,
      },
    );
  });
  await clearLoginAttempts(ctx.db, accountKey, limits);
  return { token, sessionId: session.id };
}

export async function logout({ ctx }: { ctx: ServiceContext }) {
  if (ctx.actor.type !== 'staff') return;
  await ctx.db.transaction(async (tx) => {
    await q.deleteSession(tx, ctx.actor.type === 'staff' ? ctx.actor.sessionId : '');
    await writeAudit(tx, ctx, { action: 'logout', entityType: 'staff', entityId: ctx.actor.id });
  });
}

/** Resolves a session cookie to an actor, sliding its idle expiry. */
export async function actorFromSession(db: Db, token: string, idleMinutes: number) {
  const session = await q.findLiveSession(db, sha256(token));
  if (!session) return null;
  let expiresAt = session.expiresAt;
  if (Date.now() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
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
  return { actor, expiresAt, locale: session.locale };
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
  session: { expiresAt: Date; locale: string },
  config: Pick<Config, 'sessionIdleMinutes' | 'demo'>,
): Me {
  return {
    staff: {
      id: actor.id,
      email: actor.email,
      name: actor.name,
      roles: actor.roles,
      locale: session.locale === 'fr' ? 'fr' : 'en',
    },
    csrfToken: actor.csrfToken,
    idleTimeoutMinutes: config.sessionIdleMinutes,
    expiresAt: session.expiresAt.toISOString(),
    demo: config.demo,
  };
}
