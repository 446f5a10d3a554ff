import type { Db } from '@relais/db';
import type { Config } from '../../config';
import { AppError } from '../../lib/errors';
import { sha256 } from '../../lib/tokens';
import * as q from './auth.queries';

/**
 * A contact centre often signs in from one shared public address, so the address allows several
 * accounts' worth of failures before it is held back; one account alone gets `loginMaxAttempts`.
 */
export const ADDRESS_FACTOR = 4;

export interface LoginLimits {
  maxPerAccount: number;
  maxPerAddress: number;
  windowMinutes: number;
}

export const loginLimitsOf = (
  config: Pick<Config, 'loginMaxAttempts' | 'loginWindowMinutes'>,
): LoginLimits => ({
  maxPerAccount: config.loginMaxAttempts,
  maxPerAddress: config.loginMaxAttempts * ADDRESS_FACTOR,
  windowMinutes: config.loginWindowMinutes,
});

export const accountKeyOf = (email: string) => sha256(email.trim().toLowerCase());

/**
 * Records this attempt before the password is checked, then counts: concurrent guesses each see the
 * others' rows, so parallel requests cannot slip past the limit. Over the limit, the attempt is
 * withdrawn (held-back requests do not prolong the wait) and a 429 names when to try again.
 * Returns the attempt's id: kept on failure, cleared with the account's others on success.
 */
export async function reserveLoginAttempt(
  db: Db,
  who: { accountKey: string; ip: string },
  limits: LoginLimits,
): Promise<number> {
  const id = await q.insertLoginAttempt(db, who);
  const scan = Math.max(limits.maxPerAccount, limits.maxPerAddress) * 4;
  const account = await q.recentAttempts(db, { accountKey: who.accountKey }, limits.windowMinutes, scan);
  const address = await q.recentAttempts(db, { ip: who.ip }, limits.windowMinutes, scan);
  const blocked =
    account.length > limits.maxPerAccount
      ? { what: 'for this account', rows: account, max: limits.maxPerAccount }
      : address.length > limits.maxPerAddress
        ? { what: 'from this network address', rows: address, max: limits.maxPerAddress }
        : null;
  if (!blocked) return id;

  await q.deleteLoginAttempt(db, id);
  const others = blocked.rows.filter((r) => r.id !== id);
  // The hold lifts once enough of the oldest failures have left the window to fall under the limit.
  const freeing = others[Math.max(0, others.length - blocked.max)] ?? others[0];
  const windowMs = limits.windowMinutes * 60_000;
  const seconds = freeing ? Math.max(1, Math.ceil((freeing.at.getTime() + windowMs - Date.now()) / 1000)) : 1;
  const minutes = Math.ceil(seconds / 60);
  throw new AppError(
    'rate_limited',
    `Too many failed sign-in attempts ${blocked.what}. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    { headers: { 'retry-after': String(seconds) }, details: { retryAfterSeconds: seconds } },
  );
}

/** A successful sign-in forgets that account's failures only; the address keeps other accounts' failures. */
export async function clearLoginAttempts(db: Db, accountKey: string, limits: LoginLimits) {
  await q.clearAccountAttempts(db, accountKey);
  await q.deleteOldAttempts(db, limits.windowMinutes);
}
