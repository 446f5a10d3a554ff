import type { Db } from '@relais/db';
import type { Config } from '../../config';
import { AppError } from '../../lib/errors';
import { sha256 } from '../../lib/tokens';
import * as q from './auth.queries';

/**
 * Failed sign-ins slow down the one who fails, not the account: the limit follows an account *from one network
 * address*, so a stranger hammering a specialist's email from elsewhere never keeps the specialist out of their
 * shift. Past the free attempts, each further failure doubles the wait before the next try (30 s, 1 min, 2 min
 * … up to the window): a progressive delay, never a hard lock. An address on its own (many accounts tried from
 * it) is slowed the same way past ADDRESS_FACTOR accounts' worth of failures; a contact centre often signs in
 * from one shared public address, hence the factor.
 */
export const ADDRESS_FACTOR = 4;
/** The first wait, doubled after each further failure. */
export const FIRST_HOLD_SECONDS = 30;

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

/** Seconds still to wait after `earlier` failures (oldest first), or 0. */
export function holdSeconds(earlier: Array<{ at: Date }>, free: number, windowMinutes: number, now: number) {
  const last = earlier.at(-1);
  if (earlier.length < free || !last) return 0;
  const hold = Math.min(windowMinutes * 60, FIRST_HOLD_SECONDS * 2 ** (earlier.length - free));
  return Math.max(0, Math.ceil((last.at.getTime() + hold * 1000 - now) / 1000));
}

/**
 * Records this attempt before the password is checked, then looks at the others: concurrent guesses each see
 * one another's rows, so parallel requests cannot slip past the limit. Held back,
 * the attempt is withdrawn (waiting requests do not prolong the wait) and a 429 says when to try again.
 * Returns the attempt's id: kept on failure, cleared with that account's others from this address on success.
 */
export async function reserveLoginAttempt(
  db: Db,
  who: { accountKey: string; ip: string },
  limits: LoginLimits,
): Promise<number> {
  const id = await q.insertLoginAttempt(db, who);
  const scan = Math.max(limits.maxPerAccount, limits.maxPerAddress) * 4;
  const others = (rows: Array<{ id: number; at: Date }>) => rows.filter((r) => r.id !== id);
  const pair = others(await q.recentAttempts(db, who, limits.windowMinutes, scan));
  const address = others(await q.recentAttempts(db, { ip: who.ip }, limits.windowMinutes, scan));
  const now = Date.now();
  const pairWait = holdSeconds(pair, limits.maxPerAccount, limits.windowMinutes, now);
  const addressWait = holdSeconds(address, limits.maxPerAddress, limits.windowMinutes, now);
  if (pairWait === 0 && addressWait === 0) return id;

  await q.deleteLoginAttempt(db, id);
  const seconds = Math.max(pairWait, addressWait);
  const what = pairWait >= addressWait ? 'for this account from this address' : 'from this network address';
  const wait = seconds < 60 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  throw new AppError('rate_limited', `Too many failed sign-in attempts ${what}. Try again in ${wait}.`, {
    headers: { 'retry-after': String(seconds) },
    details: { retryAfterSeconds: seconds },
  });
}

/** A successful sign-in forgets that account's failures from this address; others' failures still count. */
export async function clearLoginAttempts(
  db: Db,
  who: { accountKey: string; ip: string },
  limits: LoginLimits,
) {
  await q.clearAccountAttempts(db, who);
  await q.deleteOldAttempts(db, limits.windowMinutes);
}
